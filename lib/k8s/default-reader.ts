/**
 * The process-wide reader over the default kubeconfig.
 */
import 'server-only';

import { loadDefaultKubeConfig } from './load-kubeconfig';
import { createK8sReader, type K8sReader } from './reader';

let cached: K8sReader | undefined;

/**
 * The reader over `loadDefaultKubeConfig()`: `KUBECONFIG`, else `~/.kube/config`, else
 * the in-cluster service account. Loaded once per process.
 */
export function defaultK8sReader(): K8sReader {
  if (!cached) {
    const kubeConfig = loadDefaultKubeConfig();
    cached = createK8sReader({ kubeConfig });
  }
  return cached;
}

/** For tests: use `reader` (or, with no argument, reload the default kubeconfig on next use). */
export function setDefaultK8sReaderForTests(reader?: K8sReader): void {
  cached = reader;
}
