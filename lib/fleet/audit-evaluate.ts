/**
 * Deciding the classes of an audit once each representative is diagnosed (no I/O here: the
 * representative's diagnosis is passed in, read live by run-audit.ts or evaluated on facts
 * already read by the bench).
 */
import { evaluatePath } from '@/lib/analysis/evaluate-path';
import { cidrContains } from '@/lib/analysis/ip';
import type { ClusterFacts, Diagnosis, DiagnosisRequest, PathFacts, Pod, ResolvedDestination } from '@/lib/analysis/model';
import { resolveSource } from '@/lib/analysis/resolve-source';
import type { AuditDestination, AuditDestinationResult } from '@/lib/schemas/audit';

import { sourceComparedCidrs, splitByAddress } from './address-cells';
import { groupAuditPods } from './audit-groups';
import type { PodClass } from './pod-classes';
import { findSingleChange, type FactEvaluation } from './single-change';

/** A representative's diagnosis with what it was decided on (`DiagnosisRun` of lib/diagnose). */
export interface RepresentativeRun {
  diagnosis: Diagnosis;
  facts: PathFacts;
  destination: ResolvedDestination;
}

/** The cluster facts read once, seen from `pod` (its node looked up among the nodes read). */
export function seenFrom(base: ClusterFacts, pod: Pod): ClusterFacts {
  const node = base.nodes.kind === 'ok' ? { kind: 'ok' as const, value: pod.nodeName === null ? null : (base.nodes.value.find((item) => item.name === pod.nodeName) ?? null) } : base.nodes;
  return { ...base, pod, node };
}

export function requestFor(cluster: string, pod: Pod, destination: AuditDestination): DiagnosisRequest {
  return { cluster, namespace: pod.namespace, pod: pod.name, destination: destination.destination, host: destination.host, port: destination.port, protocol: destination.protocol };
}

/**
 * Decides one class toward one destination: its representative by `diagnoseRepresentative` (live reads, in an audit), the pods
 * in the same vSwitch split by the CIDRs that hold their address (each cell evaluated on the
 * same facts), and the pods outside that vSwitch again the same way with the next of them.
 */
export async function evaluateClass(podClass: PodClass, diagnoseRepresentative: (pod: Pod) => Promise<RepresentativeRun>): Promise<FactEvaluation[]> {
  const evaluations: FactEvaluation[] = [];
  let pending = podClass.pods;
  while (pending.length > 0) {
    const representative = pending[0] as Pod;
    const run = await diagnoseRepresentative(representative);
    const addressOf = (pod: Pod) => resolveSource({ ...run.facts, cluster: seenFrom(run.facts.cluster, pod) }, run.destination.addresses[0]).sourceAddress;
    const vSwitchCidr = run.diagnosis.source.vSwitchCidr;
    // Without the representative's vSwitch (its ENI could not be read) the others' could not be either: they share its answer.
    const inSwitch = new Set(vSwitchCidr === null ? pending : pending.filter((pod) => pod === representative || cidrContains(vSwitchCidr, addressOf(pod) ?? '')));
    for (const cell of splitByAddress([...inSwitch], addressOf, sourceComparedCidrs(run.facts))) {
      const first = cell[0] as Pod;
      if (cell.includes(representative)) {
        evaluations.push({ pods: cell, diagnosis: run.diagnosis, facts: run.facts, destination: run.destination });
        continue;
      }
      const facts = { ...run.facts, request: { ...run.facts.request, namespace: first.namespace, pod: first.name }, cluster: seenFrom(run.facts.cluster, first) };
      evaluations.push({ pods: cell, diagnosis: evaluatePath(facts, run.destination), facts, destination: run.destination });
    }
    pending = pending.filter((pod) => !inSwitch.has(pod));
  }
  return evaluations;
}

/** Runs `jobs` with at most `limit` in flight, results in order. */
export async function inPool<T>(jobs: Array<() => Promise<T>>, limit: number): Promise<T[]> {
  const results: T[] = new Array<T>(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const index = next;
      next += 1;
      const job = jobs[index];
      if (job) results[index] = await job();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
  return results;
}

/** One destination's answer from its evaluations. */
export function destinationResult(cluster: string, destination: AuditDestination, evaluations: FactEvaluation[], scopeOrder: Map<Pod, number>): AuditDestinationResult {
  const { pods, groups } = groupAuditPods(cluster, destination, evaluations, scopeOrder);
  const counts = { reachable: 0, blocked: 0, unknown: 0 };
  for (const pod of pods) counts[pod.verdict] += 1;
  const largest = groups.find((group) => group.verdict === 'blocked') ?? null;
  const groupOfPod = new Map(pods.map((pod) => [`${pod.namespace}/${pod.name}`, pod.group]));
  const inGroup = (evaluation: FactEvaluation) => largest !== null && groupOfPod.get(`${evaluation.pods[0]?.namespace}/${evaluation.pods[0]?.name}`) === largest.id;
  const singleChange = findSingleChange(
    largest === null ? null : { id: largest.id, title: largest.title, evaluations: evaluations.filter(inGroup) },
    evaluations.filter((evaluation) => !inGroup(evaluation) && evaluation.diagnosis.verdict !== 'reachable'),
  );
  return { destination, counts, groups, singleChange, pods };
}
