/**
 * Equivalence classes of pods for an audit (pure): pods whose paths the evaluation cannot
 * tell apart before the cloud is read, so one representative per class is diagnosed and its
 * verdict fanned out. Two pods share a class when they share
 *
 * - the namespace (NetworkPolicy, DNS search list);
 * - the values of every label key a NetworkPolicy selector names (the only labels the policy
 *   semantics read; all labels when the policies could not be read);
 * - the annotations the analysis reads, except the per-pod ENI id (security groups, vSwitch,
 *   EIP, network-policy agent, custom DNS, whitelist injection);
 * - host network, DNS policy and config, and the address families the pod holds;
 * - the node, where it decides the path: Flannel (the node's ENI carries the traffic), host
 *   network, and clusters with a LoadBalancer Service of `externalTrafficPolicy: Local` (the
 *   hairpin depends on a backend on the same node).
 *
 * What the cloud decides per pod (its vSwitch, and the CIDRs that hold its address) splits a
 * class further once its representative's facts are read: see address-cells.ts.
 */
import { parseIp } from '@/lib/analysis/ip';
import type { LabelSelector, NetworkMode, NetworkPolicy, Pod, Service } from '@/lib/analysis/model';
import { ANALYSED_ANNOTATIONS } from '@/lib/store/world-fragment-k8s';

/** What the class key needs of the cluster; a list is null when it could not be read (the key then keeps everything it might need). */
export interface PodClassContext {
  networkMode: NetworkMode;
  networkPolicies: NetworkPolicy[] | null;
  services: Service[] | null;
}

export interface PodClass {
  /** The key pods of the class share. */
  key: string;
  /** Pods in scope order; the first is the representative. */
  pods: Pod[];
}

/** The annotations the analysis reads (lib/store/world-fragment-k8s.ts), but the ENI id every pod has its own of. */
const CLASS_ANNOTATIONS = [...ANALYSED_ANNOTATIONS].filter((key) => key !== 'k8s.aliyun.com/eni-instance-id');

function selectorKeys(selector: LabelSelector | null, into: Set<string>): void {
  if (selector === null) return;
  for (const key of Object.keys(selector.matchLabels ?? {})) into.add(key);
  for (const requirement of selector.matchExpressions ?? []) into.add(requirement.key);
}

/** Every label key a NetworkPolicy selects pods by (its own pod selector and its peers'). */
export function policyLabelKeys(policies: NetworkPolicy[]): Set<string> {
  const keys = new Set<string>();
  for (const policy of policies) {
    selectorKeys(policy.podSelector, keys);
    for (const rule of [...(policy.ingress ?? []), ...(policy.egress ?? [])]) for (const peer of rule.peers ?? []) selectorKeys(peer.podSelector, keys);
  }
  return keys;
}

/** True when some LoadBalancer Service keeps traffic on the node (or the Services are unknown). */
function hasLocalLoadBalancer(services: Service[] | null): boolean {
  return services === null || services.some((service) => service.type === 'LoadBalancer' && service.externalTrafficPolicy === 'Local');
}

/** Returns the class key of one pod; `labelKeys` (sorted) null keeps every label. */
function classKey(pod: Pod, labelKeys: string[] | null, nodeMatters: boolean): string {
  const keys = labelKeys ?? Object.keys(pod.labels).sort();
  const labels = keys.map((key) => (Object.hasOwn(pod.labels, key) ? `${key}=${pod.labels[key]}` : '')).join('\u0001');
  const annotations = CLASS_ANNOTATIONS.map((key) => pod.annotations[key] ?? '\u0002').join('\u0001');
  const families = pod.ip === null ? 'no-ip' : pod.ips.length <= 1 ? String(parseIp(pod.ip)?.version ?? 0) : [...new Set(pod.ips.map((address) => parseIp(address)?.version ?? 0))].sort().join('+');
  return [
    pod.namespace,
    labels,
    annotations,
    pod.hostNetwork,
    pod.dnsPolicy,
    pod.dnsConfig === null ? '' : JSON.stringify(pod.dnsConfig),
    families,
    nodeMatters || pod.hostNetwork ? (pod.nodeName ?? '') : '',
  ].join('\u0000');
}

/** Groups `pods` into classes (see the file comment), in the order their first pod appears. O(pods × labels). */
export function groupPodClasses(pods: Pod[], context: PodClassContext): PodClass[] {
  const labelKeys = context.networkPolicies === null ? null : [...policyLabelKeys(context.networkPolicies)].sort();
  const nodeMatters = context.networkMode === 'flannel' || hasLocalLoadBalancer(context.services);
  const classes = new Map<string, PodClass>();
  for (const pod of pods) {
    const key = classKey(pod, labelKeys, nodeMatters);
    const found = classes.get(key);
    if (found) found.pods.push(pod);
    else classes.set(key, { key, pods: [pod] });
  }
  return [...classes.values()];
}
