/**
 * Searching the pods of a whole cluster by what an operator has at hand: a pod name, a
 * workload name (pods are named after their Deployment, StatefulSet, DaemonSet or Job), an
 * `app` label, an IP address or a node name. Pure.
 */
import type { Pod } from '@/lib/analysis/model';

/** Which property of the pod matched, best first. */
export type PodMatchField = 'ip' | 'name' | 'workload' | 'node';

export interface PodMatch {
  pod: Pod;
  field: PodMatchField;
  /** The workload the pod belongs to, as far as its name and labels tell. */
  workload: string | null;
}

/** Labels that name a pod's application in common charts and manifests. */
const APP_LABELS = ['app.kubernetes.io/name', 'app.kubernetes.io/instance', 'app', 'k8s-app'];

/**
 * The workload name a pod's name implies: `<deployment>-<replicaset hash>-<suffix>`,
 * `<statefulset>-<ordinal>`, `<daemonset or job>-<suffix>`. Null for a bare pod name.
 */
export function workloadOf(pod: Pod): string | null {
  const deployment = /^(.+)-[a-z0-9]{6,10}-[a-z0-9]{5}$/.exec(pod.name);
  if (deployment?.[1]) return deployment[1];
  const ordinal = /^(.+)-\d+$/.exec(pod.name);
  if (ordinal?.[1]) return ordinal[1];
  const suffixed = /^(.+)-[a-z0-9]{5}$/.exec(pod.name);
  if (suffixed?.[1]) return suffixed[1];
  return APP_LABELS.map((key) => pod.labels[key]).find((value) => value !== undefined && value !== '') ?? null;
}

const RANK: Record<PodMatchField, number> = { ip: 0, name: 1, workload: 2, node: 3 };

function matchField(pod: Pod, needle: string, workload: string | null): PodMatchField | null {
  const addresses = pod.ips.length > 0 ? pod.ips : pod.ip ? [pod.ip] : [];
  if (addresses.some((address) => address === needle || (needle.length >= 4 && address.startsWith(needle)))) return 'ip';
  if (pod.name.toLowerCase().includes(needle)) return 'name';
  const appNames = APP_LABELS.map((key) => pod.labels[key]?.toLowerCase());
  if ((workload !== null && workload.toLowerCase().includes(needle)) || appNames.some((value) => value?.includes(needle))) return 'workload';
  if (pod.nodeName?.toLowerCase().includes(needle)) return 'node';
  return null;
}

/**
 * The pods matching `query` (trimmed, case-insensitive), best match first: an exact or
 * prefix IP, then name, workload or app label, then node name; ties by namespace and name.
 * At most `limit` matches; `total` counts them all.
 */
export function searchPods(pods: Pod[], query: string, limit: number): { matches: PodMatch[]; total: number } {
  const needle = query.trim().toLowerCase();
  if (needle === '') return { matches: [], total: 0 };
  const matches: PodMatch[] = [];
  for (const pod of pods) {
    const workload = workloadOf(pod);
    const field = matchField(pod, needle, workload);
    if (field !== null) matches.push({ pod, field, workload });
  }
  matches.sort((a, b) => RANK[a.field] - RANK[b.field] || a.pod.namespace.localeCompare(b.pod.namespace) || a.pod.name.localeCompare(b.pod.name));
  return { matches: matches.slice(0, limit), total: matches.length };
}
