/** ENIs (ECS DescribeNetworkInterfaces): which ENI holds a pod's IP, its vSwitch, groups and public IP. */
import 'server-only';

import * as ecs from '@alicloud/ecs20140526';

import type { NetworkInterface } from '@/lib/analysis/model';

import type { CloudClients } from './clients';
import { chunk } from './convert';
import { toUpstreamError } from './errors';
import { collectByToken } from './paging';

type WireNetworkInterface = ecs.DescribeNetworkInterfacesResponseBodyNetworkInterfaceSetsNetworkInterfaceSet;

/** Converts one `NetworkInterfaceSets.NetworkInterfaceSet[]` item. */
export function toNetworkInterface(raw: WireNetworkInterface): NetworkInterface {
  const sets = raw.privateIpSets?.privateIpSet ?? [];
  const primaryIp = raw.privateIpAddress ?? sets.find((set) => set.primary)?.privateIpAddress ?? '';
  const privateIps = [primaryIp, ...sets.map((set) => set.privateIpAddress ?? '')].filter(
    (ip, index, all) => ip !== '' && all.indexOf(ip) === index,
  );
  const direct = raw.associatedPublicIp?.publicIpAddress
    ? raw.associatedPublicIp
    : sets.find((set) => set.associatedPublicIp?.publicIpAddress)?.associatedPublicIp;
  return {
    id: raw.networkInterfaceId ?? '',
    type: raw.type ?? '',
    status: raw.status ?? '',
    instanceId: raw.instanceId || null,
    vpcId: raw.vpcId ?? '',
    vSwitchId: raw.vSwitchId ?? '',
    zoneId: raw.zoneId || null,
    primaryIp,
    privateIps,
    securityGroupIds: raw.securityGroupIds?.securityGroupId ?? [],
    publicIp: direct?.publicIpAddress ? { ip: direct.publicIpAddress, allocationId: direct.allocationId || null } : null,
  };
}

export interface NetworkInterfaceFilter {
  /** Any private IP (primary or secondary) of the ENI. */
  privateIps?: string[];
  ids?: string[];
  primaryIp?: string;
  vpcId?: string;
}

/** Per-call cap of `PrivateIpAddress.N` and `NetworkInterfaceId.N`. */
const listCap = 100;

/**
 * ENIs matching every given filter, read to the last page (NextToken/MaxResults).
 * Lists over 100 values are split into parallel calls. An empty list filter matches nothing.
 */
export async function describeNetworkInterfaces(clients: CloudClients, filter: NetworkInterfaceFilter): Promise<NetworkInterface[]> {
  if (filter.privateIps?.length === 0 || filter.ids?.length === 0) return [];
  const ipChunks = filter.privateIps ? chunk(filter.privateIps, listCap) : [undefined];
  const idChunks = filter.ids ? chunk(filter.ids, listCap) : [undefined];
  const requests = ipChunks.flatMap((privateIpAddress) =>
    idChunks.map((networkInterfaceId) => ({ privateIpAddress, networkInterfaceId })),
  );
  const resource = `DescribeNetworkInterfaces ${describeFilter(filter)}`;
  const pages = await Promise.all(
    requests.map((lists) =>
      collectByToken(async (nextToken) => {
        const request = new ecs.DescribeNetworkInterfacesRequest({
          regionId: clients.region,
          ...lists,
          primaryIpAddress: filter.primaryIp,
          vpcId: filter.vpcId,
          maxResults: 500,
          nextToken,
        });
        const response = await clients.ecs.describeNetworkInterfaces(request).catch((error: unknown) => {
          throw toUpstreamError(error, resource);
        });
        return {
          items: (response.body?.networkInterfaceSets?.networkInterfaceSet ?? []).map(toNetworkInterface),
          nextToken: response.body?.nextToken,
        };
      }),
    ),
  );
  const byId = new Map(pages.flat().map((eni) => [eni.id, eni]));
  return [...byId.values()];
}

function describeFilter(filter: NetworkInterfaceFilter): string {
  const parts = [
    filter.privateIps ? `privateIps=${filter.privateIps.join(',')}` : '',
    filter.ids ? `ids=${filter.ids.join(',')}` : '',
    filter.primaryIp ? `primaryIp=${filter.primaryIp}` : '',
    filter.vpcId ? `vpcId=${filter.vpcId}` : '',
  ];
  return parts.filter((part) => part !== '').join(' ') || 'all';
}
