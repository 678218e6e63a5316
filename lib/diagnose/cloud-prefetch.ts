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
 *
 * The source ENI too: the ENI the same lookup (the pod's ENI id or address, a Flannel node's
 * address) found last time is where this diagnosis's ENI most likely still is. A prefetch on it
 * starts the reads that hang off the ENI (its vSwitch and groups, the VPC's NAT gateways, and
 * what those point at) beside the ENI's own lookup instead of after it: two rounds instead of
 * three for a source diagnosed before. The diagnosis still waits for the ENI it reads itself.
 */
import 'server-only';

import type { CloudClients } from '@/lib/alicloud';
import { describePrivateZoneFacts } from '@/lib/alicloud/pvtz';
import { cidrContains, isIp } from '@/lib/analysis/ip';
import type { ClusterInfo, Fact, NetworkInterface, Node, Pod } from '@/lib/analysis/model';
import { createDnsResolver } from '@/lib/dns/query';
import type { EarlyClusterFacts } from '@/lib/k8s';

import type { SourceEniLookup } from './cloud-facts';

/** Nodes remembered per cluster (a Flannel pod's source is its node's address). */
const MAX_NODES_PER_CLUSTER = 5_000;
/** Source ENIs remembered per cluster, by lookup. */
const MAX_SOURCES_PER_CLUSTER = 5_000;
/** The speculative DNS query gives up quickly: it only decides whether to start early. */
const GUESS_DNS_TIMEOUT_MS = 500;

interface Remembered {
  cluster: ClusterInfo;
  nodes: Map<string, Fact<Node | null>>;
}

const lastSeen = new Map<string, Remembered>();
/** Per cluster: the ENI each source lookup found, by `sourceKey`. */
const lastSources = new Map<string, Map<string, NetworkInterface>>();
/** Per cluster: a source ENI seen in each vSwitch, with the vSwitch's CIDR block, by vSwitch id. */
const lastVSwitches = new Map<string, Map<string, { cidr: string; eni: NetworkInterface }>>();
/** vSwitches remembered per cluster. */
const MAX_VSWITCHES_PER_CLUSTER = 256;

/** The key of a lookup that reads an ENI; null for one that reads nothing. */
function sourceKey(lookup: SourceEniLookup): string | null {
  switch (lookup.kind) {
    case 'eniId':
      return `eni ${lookup.eniId}`;
    case 'privateIp':
      return `ip ${lookup.address}`;
    case 'primaryIp':
      return `primary ${lookup.address}`;
    default:
      return null;
  }
}

/**
 * Remembers the ENI `lookup` found in a diagnosis of `context` (or forgets it, when none was
 * found), and the CIDR block of its vSwitch when that was read.
 */
export function rememberSourceEni(context: string, lookup: SourceEniLookup, eni: NetworkInterface | null, vSwitchCidr: string | null = null): void {
  const key = sourceKey(lookup);
  if (key === null) return;
  const sources = lastSources.get(context) ?? new Map<string, NetworkInterface>();
  if (eni === null) {
    sources.delete(key);
    return;
  }
  if (sources.size >= MAX_SOURCES_PER_CLUSTER && !sources.has(key)) sources.clear();
  sources.set(key, eni);
  lastSources.set(context, sources);
  if (vSwitchCidr === null) return;
  const vSwitches = lastVSwitches.get(context) ?? new Map<string, { cidr: string; eni: NetworkInterface }>();
  if (vSwitches.size >= MAX_VSWITCHES_PER_CLUSTER && !vSwitches.has(eni.vSwitchId)) vSwitches.clear();
  vSwitches.set(eni.vSwitchId, { cidr: vSwitchCidr, eni });
  lastVSwitches.set(context, vSwitches);
}

/** The address a lookup looks for, when it looks for one. */
const addressOf = (lookup: SourceEniLookup): string | null => (lookup.kind === 'privateIp' || lookup.kind === 'primaryIp' ? lookup.address : null);

/**
 * A prefetch's source for `lookup` in `context`: the ENI the same lookup found last time; else,
 * for the address it looks for (or `podIp`, for a lookup by ENI id) inside the CIDR block of a vSwitch a source of the cluster was seen in (vSwitch
 * blocks of a VPC do not overlap, so the address's ENI is in that vSwitch), that vSwitch and VPC
 * with no groups (another pod's groups are not guessed: its rules could name other lists). Null
 * when neither is known.
 */
export function guessSourceEni(context: string, lookup: SourceEniLookup, podIp: string | null = null): SourceEniLookup | null {
  const key = sourceKey(lookup);
  const eni = key === null ? undefined : lastSources.get(context)?.get(key);
  if (eni !== undefined) return { kind: 'lastSeen', eni };
  // An ENI looked up by id holds the pod's address.
  const address = addressOf(lookup) ?? (lookup.kind === 'eniId' ? podIp : null);
  if (address === null) return null;
  const neighbour = [...(lastVSwitches.get(context)?.values() ?? [])].find((seen) => cidrContains(seen.cidr, address));
  if (neighbour === undefined) return null;
  return { kind: 'lastSeen', eni: { ...neighbour.eni, id: '', instanceId: null, primaryIp: address, privateIps: [address], securityGroupIds: [], publicIp: null } };
}

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

/** Forgets every source ENI, keeping the clusters (the bench's figure for a pod diagnosed the first time). */
export function forgetSourceEnis(): void {
  lastSources.clear();
  lastVSwitches.clear();
}

/** Forgets every cluster (tests: a diagnosis that cannot start early). */
export function forgetEarlyFactsForTests(): void {
  lastSeen.clear();
  lastSources.clear();
  lastVSwitches.clear();
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
  if (!likelyVpcDnsName(name, cluster)) return [];
  try {
    const answer = await createDnsResolver({ timeoutMs: GUESS_DNS_TIMEOUT_MS }).query(name);
    return answer.rcode === 'NOERROR' ? answer.addresses : [];
  } catch {
    return [];
  }
}

/** Whether `name` most likely leaves the cluster for the VPC DNS: a name with a dot, outside the cluster domain. */
function likelyVpcDnsName(name: string, cluster: ClusterInfo): boolean {
  return name.includes('.') && name !== cluster.clusterDomain && !name.endsWith(`.${cluster.clusterDomain}`);
}

/**
 * Starts the account's PrivateZone lists (DescribeZones, DescribeResolverRules: they name no VPC)
 * for a name the VPC DNS most likely answers: the DNS step reads them once the pod's VPC is known,
 * one round later. Only the lists: the zones' own reads depend on the names the pod asks.
 */
export function prefetchPrivateZoneLists(host: string, cluster: ClusterInfo, clients: CloudClients | null): void {
  const name = host.replace(/\.$/, '').toLowerCase();
  if (clients === null || isIp(name) || !likelyVpcDnsName(name, cluster)) return;
  describePrivateZoneFacts(clients, { vpcId: '', names: [] }).catch(() => undefined);
}

/** Starts `read` for the likely addresses; its result is dropped (the memo keeps its calls). */
export function prefetchCloudReads(host: string, cluster: ClusterInfo, clients: CloudClients | null, read: (clients: CloudClients, addresses: string[]) => Promise<unknown>): void {
  if (clients === null) return;
  void likelyAddresses(host, cluster)
    .then((addresses) => (addresses.length > 0 ? read(clients, addresses) : null))
    .catch(() => undefined);
}
