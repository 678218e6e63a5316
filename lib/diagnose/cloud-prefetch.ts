/**
 * Starting a diagnosis's cloud reads before its cluster reads end. The cluster's region and
 * network mode (and the node a Flannel pod's traffic leaves from) are what the cloud reads need
 * from the cluster; they do not change between two diagnoses, so the last diagnosis of the same
 * cluster tells them. On that guess, as soon as the pod is read, the path's cloud reads are
 * started for the address the name most likely has (an IP destination: itself; a name: the
 * answer public DNS gives for it as written).
 *
 * Nothing here decides anything: every cloud read of a diagnosis is memoised
 * (lib/alicloud/read-memo.ts), and the diagnosis still reads its cloud facts from the cluster
 * facts and the DNS answer it actually got. Where the guess was right, those reads are the same
 * calls and are answered from the ones started here; where it was wrong, they are made afresh
 * and the guessed ones are dropped. Server only.
 */
import 'server-only';

import type { CloudClients } from '@/lib/alicloud';
import { isIp } from '@/lib/analysis/ip';
import type { ClusterInfo, Fact, Node, Pod } from '@/lib/analysis/model';
import { createDnsResolver } from '@/lib/dns/query';
import type { EarlyClusterFacts } from '@/lib/k8s';

/** Nodes remembered per cluster (a Flannel pod's source is its node's address). */
const MAX_NODES_PER_CLUSTER = 5_000;
/** The speculative DNS query gives up quickly: it only decides whether to start early. */
const GUESS_DNS_TIMEOUT_MS = 500;

interface Remembered {
  cluster: ClusterInfo;
  nodes: Map<string, Fact<Node | null>>;
}

const lastSeen = new Map<string, Remembered>();

/** Remembers what a diagnosis of `context` read before its cloud reads could start. */
export function rememberEarlyFacts(context: string, pod: Pod, early: EarlyClusterFacts): void {
  const known = lastSeen.get(context);
  const nodes = known?.nodes ?? new Map<string, Fact<Node | null>>();
  if (pod.nodeName !== null && early.node.kind === 'ok') {
    if (nodes.size >= MAX_NODES_PER_CLUSTER) nodes.clear();
    nodes.set(pod.nodeName, early.node);
  }
  lastSeen.set(context, { cluster: early.cluster, nodes });
}

/** Forgets every cluster (tests: a diagnosis that cannot start early). */
export function forgetEarlyFactsForTests(): void {
  lastSeen.clear();
}

/** The early facts the last diagnosis of `context` read, with `pod`'s node; null when none was made (or the node is not known). */
export function guessEarlyFacts(context: string, pod: Pod): EarlyClusterFacts | null {
  const known = lastSeen.get(context);
  if (known === undefined) return null;
  const node = pod.nodeName === null ? null : known.nodes.get(pod.nodeName);
  if (known.cluster.networkMode === 'flannel' && node === undefined) return null;
  return { cluster: known.cluster, node: node ?? { kind: 'ok', value: null } };
}

/**
 * The addresses `host` most likely resolves to for the pod, without the cluster's facts: an
 * address itself; a name outside the cluster domain as public DNS answers it. Empty when there
 * is no likely answer (a cluster name, a name that does not resolve, a failed query).
 */
export async function likelyAddresses(host: string, cluster: ClusterInfo): Promise<string[]> {
  if (isIp(host)) return [host];
  const name = host.replace(/\.$/, '').toLowerCase();
  if (!name.includes('.') || name === cluster.clusterDomain || name.endsWith(`.${cluster.clusterDomain}`)) return [];
  try {
    const answer = await createDnsResolver({ timeoutMs: GUESS_DNS_TIMEOUT_MS }).query(name);
    return answer.rcode === 'NOERROR' ? answer.addresses : [];
  } catch {
    return [];
  }
}

/** Starts `read` for the likely addresses; its result is dropped (the memo keeps its calls). */
export function prefetchCloudReads(host: string, cluster: ClusterInfo, clients: CloudClients | null, read: (clients: CloudClients, addresses: string[]) => Promise<unknown>): void {
  if (clients === null) return;
  void likelyAddresses(host, cluster)
    .then((addresses) => (addresses.length > 0 ? read(clients, addresses) : null))
    .catch(() => undefined);
}
