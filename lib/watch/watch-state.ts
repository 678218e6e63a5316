/**
 * What a watch compares from run to run, taken from a diagnosis: the verdict, the first
 * blocking hop and the rule, entry or policy that decided it. Pure.
 */
import type { DiagnosisView } from '@/lib/schemas/diagnosis';
import type { WatchState } from '@/lib/schemas/watch';

/** The watched state of `diagnosis`. */
export function watchStateOf(diagnosis: Pick<DiagnosisView, 'verdict' | 'blockingHop' | 'hops'>): WatchState {
  const hop = diagnosis.blockingHop === null ? undefined : diagnosis.hops.find((item) => item.kind === diagnosis.blockingHop);
  return { verdict: diagnosis.verdict, blockingHop: diagnosis.blockingHop, blockingRule: hop?.evidence.decidedBy?.id ?? null };
}

/** True when the verdict, the blocking hop or its deciding rule differ. */
export function hasWatchStateChanged(before: WatchState, after: WatchState): boolean {
  return before.verdict !== after.verdict || before.blockingHop !== after.blockingHop || before.blockingRule !== after.blockingRule;
}

/** One line for people: `blocked at securityGroup (sgr-…)`, `reachable`. */
export function describeWatchState(state: WatchState): string {
  if (state.blockingHop === null) return state.verdict;
  return `${state.verdict} at ${state.blockingHop}${state.blockingRule ? ` (${state.blockingRule})` : ''}`;
}
