/**
 * Hop 3: the source ENI's security groups, outbound (domain doc §1). Pure.
 */
import {
  authorizeSecurityGroupEgress,
  formatPortRange,
  hostCidr,
  manualFix,
  revokeSecurityGroupEgress,
} from '@/lib/fixes/cloud-fixes';
import { rankSecurityGroupFixes } from '@/lib/fixes/hop-intent';

import { nameAndId } from './entry-label';
import { cidrContains } from './ip';
import { describeFactError, makeHop, packetDestinations, readFact, ref, regionOf, skipHop, unknownHop, withTitle } from './hop-helpers';
import { english, msg, type Message } from './message';
import type { EvidenceTable, Fact, FactRef, Fix, Hop, PathContext, PathFacts, SecurityGroup, SecurityGroupRemote } from './model';
import {
  decideSecurityGroup,
  inPortRange,
  type OrderedRule,
  type RuleLists,
  type SecurityGroupDecision,
  type SecurityGroupFlow,
  type UnexpandedRule,
} from './security-group-rules';

/** The prefix lists and port lists that were read (none of a collection that failed). */
export function ruleListsOf(facts: PathFacts): RuleLists {
  const { prefixLists, portRangeLists } = facts.cloud;
  return {
    prefixLists: prefixLists.kind === 'ok' ? prefixLists.value : [],
    portRangeLists: portRangeLists.kind === 'ok' ? portRangeLists.value : [],
  };
}

function describeRemote(remote: SecurityGroupRemote, lists?: RuleLists): string {
  switch (remote.kind) {
    case 'any':
      return 'any';
    case 'cidr':
      return remote.cidr;
    case 'securityGroup':
      return `group ${remote.groupId}`;
    case 'prefixList': {
      const list = lists?.prefixLists.find((candidate) => candidate.id === remote.prefixListId);
      if (!list) return `prefix list ${remote.prefixListId}`;
      return `prefix list ${list.id}${list.name ? ` (${list.name})` : ''}: ${list.entries.map((entry) => entry.cidr).join(', ') || 'no entries'}`;
    }
    default: {
      const unreachable: never = remote;
      throw new Error(`unhandled security-group remote ${JSON.stringify(unreachable)}`);
    }
  }
}

function describeDecider(decision: SecurityGroupDecision, groups: readonly SecurityGroup[] = []): string {
  return english(deciderMessage(decision, groups));
}

/** A group as sentences name it: `name (sg-…)`, the id when it has no name (or is not among `groups`). */
export function securityGroupLabel(groups: readonly SecurityGroup[], id: string): string {
  return nameAndId(id, groups.find((group) => group.id === id)?.name);
}

/** What decided, as a phrase: the rule (of its group, by name when it has one), a default, inner access or the TCP 25 block. */
function deciderMessage(decision: SecurityGroupDecision, groups: readonly SecurityGroup[] = []): Message {
  const decider = decision.decidedBy;
  switch (decider.kind) {
    case 'rule':
      return msg('analysis.securityGroup.deciderRule', { rule: decider.rule.id, group: securityGroupLabel(groups, decider.groupId), priority: String(decider.rule.priority), policy: decider.rule.policy });
    case 'default':
      return msg('analysis.securityGroup.deciderDefault', { type: decider.groupType === 'normal' ? 'basic' : 'enterprise' });
    case 'innerAccess':
      return msg('analysis.securityGroup.deciderInnerAccess', { group: securityGroupLabel(groups, decider.groupId) });
    case 'tcp25':
      return msg('analysis.securityGroup.deciderTcp25');
    default: {
      const unreachable: never = decider;
      throw new Error(`unhandled security-group decider ${JSON.stringify(unreachable)}`);
    }
  }
}

/**
 * The rules in evaluation order as an evidence table; when a default, inner access or the
 * TCP 25 block decided, a last synthetic row names it and is the deciding row.
 */
export function securityGroupTable(title: string, decision: SecurityGroupDecision): EvidenceTable {
  const rows = decision.ordered.map((row) => [
    row.groupId,
    row.rule.id,
    String(row.rule.priority),
    row.rule.policy,
    row.rule.protocol,
    describePortsCell(row),
    describeRemoteCell(row),
    row.match === 'unexpanded' ? 'unknown (list not read)' : row.match,
    row.rule.description,
  ]);
  const decider = decision.decidedBy;
  if (decider.kind === 'rule') {
    const decidingRow = decision.ordered.findIndex((row) => row.rule === decider.rule && row.groupId === decider.groupId);
    return { title, columns: COLUMNS, rows, decidingRow: decidingRow === -1 ? null : decidingRow };
  }
  const synthetic = ['—', '—', '—', decision.verdict, '—', '—', describeDecider(decision), 'yes', '—'];
  return { title, columns: COLUMNS, rows: [...rows, synthetic], decidingRow: rows.length };
}

