/**
 * Hop 7: the whitelist of an RDS, Redis, PolarDB or MongoDB destination — its IP groups (and
 * RDS linked templates) and the ECS security groups it trusts (docs/gates/whitelists.md). Pure.
 */
import { appendWhitelistFix, WHITELIST_GROUP_NAME } from '@/lib/fixes/cloud-fixes';
import { injectorFix } from '@/lib/fixes/whitelist-fixes';

import { nameAndId } from './entry-label';
import { describeFactError, makeHop, ref, regionOf, skipHop, unknownHop } from './hop-helpers';
import { cidrContains } from './ip';
import { msg } from './message';
import type { EvidenceTable, Fix, Hop, PathContext, PathFacts, ServiceWhitelist, WhitelistGroup } from './model';
import { WHITELIST_SERVICE_LABEL } from './whitelist-hosts';
import { evaluateTrust } from './whitelist-trust';

/** True when a whitelist entry admits the address: `0.0.0.0/0` and `%` admit everybody. */
export function whitelistEntryAdmits(entry: string, address: string): boolean {
  const trimmed = entry.trim();
  if (trimmed === '%' || trimmed === '0.0.0.0/0') return true;
  return cidrContains(trimmed, address);
}

/** True for a group holding only `127.0.0.1`, the default that admits nobody. */
function isLoopbackOnly(group: WhitelistGroup): boolean {
  return group.entries.length > 0 && group.entries.every((entry) => entry.trim() === '127.0.0.1');
}

/** Groups that govern VPC clients: RDS enhanced-mode `Classic` groups do not. */
function applicableGroups(whitelist: ServiceWhitelist): { applicable: WhitelistGroup[]; skipped: WhitelistGroup[] } {
  const governs = (group: WhitelistGroup): boolean => whitelist.service !== 'rds' || group.networkType?.toLowerCase() !== 'classic';
  return { applicable: whitelist.groups.filter(governs), skipped: whitelist.groups.filter((group) => !governs(group)) };
}

function groupsTable(whitelist: ServiceWhitelist, groups: WhitelistGroup[], address: string, skipped: WhitelistGroup[]): { table: EvidenceTable; hit: { group: WhitelistGroup; entry: string } | null } {
  const rows = groups.map((group) => {
    const admitting = skipped.includes(group) ? undefined : group.entries.find((entry) => whitelistEntryAdmits(entry, address));
    const status = skipped.includes(group) ? 'Classic network only: not for VPC clients' : admitting ? `admits (${admitting})` : isLoopbackOnly(group) ? '127.0.0.1 only: admits nobody' : 'does not admit';
    return { group, admitting, row: [group.name, group.attribute || '—', group.networkType ?? '—', group.entries.join(', '), status] };
  });
  const hitIndex = rows.findIndex((row) => row.admitting !== undefined);
  const hitRow = rows[hitIndex];
  return {
    table: {
      title: `Whitelist groups of ${whitelist.instanceId} checked against ${address}`,
      columns: ['group', 'attribute', 'network type', 'entries', address],
      rows: rows.map((row) => row.row),
      decidingRow: hitIndex === -1 ? null : hitIndex,
    },
    hit: hitRow?.admitting !== undefined ? { group: hitRow.group, entry: hitRow.admitting } : null,
  };
}

function blockedNotes(facts: PathFacts, path: PathContext, whitelist: ServiceWhitelist, address: string): string[] {
  const notes: string[] = [];
  if (whitelist.groups.length > 0 && whitelist.groups.every(isLoopbackOnly)) {
    notes.push('The whitelist holds only 127.0.0.1 (the default of a new instance): it admits nobody.');
  }
  const podIp = path.source.podIp;
  if (path.source.networkMode === 'flannel') {
    const podListed = podIp !== null && whitelist.groups.some((group) => group.entries.some((entry) => entry !== '0.0.0.0/0' && whitelistEntryAdmits(entry, podIp)));
    notes.push(
      `Flannel: the traffic arrives from the node IP ${address}, not the pod IP${podIp ? ` ${podIp}` : ''}.${podListed ? ' The pod address in the whitelist does not help.' : ''} Whitelist the node (or its vSwitch) instead.`,
    );
  }
  if (facts.cluster.pod.annotations['ack.aliyun.com/rds_id'] || facts.cluster.pod.annotations['ack.aliyun.com/redis_id']) {
    notes.push('The pod carries a kubernetes-webhook-injector annotation: its init container adds the pod IP at start; check that it ran.');
  }
  return notes;
}

/** The groups the hop checks: the IP groups, then the linked templates when they were read. */
function checkedGroups(whitelist: ServiceWhitelist): WhitelistGroup[] {
  return whitelist.templates?.kind === 'ok' ? [...whitelist.groups, ...whitelist.templates.value] : whitelist.groups;
}

