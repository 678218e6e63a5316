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

import type { ClusterFacts, Pod } from '@/lib/analysis/model';
import { withCloudReadMemo } from '@/lib/alicloud/read-memo';
import { diagnoseInCluster } from '@/lib/diagnose/diagnose';
import { BadRequestError } from '@/lib/errors';
import { listNamespaces, listPods, readClusterFacts } from '@/lib/k8s';
import { listAllPods } from '@/lib/k8s/read';
import type { AuditDestination, AuditDestinationResult, AuditResult, AuditScope } from '@/lib/schemas/audit';

import { destinationResult, evaluateClass, inPool, requestFor, seenFrom } from './audit-evaluate';
import { groupPodClasses } from './pod-classes';
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

/**
 * A stand-in source pod for reading the cluster once: the reads do not depend on the pod (it
 * only picks `pod` and `node` of the facts, which every class replaces with its own, `seenFrom`).
 */
const NO_POD: Pod = { namespace: '', name: '', uid: null, labels: {}, annotations: {}, ip: null, ips: [], nodeName: null, phase: 'Unknown', ready: false, hostNetwork: false, dnsPolicy: 'ClusterFirst', dnsConfig: null, containerPorts: [] };

/** The pods of the scope, from the cluster's pods as read (or listed again when that list failed: it then throws). */
async function scopePods(cluster: string, scope: AuditScope, base: ClusterFacts): Promise<Pod[]> {
  const inNamespace = async (namespace: string) => (base.pods.kind === 'ok' ? base.pods.value.filter((pod) => pod.namespace === namespace) : await listPods(cluster, namespace));
  switch (scope.kind) {
    case 'cluster':
      return base.pods.kind === 'ok' ? base.pods.value : await listAllPods(cluster);
    case 'namespace': {
      const pods = await inNamespace(scope.namespace);
      const namespaces = pods.length > 0 ? null : base.namespaces.kind === 'ok' ? base.namespaces.value : await listNamespaces(cluster);
      if (namespaces !== null && !namespaces.some((namespace) => namespace.name === scope.namespace)) {
        throw new BadRequestError('namespace_not_found', `Namespace ${scope.namespace} does not exist in cluster ${cluster}.`, 404);
      }
      return pods;
    }
    case 'workload': {
      const wanted = { namespace: scope.namespace, kind: scope.workloadKind, name: scope.name };
      const pods = (await inNamespace(scope.namespace)).filter((pod) => isPodOfWorkload(pod, wanted));
      if (pods.length === 0) throw new BadRequestError('workload_not_found', `No pod of ${scope.namespace}/${scope.workloadKind}/${scope.name} in cluster ${cluster} (a Deployment's pods are found through their ReplicaSet).`, 404);
      return pods;
    }
    default: {
      const exhaustive: never = scope;
      throw new Error(`unhandled audit scope ${JSON.stringify(exhaustive)}`);
    }
  }
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
    const base = await readClusterFacts(request.cluster, NO_POD);
    const inScope = await scopePods(request.cluster, request.scope, base);
    const pods = inScope.filter((pod) => !FINISHED.has(pod.phase));
    const skipped = inScope.filter((pod) => FINISHED.has(pod.phase)).map((pod) => ({ namespace: pod.namespace, name: pod.name, phase: pod.phase }));
    const readAt = now().toISOString();
    if (pods.length === 0) {
      const empty = (destination: AuditDestination): AuditDestinationResult => ({ destination, counts: { reachable: 0, blocked: 0, unknown: 0 }, groups: [], singleChange: { kind: 'none', reason: 'no pod is blocked' }, pods: [] });
      return { cluster: request.cluster, scope: request.scope, readAt, podCount: 0, classes: 0, evaluations: 0, skipped, destinations: request.destinations.map(empty) };
    }
    const classes = groupPodClasses(pods, {
      networkMode: base.cluster.networkMode,
      networkPolicies: base.networkPolicies.kind === 'ok' ? base.networkPolicies.value : null,
      services: base.services.kind === 'ok' ? base.services.value : null,
    });
    const total = classes.length * request.destinations.length;
    let done = 0;
    progress({ stage: 'classes', done, total, message: `${pods.length} pods in ${classes.length} classes, ${request.destinations.length} destination${request.destinations.length === 1 ? '' : 's'}` });
    const scopeOrder = new Map(pods.map((pod, index) => [pod, index]));
    // Every destination × class in one pool: the classes' reads overlap, and the memo makes each once.
    const jobs = request.destinations.flatMap((destination) =>
      classes.map((podClass) => async () => {
        const evaluations = await evaluateClass(podClass, (pod) => diagnoseInCluster(requestFor(request.cluster, pod, destination), seenFrom(base, pod), { now }));
        done += 1;
        progress({ stage: 'classes', done, total, message: `${destination.destination}: class of ${podClass.pods[0]?.namespace}/${podClass.pods[0]?.name} (${podClass.pods.length} pods)` });
        return evaluations;
      }),
    );
    const byJob = await inPool(jobs, deps.concurrency ?? 8);
    const results = request.destinations.map((destination, index) => destinationResult(request.cluster, destination, byJob.slice(index * classes.length, (index + 1) * classes.length).flat(), scopeOrder));
    const evaluationCount = byJob.reduce((sum, evaluations) => sum + evaluations.length, 0);
    return { cluster: request.cluster, scope: request.scope, readAt, podCount: pods.length, classes: classes.length, evaluations: evaluationCount, skipped, destinations: results };
  });
}
