/**
 * Where the dashboard's clusters come from: a kubeconfig, or, running in a pod with none,
 * the pod's own service account with the cluster it runs in as the only cluster.
 */
import 'server-only';

import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { KubeConfig } from '@kubernetes/client-node';

import { getEnv } from '@/lib/env';

/**
 * The default kubeconfig: `KUBECONFIG`, else `~/.kube/config`, else (with
 * `KUBERNETES_SERVICE_HOST`/`_PORT` set, as in every pod) the in-cluster service account read
 * from `EGRESS_DOCTOR_SERVICE_ACCOUNT_DIR` (`token`, `ca.crt`), as one context
 * named `EGRESS_DOCTOR_CLUSTER_NAME`. The token file is read again as it rotates (projected
 * tokens expire after an hour).
 *
 * NOTE: `KubeConfig.loadFromDefault()` also falls back to the service account, but only at
 * the fixed path and with the context name `inClusterContext`.
 */
export function loadDefaultKubeConfig(): KubeConfig {
  const kubeConfig = new KubeConfig();
  const inCluster = inClusterSource();
  if (inCluster === null) {
    kubeConfig.loadFromDefault();
    return kubeConfig;
  }
  const { name, server, directory } = inCluster;
  kubeConfig.loadFromOptions({
    clusters: [{ name, server, caFile: path.join(directory, 'ca.crt'), skipTLSVerify: false }],
    users: [{ name: `${name}-service-account`, authProvider: { name: 'tokenFile', config: { tokenFile: path.join(directory, 'token') } } }],
    contexts: [{ name, cluster: name, user: `${name}-service-account` }],
    currentContext: name,
  });
  return kubeConfig;
}

function inClusterSource(): { name: string; server: string; directory: string } | null {
  if (process.env.KUBECONFIG) return null;
  if (existsSync(path.join(os.homedir(), '.kube', 'config'))) return null;
  const host = process.env.KUBERNETES_SERVICE_HOST;
  const port = process.env.KUBERNETES_SERVICE_PORT;
  const env = getEnv();
  const directory = env.EGRESS_DOCTOR_SERVICE_ACCOUNT_DIR;
  if (!host || !port || !existsSync(path.join(directory, 'token'))) return null;
  const formattedHost = host.includes(':') ? `[${host}]` : host;
  return { name: env.EGRESS_DOCTOR_CLUSTER_NAME, server: `https://${formattedHost}:${port}`, directory };
}
