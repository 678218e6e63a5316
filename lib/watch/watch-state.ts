/**
 * What a watch compares from run to run. For a diagnosis: the verdict, the first blocking hop
 * and the rule, entry or policy that decided it. For an audit: its verdict (blocked when any
 * pod is), the largest blocked group's hop and rule, the pods per group and the single change.
 * Pure.
 */
import type { AuditDestinationResult } from '@/lib/schemas/audit';
import type { DiagnosisView } from '@/lib/schemas/diagnosis';
import type { AuditWatchSummary, WatchState } from '@/lib/schemas/watch';

/** The watched state of `diagnosis`. */
export function watchStateOf(diagnosis: Pick<DiagnosisView, 'verdict' | 'blockingHop' | 'hops'>): WatchState {
  const hop = diagnosis.blockingHop === null ? undefined : diagnosis.hops.find((item) => item.kind === diagnosis.blockingHop);
  return { verdict: diagnosis.verdict, blockingHop: diagnosis.blockingHop, blockingRule: hop?.evidence.decidedBy?.id ?? null };
}

const groupKey = (group: AuditWatchSummary['groups'][number]) => `${group.verdict}|${group.hop ?? ''}|${group.rule ?? ''}|${group.title}`;

/** The watched state of an audit's answer for its one destination; groups in a stable order, so two runs compare equal when nothing changed. */
export function auditWatchStateOf(result: Pick<AuditDestinationResult, 'counts' | 'groups' | 'singleChange'>): WatchState {
  const groups = result.groups
    .map((group) => ({ verdict: group.verdict, hop: group.hop, rule: group.rule?.id ?? null, title: group.title, pods: group.pods }))
    .sort((a, b) => (groupKey(a) < groupKey(b) ? -1 : groupKey(a) > groupKey(b) ? 1 : 0));
  const { counts } = result;
  const verdict = counts.blocked > 0 ? 'blocked' : counts.unknown > 0 ? 'unknown' : 'reachable';
  // The blocked group with the most pods names the audit's blocking hop and rule (ties: the first in order).
  const blocking = groups.filter((group) => group.verdict === 'blocked').reduce<(typeof groups)[number] | null>((best, group) => (best === null || group.pods > best.pods ? group : best), null);
  const singleChange = result.singleChange.kind === 'change' ? { fixId: result.singleChange.fix.id, title: result.singleChange.fix.title, unblocks: result.singleChange.unblocks } : null;
  return { verdict, blockingHop: blocking?.hop ?? null, blockingRule: blocking?.rule ?? null, audit: { counts: { ...counts }, groups, singleChange } };
}

const sameAudit = (before: AuditWatchSummary | undefined, after: AuditWatchSummary | undefined) => JSON.stringify(before ?? null) === JSON.stringify(after ?? null);

/** True when the verdict, the blocking hop or its deciding rule differ, or (audits) the pods per group or the single change. */
export function hasWatchStateChanged(before: WatchState, after: WatchState): boolean {
  return before.verdict !== after.verdict || before.blockingHop !== after.blockingHop || before.blockingRule !== after.blockingRule || !sameAudit(before.audit, after.audit);
}

/** One line for people: `blocked at securityGroup (sgr-…)`, `reachable`; for an audit `10 reachable, 2 blocked, 0 unknown; …`. */
export function describeWatchState(state: WatchState): string {
  if (state.audit) {
    const { counts, groups, singleChange } = state.audit;
    const blocked = groups.filter((group) => group.verdict !== 'reachable').map((group) => `${group.pods} ${group.title}`);
    return [`${counts.reachable} reachable, ${counts.blocked} blocked, ${counts.unknown} unknown`, ...blocked, ...(singleChange ? [`single change: ${singleChange.title} (unblocks ${singleChange.unblocks})`] : [])].join('; ');
  }
  if (state.blockingHop === null) return state.verdict;
  return `${state.verdict} at ${state.blockingHop}${state.blockingRule ? ` (${state.blockingRule})` : ''}`;
}
