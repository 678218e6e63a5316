/**
 * The audit: which pods of a namespace, a workload or the whole cluster reach each
 * destination, and what blocks the others. The cluster is read once; pods are grouped into
 * classes (pod-classes.ts) and one representative per class is diagnosed with the same code
 * as a single diagnosis (`diagnoseInCluster`), every cloud read shared through the read memo
 * (lib/alicloud/read-memo.ts): the cloud calls grow with the distinct vSwitches, security-group
 * sets, route tables and NAT gateways, not with the pods.
 *
 * NOTE: pods of one class are taken to sit on ENIs like their representative's (same security
 * groups: ACS and Terway place pods by namespace, labels and annotations, all in the class
 * key). Each pod's address is checked against the representative's vSwitch CIDR, and a pod
 * outside it is diagnosed with its own ENI read.
 */
import 'server-only';

import { evaluatePath } from '@/lib/analysis/evaluate-path';
import { cidrContains } from '@/lib/analysis/ip';
import type { ClusterFacts, DiagnosisRequest, Pod } from '@/lib/analysis/model';
import { resolveSource } from '@/lib/analysis/resolve-source';
import { withCloudReadMemo } from '@/lib/alicloud/read-memo';
import { diagnoseInCluster } from '@/lib/diagnose/diagnose';
import { BadRequestError } from '@/lib/errors';
import { listNamespaces, listPods, readClusterFacts } from '@/lib/k8s';
import { listAllPods } from '@/lib/k8s/read';
import type { AuditDestination, AuditDestinationResult, AuditResult, AuditScope } from '@/lib/schemas/audit';

import { sourceComparedCidrs, splitByAddress } from './address-cells';
import { groupAuditPods } from './audit-groups';
import { groupPodClasses, type PodClass } from './pod-classes';
import { findSingleChange, type FactEvaluation } from './single-change';
import { isPodOfWorkload } from './workload';

/** What to audit, the cluster resolved. */
export interface AuditRequest {
  cluster: string;
  scope: AuditScope;
  destinations: AuditDestination[];
}

/** Progress of a running audit: the cluster read, then classes done of the total (classes × destinations). */
export type AuditProgress = { stage: 'cluster'; message: string } | { stage: 'classes'; done: number; total: number; message: string };

export interface AuditDeps {
  onProgress?: (progress: AuditProgress) => void;
  /** Clock, for tests. */
  now?: () => Date;
  /** Most classes diagnosed at once (default 8). */
  concurrency?: number;
}

const FINISHED = new Set(['Succeeded', 'Failed']);

async function readScopePods(cluster: string, scope: AuditScope): Promise<Pod[]> {
  switch (scope.kind) {
    case 'cluster':
      return listAllPods(cluster);
    case 'namespace': {
      const pods = await listPods(cluster, scope.namespace);
      if (pods.length === 0 && !(await listNamespaces(cluster)).some((namespace) => namespace.name === scope.namespace)) {
        throw new BadRequestError('namespace_not_found', `Namespace ${scope.namespace} does not exist in cluster ${cluster}.`, 404);
      }
      return pods;
    }
    case 'workload': {
      const wanted = { namespace: scope.namespace, kind: scope.workloadKind, name: scope.name };
      const pods = (await listPods(cluster, scope.namespace)).filter((pod) => isPodOfWorkload(pod, wanted));
      if (pods.length === 0) throw new BadRequestError('workload_not_found', `No pod of ${scope.namespace}/${scope.workloadKind}/${scope.name} in cluster ${cluster} (a Deployment's pods are found through their ReplicaSet).`, 404);
      return pods;
    }
    default: {
      const exhaustive: never = scope;
      throw new Error(`unhandled audit scope ${JSON.stringify(exhaustive)}`);
    }
  }
}

/** The cluster facts read once, seen from `pod` (its node looked up among the nodes read). */
function seenFrom(base: ClusterFacts, pod: Pod): ClusterFacts {
  const node = base.nodes.kind === 'ok' ? { kind: 'ok' as const, value: pod.nodeName === null ? null : (base.nodes.value.find((item) => item.name === pod.nodeName) ?? null) } : base.nodes;
  return { ...base, pod, node };
}

function requestFor(cluster: string, pod: Pod, destination: AuditDestination): DiagnosisRequest {
  return { cluster, namespace: pod.namespace, pod: pod.name, destination: destination.destination, host: destination.host, port: destination.port, protocol: destination.protocol };
}

