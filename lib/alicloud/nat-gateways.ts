/** Internet egress through NAT: gateways (DescribeNatGateways) and SNAT entries (DescribeSnatTableEntries). */
import 'server-only';

import * as vpc from '@alicloud/vpc20160428';

import type { NatGateway, SnatEntry } from '@/lib/analysis/model';

import type { CloudClients } from './clients';
import { orNull, splitList } from './convert';
import { toUpstreamError } from './errors';
import { collectByNumber } from './paging';

type WireNatGateway = vpc.DescribeNatGatewaysResponseBodyNatGatewaysNatGateway;
type WireSnatEntry = vpc.DescribeSnatTableEntriesResponseBodySnatTableEntriesSnatTableEntry;

/** Converts one `NatGateways.NatGateway[]` item. */
export function toNatGateway(raw: WireNatGateway): NatGateway {
  return {
    id: raw.natGatewayId ?? '',
    name: raw.name ?? '',
    vpcId: raw.vpcId ?? '',
    networkType: raw.networkType ?? 'internet',
    status: raw.status ?? '',
    businessStatus: raw.businessStatus ?? 'Normal',
    snatTableIds: raw.snatTableIds?.snatTableId ?? [],
    ipAddresses: (raw.ipLists?.ipList ?? [])
      .filter((entry) => (entry.ipAddress ?? '') !== '')
      .map((entry) => ({ ip: entry.ipAddress ?? '', allocationId: orNull(entry.allocationId) })),
  };
}

/** Converts one `SnatTableEntries.SnatTableEntry[]` item; `SnatIp` may list several EIPs. */
export function toSnatEntry(raw: WireSnatEntry): SnatEntry {
  return {
    id: raw.snatEntryId ?? '',
    name: raw.snatEntryName ?? '',
    snatTableId: raw.snatTableId ?? '',
    natGatewayId: raw.natGatewayId ?? '',
    sourceVSwitchId: orNull(raw.sourceVSwitchId),
    sourceCidr: orNull(raw.sourceCIDR),
    snatIps: splitList(raw.snatIp),
    status: raw.status ?? '',
  };
}

/** The NAT gateways of a VPC, all pages. */
export async function describeNatGateways(clients: CloudClients, vpcId: string): Promise<NatGateway[]> {
  const gateways = await collectByNumber(50, async (pageNumber) => {
    const request = new vpc.DescribeNatGatewaysRequest({ regionId: clients.region, vpcId, pageNumber, pageSize: 50 });
    const response = await clients.vpc.describeNatGateways(request).catch((error: unknown) => {
      throw toUpstreamError(error, `DescribeNatGateways ${vpcId}`);
    });
    return { items: response.body?.natGateways?.natGateway ?? [], totalCount: response.body?.totalCount };
  });
  return gateways.map(toNatGateway);
}

/** The SNAT entries of these NAT gateways, all pages (≤ 50 per page), gateways in parallel. */
export async function describeSnatEntries(clients: CloudClients, natGatewayIds: string[]): Promise<SnatEntry[]> {
  const perGateway = await Promise.all(
    [...new Set(natGatewayIds)].map((natGatewayId) =>
      collectByNumber(50, async (pageNumber) => {
        const request = new vpc.DescribeSnatTableEntriesRequest({ regionId: clients.region, natGatewayId, pageNumber, pageSize: 50 });
        const response = await clients.vpc.describeSnatTableEntries(request).catch((error: unknown) => {
          throw toUpstreamError(error, `DescribeSnatTableEntries ${natGatewayId}`);
        });
        return { items: response.body?.snatTableEntries?.snatTableEntry ?? [], totalCount: response.body?.totalCount };
      }),
    ),
  );
  return perGateway.flat().map(toSnatEntry);
}
