/**
 * Hop 7: the IP whitelist of an RDS or Redis destination (domain doc §5.2, §5.3). Pure.
 */
import { appendWhitelistFix, WHITELIST_GROUP_NAME } from '@/lib/fixes/cloud-fixes';

import { describeFactError, makeHop, ref, regionOf, skipHop, unknownHop } from './hop-helpers';
import { msg } from './message';
import { cidrContains } from './ip';
import type { EvidenceTable, Hop, PathContext, PathFacts, ServiceWhitelist, WhitelistGroup } from './model';

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

function groupsTable(whitelist: ServiceWhitelist, address: string, skipped: WhitelistGroup[]): { table: EvidenceTable; hit: { group: WhitelistGroup; entry: string } | null } {
  const rows = whitelist.groups.map((group) => {
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

/**
 * For RDS and Redis destinations: whether a whitelist group (the union of all groups; RDS
 * `Classic` groups excluded for VPC clients) admits the address the service sees (pod IP,
 * node IP in Flannel). A missing whitelist is `unknown` with its error, never `pass`.
 */
export function evaluateWhitelistHop(facts: PathFacts, path: PathContext): Hop {
  const kind = path.destination.kind;
  if (kind !== 'rds' && kind !== 'redis') return skipHop('whitelist', msg('analysis.whitelist.notRdsOrRedis'));
  const fact = facts.cloud.whitelist;
  if (fact === null) return unknownHop('whitelist', `the whitelist of ${path.destination.resourceId ?? path.destination.host} was not read`);
  if (fact.kind === 'missing') return unknownHop('whitelist', describeFactError(fact.error));
  const whitelist = fact.value;
  const address = path.source.sourceAddress;
  if (address === null) return unknownHop('whitelist', 'the source address is unknown');
  const { skipped } = applicableGroups(whitelist);
  const { table, hit } = groupsTable(whitelist, address, skipped);
  const instanceRef = ref(whitelist.service, whitelist.instanceId);
  const evidence = {
    facts: [instanceRef],
    tables: [table],
    decidedBy: hit ? ref('whitelistGroup', `${whitelist.instanceId}/${hit.group.name}`, `${hit.group.name}: ${hit.entry}`) : null,
    notes: hit ? [] : blockedNotes(facts, path, whitelist, address),
  };
  const service = whitelist.service === 'rds' ? 'RDS' : 'Redis';
  if (hit) return makeHop('whitelist', 'pass', `${service} ${whitelist.instanceId} whitelist ${hit.group.name} admits ${address} (${hit.entry})`, { evidence });
  const securityIps = path.source.vSwitchCidr ?? `${address}/32`;
  return makeHop('whitelist', 'block', `${service} ${whitelist.instanceId} whitelist does not admit ${address}`, {
    evidence,
    fixes: [
      appendWhitelistFix({
        service: whitelist.service,
        regionId: regionOf(facts),
        instanceId: whitelist.instanceId,
        securityIps,
        risk:
          securityIps === path.source.vSwitchCidr
            ? `Admits every address of ${path.source.vSwitchId ?? 'the source vSwitch'} (${securityIps}) to ${whitelist.instanceId}, not only this ${path.source.networkMode === 'flannel' ? 'node' : 'pod'}: the vSwitch CIDR is used because pod addresses change. Access still needs the database credentials. Group: ${WHITELIST_GROUP_NAME}.`
            : `Admits ${securityIps} only; breaks when the source address changes.`,
      }),
    ],
  });
}
