/**
 * Evidence for NetworkPolicy decisions: the rule tables, the fact references and the
 * wording shared by the networkPolicy and dns hops. Pure.
 */
import type { EvidenceTable, FactRef, NetworkPolicy, NetworkPolicyRule, Pod } from './model';
import { effectivePolicyTypes, type PolicyDecision, type RuleMatch } from './network-policy';
import { describePeer, describePort } from './network-policy-peer';

/** `namespace/name` of a policy or pod. */
export const objectId = (object: { namespace: string; name: string }): string => `${object.namespace}/${object.name}`;

/** A FactRef to a NetworkPolicy. */
export function policyRef(policy: NetworkPolicy): FactRef {
  return { kind: 'networkPolicy', id: objectId(policy), label: `NetworkPolicy ${objectId(policy)}` };
}

/** `egress[0]` / `ingress[2]`: the rule's path in the manifest. */
export function rulePath(match: RuleMatch): string {
  return `${match.direction === 'Egress' ? 'egress' : 'ingress'}[${match.ruleIndex}]`;
}

/** The allowing policy as `decidedBy`: id `namespace/name`, label naming the rule. */
export function matchRef(match: RuleMatch): FactRef {
  return { kind: 'networkPolicy', id: objectId(match.policy), label: `NetworkPolicy ${objectId(match.policy)} ${rulePath(match)}` };
}

/** The policies a decision read (the ones isolating the pod), empty when unrestricted. */
export function selectingPolicies(decision: PolicyDecision): NetworkPolicy[] {
  return decision.kind === 'unrestricted' ? [] : decision.selecting;
}

function rulesText(rule: NetworkPolicyRule, namespace: string): [string, string] {
  const peers = rule.peers ?? [];
  const ports = rule.ports ?? [];
  return [
    peers.length === 0 ? 'any peer' : peers.map((peer) => describePeer(peer, namespace)).join('; '),
    ports.length === 0 ? 'any port' : ports.map(describePort).join(', '),
  ];
}

/**
 * The rules of every policy isolating `pod` in the decision's direction, one row each (a
 * policy without rules gets one row saying it denies everything); `decidingRow` is the
 * first admitting rule, null when none admitted. Null when the pod is unrestricted.
 */
export function ruleTable(pod: Pod, decision: PolicyDecision): EvidenceTable | null {
  if (decision.kind === 'unrestricted') return null;
  const isEgress = decision.direction === 'Egress';
  const rows: string[][] = [];
  let decidingRow: number | null = null;
  const decider = decision.kind === 'allowed' ? decision.matches[0] : null;
  for (const policy of decision.selecting) {
    const rules = (isEgress ? policy.egress : policy.ingress) ?? [];
    if (rules.length === 0) rows.push([objectId(policy), '—', `no rules: denies all ${isEgress ? 'egress' : 'ingress'}`, '—']);
    rules.forEach((rule, ruleIndex) => {
      if (decider && decider.policy === policy && decider.ruleIndex === ruleIndex) decidingRow = rows.length;
      rows.push([objectId(policy), `${isEgress ? 'egress' : 'ingress'}[${ruleIndex}]`, ...rulesText(rule, policy.namespace)]);
    });
  }
  return {
    title: `${isEgress ? 'Egress' : 'Ingress'} rules of NetworkPolicies selecting ${objectId(pod)}`,
    columns: ['Policy', 'Rule', isEgress ? 'To' : 'From', 'Ports'],
    rows,
    decidingRow,
  };
}

/** Notes for policies whose `policyTypes` were defaulted. */
export function defaultingNotes(policies: NetworkPolicy[]): string[] {
  return policies
    .filter((policy) => !policy.policyTypes || policy.policyTypes.length === 0)
    .map((policy) => `NetworkPolicy ${objectId(policy)} declares no policyTypes; read as ${effectivePolicyTypes(policy).join(' and ')}.`);
}

/** "NetworkPolicy a/b" or "NetworkPolicies a/b, a/c". */
export function policyList(policies: NetworkPolicy[]): string {
  const ids = policies.map(objectId).join(', ');
  return policies.length === 1 ? `NetworkPolicy ${ids}` : `NetworkPolicies ${ids}`;
}