const COLUMNS = ['group', 'rule', 'priority', 'policy', 'protocol', 'ports', 'remote', 'matches', 'description'];

function describePortsCell(row: OrderedRule): string {
  const listId = row.rule.portRangeListId;
  if (listId === null) return formatPortRange(row.rule.portRange);
  return row.portRangeListEntry === null ? `port list ${listId}` : `port list ${listId} ∋ ${formatPortRange(row.portRangeListEntry.portRange)}`;
}

function describeRemoteCell(row: OrderedRule): string {
  const remote = row.rule.remote;
  if (remote.kind !== 'prefixList') return describeRemote(remote);
  return row.prefixListEntry === null ? `prefix list ${remote.prefixListId}` : `prefix list ${remote.prefixListId} ∋ ${row.prefixListEntry.cidr}`;
}

/** The ids of the lists the rules of a decision name, prefix lists first, without repeats. */
function namedLists(decision: SecurityGroupDecision): { prefixListIds: string[]; portRangeListIds: string[] } {
  const prefixListIds = decision.ordered.flatMap(({ rule }) => (rule.remote.kind === 'prefixList' ? [rule.remote.prefixListId] : []));
  const portRangeListIds = decision.ordered.flatMap(({ rule }) => (rule.portRangeListId === null ? [] : [rule.portRangeListId]));
  return { prefixListIds: [...new Set(prefixListIds)], portRangeListIds: [...new Set(portRangeListIds)] };
}

/**
 * One table per list the decision's rules name that was read: its entries, whether each
 * holds the flow's address (prefix list) or port (port list), and as deciding row the entry
 * through which the deciding rule matched.
 */
export function ruleListTables(decision: SecurityGroupDecision, lists: RuleLists, flow: { address: string; port: number }): EvidenceTable[] {
  const deciderRule = decision.decidedBy.kind === 'rule' ? decision.decidedBy.rule : null;
  const decider = decision.ordered.find((row) => row.rule === deciderRule);
  const { prefixListIds, portRangeListIds } = namedLists(decision);
  const decidingRow = <T>(entries: T[], entry: T | null | undefined): number | null => {
    const index = entry === null || entry === undefined ? -1 : entries.indexOf(entry);
    return index === -1 ? null : index;
  };
  const prefixTables = lists.prefixLists
    .filter((list) => prefixListIds.includes(list.id))
    .map((list): EvidenceTable => ({
      title: `Prefix list ${nameAndId(list.id, list.name)}, ${list.addressFamily}`,
      columns: ['cidr', 'description', `holds ${flow.address}`],
      rows: list.entries.map((entry) => [entry.cidr, entry.description, cidrContains(entry.cidr, flow.address) ? 'yes' : 'no']),
      decidingRow: decidingRow(list.entries, decider?.prefixListEntry),
    }));
  const portTables = lists.portRangeLists
    .filter((list) => portRangeListIds.includes(list.id))
    .map((list): EvidenceTable => ({
      title: `Port list ${list.id}`,
      columns: ['ports', 'description', `holds ${flow.port}`],
      rows: list.entries.map((entry) => [formatPortRange(entry.portRange), entry.description, inPortRange(entry.portRange, flow.port) ? 'yes' : 'no']),
      decidingRow: decidingRow(list.entries, decider?.portRangeListEntry),
    }));
  return [...prefixTables, ...portTables];
}

/** Why the rules that could flip the decision were not expanded: the failed read, or the list that is missing from it. */
export function unexpandedReason(facts: PathFacts, decision: SecurityGroupDecision): string | null {
  const mattering = decision.unexpanded.filter(({ rule }) => rule.policy !== decision.verdict);
  if (mattering.length === 0) return null;
  const describe = ({ groupId, rule, reason, listId }: UnexpandedRule): string => {
    const fact: Fact<unknown> = reason === 'prefixList' ? facts.cloud.prefixLists : facts.cloud.portRangeLists;
    const why = fact.kind === 'missing' ? `was not read (${describeFactError(fact.error)})` : 'was not found';
    return `rule ${rule.id} of ${groupId} (${rule.policy}, priority ${rule.priority}) names ${reason === 'prefixList' ? 'prefix list' : 'port list'} ${listId}, which ${why}`;
  };
  const verdict = decision.verdict === 'accept' ? 'drop' : 'accept';
  return `${mattering.map(describe).join('; ')}; it could ${verdict} the flow`;
}

