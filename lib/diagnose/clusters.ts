/** Cluster choice for requests: the kubeconfig's contexts are the clusters. */
import 'server-only';

import { BadRequestError } from '@/lib/errors';
import { listClusters } from '@/lib/k8s';

/** Throws 404 `cluster_not_found` when the kubeconfig has no such context. */
export function requireCluster(name: string): void {
  const clusters = listClusters();
  if (clusters.some((cluster) => cluster.name === name)) return;
  const known = clusters.map((cluster) => cluster.name).join(', ') || 'none';
  throw new BadRequestError('cluster_not_found', `Cluster “${name}” is not a context of the kubeconfig (known: ${known}).`, 404);
}

/** The kubeconfig's current context, else its first. */
export function defaultCluster(): string {
  const clusters = listClusters();
  const chosen = clusters.find((cluster) => cluster.current) ?? clusters[0];
  if (!chosen) throw new BadRequestError('no_clusters', 'The kubeconfig has no contexts: set KUBECONFIG or ~/.kube/config.', 400);
  return chosen.name;
}
