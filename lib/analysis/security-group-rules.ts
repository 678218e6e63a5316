/**
 * Security-group rule matching for one direction of one flow (domain doc §1).
 *
 * The rules of every group attached to the ENI are pooled, sorted by priority (1 first,
 * drop before accept at equal priority) and the first matching rule decides; when none
 * matches, the implicit default of the group type applies. A rule naming a prefix list or a
 * port list matches when the list holds the address or the port; a list that was not read
 * leaves the rule unexpanded. Pure.
 */
import { cidrContains, isPrivateAddress } from './ip';
import type { PortRange, PortRangeList, PrefixList, Protocol, SecurityGroup, SecurityGroupRule } from './model';

/** The prefix lists and port lists that were read; a rule naming a list not here cannot be expanded. */
export interface RuleLists {
  prefixLists: readonly PrefixList[];
  portRangeLists: readonly PortRangeList[];
}

/** No lists read: every rule naming a list is unexpanded. */
export const NO_RULE_LISTS: RuleLists = { prefixLists: [], portRangeLists: [] };

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

/** A rule that could not be evaluated because a list it names was not read. */
export interface UnexpandedRule {
  groupId: string;
  rule: SecurityGroupRule;
  /** `prefixList`: remote is a prefix list; `portRangeList`: ports come from a port list. */
  reason: 'prefixList' | 'portRangeList';
  /** The list that was not read (`pl-…` or `prl-…`). */
  listId: string;
}

/** One rule in evaluation order and how it compared with the flow. */
export interface OrderedRule {
  groupId: string;
  rule: SecurityGroupRule;
  /** `unexpanded`: it names a list that was not read, and nothing else rules it out. */
  match: 'yes' | 'no' | 'unexpanded';
  /** The prefix-list entry that holds the address, when the rule's list matched. */
  prefixListEntry: PrefixList['entries'][number] | null;
  /** The port-list entry that holds the port, when the rule's list matched. */
  portRangeListEntry: PortRangeList['entries'][number] | null;
}

/** Outcome of {@link decideSecurityGroup}. */
export interface SecurityGroupDecision {
  verdict: 'accept' | 'drop';
  decidedBy: SecurityGroupDecider;
  /** Every rule of the direction, in evaluation order, with whether it matched the flow. */
  ordered: OrderedRule[];
  /**
   * Rules evaluated before the decision that might have matched but name a prefix list or
   * port list that was not read (treated as not matching). One whose policy differs from
   * the verdict could flip it (see `unexpandedMayMatter`).
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

type Part<T> = { kind: 'match'; entry: T | null } | { kind: 'noMatch' } | { kind: 'unexpanded'; listId: string };

/** True when the port lies in the range (null: all ports). */
export const inPortRange = (range: PortRange | null, port: number): boolean => range === null || (port >= range.from && port <= range.to);

function ruleMatchesPort(rule: SecurityGroupRule, port: number, lists: RuleLists): Part<PortRangeList['entries'][number]> {
  const listId = rule.portRangeListId;
  if (listId === null) return inPortRange(rule.portRange, port) ? { kind: 'match', entry: null } : { kind: 'noMatch' };
  const list = lists.portRangeLists.find((candidate) => candidate.id === listId);
  if (!list) return { kind: 'unexpanded', listId };
  const entry = list.entries.find((candidate) => inPortRange(candidate.portRange, port));
  if (!entry) return { kind: 'noMatch' };
  return { kind: 'match', entry };
}

function ruleMatchesRemote(rule: SecurityGroupRule, flow: SecurityGroupFlow, lists: RuleLists): Part<PrefixList['entries'][number]> {
  const remote = rule.remote;
  switch (remote.kind) {
    case 'any':
      return { kind: 'match', entry: null };
    case 'cidr':
      return cidrContains(remote.cidr, flow.remoteAddress) ? { kind: 'match', entry: null } : { kind: 'noMatch' };
    case 'securityGroup':
      return flow.remoteGroupIds.includes(remote.groupId) ? { kind: 'match', entry: null } : { kind: 'noMatch' };
    case 'prefixList': {
      const list = lists.prefixLists.find((candidate) => candidate.id === remote.prefixListId);
      if (!list) return { kind: 'unexpanded', listId: remote.prefixListId };
      const entry = list.entries.find((candidate) => cidrContains(candidate.cidr, flow.remoteAddress));
      return entry ? { kind: 'match', entry } : { kind: 'noMatch' };
    }
    default: {
      const unreachable: never = remote;
      throw new Error(`unhandled security-group remote ${JSON.stringify(unreachable)}`);
    }
  }
}

type RuleMatch = Pick<OrderedRule, 'match' | 'prefixListEntry' | 'portRangeListEntry'> & { unexpanded: Omit<UnexpandedRule, 'groupId' | 'rule'> | null };

const NO_MATCH: RuleMatch = { match: 'no', prefixListEntry: null, portRangeListEntry: null, unexpanded: null };

/** A part that rules the rule out wins over a list that was not read; the prefix list is named first. */
function matchRule(rule: SecurityGroupRule, flow: SecurityGroupFlow, lists: RuleLists): RuleMatch {
  if (!ruleMatchesProtocol(rule, flow.protocol)) return NO_MATCH;
  const remote = ruleMatchesRemote(rule, flow, lists);
  const port = ruleMatchesPort(rule, flow.port, lists);
  if (remote.kind === 'noMatch' || port.kind === 'noMatch') return NO_MATCH;
  if (remote.kind === 'unexpanded') return { ...NO_MATCH, match: 'unexpanded', unexpanded: { reason: 'prefixList', listId: remote.listId } };
  if (port.kind === 'unexpanded') return { ...NO_MATCH, match: 'unexpanded', unexpanded: { reason: 'portRangeList', listId: port.listId } };
  return { match: 'yes', prefixListEntry: remote.entry, portRangeListEntry: port.entry, unexpanded: null };
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
 * - Otherwise the first matching rule of the pooled, sorted list decides; a rule naming a
 *   prefix list or port list matches when `lists` holds it and it holds the address / port;
 *   a rule naming a list `lists` lacks is treated as not matching and reported in `unexpanded`.
 * - No match: egress accept for normal groups, drop for enterprise; ingress drop.
 */
export function decideSecurityGroup(groups: SecurityGroup[], flow: SecurityGroupFlow, lists: RuleLists = NO_RULE_LISTS): SecurityGroupDecision {
  const pooled = groups
    .flatMap((group) => group.rules.filter((rule) => rule.direction === flow.direction).map((rule) => ({ groupId: group.id, rule })))
    .map((entry, index) => ({ ...entry, index }))
    .sort(compareRules);
  const evaluated = pooled.map((entry) => ({ entry, match: matchRule(entry.rule, flow, lists) }));
  const ordered = evaluated.map(({ entry, match }): OrderedRule => ({
    groupId: entry.groupId,
    rule: entry.rule,
    match: match.match,
    prefixListEntry: match.prefixListEntry,
    portRangeListEntry: match.portRangeListEntry,
  }));
  const decidingIndex = evaluated.findIndex(({ match }) => match.match === 'yes');
  const considered = decidingIndex === -1 ? evaluated : evaluated.slice(0, decidingIndex);
  const unexpanded = considered.flatMap(({ entry, match }) =>
    match.unexpanded === null ? [] : [{ groupId: entry.groupId, rule: entry.rule, ...match.unexpanded }],
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
