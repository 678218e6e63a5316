/**
 * Recognising a whitelisted instance from its address (docs/gates/whitelists.md): for a private
 * destination address that neither the cluster, an ENI with an instance nor an SLB holds, and only
 * when the host names no instance, the RDS, Redis, PolarDB and MongoDB instances of the path's
 * VPC are listed (lib/alicloud/instance-addresses.ts) and the address matched against theirs.
 */
import 'server-only';

import { listMongoAddresses, listPolardbAddresses, listRdsAddresses, listRedisAddresses } from '@/lib/alicloud/instance-addresses';
import type { CloudClients } from '@/lib/alicloud';
import type { Fact, FactError, LoadBalancer, NetworkInterface } from '@/lib/analysis/model';
import type { WhitelistInstanceListing } from '@/lib/analysis/whitelist-address';
import { createDnsResolver } from '@/lib/dns/query';
import { getEnv } from '@/lib/env';
import { UpstreamError } from '@/lib/errors';

/**
 * The addresses whose owner may be a whitelisted instance: private, not the cluster's (a pod,
 * a ClusterIP, a LoadBalancer ingress), held by no ENI attached to an instance and by no SLB. A
 * failed ENI or SLB lookup does not rule an address out (it may be either).
 */
export function addressesToLookUp(privateIps: string[], clusterAddresses: ReadonlySet<string>, enis: Fact<NetworkInterface[]>, balancerOf: ReadonlyMap<string, Fact<LoadBalancer | null>>): string[] {
  return privateIps.filter((address) => {
    if (clusterAddresses.has(address)) return false;
    const eni = enis.kind === 'ok' ? enis.value.find((candidate) => candidate.privateIps.includes(address) || candidate.primaryIp === address) : undefined;
    if (eni?.instanceId) return false;
    const balancer = balancerOf.get(address);
    return !(balancer?.kind === 'ok' && balancer.value !== null);
  });
}

/** The VPC addresses a replica-set member's name resolves to, as the dashboard's resolver answers it. */
async function resolveMember(host: string): Promise<string[]> {
  const resolver = createDnsResolver({ timeoutMs: Math.min(getEnv().EGRESS_DOCTOR_TIMEOUT_MS, 3_000) });
  const resource = `DNS ${host} @ ${resolver.server}`;
  let answer;
  try {
    answer = await resolver.query(host);
  } catch (error) {
    throw new UpstreamError({ source: 'dns', reason: 'error', resource, message: error instanceof Error ? error.message : String(error), cause: error });
  }
  if (answer.rcode !== 'NOERROR') throw new UpstreamError({ source: 'dns', reason: 'notFound', resource, message: `${host} answered ${answer.rcode}` });
  return answer.addresses;
}

/**
 * The four products' listings of `vpcId`, read in parallel; each incomplete on its own failure.
 * Without a VPC (the source ENI was not read) every listing is incomplete with `vpcUnknown`.
 */
export async function readWhitelistListings(clients: CloudClients, vpcId: string | null, vpcUnknown: FactError): Promise<WhitelistInstanceListing[]> {
  if (vpcId === null) {
    const reads = { rds: 'DescribeDBInstances', redis: 'DescribeInstances', polardb: 'DescribeDBClusters', mongodb: 'DescribeDBInstances' } as const;
    return (['rds', 'redis', 'polardb', 'mongodb'] as const).map((service) => ({ service, reads: reads[service], instances: [], gap: vpcUnknown }));
  }
  return Promise.all([listRdsAddresses(clients, vpcId), listRedisAddresses(clients, vpcId), listPolardbAddresses(clients, vpcId), listMongoAddresses(clients, vpcId, resolveMember)]);
}
