/**
 * The failed reads of one diagnosis as a world's `faults` (docs/world-format.md#faults), so
 * its replay reads the same failures: a Kubernetes list that was refused is refused again
 * (not served empty), a throttled cloud action is throttled again, a DNS name that failed
 * fails again. Forbidden cloud reads stay `ram.deny` entries (world-fragment-cloud.ts). Pure.
 */
import type { ClusterFacts, DnsAnswer, Fact, FactError } from '@/lib/analysis/model';
import type { CloudFault, DnsFault, KubernetesFault, World, WorldCloud, WorldFaults } from '@/lib/schemas/world';

type Scope = Omit<KubernetesFault, 'status' | 'cluster' | 'times'>;

/** The HTTP status (or connection fault) a Kubernetes read failed with, from its classification. */
function kubernetesStatus(error: FactError): KubernetesFault['status'] {
  switch (error.reason) {
    case 'unauthorized':
      return 401;
    case 'forbidden':
      return 403;
    case 'notFound':
      return 404;
    case 'throttled':
      return 429;
    case 'timeout':
      return 'timeout';
    case 'unreachable':
      return 'reset';
    case 'invalid':
      return 400;
    case 'error':
      return error.code === 'ServiceUnavailable' || error.code === '503' ? 503 : 500;
    default: {
      const exhaustive: never = error.reason;
      throw new Error(`unhandled fact error reason ${String(exhaustive)}`);
    }
  }
}

/**
 * The read behind a cluster DNS fact error, from its resource (lib/k8s/reader.ts names them
 * `Service kube-system/kube-dns of …`, `EndpointSlices of kube-system/kube-dns of …`,
 * `Deployment kube-system/coredns of …`).
 */
function clusterDnsScope(error: FactError): Scope {
  if (/^Service kube-system\/kube-dns\b/.test(error.resource)) return { resource: 'services', namespace: 'kube-system', name: 'kube-dns', verb: 'get' };
  if (/^Deployment kube-system\/coredns\b/.test(error.resource)) return { resource: 'deployments', namespace: 'kube-system', name: 'coredns', verb: 'get' };
  return { resource: 'endpointslices', namespace: 'kube-system', verb: 'list' };
}

/** `faults.kubernetes` for every cluster fact that could not be read. */
export function toKubernetesFaults(facts: ClusterFacts, cluster: string): KubernetesFault[] {
  const lists: Array<[Fact<unknown>, Scope]> = [
    [facts.namespaces, { resource: 'namespaces', verb: 'list' }],
    [facts.pods, { resource: 'pods', verb: 'list' }],
    [facts.nodes, { resource: 'nodes', verb: 'list' }],
    [facts.services, { resource: 'services', verb: 'list' }],
    [facts.endpointSlices, { resource: 'endpointslices', verb: 'list' }],
    [facts.networkPolicies, { resource: 'networkpolicies', verb: 'list' }],
  ];
  const faults = lists.flatMap(([fact, scope]) => (fact.kind === 'missing' ? [{ ...scope, cluster, status: kubernetesStatus(fact.error) }] : []));
  if (facts.dns.kind === 'missing') faults.push({ ...clusterDnsScope(facts.dns.error), cluster, status: kubernetesStatus(facts.dns.error) });
  return faults;
}

/** The error a cloud read that was not forbidden failed with (forbidden ones are `ram.deny`). */
function cloudError(error: FactError): string | null {
  const code = error.code !== undefined && /^[A-Za-z][A-Za-z0-9.]*$/.test(error.code) ? error.code : undefined;
  switch (error.reason) {
    case 'forbidden':
    case 'unauthorized':
      return null;
    case 'throttled':
      return code ?? 'Throttling.User';
    case 'timeout':
      return 'timeout';
    case 'unreachable':
      return 'reset';
    case 'notFound':
    case 'invalid':
    case 'error':
      return code ?? (error.code === '503' ? 'ServiceUnavailable' : 'InternalError');
    default: {
      const exhaustive: never = error.reason;
      throw new Error(`unhandled fact error reason ${String(exhaustive)}`);
    }
  }
}

/**
 * A `faults.cloud` entry that fails the read again the way it failed. The action is the first
 * word of the fact error's resource (`DescribeLoadBalancerListeners lb-…`); an id or address
 * after it narrows the fault to calls naming it.
 */
export function toCloudFault(error: FactError): CloudFault | null {
  if (error.source !== 'alicloud') return null;
  const [action, target] = error.resource.split(' ');
  if (action === undefined || !/^Describe[A-Za-z]+$/.test(action)) return null;
  const answer = cloudError(error);
  if (answer === null) return null;
  const narrowed = target !== undefined && (/^[a-z]+-[A-Za-z0-9]+$/.test(target) || /^[0-9a-fA-F.:]+$/.test(target));
  return { action, ...(narrowed ? { resource: target } : {}), error: answer };
}

/** `faults.dns` for names the upstream DNS server answered SERVFAIL or REFUSED, or never answered. */
export function toDnsFaults(answers: Fact<DnsAnswer[]> | null): DnsFault[] {
  if (answers === null || answers.kind === 'missing') return [];
  return answers.value.flatMap((answer): DnsFault[] => {
    const name = answer.name.replace(/\.$/, '');
    if (answer.rcode === 'SERVFAIL' || answer.rcode === 'REFUSED') return [{ name, rcode: answer.rcode }];
    if (answer.rcode === 'TIMEOUT') return [{ name, rcode: 'timeout' }];
    return [];
  });
}

/** Every failed read of the facts as world faults; undefined when every read succeeded. */
export function toWorldFaults(parts: { cluster: ClusterFacts; clusterName: string; cloudErrors: FactError[]; dnsAnswers: Fact<DnsAnswer[]> | null }): WorldFaults | undefined {
  const cloud = parts.cloudErrors.map(toCloudFault).filter((fault): fault is CloudFault => fault !== null);
  const uniqueCloud = [...new Map(cloud.map((fault) => [`${fault.action} ${fault.resource ?? '*'}`, fault])).values()];
  const faults: WorldFaults = { cloud: uniqueCloud, kubernetes: toKubernetesFaults(parts.cluster, parts.clusterName), dns: toDnsFaults(parts.dnsAnswers) };
  return faults.cloud.length + faults.kubernetes.length + faults.dns.length === 0 ? undefined : faults;
}

/**
 * A load balancer whose listeners could not be read is not in the facts (the fact is missing),
 * but the replay must find it by address to fail the same listener read: it gets a placeholder
 * with its id and the destination address, and no listeners.
 */
export function withFailedReadPlaceholders(cloud: WorldCloud, failed: { faults: WorldFaults | undefined; deny: World['ram']['deny'] }, destinationAddress: string | null): WorldCloud {
  if (destinationAddress === null) return cloud;
  const listenerReads = [...(failed.faults?.cloud ?? []), ...failed.deny].filter((entry) => entry.action === 'DescribeLoadBalancerListeners');
  const ids = listenerReads.flatMap((entry) => (entry.resource !== undefined && entry.resource.startsWith('lb-') ? [entry.resource] : []));
  const missing = [...new Set(ids)].filter((id) => !cloud.loadBalancers.some((item) => item.LoadBalancerId === id));
  if (missing.length === 0) return cloud;
  return { ...cloud, loadBalancers: [...cloud.loadBalancers, ...missing.map((id) => ({ LoadBalancerId: id, Address: destinationAddress, AddressType: 'intranet', Listeners: [] }))] };
}
