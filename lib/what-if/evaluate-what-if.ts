/**
 * One what-if: the saved facts of a diagnosis, edited, evaluated again by the same pure path
 * evaluation, and compared with the original (same diff as a re-run). No cloud call, no
 * Kubernetes call, nothing written. Pure.
 */
import { evaluatePath } from '@/lib/analysis/evaluate-path';
import type { ClusterFacts, Diagnosis, Fact, PathFacts, ResolvedDestination } from '@/lib/analysis/model';
import type { DiagnosisView } from '@/lib/schemas/diagnosis';
import type { DiagnosisChange } from '@/lib/schemas/saved-diagnosis';
import type { World } from '@/lib/schemas/world';
import type { WhatIfEdit, WhatIfFixLink } from '@/lib/schemas/what-if';
import { diffDiagnoses } from '@/lib/store/diagnosis-diff';
import { toWorldFragment } from '@/lib/store/world-fragment';

import { applyWhatIfEdits } from './apply-edits';
import { findFixLinks } from './fix-links';

/** What a what-if is evaluated on: a saved diagnosis and the facts it was decided on. */
export interface WhatIfBase {
  diagnosis: DiagnosisView;
  facts: PathFacts;
}

export type WhatIfOutcome =
  | {
      kind: 'ok';
      /** The hypothetical diagnosis (`id` null): facts as read then, with the edits. */
      diagnosis: Diagnosis;
      /** The edited facts (saved with a hypothetical, so it can be edited further). */
      facts: PathFacts;
      changes: DiagnosisChange[];
      fixes: WhatIfFixLink[];
    }
  | { kind: 'invalid'; edit: number; message: string };

/** The items of each side that the other side does not share (edits keep untouched items by reference). */
function unshared<T>(before: Fact<T[]>, after: Fact<T[]>): [Fact<T[]>, Fact<T[]>] {
  if (before === after) return [{ kind: 'ok', value: [] }, { kind: 'ok', value: [] }];
  if (before.kind !== 'ok' || after.kind !== 'ok') return [before, after];
  const kept = new Set(after.value);
  const had = new Set(before.value);
  return [
    { kind: 'ok', value: before.value.filter((item) => !kept.has(item)) },
    { kind: 'ok', value: after.value.filter((item) => !had.has(item)) },
  ];
}

/**
 * Both sides' cluster facts cut to what differs: the diff of identical items is empty, and a
 * cluster of 10,000 pods would otherwise be converted and compared twice per what-if.
 */
function clusterDifferences(before: ClusterFacts, after: ClusterFacts): [ClusterFacts, ClusterFacts] {
  const keys = ['namespaces', 'pods', 'nodes', 'services', 'endpointSlices', 'networkPolicies'] as const;
  const left: ClusterFacts = { ...before };
  const right: ClusterFacts = { ...after };
  for (const key of keys) {
    const [a, b] = unshared<unknown>(before[key], after[key]);
    Object.assign(left, { [key]: a });
    Object.assign(right, { [key]: b });
  }
  return [left, right];
}

/**
 * The world with only the cloud collections an edit can change (apply-edits.ts: security
 * groups, ACLs, SNAT entries, whitelists); the others are the same on both sides by
 * construction, and comparing them (an ENI holding 1,000 pod IPs) would cost more than the evaluation.
 */
function editableOnly(world: World): World {
  const cloud = { ...world.cloud, vpcs: [], vSwitches: [], routeTables: [], routeEntries: [], natGateways: [], eips: [], prefixLists: [], portRangeLists: [], networkInterfaces: [], instances: [], loadBalancers: [], slbAcls: [] };
  return { ...world, cloud };
}

/**
 * Applies `edits` to `base.facts` and evaluates the path to the saved destination (the edits
 * change no owner lookup, so the destination's classification stands). The diff lists the
 * verdict, hop and fact changes against the original.
 */
export function evaluateWhatIf(base: WhatIfBase, edits: readonly WhatIfEdit[]): WhatIfOutcome {
  const edited = applyWhatIfEdits(base.facts, edits);
  if (edited.kind === 'invalid') return edited;
  const destination: ResolvedDestination = base.diagnosis.destination;
  const evaluated = evaluatePath(edited.facts, destination);
  const diagnosis: Diagnosis = { ...evaluated, createdAt: base.diagnosis.createdAt };
  const { request } = base.diagnosis;
  const [before, after] = clusterDifferences(base.facts.cluster, edited.facts.cluster);
  const changes = diffDiagnoses(
    { diagnosis: base.diagnosis, world: editableOnly(toWorldFragment({ facts: { ...base.facts, cluster: before }, diagnosis: base.diagnosis })) },
    { diagnosis, world: editableOnly(toWorldFragment({ facts: { ...edited.facts, cluster: after }, diagnosis })) },
    `${request.namespace}/${request.pod}`,
  );
  return { kind: 'ok', diagnosis, facts: edited.facts, changes, fixes: findFixLinks(base.diagnosis, edits) };
}
