/**
 * How far a fix reaches, in numbers: which running pods of the cluster a changed security
 * group, network ACL, NetworkPolicy or whitelist applies to. Counted from the cluster facts
 * the diagnosis read. Pure.
 */
import { cidrContains } from '@/lib/analysis/ip';
import { msg, type Text } from '@/lib/analysis/message';
import type { Fact, Labels, Node, Pod } from '@/lib/analysis/model';

/** ACS: a pod's own security groups (comma-separated ids); absent = the cluster's default groups. */
export const POD_SECURITY_GROUPS_ANNOTATION = 'network.alibabacloud.com/security-group-ids';

/** Pods that hold an address now (running, or pending with an address). */
function livePods(pods: Pod[]): Pod[] {
  return pods.filter((pod) => pod.phase !== 'Succeeded' && pod.phase !== 'Failed');
}

function groupsOf(pod: Pod): string[] | null {
  const value = pod.annotations[POD_SECURITY_GROUPS_ANNOTATION];
  return value === undefined ? null : value.split(',').map((id) => id.trim()).filter((id) => id !== '');
}

/** "1 pod" / "12 pods". */
export function podCount(count: number): string {
  return `${count} pod${count === 1 ? '' : 's'}`;
}

/** What is counted, or why it could not be. */
export type PodCount = { kind: 'counted'; count: number } | { kind: 'unknown'; reason: string };

function fromFact<T>(fact: Fact<T>, count: (value: T) => number): PodCount {
  return fact.kind === 'ok' ? { kind: 'counted', count: count(fact.value) } : { kind: 'unknown', reason: `the pod list was not read (${fact.error.code ?? fact.error.reason})` };
}

/** "the 12 pods" or "an unknown number of pods (…)". */
export function describePodCount(counted: PodCount): string {
  return counted.kind === 'counted' ? `the ${podCount(counted.count)}` : `an unknown number of pods (${counted.reason})`;
}

/** `describePodCount` as a message (a counted number only; an unknown count stays English text). */
export function podCountText(counted: PodCount): Text {
  return counted.kind === 'counted' ? msg('analysis.fix.thePods', { count: counted.count, n: String(counted.count) }) : describePodCount(counted);
}

/**
 * Pods whose traffic a security group of the source pod governs. VPC mode (ACS, Terway): the
 * pods sharing the source pod's groups — every pod without its own group annotation when the
 * source uses the cluster's default groups, else the pods whose annotation names `groupId`.
 * Flannel: every pod, as they all leave through node ENIs.
 */
export function podsInSecurityGroup(input: { pods: Fact<Pod[]>; source: Pod; groupId: string; flannel: boolean }): PodCount {
  return fromFact(input.pods, (pods) => {
    const live = livePods(pods);
    if (input.flannel) return live.length;
    const sourceGroups = groupsOf(input.source);
    return live.filter((pod) => {
      if (pod.hostNetwork) return false;
      const groups = groupsOf(pod);
      return groups === null ? sourceGroups === null : groups.includes(input.groupId);
    }).length;
  });
}

/**
 * Pods whose source address lies in one of `cidrs` (the pod IP, or in Flannel mode its node's
 * address, since that is what the network sees).
 */
export function podsInCidrs(input: { pods: Fact<Pod[]>; nodes: Fact<Node[]>; cidrs: string[]; flannel: boolean }): PodCount {
  return fromFact(input.pods, (pods) => {
    const nodeIps = new Map((input.nodes.kind === 'ok' ? input.nodes.value : []).map((node) => [node.name, node.internalIp]));
    return livePods(pods).filter((pod) => {
      const address = input.flannel || pod.hostNetwork ? (pod.nodeName === null ? null : (nodeIps.get(pod.nodeName) ?? null)) : pod.ip;
      return address !== null && input.cidrs.some((cidr) => cidrContains(cidr, address));
    }).length;
  });
}

/** Pods of `namespace` carrying every label of `labels` (a policy's `matchLabels`). */
export function podsWithLabels(input: { pods: Fact<Pod[]>; namespace: string; labels: Labels }): PodCount {
  return fromFact(input.pods, (pods) =>
    livePods(pods).filter((pod) => pod.namespace === input.namespace && !pod.hostNetwork && Object.entries(input.labels).every(([key, value]) => pod.labels[key] === value)).length,
  );
}
