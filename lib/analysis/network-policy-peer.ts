/**
 * Matching one NetworkPolicy peer (`to`/`from` item) and one port entry against a flow.
 * Used by `decideEgress`/`decideIngress` in ./network-policy.
 */
import { cidrContains } from './ip';
import { formatLabelSelector, matchesLabelSelector } from './label-selector';
import type { Labels, Namespace, NetworkPolicyPeer, NetworkPolicyPort, Pod, Protocol } from './model';

/** Protocols a NetworkPolicy port entry can name. */
export type PolicyProtocol = 'TCP' | 'UDP' | 'SCTP';

/** The Kubernetes spelling of a flow's protocol (NetworkPolicy ports, Service ports). */
export const POLICY_PROTOCOL: Readonly<Record<Protocol, PolicyProtocol>> = { tcp: 'TCP', udp: 'UDP', sctp: 'SCTP' };

/** The far side of a flow as a rule sees it: its address and, when it is a pod of this cluster, the pod. */
export interface PeerEndpoint {
  address: string;
  /** The pod holding `address`, or null for anything outside the cluster's pod network. */
  pod: Pod | null;
}

/** The destination port of a flow; `pod` is the destination pod, against which named ports resolve. */
export interface PortTarget {
  port: number;
  protocol: PolicyProtocol;
  pod: Pod | null;
}

const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/**
 * Labels of a namespace. The API server always sets `kubernetes.io/metadata.name`, so it is
 * added even when the namespace is not in the list.
 */
export function namespaceLabels(namespaces: Namespace[], name: string): Labels {
  const found = namespaces.find((namespace) => namespace.name === name);
  return { ...(found?.labels ?? {}), [NAMESPACE_NAME_LABEL]: name };
}

/**
 * The pod holding `address` among `pods`. hostNetwork pods share their node's address and
 * are not pod peers; finished pods no longer hold their address.
 */
export function findPodByAddress(pods: Pod[], address: string): Pod | null {
  return podsByAddress(pods).get(address) ?? null;
}

/**
 * Index of live, non-hostNetwork pods by every address they hold (first pod wins, as a
 * scan in order would). Built once per pod list: one evaluation looks addresses up many
 * times, and a 1,000-pod sweep shares the list.
 */
const addressIndexes = new WeakMap<Pod[], ReadonlyMap<string, Pod>>();

function podsByAddress(pods: Pod[]): ReadonlyMap<string, Pod> {
  const cached = addressIndexes.get(pods);
  if (cached) return cached;
  const index = new Map<string, Pod>();
  for (const pod of pods) {
    if (pod.hostNetwork || pod.phase === 'Succeeded' || pod.phase === 'Failed') continue;
    for (const address of [pod.ip, ...pod.ips]) if (address !== null && !index.has(address)) index.set(address, pod);
  }
  addressIndexes.set(pods, index);
  return index;
}

function matchesIpBlock(ipBlock: NonNullable<NetworkPolicyPeer['ipBlock']>, address: string): boolean {
  // NOTE: cidrContains reads a CIDR with host bits set as its network, like upstream.
  if (!cidrContains(ipBlock.cidr, address)) return false;
  return !ipBlock.except.some((except) => cidrContains(except, address));
}

/**
 * True when `endpoint` is one of the peers `peer` names.
 *
 * - ipBlock: any address in the CIDR and outside every `except`, pod or not.
 * - podSelector alone: pods of the policy's own namespace.
 * - namespaceSelector alone: every pod of the matching namespaces.
 * - both in one peer: matching pods in matching namespaces (AND).
 * Pod selectors never match a non-pod endpoint. A peer with no field set (rejected by the
 * API server) matches nothing.
 */
export function matchesPeer(
  peer: NetworkPolicyPeer,
  policyNamespace: string,
  endpoint: PeerEndpoint,
  namespaces: Namespace[],
): boolean {
  if (peer.ipBlock) return matchesIpBlock(peer.ipBlock, endpoint.address);
  if (!peer.podSelector && !peer.namespaceSelector) return false;
  const pod = endpoint.pod;
  if (!pod) return false;
  const namespaceMatches = peer.namespaceSelector
    ? matchesLabelSelector(peer.namespaceSelector, namespaceLabels(namespaces, pod.namespace))
    : pod.namespace === policyNamespace;
  if (!namespaceMatches) return false;
  return peer.podSelector ? matchesLabelSelector(peer.podSelector, pod.labels) : true;
}

function resolveNamedPort(name: string, target: PortTarget): number | null {
  const found = target.pod?.containerPorts.find(
    (containerPort) => containerPort.name === name && containerPort.protocol === target.protocol,
  );
  return found ? found.containerPort : null;
}

/**
 * True when the port entry admits the flow's port: same protocol, and no port (all ports),
 * the same number, a number within `port..endPort`, or a name that resolves to the port
 * among the destination pod's container ports (a name never matches a non-pod destination).
 */
export function matchesPort(entry: NetworkPolicyPort, target: PortTarget): boolean {
  if (entry.protocol !== target.protocol) return false;
  if (entry.port === null) return true;
  if (typeof entry.port === 'string') {
    const numeric = /^\d+$/.test(entry.port) ? Number(entry.port) : null;
    if (numeric === null) return resolveNamedPort(entry.port, target) === target.port;
    return numeric === target.port;
  }
  if (entry.endPort !== null) return target.port >= entry.port && target.port <= entry.endPort;
  return entry.port === target.port;
}

/** A peer in words for evidence tables, e.g. `ipBlock 0.0.0.0/0 except 203.0.113.0/24`. */
export function describePeer(peer: NetworkPolicyPeer, policyNamespace: string): string {
  if (peer.ipBlock) {
    const except = peer.ipBlock.except.length > 0 ? ` except ${peer.ipBlock.except.join(', ')}` : '';
    return `ipBlock ${peer.ipBlock.cidr}${except}`;
  }
  const pods = peer.podSelector ? `pods ${formatLabelSelector(peer.podSelector)}` : 'all pods';
  const where = peer.namespaceSelector
    ? `namespaces ${formatLabelSelector(peer.namespaceSelector)}`
    : `namespace ${policyNamespace}`;
  if (!peer.podSelector && !peer.namespaceSelector) return 'empty peer (matches nothing)';
  return `${pods} in ${where}`;
}

/** A port entry in words, e.g. `TCP 443`, `UDP 30000-32767`, `TCP dns-tcp`, `TCP all ports`. */
export function describePort(entry: NetworkPolicyPort): string {
  if (entry.port === null) return `${entry.protocol} all ports`;
  if (entry.endPort !== null && typeof entry.port === 'number') return `${entry.protocol} ${entry.port}-${entry.endPort}`;
  return `${entry.protocol} ${entry.port}`;
}
