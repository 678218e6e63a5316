/**
 * The workload a pod belongs to, from its controller owner reference (pure): a ReplicaSet
 * named `<deployment>-<pod-template-hash>` belongs to that Deployment (the hash label says
 * so); StatefulSets, DaemonSets and Jobs own their pods directly; a pod without a controller
 * is its own workload.
 */
import type { Pod } from '@/lib/analysis/model';

/** A workload as `namespace/kind/name` names it. */
export interface Workload {
  namespace: string;
  /** `Deployment`, `StatefulSet`, `DaemonSet`, `Job`, `ReplicaSet`, `Pod`, or another controller's kind. */
  kind: string;
  name: string;
}

/** The pod's workload (see the file comment). */
export function workloadOf(pod: Pod): Workload {
  const owner = pod.owner;
  if (owner === undefined) return { namespace: pod.namespace, kind: 'Pod', name: pod.name };
  const hash = pod.labels['pod-template-hash'];
  if (owner.kind === 'ReplicaSet' && hash !== undefined && owner.name.endsWith(`-${hash}`)) {
    return { namespace: pod.namespace, kind: 'Deployment', name: owner.name.slice(0, -(hash.length + 1)) };
  }
  return { namespace: pod.namespace, kind: owner.kind, name: owner.name };
}

/** `namespace/kind/name`, kind in lower case as kubectl prints it (`shop/deployment/web`). */
export function workloadId(workload: Workload): string {
  return `${workload.namespace}/${workload.kind.toLowerCase()}/${workload.name}`;
}

/** True when `pod` belongs to the workload `namespace/kind/name` (kind compared without case). */
export function isPodOfWorkload(pod: Pod, wanted: Workload): boolean {
  const workload = workloadOf(pod);
  return workload.namespace === wanted.namespace && workload.kind.toLowerCase() === wanted.kind.toLowerCase() && workload.name === wanted.name;
}
