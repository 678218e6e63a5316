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

import { makeHop, packetDestinations, readFact, ref, regionOf, skipHop, unknownHop } from './hop-helpers';
import type { EvidenceTable, FactRef, Fix, Hop, PathContext, PathFacts, SecurityGroup, SecurityGroupRemote } from './model';
import { decideSecurityGroup, type SecurityGroupDecision, type SecurityGroupFlow } from './security-group-rules';

function describeRemote(remote: SecurityGroupRemote): string {
  switch (remote.kind) {
    case 'any':
      return 'any';
    case 'cidr':
      return remote.cidr;
    case 'securityGroup':
      return `group ${remote.groupId}`;
    case 'prefixList':
      return `prefix list ${remote.prefixListId} (not expanded)`;
    default: {
      const unreachable: never = remote;
      throw new Error(`unhandled security-group remote ${JSON.stringify(unreachable)}`);
    }
  }
}

function describeDecider(decision: SecurityGroupDecision): string {
  const decider = decision.decidedBy;
  switch (decider.kind) {
    case 'rule':
      return `rule ${decider.rule.id} of ${decider.groupId} (priority ${decider.rule.priority}, ${decider.rule.policy})`;
    case 'default':
      return `the implicit default of ${decider.groupType === 'normal' ? 'basic' : 'enterprise'} groups`;
    case 'innerAccess':
      return `inner access of ${decider.groupId} (members talk to each other)`;
    case 'tcp25':
      return 'the platform block of outbound TCP 25';
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
  const rows = decision.ordered.map(({ groupId, rule, matches }) => [
    groupId,
    rule.id,
    String(rule.priority),
    rule.policy,
    rule.protocol,
    rule.portRangeListId === null ? formatPortRange(rule.portRange) : `port list ${rule.portRangeListId}`,
    describeRemote(rule.remote),
    matches ? 'yes' : 'no',
    rule.description,
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
    ({ groupId, rule, reason }) =>
      `Rule ${rule.id} of ${groupId} (${rule.policy}, priority ${rule.priority}) uses a ${reason === 'prefixList' ? 'prefix list' : 'port list'} that was not expanded; it was treated as not matching.`,
  );
}

/** True when an unexpanded rule could flip the decision (its policy differs from the verdict). */
export function unexpandedMayMatter(decision: SecurityGroupDecision): boolean {
  return decision.unexpanded.some(({ rule }) => rule.policy !== decision.verdict);
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
        risk: `Removes the drop rule for every destination it covered (${describeRemote(decider.rule.remote)}, ${decider.rule.protocol} ${formatPortRange(decider.rule.portRange)}), not only ${address}.${dropPriority === 1 ? ' Priority 1 cannot be out-prioritised: revoke it, or lower its scope, then add an accept rule.' : ''}`,
      }),
    );
  }
  return fixes;
}

/**
 * Evaluates the source ENI's groups outbound toward the address the packet carries (for
 * cluster Services the ready backend pods). `block` when every address is dropped, `warn`
 * when some are, or when a prefix-list / port-list rule might flip the result; `unknown`
 * when the ENI or a group could not be read.
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
  const flowTo = (address: string): SecurityGroupFlow => ({
    direction: 'egress',
    remoteAddress: address,
    port: facts.request.port,
    protocol: facts.request.protocol,
    remoteGroupIds: destinationEni?.privateIps.includes(address) ? destinationEni.securityGroupIds : [],
  });
  const decisions = addresses.map((address) => ({ address, decision: decideSecurityGroup(found.groups, flowTo(address)) }));
  const dropped = decisions.filter(({ decision }) => decision.verdict === 'drop');
  const shown = dropped[0] ?? decisions[0];
  if (!shown) return skipHop('securityGroup', 'no address to evaluate');
  const { address, decision } = shown;
  const flowLabel = `${facts.request.protocol}/${facts.request.port} to ${address}`;
  const decider = decision.decidedBy.kind === 'rule' ? decision.decidedBy : null;
  const ranked =
    dropped.length > 0
      ? rankSecurityGroupFixes({ facts, path, groupId: decider?.groupId ?? path.source.securityGroupIds[0] ?? 'sg-unknown', rule: decider?.rule ?? null, fixes: egressFixes(facts, path, decision, address) })
      : { intent: null, fixes: [] };
  const { fixes } = ranked;
  const evidence = {
    facts: [ref('eni', eni.value.id), ...found.groups.map((group) => ref('securityGroup', group.id, `${group.id} (${group.type})`))],
    decidedBy: securityGroupDecider(decision),
    tables: [securityGroupTable(`Outbound rules of ${path.source.securityGroupIds.join(', ')} for ${flowLabel}`, decision)],
    notes: [
      ...unexpandedNotes(decision),
      ...(decisions.length > 1
        ? [`${decisions.length} backend addresses evaluated; ${dropped.length} dropped (${dropped.map((row) => row.address).join(', ') || 'none'}).`]
        : []),
    ],
    ...(ranked.intent ? { intent: ranked.intent } : {}),
  };
  if (dropped.length === decisions.length) {
    const verdict = unexpandedMayMatter(decision) ? 'warn' : 'block';
    return makeHop('securityGroup', verdict, `Outbound ${flowLabel} dropped by ${describeDecider(decision)}`, { evidence, fixes });
  }
  if (dropped.length > 0) {
    return makeHop('securityGroup', 'warn', `Outbound ${facts.request.protocol}/${facts.request.port} dropped to ${dropped.length} of ${decisions.length} backends`, { evidence, fixes });
  }
  if (unexpandedMayMatter(decision)) {
    return makeHop('securityGroup', 'warn', `Outbound ${flowLabel} accepted by ${describeDecider(decision)}, but a prefix-list or port-list rule may drop it`, { evidence });
  }
  return makeHop('securityGroup', 'pass', `Outbound ${flowLabel} accepted by ${describeDecider(decision)}`, { evidence });
}