/** The decision's deciding fact, null for defaults. */
export function securityGroupDecider(decision: SecurityGroupDecision): FactRef | null {
  const decider = decision.decidedBy;
  if (decider.kind === 'rule') return ref('securityGroupRule', decider.rule.id, `${decider.groupId} ${decider.rule.id}`);
  if (decider.kind === 'innerAccess') return ref('securityGroup', decider.groupId);
  return null;
}

/** Notes that warn about prefix-list / port-list rules the decision could not expand. */
export function unexpandedNotes(decision: SecurityGroupDecision): string[] {
  return decision.unexpanded.map(
    ({ groupId, rule, reason, listId }) =>
      `Rule ${rule.id} of ${groupId} (${rule.policy}, priority ${rule.priority}) names ${reason === 'prefixList' ? 'prefix list' : 'port list'} ${listId}, which was not read; it was treated as not matching.`,
  );
}

/** True when an unexpanded rule could flip the decision (its policy differs from the verdict). */
export function unexpandedMayMatter(decision: SecurityGroupDecision): boolean {
  return decision.unexpanded.some(({ rule }) => rule.policy !== decision.verdict);
}

/** Fact references of the lists the decision's rules name that were read. */
export function ruleListRefs(decision: SecurityGroupDecision, lists: RuleLists): FactRef[] {
  const { prefixListIds, portRangeListIds } = namedLists(decision);
  return [
    ...lists.prefixLists.filter((list) => prefixListIds.includes(list.id)).map((list) => ref('prefixList', list.id, nameAndId(list.id, list.name))),
    ...lists.portRangeLists.filter((list) => portRangeListIds.includes(list.id)).map((list) => ref('portRangeList', list.id)),
  ];
}

/** Looks up `ids` in the security-group fact: the groups, or the hop explaining what is missing. */
export function findGroups(
  facts: PathFacts,
  ids: string[],
  kind: 'securityGroup' | 'destinationAcl',
): { ok: true; groups: SecurityGroup[] } | { ok: false; hop: Hop } {
  const read = readFact(kind, facts.cloud.securityGroups);
  if (!read.ok) return read;
  const groups = ids.flatMap((id) => read.value.filter((group) => group.id === id));
  const absent = ids.filter((id) => !groups.some((group) => group.id === id));
  if (absent.length > 0) return { ok: false, hop: unknownHop(kind, `security group ${absent.join(', ')} was not read`) };
  return { ok: true, groups };
}

function egressFixes(facts: PathFacts, path: PathContext, decision: SecurityGroupDecision, address: string): Fix[] {
  const regionId = regionOf(facts);
  const { port, protocol } = facts.request;
  const decider = decision.decidedBy;
  const scope = path.source.networkMode === 'flannel' ? 'every pod on every node' : 'every pod and instance';
  if (decider.kind === 'tcp25') {
    return [
      manualFix({
        id: 'securityGroup-tcp25',
        title: 'Use port 465/587 or apply to unblock TCP 25',
        description: 'Alibaba Cloud blocks outbound TCP 25 to the Internet regardless of security-group rules. Use SMTPS (465) or submission (587), or apply for the port 25 unblock in the ECS console.',
        risk: 'None for switching ports; the unblock application is reviewed by Alibaba Cloud.',
        target: ref('eni', path.source.eniId ?? 'source', path.source.eniId ?? 'source ENI'),
        steps: ['Switch the client to port 465 or 587', 'Or: ECS console → Security → Port 25 unblock application'],
      }),
    ];
  }
  const groupId = decider.kind === 'rule' ? decider.groupId : (path.source.securityGroupIds[0] ?? 'sg-unknown');
  const dropPriority = decider.kind === 'rule' && decider.rule.policy === 'drop' ? decider.rule.priority : null;
  const cidr = hostCidr(address);
  const fixes: Fix[] = [];
  if (dropPriority === null || dropPriority > 1) {
    fixes.push(
      authorizeSecurityGroupEgress({
        regionId,
        securityGroupId: groupId,
        protocol,
        port,
        cidr,
        priority: dropPriority === null ? 1 : dropPriority - 1,
        risk: `Opens ${protocol}/${port} toward ${cidr} only, for ${scope} in ${groupId}.${dropPriority === null ? '' : ` It out-prioritises the drop rule (priority ${dropPriority}) for this destination only.`}`,
      }),
    );
  }
  if (decider.kind === 'rule' && dropPriority !== null) {
    fixes.push(
      revokeSecurityGroupEgress({
        regionId,
        securityGroupId: decider.groupId,
        ruleId: decider.rule.id,
        risk:
          decider.rule.remote.kind === 'cidr' && decider.rule.portRangeListId === null
            ? msg('analysis.fix.securityGroupRevokeRisk', { remote: decider.rule.remote.cidr, protocol: decider.rule.protocol, ports: formatPortRange(decider.rule.portRange), address, topPriority: dropPriority === 1 ? 'yes' : 'no' })
            : `Removes the drop rule for every destination it covered (${describeRemote(decider.rule.remote, ruleListsOf(facts))}, ${decider.rule.protocol} ${decider.rule.portRangeListId === null ? formatPortRange(decider.rule.portRange) : `port list ${decider.rule.portRangeListId}`}), not only ${address}.${dropPriority === 1 ? ' Priority 1 cannot be out-prioritised: revoke it, or lower its scope, then add an accept rule.' : ''}`,
      }),
    );
  }
  const entryFix = decider.kind === 'rule' && dropPriority !== null ? prefixListEntryFix(facts, decision, address) : null;
  return entryFix === null ? fixes : [...fixes, entryFix];
}

