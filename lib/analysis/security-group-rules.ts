/**
 * Security-group rule matching for one direction of one flow (domain doc §1).
 *
 * The rules of every group attached to the ENI are pooled, sorted by priority (1 first,
 * drop before accept at equal priority) and the first matching rule decides; when none
 * matches, the implicit default of the group type applies. Pure.
 */
import { cidrContains, isPrivateAddress } from './ip';
import type { Protocol, SecurityGroup, SecurityGroupRule } from './model';

/** The flow as one side's security groups see it. */
export interface SecurityGroupFlow {
  /** `egress` on the sending ENI, `ingress` on the receiving ENI. */
  direction: 'ingress' | 'egress';
  /** The far side: destination address for egress, source address for ingress. */
  remoteAddress: string;
  /** Destination port of the flow (matched in both directions). */
  port: number;
  protocol: Protocol;
  /** Security groups the far side's ENI belongs to (for group-reference rules). */
  remoteGroupIds: string[];
}

/** What decided a security-group evaluation. */
export type SecurityGroupDecider =
  | { kind: 'rule'; groupId: string; rule: SecurityGroupRule }
  | { kind: 'default'; groupType: 'normal' | 'enterprise' }
  | { kind: 'innerAccess'; groupId: string }
  | { kind: 'tcp25' };

/** A rule that could not be evaluated because it references an object we do not expand. */
export interface UnexpandedRule {
  groupId: string;
  rule: SecurityGroupRule;
  /** `prefixList`: remote is a prefix list; `portRangeList`: ports come from a port list. */
  reason: 'prefixList' | 'portRangeList';
}

/** Outcome of {@link decideSecurityGroup}. */
export interface SecurityGroupDecision {
  verdict: 'accept' | 'drop';
  decidedBy: SecurityGroupDecider;
  /** Every rule of the direction, in evaluation order, with whether it matched the flow. */
  ordered: Array<{ groupId: string; rule: SecurityGroupRule; matches: boolean }>;
  /**
   * Rules evaluated before the decision that might have matched but reference a prefix
   * list or port list we cannot expand (treated as not matching). Non-empty → the caller
   * should warn that the decision may be wrong.
   */
  unexpanded: UnexpandedRule[];
}

type Pooled = { groupId: string; rule: SecurityGroupRule; index: number };

/** Orders pooled rules: priority ascending, drop before accept, then original order. */
function compareRules(a: Pooled, b: Pooled): number {
  if (a.rule.priority !== b.rule.priority) return a.rule.priority - b.rule.priority;
  if (a.rule.policy !== b.rule.policy) return a.rule.policy === 'drop' ? -1 : 1;
  return a.index - b.index;
}

/** True when the rule's protocol covers the flow's (case-insensitive; `all` covers everything). */
export function ruleMatchesProtocol(rule: SecurityGroupRule, protocol: Protocol): boolean {
  const ruleProtocol = rule.protocol.toLowerCase();
  return ruleProtocol === 'all' || ruleProtocol === protocol;
}

function ruleMatchesPort(rule: SecurityGroupRule, port: number): boolean {
  if (rule.portRange === null) return true;
  return port >= rule.portRange.from && port <= rule.portRange.to;
}

type RemoteMatch = 'match' | 'noMatch' | 'unexpanded';

function ruleMatchesRemote(rule: SecurityGroupRule, flow: SecurityGroupFlow): RemoteMatch {
  const remote = rule.remote;
  switch (remote.kind) {
    case 'any':
      return 'match';
    case 'cidr':
      return cidrContains(remote.cidr, flow.remoteAddress) ? 'match' : 'noMatch';
    case 'securityGroup':
      return flow.remoteGroupIds.includes(remote.groupId) ? 'match' : 'noMatch';
    case 'prefixList':
      return 'unexpanded';
    default: {
      const unreachable: never = remote;
      throw new Error(`unhandled security-group remote ${JSON.stringify(unreachable)}`);
    }
  }
}

