/**
 * Answers for names inside the cluster domain, as CoreDNS's kubernetes plugin gives them
 * from Services and EndpointSlices. Pure.
 */
import { parseIp } from './ip';
import type { ClusterFacts, DnsAnswer, Service } from './model';

/** `answeredBy` of answers built from the cluster's Services. */
export const CLUSTER_RECORDS_ANSWERER = 'cluster DNS (Service records)';

const answer = (name: string, rcode: DnsAnswer['rcode'], addresses: string[] = [], cnames: string[] = []): DnsAnswer => ({
  name,
  answeredBy: CLUSTER_RECORDS_ANSWERER,
  rcode,
  addresses,
  cnames,
});

function readyAddresses(service: Service, cluster: ClusterFacts, podName: string | null): string[] | null {
  if (cluster.endpointSlices.kind === 'missing') return null;
  const endpoints = cluster.endpointSlices.value
    .filter((slice) => slice.namespace === service.namespace && slice.serviceName === service.name)
    .flatMap((slice) => slice.endpoints)
    .filter((endpoint) => endpoint.ready && (podName === null || endpoint.podName === podName));
  return [...new Set(endpoints.flatMap((endpoint) => endpoint.addresses))];
}

function serviceAnswer(name: string, service: Service, cluster: ClusterFacts, podName: string | null): DnsAnswer | null {
  if (podName === null && service.type === 'ExternalName' && service.externalName) return answer(name, 'NOERROR', [], [service.externalName]);
  if (podName === null && service.clusterIp) return answer(name, 'NOERROR', [service.clusterIp]);
  const addresses = readyAddresses(service, cluster, podName);
  if (addresses === null) return null;
  return addresses.length > 0 ? answer(name, 'NOERROR', addresses) : answer(name, 'NXDOMAIN');
}

function podAnswer(name: string, dashed: string): DnsAnswer {
  const address = dashed.replace(/-/g, '.');
  return parseIp(address)?.version === 4 ? answer(name, 'NOERROR', [address]) : answer(name, 'NXDOMAIN');
}

/**
 * The cluster's answer for `name`: `<svc>.<ns>.svc.<domain>` → the ClusterIP, a headless
 * Service's ready endpoint addresses, or an ExternalName's CNAME (not followed here);
 * `<pod>.<svc>.<ns>.svc.<domain>` → that endpoint of a headless Service (matched by pod name);
 * `<a-b-c-d>.<ns>.pod.<domain>` → `a.b.c.d`; NXDOMAIN for any other name in the cluster domain.
 * Null for names outside the domain (the real DNS server answers them), and when the
 * Services or EndpointSlices needed could not be read.
 */
export function resolveClusterName(name: string, cluster: ClusterFacts): DnsAnswer | null {
  const normalized = name.toLowerCase().replace(/\.+$/, '');
  const domain = cluster.cluster.clusterDomain.toLowerCase().replace(/\.+$/, '');
  if (normalized !== domain && !normalized.endsWith(`.${domain}`)) return null;
  const labels = normalized === domain ? [] : normalized.slice(0, -(domain.length + 1)).split('.');
  if (labels.length === 3 && labels[2] === 'pod') return podAnswer(normalized, labels[0] ?? '');
  if ((labels.length !== 3 && labels.length !== 4) || labels[labels.length - 1] !== 'svc') return answer(normalized, 'NXDOMAIN');
  if (cluster.services.kind === 'missing') return null;
  const [serviceName, namespace] = labels.length === 3 ? [labels[0], labels[1]] : [labels[1], labels[2]];
  const service = cluster.services.value.find((candidate) => candidate.name === serviceName && candidate.namespace === namespace);
  if (!service) return answer(normalized, 'NXDOMAIN');
  return serviceAnswer(normalized, service, cluster, labels.length === 4 ? (labels[0] ?? null) : null);
}
