/**
 * Reads against the default kubeconfig (see default-reader.ts). `context` is a kubeconfig
 * context name; an unknown one throws `UpstreamError` notFound. Tests use `createK8sReader`.
 */
import 'server-only';

import type { ClusterFacts, ClusterInfo, Namespace, Node, Pod } from '@/lib/analysis/model';

import { defaultK8sReader } from './default-reader';
import type { EarlyClusterFacts } from './reader';

/** The namespaces of the cluster. */
export function listNamespaces(context: string): Promise<Namespace[]> {
  return defaultK8sReader().listNamespaces(context);
}

/** The pods of one namespace. */
export function listPods(context: string, namespace: string): Promise<Pod[]> {
  return defaultK8sReader().listPods(context, namespace);
}

/** The pods of every namespace. */
export function listAllPods(context: string): Promise<Pod[]> {
  return defaultK8sReader().listAllPods(context);
}

/** The nodes of the cluster. */
export function listNodes(context: string): Promise<Node[]> {
  return defaultK8sReader().listNodes(context);
}

/** One pod; throws `UpstreamError` notFound when it does not exist. */
export function getPod(context: string, namespace: string, name: string): Promise<Pod> {
  return defaultK8sReader().getPod(context, namespace, name);
}

/** Kind, network mode, NetworkPolicy enforcement, region and DNS domain of the cluster (rules in cluster-info.ts). */
export function readClusterInfo(context: string): Promise<ClusterInfo> {
  return defaultK8sReader().readClusterInfo(context);
}

/** Everything a diagnosis of `pod` reads from the cluster, in parallel, each collection a `Fact`. */
export function readClusterFacts(context: string, pod: Pod, onClusterInfo?: (early: EarlyClusterFacts) => void): Promise<ClusterFacts> {
  return defaultK8sReader().readClusterFacts(context, pod, onClusterInfo);
}
