/**
 * The second way into a whitelisted service: an ECS security group the instance trusts.
 * Every ENI in such a group may connect without an IP entry (docs/gates/whitelists.md). Pure.
 */
import { describeFactError } from './hop-helpers';
import type { EvidenceTable, FactError, PathContext, PathFacts, ServiceWhitelist, TrustedSecurityGroup } from './model';

/** What the trusted security groups say about the source. */
export type TrustOutcome =
  /** The source ENI is in `group`, which the instance trusts. */
  | { kind: 'trusted'; group: TrustedSecurityGroup; table: EvidenceTable }
  /** The groups were read and the source ENI is in none of them (or the instance trusts none). */
  | { kind: 'notTrusted'; table: EvidenceTable | null }
  /** Cannot tell: the trusted groups, or the source ENI's own groups, were not read. */
  | { kind: 'unread'; reason: string; error: FactError; table: EvidenceTable | null };

function trustTable(whitelist: ServiceWhitelist, groups: TrustedSecurityGroup[], sourceGroups: string[] | null, eniId: string | null): EvidenceTable {
  const member = (group: TrustedSecurityGroup) => (sourceGroups === null ? 'source ENI not read' : sourceGroups.includes(group.id) ? `member (${eniId ?? 'source ENI'})` : 'not a member');
  const rows = groups.map((group) => [group.id, group.name || '—', group.networkType ?? '—', member(group)]);
  const deciding = sourceGroups === null ? -1 : groups.findIndex((group) => sourceGroups.includes(group.id));
  return {
    title: `Security groups ${whitelist.instanceId} trusts, checked against ${eniId ?? 'the source ENI'}`,
    columns: ['security group', 'name', 'network type', 'source ENI'],
    rows,
    decidingRow: deciding === -1 ? null : deciding,
  };
}

/**
 * Whether the source ENI (the pod's, or the node's in Flannel mode — the one whose address the
 * instance sees) is in a security group the instance trusts. Absent trust data (a diagnosis
 * saved before it was read) counts as `notTrusted` with no table.
 */
export function evaluateTrust(facts: PathFacts, path: PathContext, whitelist: ServiceWhitelist): TrustOutcome {
  const fact = whitelist.securityGroups;
  if (fact === undefined) return { kind: 'notTrusted', table: null };
  if (fact.kind === 'missing') {
    return { kind: 'unread', error: fact.error, reason: `the security groups ${whitelist.instanceId} trusts were not read (${describeFactError(fact.error)})`, table: null };
  }
  const groups = fact.value;
  if (groups.length === 0) return { kind: 'notTrusted', table: null };
  const source = facts.cloud.sourceEni;
  if (source.kind === 'missing') {
    return {
      kind: 'unread',
      error: source.error,
      reason: `the source ENI was not read (${describeFactError(source.error)}), so its membership of ${groups.map((group) => group.id).join(', ')} is unknown`,
      table: trustTable(whitelist, groups, null, path.source.eniId),
    };
  }
  const sourceGroups = source.value?.securityGroupIds ?? [];
  const table = trustTable(whitelist, groups, sourceGroups, path.source.eniId);
  const trusted = groups.find((group) => sourceGroups.includes(group.id));
  return trusted ? { kind: 'trusted', group: trusted, table } : { kind: 'notTrusted', table };
}
