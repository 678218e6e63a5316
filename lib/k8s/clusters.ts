/**
 * The clusters the dashboard can diagnose: the default kubeconfig's contexts.
 */
import 'server-only';

import { defaultK8sReader } from './default-reader';
import type { ClusterSummary } from './reader';

/** The kubeconfig's contexts with their API server URL; `current` marks the current context. */
export function listClusters(): ClusterSummary[] {
  return defaultK8sReader().listClusters();
}