/**
 * When a drop rule matched through a prefix-list entry: taking the entry out of the list,
 * which changes every rule and resource that names the list (manual: the list is shared).
 */
function prefixListEntryFix(facts: PathFacts, decision: SecurityGroupDecision, address: string): Fix | null {
  const decider = decision.decidedBy;
  if (decider.kind !== 'rule' || decider.rule.remote.kind !== 'prefixList') return null;
  const row = decision.ordered.find((candidate) => candidate.rule === decider.rule);
  const entry = row?.prefixListEntry ?? null;
  if (entry === null) return null;
  const listId = decider.rule.remote.prefixListId;
  const regionId = regionOf(facts);
  return manualFix({
    id: 'securityGroup-prefix-list-entry',
    title: `Take ${entry.cidr} out of prefix list ${listId}`,
    description: `Drop rule ${decider.rule.id} of ${decider.groupId} matches ${address} through the entry ${entry.cidr}${entry.description ? ` (“${entry.description}”)` : ''} of prefix list ${listId}. The rule and the entry look deliberate: confirm with the list's owner before changing either.`,
    risk: `Every security group, route or ACL that names ${listId} stops matching ${entry.cidr}, not only this rule${entry.cidr === hostCidr(address) ? '' : `; every address of ${entry.cidr}, not only ${address}, is no longer dropped`}.`,
    target: ref('prefixList', listId),
    steps: [
      `Check who maintains ${listId} and why ${entry.cidr} is in it (DescribePrefixListAssociations lists what uses it)`,
      `aliyun ecs ModifyPrefixList${regionId === null ? '' : ` --RegionId ${regionId}`} --PrefixListId ${listId} --RemoveEntry.1.Cidr ${entry.cidr}`,
    ],
  });
}

/**
 * Evaluates the source ENI's groups outbound toward the address the packet carries (for
 * cluster Services the ready backend pods), expanding the prefix lists and port lists the
 * rules name. `block` when every address is dropped, `warn` when some are; `unknown` when
 * the ENI or a group could not be read, or when a rule naming a list that was not read
 * could flip the result.
 */
