/**
 * Upstream Kubernetes NetworkPolicy semantics as pure functions: which policies isolate a
 * pod, and whether a flow is allowed in one direction.
 *
 * Semantics (networking.k8s.io/v1):
 * - a policy selects pods of its own namespace through `podSelector` (empty = all);
 * - `policyTypes` absent → `Ingress`, plus `Egress` when the policy has egress rules;
 * - a pod is isolated in a direction once any selecting policy has that type; then a flow is
 *   allowed iff at least one rule of one such policy admits it (rules are ORed);
 * - a rule with no or empty `to`/`from` admits every peer, with no or empty `ports` every port.
 * Whether a cluster enforces policies at all is not decided here (see ./network-policy-hop).
 */
import { matchesLabelSelector } from './label-selector';
import type { Namespace, NetworkPolicy, NetworkPolicyRule, Pod } from './model';
import {
  findPodByAddress,
  matchesPeer,
  matchesPort,
  type PeerEndpoint,
  type PolicyProtocol,
  type PortTarget,
} from './network-policy-peer';

export type { PeerEndpoint, PolicyProtocol, PortTarget } from './network-policy-peer';

/** Which side of the selected pod a policy rule list governs. */
export type PolicyDirection = 'Ingress' | 'Egress';

/** One rule that admitted the flow. */
export interface RuleMatch {
  policy: NetworkPolicy;
  direction: PolicyDirection;
  /** Index in `egress` / `ingress`. */
  ruleIndex: number;
  /** Index in `to` / `from`; null when the rule lists no peers (every peer). */
  peerIndex: number | null;
  /** Index in `ports`; null when the rule lists no ports (every port). */
  portIndex: number | null;
}

/**
 * The outcome for one direction:
 * - `unrestricted`: no policy of that type selects the pod;
 * - `allowed`: isolated, and `matches` lists every admitting rule (the first decides in evidence);
 * - `denied`: isolated and no rule admits the flow; `selecting` names every isolating policy.
 */
export type PolicyDecision =
  | { kind: 'unrestricted'; direction: PolicyDirection }
  | { kind: 'allowed'; direction: PolicyDirection; selecting: NetworkPolicy[]; matches: [RuleMatch, ...RuleMatch[]] }
  | { kind: 'denied'; direction: PolicyDirection; selecting: NetworkPolicy[] };

/** Input of `decideEgress`: the source pod and the cluster's objects. */
export interface EgressInput {
  pod: Pod;
  namespaces: Namespace[];
  /** Every pod of the cluster; used to find the destination pod when `destination.pod` is null. */
  pods: Pod[];
  policies: NetworkPolicy[];
  destination: { address: string; port: number; protocol: PolicyProtocol; pod: Pod | null };
}

/** Input of `decideIngress`: the destination pod whose ingress policies apply, and the source. */
export interface IngressInput {
  pod: Pod;
  namespaces: Namespace[];
  /** Every pod of the cluster; used to find the source pod when `source.pod` is null. */
  pods: Pod[];
  policies: NetworkPolicy[];
  source: { address: string; pod: Pod | null };
  /** Destination port on `pod` (after any Service translation). */
  port: number;
  protocol: PolicyProtocol;
}

/** The policy's types after upstream defaulting (an empty list counts as absent). */
export function effectivePolicyTypes(policy: NetworkPolicy): PolicyDirection[] {
  if (policy.policyTypes && policy.policyTypes.length > 0) return policy.policyTypes;
  return (policy.egress ?? []).length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
}

/** True when the policy's `podSelector` selects the pod (same namespace only). */
export function selectsPod(policy: NetworkPolicy, pod: Pod): boolean {
  return policy.namespace === pod.namespace && matchesLabelSelector(policy.podSelector, pod.labels);
}

/** Policies that select the pod and have `direction` among their (defaulted) types, in input order. */
export function policiesIsolating(policies: NetworkPolicy[], pod: Pod, direction: PolicyDirection): NetworkPolicy[] {
  return policies.filter((policy) => selectsPod(policy, pod) && effectivePolicyTypes(policy).includes(direction));
}

function matchRule(
  rule: NetworkPolicyRule,
  policyNamespace: string,
  peer: PeerEndpoint,
  port: PortTarget,
  namespaces: Namespace[],
): { peerIndex: number | null; portIndex: number | null } | null {
  const peers = rule.peers ?? [];
  const peerIndex = peers.length === 0 ? null : peers.findIndex((item) => matchesPeer(item, policyNamespace, peer, namespaces));
  if (peerIndex === -1) return null;
  const ports = rule.ports ?? [];
  const portIndex = ports.length === 0 ? null : ports.findIndex((item) => matchesPort(item, port));
  if (portIndex === -1) return null;
  return { peerIndex, portIndex };
}

function rulesOf(policy: NetworkPolicy, direction: PolicyDirection): NetworkPolicyRule[] {
  return (direction === 'Egress' ? policy.egress : policy.ingress) ?? [];
}

function decide(
  direction: PolicyDirection,
  subject: Pod,
  peer: PeerEndpoint,
  port: PortTarget,
  policies: NetworkPolicy[],
  namespaces: Namespace[],
): PolicyDecision {
  const selecting = policiesIsolating(policies, subject, direction);
  if (selecting.length === 0) return { kind: 'unrestricted', direction };
  const matches: RuleMatch[] = [];
  for (const policy of selecting) {
    rulesOf(policy, direction).forEach((rule, ruleIndex) => {
      const found = matchRule(rule, policy.namespace, peer, port, namespaces);
      if (found) matches.push({ policy, direction, ruleIndex, ...found });
    });
  }
  const [first, ...rest] = matches;
  if (!first) return { kind: 'denied', direction, selecting };
  return { kind: 'allowed', direction, selecting, matches: [first, ...rest] };
}

/**
 * Whether the source pod's egress policies let it open `destination`. The destination pod
 * (given, or found among `pods` by address) is what pod peers and named ports match against;
 * a non-pod destination matches only ipBlock peers and numeric ports.
 */
export function decideEgress(input: EgressInput): PolicyDecision {
  const { destination } = input;
  const pod = destination.pod ?? findPodByAddress(input.pods, destination.address);
  return decide(
    'Egress',
    input.pod,
    { address: destination.address, pod },
    { port: destination.port, protocol: destination.protocol, pod },
    input.policies,
    input.namespaces,
  );
}

/**
 * Whether the destination pod's ingress policies admit `source` on `port`. Named ports
 * resolve against the destination pod itself.
 */
export function decideIngress(input: IngressInput): PolicyDecision {
  const sourcePod = input.source.pod ?? findPodByAddress(input.pods, input.source.address);
  return decide(
    'Ingress',
    input.pod,
    { address: input.source.address, pod: sourcePod },
    { port: input.port, protocol: input.protocol, pod: input.pod },
    input.policies,
    input.namespaces,
  );
}
