/**
 * Kubeconfig files for the sandbox's Kubernetes API servers.
 */
import { stringify } from 'yaml';

export interface KubeconfigOptions {
  /** One entry per world cluster; each becomes a cluster and a context of the same name. */
  clusters: Array<{ name: string; server: string }>;
  /** PEM of the CA that signed the servers' certificate. */
  caCertPem: string;
  /** Name of the kubeconfig user entry (the identity is decided by the token). */
  userName: string;
  /** Bearer token the servers accept. */
  token: string;
  /** Context selected by default; the first cluster when absent. */
  currentContext?: string;
}

/**
 * Builds a kubeconfig (YAML) with one cluster and one context per sandbox cluster,
 * the context named after the cluster, all using one token user.
 * Throws when `currentContext` names no cluster, or when there are no clusters.
 */
export function buildKubeconfig(options: KubeconfigOptions): string {
  const { clusters, caCertPem, userName, token } = options;
  const first = clusters[0];
  if (first === undefined) throw new Error('a kubeconfig needs at least one cluster');
  const currentContext = options.currentContext ?? first.name;
  if (!clusters.some((cluster) => cluster.name === currentContext)) {
    throw new Error(`current context "${currentContext}" is not one of the clusters`);
  }
  const certificateAuthorityData = Buffer.from(caCertPem, 'utf8').toString('base64');

  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    preferences: {},
    'current-context': currentContext,
    clusters: clusters.map((cluster) => ({
      name: cluster.name,
      cluster: { server: cluster.server, 'certificate-authority-data': certificateAuthorityData },
    })),
    contexts: clusters.map((cluster) => ({
      name: cluster.name,
      context: { cluster: cluster.name, user: userName },
    })),
    users: [{ name: userName, user: { token } }],
  });
}
