/**
 * The Kubernetes adapter (server only): reads clusters through @kubernetes/client-node and
 * returns the domain types of lib/analysis/model.ts; failures are `UpstreamError`s.
 */
import 'server-only';

export { listClusters } from './clusters';
export { getPod, listNamespaces, listNodes, listPods, readClusterFacts, readClusterInfo } from './read';
export { createK8sReader, type ClusterSummary, type EarlyClusterFacts, type K8sReader, type K8sReaderOptions } from './reader';
export { setDefaultK8sReaderForTests } from './default-reader';
export { toUpstreamError } from './errors';
export {
  applyKubernetesFix,
  createK8sWriter,
  deleteKubernetesObject,
  FIELD_MANAGER,
  fixRef,
  mergePatchKubernetesObject,
  objectPath,
  setDefaultK8sWriterForTests,
  type K8sWriter,
  type K8sWriterOptions,
  type KubernetesChange,
  type KubernetesFix,
  type KubernetesObjectRef,
  type KubernetesWriteOptions,
} from './write';
