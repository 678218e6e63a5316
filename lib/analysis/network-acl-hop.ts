/**
 * Hop 4: vSwitch network ACLs (domain doc §2). Stateless, so both the request and the
 * return traffic are checked, on the source vSwitch and, for VPC destinations, on the
 * destination vSwitch. Pure.
 */
import { FIX_DESCRIPTION, formatPortRange, hostCidr, NEW_ENTRY_ID, updateNetworkAclEntries } from '@/lib/fixes/cloud-fixes';
import { exceptionsLast, rankNetworkAclFixes } from '@/lib/fixes/hop-intent';

import { nameAndId } from './entry-label';
import { describeFactError, joinTexts, makeHop, packetDestinations, ref, regionOf, skipHop, worstVerdict, type EvidenceInput } from './hop-helpers';
import { msg, type Text } from './message';
import { cidrContains } from './ip';
import type { Evidence, EvidenceTable, Fix, Hop, HopVerdict, Intent, NetworkAcl, NetworkAclEntry, PathContext, PathFacts, PortRange, Protocol } from './model';
import { decideAclEntries, EPHEMERAL_PORTS, isAlwaysAllowed, type AclPortDecision } from './network-acl-entries';

/** One direction of one ACL to check. */
interface AclCheck {
  acl: NetworkAcl;
  direction: 'ingress' | 'egress';
  /** Far address as the entries see it. */
  address: string;
  protocol: Protocol;
  ports: PortRange;
  /** What the check is, for people: `request from the source vSwitch`. */
  label: string;
  /** CIDR and ports of the accept entry a fix would add. */
  fixCidr: string;
  fixPorts: PortRange;
}

interface SideResult {
  verdict: HopVerdict;
  summary: Text;
  evidence: EvidenceInput;
  fixes: Fix[];
  reason: string | null;
  /** Set when the deny that decided looks deliberate. */
  intent?: Intent | null;
}

const RETURN_FIX_PORTS: PortRange = { from: 1024, to: 65535 };

const formatRanges = (ranges: PortRange[]): string => ranges.map((range) => formatPortRange(range)).join(', ');

function entryTable(check: AclCheck, decision: AclPortDecision, decidingRow: number | null): EvidenceTable {
  const entries = check.direction === 'egress' ? check.acl.egress : check.acl.ingress;
  const rows = entries.map((entry, index) => [
    String(index + 1),
    entry.id,
    entry.name,
    entry.description ?? '',
    entry.policy,
    entry.protocol,
    formatPortRange(entry.portRange),
    entry.cidr,
    decision.decidingIndices.includes(index) ? 'decides' : decision.unexpandedIndices.includes(index) ? 'not expanded' : '',
  ]);
  return {
    title: `${nameAndId(check.acl.id, check.acl.name)} ${check.direction} (${check.label}: ${check.protocol} ${formatPortRange(check.ports)} ${check.direction === 'egress' ? 'to' : 'from'} ${check.address})`,
    columns: ['#', 'entry', 'name', 'description', 'policy', 'protocol', 'ports', check.direction === 'egress' ? 'destination' : 'source', 'result'],
    rows,
    decidingRow,
  };
}

/** The full new entry list with an accept entry inserted ahead of the first deny that decided. */
function entriesWithAccept(check: AclCheck, decision: AclPortDecision): NetworkAclEntry[] {
  const entries = check.direction === 'egress' ? check.acl.egress : check.acl.ingress;
  const firstDeny = decision.decidingIndices.find((index) => entries[index]?.policy === 'drop') ?? entries.length;
  const added: NetworkAclEntry = {
    id: NEW_ENTRY_ID,
    name: `egress-doctor-${check.protocol}-${check.fixPorts.from}`,
    entryType: 'custom',
    policy: 'accept',
    // NOTE: network ACL entries name tcp, udp, icmp, gre or all: SCTP is only admitted by `all` (ports -1/-1).
    protocol: check.protocol === 'sctp' ? 'all' : check.protocol,
    portRange: check.protocol === 'sctp' ? { from: -1, to: -1 } : check.fixPorts,
    cidr: check.fixCidr,
    description: FIX_DESCRIPTION,
  };
  return [...entries.slice(0, firstDeny), added, ...entries.slice(firstDeny)].filter((entry) => entry.entryType === 'custom');
}