type RuleMatch = { matches: boolean; unexpanded: UnexpandedRule['reason'] | null };

function matchRule(rule: SecurityGroupRule, flow: SecurityGroupFlow): RuleMatch {
  if (!ruleMatchesProtocol(rule, flow.protocol)) return { matches: false, unexpanded: null };
  const remote = ruleMatchesRemote(rule, flow);
  if (remote === 'noMatch') return { matches: false, unexpanded: null };
  if (remote === 'unexpanded') return { matches: false, unexpanded: 'prefixList' };
  if (rule.portRangeListId !== null) return { matches: false, unexpanded: 'portRangeList' };
  return { matches: ruleMatchesPort(rule, flow.port), unexpanded: null };
}

/** The group type whose implicit defaults apply (all groups of one ENI share a type; enterprise wins if mixed). */
function effectiveGroupType(groups: SecurityGroup[]): 'normal' | 'enterprise' {
  return groups.some((group) => group.type === 'enterprise') ? 'enterprise' : 'normal';
}

/**
 * Decides whether the security groups of one ENI let a flow through in one direction.
 *
 * - Outbound TCP 25 to a public address is dropped regardless of rules (`tcp25`).
 *   NOTE: Alibaba Cloud blocks port 25 toward the Internet; private destinations are not affected.
 * - A normal group with `innerAccessPolicy: Accept` admits members of the same group
 *   (`remoteGroupIds`) before any rule is read: the intra-group allow takes precedence
 *   over custom rules (domain doc §1.1), in both directions.
 * - Otherwise the first matching rule of the pooled, sorted list decides; rules with prefix
 *   lists or port lists are treated as not matching and reported in `unexpanded`.
 * - No match: egress accept for normal groups, drop for enterprise; ingress drop.
 */
export function decideSecurityGroup(groups: SecurityGroup[], flow: SecurityGroupFlow): SecurityGroupDecision {
  const pooled = groups
    .flatMap((group) => group.rules.filter((rule) => rule.direction === flow.direction).map((rule) => ({ groupId: group.id, rule })))
    .map((entry, index) => ({ ...entry, index }))
    .sort(compareRules);
  const evaluated = pooled.map((entry) => ({ entry, match: matchRule(entry.rule, flow) }));
  const ordered = evaluated.map(({ entry, match }) => ({ groupId: entry.groupId, rule: entry.rule, matches: match.matches }));
  const decidingIndex = evaluated.findIndex(({ match }) => match.matches);
  const considered = decidingIndex === -1 ? evaluated : evaluated.slice(0, decidingIndex);
  const unexpanded = considered.flatMap(({ entry, match }) =>
    match.unexpanded === null ? [] : [{ groupId: entry.groupId, rule: entry.rule, reason: match.unexpanded }],
  );

  if (flow.direction === 'egress' && flow.protocol === 'tcp' && flow.port === 25 && !isPrivateAddress(flow.remoteAddress)) {
    return { verdict: 'drop', decidedBy: { kind: 'tcp25' }, ordered, unexpanded: [] };
  }
  const innerGroup = groups.find(
    (group) => group.type === 'normal' && group.innerAccessPolicy === 'Accept' && flow.remoteGroupIds.includes(group.id),
  );
  if (innerGroup) {
    return { verdict: 'accept', decidedBy: { kind: 'innerAccess', groupId: innerGroup.id }, ordered, unexpanded: [] };
  }
  const deciding = evaluated[decidingIndex];
  if (deciding) {
    const { groupId, rule } = deciding.entry;
    return { verdict: rule.policy, decidedBy: { kind: 'rule', groupId, rule }, ordered, unexpanded };
  }
  const groupType = effectiveGroupType(groups);
  const verdict = flow.direction === 'egress' && groupType === 'normal' ? 'accept' : 'drop';
  return { verdict, decidedBy: { kind: 'default', groupType }, ordered, unexpanded };
}
