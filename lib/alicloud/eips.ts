/** Elastic IPs (VPC DescribeEipAddresses): status, binding and locks. */
import 'server-only';

import * as vpc from '@alicloud/vpc20160428';

import type { Eip } from '@/lib/analysis/model';

import type { CloudClients } from './clients';
import { chunk, orNull } from './convert';
import { toUpstreamError } from './errors';
import { collectByNumber } from './paging';

type WireEip = vpc.DescribeEipAddressesResponseBodyEipAddressesEipAddress;

/** Converts one `EipAddresses.EipAddress[]` item. */
export function toEip(raw: WireEip): Eip {
  return {
    allocationId: raw.allocationId ?? '',
    ip: raw.ipAddress ?? '',
    status: raw.status ?? '',
    instanceId: orNull(raw.instanceId),
    instanceType: orNull(raw.instanceType),
    privateIp: orNull(raw.privateIpAddress),
    businessStatus: raw.businessStatus ?? 'Normal',
    locks: (raw.operationLocks?.lockReason ?? []).map((lock) => lock.lockReason ?? '').filter((reason) => reason !== ''),
  };
}

/** Per-call cap of the comma-separated `AllocationId` and `EipAddress` parameters. */
const listCap = 50;

async function listEips(clients: CloudClients, filter: { allocationId?: string; eipAddress?: string }): Promise<Eip[]> {
  const resource = `DescribeEipAddresses ${filter.allocationId ?? filter.eipAddress ?? 'all'}`;
  const eips = await collectByNumber(100, async (pageNumber) => {
    const request = new vpc.DescribeEipAddressesRequest({ regionId: clients.region, ...filter, pageNumber, pageSize: 100 });
    const response = await clients.vpc.describeEipAddresses(request).catch((error: unknown) => {
      throw toUpstreamError(error, resource);
    });
    return { items: response.body?.eipAddresses?.eipAddress ?? [], totalCount: response.body?.totalCount };
  });
  return eips.map(toEip);
}

/**
 * EIPs whose address is in `ips` or whose allocation id is in `allocationIds` (the union),
 * all pages; every EIP of the region when neither is given.
 */
export async function describeEips(clients: CloudClients, filter: { ips?: string[]; allocationIds?: string[] }): Promise<Eip[]> {
  if (filter.ips === undefined && filter.allocationIds === undefined) return listEips(clients, {});
  const calls = [
    ...chunk([...new Set(filter.ips ?? [])], listCap).map((ips) => listEips(clients, { eipAddress: ips.join(',') })),
    ...chunk([...new Set(filter.allocationIds ?? [])], listCap).map((ids) => listEips(clients, { allocationId: ids.join(',') })),
  ];
  const byId = new Map((await Promise.all(calls)).flat().map((eip) => [eip.allocationId, eip]));
  return [...byId.values()];
}