function evaluateCheck(facts: PathFacts, path: PathContext, check: AclCheck): SideResult {
  const decision = decideAclEntries(check.direction === 'egress' ? check.acl.egress : check.acl.ingress, check);
  const entries = check.direction === 'egress' ? check.acl.egress : check.acl.ingress;
  const denied = [...decision.denied, ...decision.unmatched];
  // The row that explains the outcome: the first deny that decided some port when anything is denied.
  const decidingIndex =
    denied.length > 0 ? decision.decidingIndices.find((index) => entries[index]?.policy === 'drop') : decision.decidingIndices[0];
  const decider = decidingIndex === undefined ? undefined : entries[decidingIndex];
  const table = entryTable(check, decision, decidingIndex ?? null);
  const evidence: Partial<Evidence> = {
    tables: [table],
    decidedBy: decider ? ref('networkAclEntry', decider.id, `${nameAndId(decider.id, decider.name)} of ${nameAndId(check.acl.id, check.acl.name)}`) : null,
    notes: decision.unexpandedIndices.map((index) => `Entry ${entries[index]?.id ?? index} of ${check.acl.id} uses a prefix list that was not expanded; it was treated as not matching.`),
  };
  const what = `${nameAndId(check.acl.id, check.acl.name)} ${check.direction} (${check.label})`;
  if (denied.length === 0) {
    const unsure = decision.unexpandedIndices.some((index) => entries[index]?.policy === 'drop');
    const summary = `${what} accepts ${check.protocol} ${formatPortRange(check.ports)}`;
    if (unsure) {
      // An unexpanded drop entry ahead of the accept could match: the accept is not proven.
      const reason = `${summary} on the entries read, but a drop entry with an unexpanded prefix list may match first`;
      return { verdict: 'unknown', summary: reason, evidence, fixes: [], reason };
    }
    return { verdict: 'pass', summary, evidence, fixes: [], reason: null };
  }
  const fix = updateNetworkAclEntries({
    regionId: regionOf(facts),
    networkAclId: check.acl.id,
    direction: check.direction,
    entries: entriesWithAccept(check, decision),
    summary: `Accept ${check.protocol} ${formatPortRange(check.fixPorts)} ${check.direction === 'egress' ? 'to' : 'from'} ${check.fixCidr}`,
    risk: `Admits ${check.protocol} ${formatPortRange(check.fixPorts)} ${check.direction === 'egress' ? 'toward' : 'from'} ${check.fixCidr} for every instance in the vSwitches bound to ${check.acl.id}. The call replaces the whole ${check.direction} list (system entries are kept by the service).`,
  });
  const ranked = rankNetworkAclFixes({ facts, path, acl: check.acl, direction: check.direction, entry: decider ?? null, fixes: [fix] });
  const cause = decider ? `entry ${nameAndId(decider.id, decider.name)}` : 'no matching entry (implicit deny)';
  const partial = decision.accepted.length > 0;
  const unsure = decision.unexpandedIndices.some((index) => entries[index]?.policy === 'accept');
  const summary = `${what} denies ${check.protocol} ${formatRanges(denied)}: ${cause}`;
  if (unsure) {
    // An unexpanded accept entry could match before the deny: the block is not proven either.
    const reason = `${summary} on the entries read, but an accept entry with an unexpanded prefix list may match first`;
    return { verdict: 'unknown', summary: reason, evidence, fixes: ranked.fixes, reason, intent: ranked.intent };
  }
  return { verdict: partial ? 'warn' : 'block', summary, evidence, fixes: ranked.fixes, reason: null, intent: ranked.intent };
}