export function evaluateSecurityGroupHop(facts: PathFacts, path: PathContext): Hop {
  const addresses = packetDestinations(facts, path);
  if (addresses.length === 0) return skipHop('securityGroup', 'no address to evaluate');
  const eni = readFact('securityGroup', facts.cloud.sourceEni);
  if (!eni.ok) return eni.hop;
  if (eni.value === null) return unknownHop('securityGroup', `no ENI holds the source address ${path.source.sourceAddress ?? '(none)'}`);
  const found = findGroups(facts, path.source.securityGroupIds, 'securityGroup');
  if (!found.ok) return found.hop;
  const destinationEni = facts.cloud.destinationEni.kind === 'ok' ? facts.cloud.destinationEni.value : null;
  const lists = ruleListsOf(facts);
  const flowTo = (address: string): SecurityGroupFlow => ({
    direction: 'egress',
    remoteAddress: address,
    port: facts.request.port,
    protocol: facts.request.protocol,
    remoteGroupIds: destinationEni?.privateIps.includes(address) ? destinationEni.securityGroupIds : [],
  });
  const decisions = addresses.map((address) => {
    const decision = decideSecurityGroup(found.groups, flowTo(address), lists);
    return { address, decision, unexpanded: unexpandedReason(facts, decision) };
  });
  const dropped = decisions.filter(({ decision }) => decision.verdict === 'drop');
  const uncertain = decisions.find((row) => row.unexpanded !== null);
  const shown = uncertain ?? dropped[0] ?? decisions[0];
  if (!shown) return skipHop('securityGroup', 'no address to evaluate');
  const { address, decision } = shown;
  const flowLabel = `${facts.request.protocol}/${facts.request.port} to ${address}`;
  const flowParams = { protocol: facts.request.protocol, port: String(facts.request.port), address };
  const decider = decision.decidedBy.kind === 'rule' ? decision.decidedBy : null;
  const ranked =
    dropped.length > 0
      ? rankSecurityGroupFixes({ facts, path, groupId: decider?.groupId ?? path.source.securityGroupIds[0] ?? 'sg-unknown', rule: decider?.rule ?? null, fixes: egressFixes(facts, path, decision, address) })
      : { intent: null, fixes: [] };
  const { fixes } = ranked;
  const evidence = {
    facts: [ref('eni', eni.value.id), ...found.groups.map((group) => ref('securityGroup', group.id, `${nameAndId(group.id, group.name)} · ${group.type}`)), ...ruleListRefs(decision, lists)],
    decidedBy: securityGroupDecider(decision),
    tables: [
      withTitle(securityGroupTable('', decision), msg('analysis.securityGroup.outboundTableTitle', { groups: path.source.securityGroupIds.map((id) => securityGroupLabel(found.groups, id)).join(', '), ...flowParams })),
      ...ruleListTables(decision, lists, { address, port: facts.request.port }),
    ],
    notes: [
      ...unexpandedNotes(decision),
      ...(decisions.length > 1
        ? [`${decisions.length} backend addresses evaluated; ${dropped.length} dropped (${dropped.map((row) => row.address).join(', ') || 'none'}).`]
        : []),
    ],
    ...(ranked.intent ? { intent: ranked.intent } : {}),
  };
  if (uncertain?.unexpanded) {
    return makeHop('securityGroup', 'unknown', `Cannot tell: outbound ${flowLabel} is ${decision.verdict === 'drop' ? 'dropped' : 'accepted'} by ${describeDecider(decision, found.groups)} unless a rule naming an unread list matches`, {
      reason: uncertain.unexpanded,
      evidence,
    });
  }
  if (dropped.length === decisions.length) {
    const summary = matchedThrough(decision) === '' ? msg('analysis.securityGroup.dropped', { ...flowParams, decider: deciderMessage(decision, found.groups) }) : `Outbound ${flowLabel} dropped by ${describeDecider(decision, found.groups)}${matchedThrough(decision)}`;
    return makeHop('securityGroup', 'block', summary, { evidence, fixes });
  }
  if (dropped.length > 0) {
    return makeHop('securityGroup', 'warn', `Outbound ${facts.request.protocol}/${facts.request.port} dropped to ${dropped.length} of ${decisions.length} backends`, { evidence, fixes });
  }
  const summary = matchedThrough(decision) === '' ? msg('analysis.securityGroup.accepted', { ...flowParams, decider: deciderMessage(decision, found.groups) }) : `Outbound ${flowLabel} accepted by ${describeDecider(decision, found.groups)}${matchedThrough(decision)}`;
  return makeHop('securityGroup', 'pass', summary, { evidence });
}

/** `, through prefix list pl-… entry 203.0.113.20/32` when the deciding rule matched through a list. */
export function matchedThrough(decision: SecurityGroupDecision): string {
  const decider = decision.decidedBy;
  if (decider.kind !== 'rule') return '';
  const row = decision.ordered.find((candidate) => candidate.rule === decider.rule);
  const parts = [
    row?.prefixListEntry && decider.rule.remote.kind === 'prefixList' ? `prefix list ${decider.rule.remote.prefixListId} entry ${row.prefixListEntry.cidr}` : null,
    row?.portRangeListEntry && decider.rule.portRangeListId !== null ? `port list ${decider.rule.portRangeListId} entry ${formatPortRange(row.portRangeListEntry.portRange)}` : null,
  ].filter((part): part is string => part !== null);
  return parts.length === 0 ? '' : `, through ${parts.join(' and ')}`;
}
