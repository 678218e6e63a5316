/** vSwitches (VPC DescribeVSwitchAttributes): zone, CIDR, bound network ACL and route table. */
import 'server-only';

import * as vpc from '@alicloud/vpc20160428';

import type { VSwitch } from '@/lib/analysis/model';

import type { CloudClients } from './clients';
import { orNull } from './convert';
import { toUpstreamError } from './errors';

/** Converts a DescribeVSwitchAttributes body. `NetworkAclId` is empty when no ACL is bound. */
export function toVSwitch(raw: vpc.DescribeVSwitchAttributesResponseBody): VSwitch {
  return {
    id: raw.vSwitchId ?? '',
    vpcId: raw.vpcId ?? '',
    zoneId: raw.zoneId ?? '',
    cidrBlock: raw.cidrBlock ?? '',
    networkAclId: orNull(raw.networkAclId),
    routeTableId: orNull(raw.routeTable?.routeTableId),
    routeTableType: orNull(raw.routeTable?.routeTableType),
  };
}

/** The vSwitches with these ids, one DescribeVSwitchAttributes call each, in parallel. */
export async function describeVSwitches(clients: CloudClients, ids: string[]): Promise<VSwitch[]> {
  return Promise.all(
    [...new Set(ids)].map(async (id) => {
      const request = new vpc.DescribeVSwitchAttributesRequest({ regionId: clients.region, vSwitchId: id });
      const response = await clients.vpc.describeVSwitchAttributes(request).catch((error: unknown) => {
        throw toUpstreamError(error, `DescribeVSwitchAttributes ${id}`);
      });
      return toVSwitch(response.body ?? new vpc.DescribeVSwitchAttributesResponseBody({ vSwitchId: id }));
    }),
  );
}
