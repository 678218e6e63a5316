/** Network ACLs (VPC DescribeNetworkAclAttributes): entries in priority order. */
import 'server-only';

import * as vpc from '@alicloud/vpc20160428';

import type { NetworkAcl, NetworkAclEntry } from '@/lib/analysis/model';

import type { CloudClients } from './clients';
import { toPolicy, toPortRange, toProtocol } from './convert';
import { toUpstreamError } from './errors';

type WireAcl = vpc.DescribeNetworkAclAttributesResponseBodyNetworkAclAttribute;
type WireIngressEntry = vpc.DescribeNetworkAclAttributesResponseBodyNetworkAclAttributeIngressAclEntriesIngressAclEntry;
type WireEgressEntry = vpc.DescribeNetworkAclAttributesResponseBodyNetworkAclAttributeEgressAclEntriesEgressAclEntry;

/** Converts one entry; `cidr` is SourceCidrIp (ingress) or DestinationCidrIp (egress). */
export function toNetworkAclEntry(raw: WireIngressEntry | WireEgressEntry): NetworkAclEntry {
  const cidr = 'sourceCidrIp' in raw ? raw.sourceCidrIp : 'destinationCidrIp' in raw ? raw.destinationCidrIp : undefined;
  return {
    id: raw.networkAclEntryId ?? '',
    name: raw.networkAclEntryName ?? '',
    entryType: raw.entryType ?? 'custom',
    policy: toPolicy(raw.policy),
    protocol: toProtocol(raw.protocol),
    portRange: toPortRange(raw.port),
    cidr: cidr ?? '',
    description: raw.description ?? '',
  };
}

/**
 * Converts a NetworkAclAttribute. NOTE: entries carry no priority field; the array order is
 * the evaluation order (domain doc §2), so it is kept as returned.
 */
export function toNetworkAcl(raw: WireAcl): NetworkAcl {
  return {
    id: raw.networkAclId ?? '',
    name: raw.networkAclName ?? '',
    vpcId: raw.vpcId ?? '',
    status: raw.status ?? '',
    vSwitchIds: (raw.resources?.resource ?? [])
      .filter((resource) => (resource.resourceType ?? 'VSwitch') === 'VSwitch')
      .map((resource) => resource.resourceId ?? '')
      .filter((id) => id !== ''),
    ingress: (raw.ingressAclEntries?.ingressAclEntry ?? []).map(toNetworkAclEntry),
    egress: (raw.egressAclEntries?.egressAclEntry ?? []).map(toNetworkAclEntry),
  };
}

/** The network ACLs with these ids, one DescribeNetworkAclAttributes call each, in parallel. */
export async function describeNetworkAcls(clients: CloudClients, ids: string[]): Promise<NetworkAcl[]> {
  return Promise.all(
    [...new Set(ids)].map(async (id) => {
      const request = new vpc.DescribeNetworkAclAttributesRequest({ regionId: clients.region, networkAclId: id });
      const response = await clients.vpc.describeNetworkAclAttributes(request).catch((error: unknown) => {
        throw toUpstreamError(error, `DescribeNetworkAclAttributes ${id}`);
      });
      return toNetworkAcl(response.body?.networkAclAttribute ?? new vpc.DescribeNetworkAclAttributesResponseBodyNetworkAclAttribute({ networkAclId: id }));
    }),
  );
}