/**
 * Diagnoses one class toward one destination: its representative with live reads, the pods
 * in the same vSwitch split by the CIDRs that hold their address (each cell evaluated on the
 * same facts), and the pods outside that vSwitch again the same way with the next of them.
 */
async function evaluateClass(cluster: string, base: ClusterFacts, podClass: PodClass, destination: AuditDestination, now: () => Date): Promise<FactEvaluation[]> {
  const evaluations: FactEvaluation[] = [];
  let pending = podClass.pods;
  while (pending.length > 0) {
    const representative = pending[0] as Pod;
    const run = await diagnoseInCluster(requestFor(cluster, representative, destination), seenFrom(base, representative), { now });
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
      const facts = { ...run.facts, request: requestFor(cluster, first, destination), cluster: seenFrom(run.facts.cluster, first) };
      evaluations.push({ pods: cell, diagnosis: evaluatePath(facts, run.destination), facts, destination: run.destination });
    }
    pending = pending.filter((pod) => !inSwitch.has(pod));
  }
  return evaluations;
}

/** Runs `jobs` with at most `limit` in flight, results in order. */
async function inPool<T>(jobs: Array<() => Promise<T>>, limit: number): Promise<T[]> {
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
function destinationResult(cluster: string, destination: AuditDestination, evaluations: FactEvaluation[], scopeOrder: Map<Pod, number>): AuditDestinationResult {
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

/**
 * Audits the pods of `request.scope` toward each destination (see the file comment). Throws
 * `BadRequestError` 404 for a namespace or workload that does not exist, `UpstreamError` when
 * the cluster cannot be read at all; every other failed read makes the pods that need it `unknown`.
 */
export async function runAudit(request: AuditRequest, deps: AuditDeps = {}): Promise<AuditResult> {
  const progress = deps.onProgress ?? (() => undefined);
  const now = deps.now ?? (() => new Date());
  return withCloudReadMemo(async () => {
    progress({ stage: 'cluster', message: `Reading the pods and cluster ${request.cluster}` });
    const inScope = await readScopePods(request.cluster, request.scope);
    const pods = inScope.filter((pod) => !FINISHED.has(pod.phase));
    const skipped = inScope.filter((pod) => FINISHED.has(pod.phase)).map((pod) => ({ namespace: pod.namespace, name: pod.name, phase: pod.phase }));
    const readAt = now().toISOString();
    const first = pods[0];
    if (first === undefined) {
      const empty = (destination: AuditDestination): AuditDestinationResult => ({ destination, counts: { reachable: 0, blocked: 0, unknown: 0 }, groups: [], singleChange: { kind: 'none', reason: 'no pod is blocked' }, pods: [] });
      return { cluster: request.cluster, scope: request.scope, readAt, podCount: 0, classes: 0, evaluations: 0, skipped, destinations: request.destinations.map(empty) };
    }
    const base = await readClusterFacts(request.cluster, first);
    const classes = groupPodClasses(pods, {
      networkMode: base.cluster.networkMode,
      networkPolicies: base.networkPolicies.kind === 'ok' ? base.networkPolicies.value : null,
      services: base.services.kind === 'ok' ? base.services.value : null,
    });
    const total = classes.length * request.destinations.length;
    let done = 0;
    progress({ stage: 'classes', done, total, message: `${pods.length} pods in ${classes.length} classes, ${request.destinations.length} destination${request.destinations.length === 1 ? '' : 's'}` });
    const scopeOrder = new Map(pods.map((pod, index) => [pod, index]));
    const results: AuditDestinationResult[] = [];
    let evaluationCount = 0;
    for (const destination of request.destinations) {
      const jobs = classes.map((podClass) => async () => {
        const evaluations = await evaluateClass(request.cluster, base, podClass, destination, now);
        done += 1;
        progress({ stage: 'classes', done, total, message: `${destination.destination}: class of ${podClass.pods[0]?.namespace}/${podClass.pods[0]?.name} (${podClass.pods.length} pods)` });
        return evaluations;
      });
      const evaluations = (await inPool(jobs, deps.concurrency ?? 8)).flat();
      evaluationCount += evaluations.length;
      results.push(destinationResult(request.cluster, destination, evaluations, scopeOrder));
    }
    return { cluster: request.cluster, scope: request.scope, readAt, podCount: pods.length, classes: classes.length, evaluations: evaluationCount, skipped, destinations: results };
  });
}
