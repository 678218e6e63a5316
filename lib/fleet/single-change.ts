/**
 * The single change that unblocks the most pods (pure): the fixes the largest blocked group's
 * blocking hop offers, in their order, each applied to the facts and the pods evaluated again.
 * The first fix that alone makes every pod of that group reachable is the answer, with the
 * number of pods it unblocks across all groups; when none does, “no single change”.
 */
import { evaluatePath } from '@/lib/analysis/evaluate-path';
import type { Diagnosis, Fix, PathFacts, Pod, ResolvedDestination } from '@/lib/analysis/model';
import type { SingleChange } from '@/lib/schemas/audit';

import { applyFixToFacts } from './fix-on-facts';

/** One evaluation of an audit with what it was decided on. */
export interface FactEvaluation {
  pods: Pod[];
  diagnosis: Diagnosis;
  facts: PathFacts;
  destination: ResolvedDestination;
}

/**
 * Pods of `evaluation` that `fix` makes reachable, or null when the fix cannot be applied to
 * facts. The pods are evaluated once per distinct label set: a fix (a NetworkPolicy for the
 * workload's labels) may select some pods of a class and not others.
 */
function unblockedBy(evaluation: FactEvaluation, fix: Fix): number | null {
  const byLabels = new Map<string, Pod[]>();
  for (const pod of evaluation.pods) {
    const key = JSON.stringify(Object.entries(pod.labels).sort(([a], [b]) => (a < b ? -1 : 1)));
    byLabels.set(key, [...(byLabels.get(key) ?? []), pod]);
  }
  let unblocked = 0;
  for (const pods of byLabels.values()) {
    const pod = pods[0];
    if (pod === undefined) continue;
    const facts: PathFacts = { ...evaluation.facts, request: { ...evaluation.facts.request, namespace: pod.namespace, pod: pod.name }, cluster: { ...evaluation.facts.cluster, pod } };
    const changed = applyFixToFacts(facts, fix);
    if (changed === null) return null;
    if (evaluatePath(changed, evaluation.destination).verdict === 'reachable') unblocked += pods.length;
  }
  return unblocked;
}

const podCount = (evaluations: FactEvaluation[]) => evaluations.reduce((sum, evaluation) => sum + evaluation.pods.length, 0);

/**
 * `largest`: the evaluations of the largest blocked group (with its id and title);
 * `others`: every other evaluation that is not reachable.
 */
export function findSingleChange(largest: { id: string; title: string; evaluations: FactEvaluation[] } | null, others: FactEvaluation[]): SingleChange {
  if (largest === null) return { kind: 'none', reason: 'no pod is blocked' };
  const first = largest.evaluations[0];
  const hop = first?.diagnosis.hops.find((item) => item.verdict === 'block');
  const total = podCount(largest.evaluations);
  let simulated = 0;
  for (const fix of hop?.fixes ?? []) {
    const counts = largest.evaluations.map((evaluation) => unblockedBy(evaluation, fix));
    if (counts.some((count) => count === null)) continue;
    simulated += 1;
    const inGroup = counts.reduce<number>((sum, count) => sum + (count ?? 0), 0);
    if (inGroup !== total) continue;
    const elsewhere = others.reduce((sum, evaluation) => sum + (unblockedBy(evaluation, fix) ?? 0), 0);
    return { kind: 'change', group: largest.id, fix, unblocks: inGroup + elsewhere };
  }
  const reason =
    simulated === 0
      ? `no single change: the fixes for “${largest.title}” cannot be checked on the facts (manual steps or placeholders)`
      : `no single change: no fix for “${largest.title}” alone makes its ${total} pod${total === 1 ? '' : 's'} reachable (another hop blocks too)`;
  return { kind: 'none', reason };
}