function aclFor(facts: PathFacts, vSwitchId: string): { acl: NetworkAcl | null; result: SideResult | null } {
  const unknown = (reason: string): SideResult => ({ verdict: 'unknown', summary: reason, evidence: {}, fixes: [], reason });
  if (facts.cloud.vSwitches.kind === 'missing') return { acl: null, result: unknown(describeFactError(facts.cloud.vSwitches.error)) };
  const vSwitch = facts.cloud.vSwitches.value.find((candidate) => candidate.id === vSwitchId);
  if (!vSwitch) return { acl: null, result: unknown(`vSwitch ${vSwitchId} was not read`) };
  const facts0 = [ref('vSwitch', vSwitch.id, `${vSwitch.id} (${vSwitch.cidrBlock})`)];
  if (vSwitch.networkAclId === null) {
    const summary = msg('analysis.networkAcl.noneBound', { vSwitch: vSwitch.id });
    return { acl: null, result: { verdict: 'pass', summary, evidence: { facts: facts0, notes: [summary] }, fixes: [], reason: null } };
  }
  if (facts.cloud.networkAcls.kind === 'missing') return { acl: null, result: unknown(describeFactError(facts.cloud.networkAcls.error)) };
  const acl = facts.cloud.networkAcls.value.find((candidate) => candidate.id === vSwitch.networkAclId);
  return acl ? { acl, result: null } : { acl: null, result: unknown(`network ACL ${vSwitch.networkAclId} was not read`) };
}

/** Runs the request and return checks of one side's ACL and merges them. */
function evaluateSide(facts: PathFacts, path: PathContext, vSwitchId: string, makeChecks: (acl: NetworkAcl) => AclCheck[]): SideResult {
  const { acl, result } = aclFor(facts, vSwitchId);
  if (result) return result;
  if (!acl) throw new Error('invariant: aclFor returns an ACL or a result');
  const results = makeChecks(acl).map((check) => evaluateCheck(facts, path, check));
  const verdict = worstVerdict(results.map((entry) => entry.verdict));
  const failing = results.filter((entry) => entry.verdict !== 'pass');
  return {
    verdict,
    summary: joinTexts((failing.length > 0 ? failing : results).map((entry) => entry.summary)),
    evidence: {
      facts: [ref('vSwitch', vSwitchId), ref('networkAcl', acl.id, nameAndId(acl.id, acl.name))],
      tables: results.flatMap((entry) => entry.evidence.tables ?? []),
      decidedBy: (failing[0] ?? results[0])?.evidence.decidedBy ?? null,
      notes: results.flatMap((entry) => entry.evidence.notes ?? []),
    },
    fixes: results.flatMap((entry) => entry.fixes),
    reason: results.find((entry) => entry.verdict === verdict && entry.reason !== null)?.reason ?? null,
    intent: results.find((entry) => entry.verdict !== 'pass' && entry.intent)?.intent ?? null,
  };
}

function destinationVSwitch(facts: PathFacts, address: string): { vSwitchId: string | null; note: string | null; result: SideResult | null } {
  const fact = facts.cloud.destinationEni;
  if (fact.kind === 'missing') {
    const reason = describeFactError(fact.error);
    return { vSwitchId: null, note: null, result: { verdict: 'unknown', summary: reason, evidence: {}, fixes: [], reason } };
  }
  if (fact.value === null || !fact.value.privateIps.includes(address)) {
    return { vSwitchId: null, note: `No ENI found for ${address}: the destination vSwitch's ACL was not evaluated.`, result: null };
  }
  return { vSwitchId: fact.value.vSwitchId, note: null, result: null };
}

/** `{ intent }` of the first deciding side whose deny looks deliberate, else nothing. */
function intentOf(sides: SideResult[]): { intent?: Intent } {
  const intent = sides.find((side) => side.intent)?.intent;
  return intent ? { intent } : {};
}

