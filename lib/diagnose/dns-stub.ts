/**
 * A Corefile stub (`forward <zone> <servers>`): the dashboard does not ask those servers the
 * way CoreDNS does, so the answer is `UNKNOWN`; what it reads instead is the side that sends
 * the query — the CoreDNS pods' ENIs (their nodes' ENIs in Flannel mode) and their security
 * groups — so the dns hop can tell whether CoreDNS can reach the servers at all.
 */
import 'server-only';

import { describeSecurityGroups, type CloudClients } from '@/lib/alicloud';
import type { DnsPlan } from '@/lib/analysis/dns-plan';
import type { ResolverSender } from '@/lib/analysis/dns-sources';
import type { ClusterFacts, DnsAnswer, Fact, NetworkInterface } from '@/lib/analysis/model';
import { UpstreamError } from '@/lib/errors';

import { findSourceEni, type SourceEniLookup } from './cloud-facts';
import { readFact } from './facts';

const gap = (resource: string, message: string): UpstreamError => new UpstreamError({ source: 'k8s', reason: 'notFound', resource, message });

/** How to find the ENI a CoreDNS pod's queries leave through. */
function lookupFor(cluster: ClusterFacts, address: string): SourceEniLookup {
  const pods = cluster.pods.kind === 'ok' ? cluster.pods.value : [];
  const pod = pods.find((candidate) => candidate.ip === address);
  if (cluster.cluster.networkMode !== 'flannel') {
    const eniId = pod?.annotations['k8s.aliyun.com/eni-instance-id'];
    return eniId ? { kind: 'eniId', eniId } : { kind: 'privateIp', address };
  }
  const nodes = cluster.nodes.kind === 'ok' ? cluster.nodes.value : [];
  const nodeIp = nodes.find((node) => node.name === pod?.nodeName)?.internalIp;
  return nodeIp ? { kind: 'primaryIp', address: nodeIp } : { kind: 'none', reason: `the node of CoreDNS pod ${address} is unknown` };
}

/** The CoreDNS pods' ENIs and their security groups. */
export async function readCorednsSender(clients: CloudClients | null, cluster: ClusterFacts): Promise<Fact<ResolverSender>> {
  return readFact(async () => {
    if (clients === null) throw new UpstreamError({ source: 'alicloud', reason: 'invalid', resource: 'region', message: 'The cluster region is unknown, so the CoreDNS pods’ security groups cannot be read.' });
    if (cluster.dns.kind === 'missing') throw new UpstreamError({ source: 'k8s', reason: cluster.dns.error.reason, resource: cluster.dns.error.resource, message: cluster.dns.error.message });
    if (cluster.pods.kind === 'missing') throw new UpstreamError({ source: 'k8s', reason: cluster.pods.error.reason, resource: cluster.pods.error.resource, message: cluster.pods.error.message });
    const addresses = cluster.dns.value.readyEndpoints;
    if (addresses.length === 0) throw gap('EndpointSlices of kube-system/kube-dns', 'No ready CoreDNS endpoint: the pods that forward the query are not visible.');
    const found = await Promise.all(addresses.map(async (address) => ({ address, eni: await findSourceEni(clients, lookupFor(cluster, address)) })));
    const enis = found.filter((entry): entry is { address: string; eni: NetworkInterface } => entry.eni !== null);
    if (enis.length < found.length) {
      const lost = found.filter((entry) => entry.eni === null).map((entry) => entry.address);
      throw new UpstreamError({ source: 'alicloud', reason: 'notFound', resource: 'DescribeNetworkInterfaces', message: `No ENI was found for CoreDNS pod ${lost.join(', ')}.` });
    }
    const pods = cluster.pods.value;
    const groups = await describeSecurityGroups(clients, [...new Set(enis.flatMap((entry) => entry.eni.securityGroupIds))]);
    return {
      who: 'CoreDNS pods',
      enis: enis.map(({ address, eni }) => ({
        pod: pods.find((pod) => pod.ip === address)?.name ?? address,
        address,
        eniId: eni.id,
        securityGroupIds: eni.securityGroupIds,
      })),
      groups,
    };
  });
}

/** The `UNKNOWN` answer for a name CoreDNS forwards to a stub, carrying what was read about the sender. */
export function stubAnswer(plan: Extract<DnsPlan, { kind: 'stub' }>, sender: Fact<ResolverSender> | null): DnsAnswer {
  const { route } = plan;
  const servers = route.servers.map((server) => `${server.ip}:${server.port}`);
  return {
    name: plan.name,
    answeredBy: servers.join(', '),
    rcode: 'UNKNOWN',
    addresses: [],
    cnames: [],
    source: {
      kind: 'forwarded',
      servers,
      by: `the CoreDNS server block ${route.server.label} (forward at line ${route.forward.line})`,
      corefileLine: route.forward.line,
      zone: route.forward.from === '.' ? (route.server.label.split(/\s+/)[0] ?? '.').replace(/^[a-z+]+:\/\//i, '').replace(/:\d+$/, '') : route.forward.from,
      ...(sender ? { sender } : {}),
    },
    path: [...plan.path, `stub server ${servers.join(', ')}`],
  };
}