function blockFixes(facts: PathFacts, path: PathContext, whitelist: ServiceWhitelist, address: string): Fix[] {
  const securityIps = path.source.vSwitchCidr ?? `${address}/32`;
  const append = appendWhitelistFix({
    service: whitelist.service,
    regionId: regionOf(facts),
    instanceId: whitelist.instanceId,
    securityIps,
    risk:
      securityIps === path.source.vSwitchCidr
        ? `Admits every address of ${path.source.vSwitchId ?? 'the source vSwitch'} (${securityIps}) to ${whitelist.instanceId}, not only this ${path.source.networkMode === 'flannel' ? 'node' : 'pod'}: the vSwitch CIDR is used because pod addresses change. Access still needs the database credentials. Group: ${WHITELIST_GROUP_NAME}.`
        : `Admits ${securityIps} only; breaks when the source address changes.`,
  });
  const injector = injectorFix({ service: whitelist.service, instanceId: whitelist.instanceId, group: WHITELIST_GROUP_NAME, flannel: path.source.networkMode === 'flannel' });
  return injector ? [append, injector] : [append];
}

/**
 * For RDS, Redis, PolarDB and MongoDB destinations: the address the service sees (pod IP, node
 * IP in Flannel) is admitted when an IP group (the union of all groups; RDS `Classic` groups
 * excluded for VPC clients) or a linked RDS template holds it, or when the source ENI is in a
 * security group the instance trusts. `block` only when every part was read; a missing part
 * that could still admit makes the hop `unknown` with its error, never `pass`.
 */
export function evaluateWhitelistHop(facts: PathFacts, path: PathContext): Hop {
  const kind = path.destination.kind;
  if (kind !== 'rds' && kind !== 'redis' && kind !== 'polardb' && kind !== 'mongodb') return skipHop('whitelist', msg('analysis.whitelist.notRdsOrRedis'));
  const fact = facts.cloud.whitelist;
  if (fact === null) return unknownHop('whitelist', `the whitelist of ${path.destination.resourceId ?? path.destination.host} was not read`);
  if (fact.kind === 'missing') return unknownHop('whitelist', describeFactError(fact.error));
  const whitelist = fact.value;
  // Another resolved address may be another instance's (recognised by address): its whitelist was not read.
  if (path.destination.resourceId !== null && whitelist.instanceId !== path.destination.resourceId) {
    return unknownHop('whitelist', `the whitelist of ${path.destination.resourceId} was not read (only that of ${whitelist.instanceId})`);
  }
  const address = path.source.sourceAddress;
  if (address === null) return unknownHop('whitelist', 'the source address is unknown');
  const { skipped } = applicableGroups(whitelist);
  const { table, hit } = groupsTable(whitelist, checkedGroups(whitelist), address, skipped);
  const service = WHITELIST_SERVICE_LABEL[whitelist.service];
  const instanceRef = ref(whitelist.service, whitelist.instanceId);
  if (hit) {
    const decidedBy = ref('whitelistGroup', `${whitelist.instanceId}/${hit.group.name}`, `${hit.group.name}: ${hit.entry}`);
    const what = hit.group.attribute === 'template' ? `template ${hit.group.name}` : hit.group.name;
    return makeHop('whitelist', 'pass', `${service} ${whitelist.instanceId} whitelist ${what} admits ${address} (${hit.entry})`, { evidence: { facts: [instanceRef], tables: [table], decidedBy, notes: [] } });
  }
  const trust = evaluateTrust(facts, path, whitelist);
  const tables = trust.table ? [table, trust.table] : [table];
  if (trust.kind === 'trusted') {
    const decidedBy = ref('securityGroup', trust.group.id, nameAndId(trust.group.id, trust.group.name));
    return makeHop('whitelist', 'pass', `${service} ${whitelist.instanceId} trusts security group ${nameAndId(trust.group.id, trust.group.name)}, which holds the source ENI (no IP entry needed for ${address})`, {
      evidence: { facts: [instanceRef], tables, decidedBy, notes: [] },
    });
  }
  const unread = [
    ...(whitelist.templates?.kind === 'missing' ? [`the linked whitelist templates were not read (${describeFactError(whitelist.templates.error)})`] : []),
    ...(trust.kind === 'unread' ? [trust.reason] : []),
  ];
  if (unread.length > 0) {
    return unknownHop('whitelist', `no IP group of ${whitelist.instanceId} admits ${address}, but ${unread.join('; and ')}`, { facts: [instanceRef], tables });
  }
  const evidence = { facts: [instanceRef], tables, decidedBy: null, notes: blockedNotes(facts, path, whitelist, address) };
  return makeHop('whitelist', 'block', `${service} ${whitelist.instanceId} whitelist does not admit ${address}`, { evidence, fixes: blockFixes(facts, path, whitelist, address) });
}