/**
 * Evaluates the source vSwitch's ACL (egress to the destination, ingress of the return
 * traffic toward ephemeral ports 32768–60999) and, for destinations in the VPC, the
 * destination vSwitch's ACL (ingress from the source address, egress of the return traffic).
 * Same-vSwitch traffic and the always-allowed ranges are not filtered.
 */
export function evaluateNetworkAclHop(facts: PathFacts, path: PathContext): Hop {
  const address = packetDestinations(facts, path)[0];
  if (address === undefined) return skipHop('networkAcl', 'no address to evaluate');
  if (isAlwaysAllowed(address)) {
    return makeHop('networkAcl', 'pass', `${address} is in a range network ACLs always allow`, { evidence: { notes: ['Network ACLs always allow 100.100.2.128/28, 100.100.2.112/28 (VPC DNS) and 100.100.100.200/32 (metadata).'] } });
  }
  const { sourceAddress, vSwitchId, vSwitchCidr } = path.source;
  if (vSwitchId === null || sourceAddress === null) {
    const reason = 'the source vSwitch or address is unknown';
    return makeHop('networkAcl', 'unknown', `Cannot tell: ${reason}`, { reason });
  }
  const { protocol, port } = facts.request;
  const sides: SideResult[] = [];
  const notes: string[] = [];
  if (vSwitchCidr !== null && cidrContains(vSwitchCidr, address)) {
    notes.push(`${address} is in the source vSwitch ${vSwitchId}: traffic inside a vSwitch is not filtered by its ACL.`);
  } else {
    sides.push(
      evaluateSide(facts, path, vSwitchId, (acl) => [
        { acl, direction: 'egress', address, protocol, ports: { from: port, to: port }, label: 'request', fixCidr: hostCidr(address), fixPorts: { from: port, to: port } },
        { acl, direction: 'ingress', address, protocol, ports: EPHEMERAL_PORTS, label: 'return traffic', fixCidr: hostCidr(address), fixPorts: RETURN_FIX_PORTS },
      ]),
    );
  }
  if (path.destination.kind !== 'internet') {
    const destination = destinationVSwitch(facts, address);
    if (destination.note) notes.push(destination.note);
    if (destination.result) sides.push(destination.result);
    const destinationVSwitchId = destination.vSwitchId;
    if (destinationVSwitchId === vSwitchId) {
      notes.push(`The destination is in the source vSwitch ${vSwitchId}: not filtered.`);
    } else if (destinationVSwitchId !== null) {
      const fixCidr = vSwitchCidr ?? hostCidr(sourceAddress);
      sides.push(
        evaluateSide(facts, path, destinationVSwitchId, (acl) => [
          { acl, direction: 'ingress', address: sourceAddress, protocol, ports: { from: port, to: port }, label: 'request at the destination', fixCidr, fixPorts: { from: port, to: port } },
          { acl, direction: 'egress', address: sourceAddress, protocol, ports: EPHEMERAL_PORTS, label: 'return traffic from the destination', fixCidr, fixPorts: RETURN_FIX_PORTS },
        ]),
      );
    }
  }
  if (sides.length === 0) return skipHop('networkAcl', 'same vSwitch: not filtered by network ACLs', { notes });
  const verdict = worstVerdict(sides.map((side) => side.verdict));
  const deciding = sides.filter((side) => side.verdict === verdict);
  const evidence: EvidenceInput = {
    facts: sides.flatMap((side) => side.evidence.facts ?? []),
    decidedBy: deciding[0]?.evidence.decidedBy ?? null,
    tables: sides.flatMap((side) => side.evidence.tables ?? []),
    notes: [...notes, ...sides.flatMap((side) => side.evidence.notes ?? [])],
    ...intentOf(deciding),
  };
  const reason = deciding.find((side) => side.reason !== null)?.reason ?? null;
  const summary = verdict === 'unknown' ? `Cannot tell: ${reason ?? 'a fact is missing'}` : joinTexts(deciding.map((side) => side.summary));
  return makeHop('networkAcl', verdict, summary, { reason, evidence, fixes: exceptionsLast(sides.flatMap((side) => side.fixes)) });
}
