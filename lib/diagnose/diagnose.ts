/**
 * The orchestration of one diagnosis: read the cluster, resolve the name as the pod
 * would, read the cloud, then hand the facts to the pure analysis.
 */
import 'server-only';

import { createCloudClients, type CloudClients } from '@/lib/alicloud';
import { withinCloudReadMemo } from '@/lib/alicloud/read-memo';
import { classifyDestination } from '@/lib/analysis/classify-destination';
import { evaluatePath } from '@/lib/analysis/evaluate-path';
import { isIp } from '@/lib/analysis/ip';
import { podAnnotatedEip } from '@/lib/analysis/pod-eip';
import { whitelistTargetFromHost } from '@/lib/analysis/whitelist-hosts';
import type { CloudFacts, ClusterFacts, Diagnosis, DiagnosisRequest, DnsAnswer, Fact, Hop, PathFacts, Pod, ResolvedDestination } from '@/lib/analysis/model';
import { getEnv } from '@/lib/env';
import { perGate } from '@/lib/gates/registry';
import { BadRequestError, UpstreamError } from '@/lib/errors';
import { getPod, readClusterFacts, type EarlyClusterFacts } from '@/lib/k8s';
import { recordDiagnosis } from '@/lib/metrics/registry';
import { collectReadRetries } from '@/lib/read-retries';

import { findSourceEni, readCloudFacts, type SourceEniLookup } from './cloud-facts';
import { guessEarlyFacts, prefetchCloudReads, rememberEarlyFacts } from './cloud-prefetch';
import { resolveAsPod } from './dns-resolution';

/** Progress of a running diagnosis, for streaming to the browser. */
export type DiagnosisProgress =
  | { stage: 'cluster'; message: string }
  | { stage: 'dns'; message: string }
  | { stage: 'cloud'; message: string }
  | { stage: 'evaluate'; message: string };

export interface DiagnoseOptions {
  /** Called as each stage starts. */
  onProgress?: (progress: DiagnosisProgress) => void;
  /**
   * Called with each hop as soon as it is decided: the cluster-side hops (dns,
   * networkPolicy) before the cloud is read; the final diagnosis repeats every hop.
   */
  onHop?: (hop: Hop) => void;
  /** Clock, for tests. */
  now?: () => Date;
}

/** A diagnosis with the facts it was decided on (saved beside it, so it can be re-evaluated). */
export interface DiagnosisRun {
  diagnosis: Diagnosis;
  facts: PathFacts;
  destination: ResolvedDestination;
}

/**
 * Diagnoses one request against the live cluster and cloud.
 * Throws `BadRequestError` (404) when the pod does not exist, `UpstreamError` when the
 * pod itself cannot be read; every other failed read becomes an `unknown` hop.
 */
export async function diagnose(request: DiagnosisRequest, options: DiagnoseOptions = {}): Promise<Diagnosis> {
  return (await diagnoseWithFacts(request, options)).diagnosis;
}

/** `diagnose`, also returning the facts read and the resolved destination. */
export async function diagnoseWithFacts(request: DiagnosisRequest, options: DiagnoseOptions = {}): Promise<DiagnosisRun> {
  const started = performance.now();
  const { result, retries } = await collectReadRetries(() => withinCloudReadMemo(() => readAndEvaluate(request, options)));
  recordDiagnosis(result.diagnosis.verdict, (performance.now() - started) / 1000);
  return retries.length === 0 ? result : { ...result, diagnosis: { ...result.diagnosis, retries } };
}

/** The cloud side of one diagnosis, opened as soon as the cluster tells its region and network mode. */
interface CloudSide {
  /** The region's clients (inside the diagnosis's read memo, every read is made once); null when the region is unknown. */
  clients: CloudClients | null;
  source: SourceEniLookup;
}

function openCloudSide(pod: Pod, early: EarlyClusterFacts): CloudSide {
  const region = early.cluster.region ?? getEnv().ALIBABA_CLOUD_REGION_ID ?? null;
  const clients = region ? createCloudClients({ region }) : null;
  const source = sourceEniLookup(pod, early);
  // Prefetch: the source ENI is the first read of both the DNS step (its VPC's zones) and the path.
  if (clients) void findSourceEni(clients, source).catch(() => undefined);
  return { clients, source };
}

const sameAddresses = (a: string[], b: string[]) => a.length === b.length && a.every((address, index) => address === b[index]);

async function readAndEvaluate(request: DiagnosisRequest, options: DiagnoseOptions): Promise<DiagnosisRun> {
  const progress = options.onProgress ?? (() => undefined);

  progress({ stage: 'cluster', message: `Reading pod ${request.namespace}/${request.pod} and cluster ${request.cluster}` });
  const pod = await readSourcePod(request);
  prefetchOnLastSeen(request, pod);
  let side: CloudSide | null = null;
  const cloudSide = (early: EarlyClusterFacts): CloudSide => (side ??= openCloudSide(pod, early));
  const cluster = await readClusterFacts(request.cluster, pod, (early) => {
    rememberEarlyFacts(request.cluster, pod, early);
    void cloudSide(early);
  });
  return evaluateInCluster(request, cluster, cloudSide(cluster), options);
}

/**
 * The path's cloud reads for `addresses` (the same call whether started early or not, so the memo
 * joins them). `clusterAddresses` (the cluster's own addresses) lets a private address nobody
 * holds be matched against the VPC's whitelisted instances; a read started on a guess has none.
 */
function readPathCloud(
  clients: CloudClients,
  request: DiagnosisRequest,
  pod: Pod,
  source: SourceEniLookup,
  addresses: string[],
  onRound?: (message: string) => void,
  clusterAddresses?: ReadonlySet<string>,
): Promise<CloudFacts> {
  const host = request.host.replace(/\.$/, '');
  const input = { source, destinationAddresses: addresses, whitelistTarget: whitelistTargetFromHost(host), annotatedEip: podAnnotatedEip(pod), request: { host, destination: request.destination } };
  return readCloudFacts(clients, clusterAddresses ? { ...input, clusterAddresses } : input, onRound);
}

/** The addresses the cluster itself holds: pod IPs, Service ClusterIPs and LoadBalancer ingresses (what is read of them). */
function clusterAddressesOf(cluster: ClusterFacts): ReadonlySet<string> {
  const services = cluster.services.kind === 'ok' ? cluster.services.value : [];
  const pods = cluster.pods.kind === 'ok' ? cluster.pods.value : [];
  return new Set([
    ...services.flatMap((service) => [service.clusterIp, ...service.loadBalancerIngress.map((ingress) => ingress.ip)]),
    ...pods.flatMap((pod) => [pod.ip, ...pod.ips]),
  ].filter((address): address is string => typeof address === 'string' && address !== ''));
}

/** Starts the cloud reads as soon as the pod is read, on what the last diagnosis of the cluster learnt (cloud-prefetch.ts). */
function prefetchOnLastSeen(request: DiagnosisRequest, pod: Pod): void {
  const guess = guessEarlyFacts(request.cluster, pod);
  if (guess === null) return;
  const { clients, source } = openCloudSide(pod, guess);
  prefetchCloudReads(request.host.replace(/\.$/, ''), guess.cluster, clients, (ready, addresses) => readPathCloud(ready, request, pod, source, addresses));
}

/**
 * The rest of a diagnosis once the cluster is read: resolve the name as `cluster.pod` would,
 * read the cloud, evaluate. An audit calls it once per class of pods with the cluster facts
 * it read once (`cluster.pod` and `cluster.node` set to the class's pod).
 */
export async function diagnoseInCluster(request: DiagnosisRequest, cluster: ClusterFacts, options: DiagnoseOptions = {}): Promise<DiagnosisRun> {
  return evaluateInCluster(request, cluster, openCloudSide(cluster.pod, cluster), options);
}

async function evaluateInCluster(request: DiagnosisRequest, cluster: ClusterFacts, { clients, source }: CloudSide, options: DiagnoseOptions): Promise<DiagnosisRun> {
  const progress = options.onProgress ?? (() => undefined);
  const now = options.now ?? (() => new Date());
  const { pod } = cluster;

  const host = request.host.replace(/\.$/, '');
  const whitelistTarget = whitelistTargetFromHost(host);
  const clusterAddresses = clusterAddressesOf(cluster);
  const readCloud = (addresses: string[]) => readPathCloud(clients as CloudClients, request, pod, source, addresses, (message) => progress({ stage: 'cloud', message }), clusterAddresses);

  progress({ stage: 'dns', message: isIp(request.host) ? 'Destination is an IP address: no name to resolve' : `Resolving ${request.host} as the pod would` });
  // The path's cloud reads start on the answer the VPC DNS gives when no PrivateZone zone covers the name, while
  // the zones are read; they are kept only when the real answer is the same (else read again for the real one).
  const likely = clients === null ? null : isIp(request.host) ? Promise.resolve([request.host]) : resolveAsPod(request.host, pod, cluster, source, { clients, assumeNoPrivateZones: true }).then(firstResolved);
  const early = likely?.then((addresses) => {
    const cloud = readCloud(addresses);
    cloud.catch(() => undefined);
    return { addresses, cloud };
  });
  const dnsAnswers = isIp(request.host) ? null : await resolveAsPod(request.host, pod, cluster, source, { clients });
  const addresses = isIp(request.host) ? [request.host] : firstResolved(dnsAnswers);
  const readAt = now().toISOString();
  if (options.onHop) reportClusterHops(options.onHop, { request, readAt, cluster, dnsAnswers, cloud: pendingCloudFacts('not read yet', false) }, host, addresses);

  progress({ stage: 'cloud', message: clients ? `Reading Alibaba Cloud facts in ${clients.region}` : 'Region unknown: cloud facts cannot be read' });
  const started = early ? await early.catch(() => null) : null;
  const cloud = clients
    ? started && sameAddresses(started.addresses, addresses)
      ? await started.cloud
      : await readCloud(addresses)
    : pendingCloudFacts('The cluster does not tell its region (no topology.kubernetes.io/region label or providerID) and ALIBABA_CLOUD_REGION_ID is not set.', whitelistTarget !== null);

  progress({ stage: 'evaluate', message: 'Evaluating the path hop by hop' });
  const destination = classifyDestination({
    host,
    addresses,
    cluster,
    destinationEni: cloud.destinationEni,
    loadBalancer: cloud.loadBalancer,
    whitelistService: whitelistTarget?.service ?? null,
    whitelistInstanceId: whitelistTarget?.instanceId ?? null,
    whitelistAddress: cloud.destinationOwners?.find((owner) => owner.address === addresses[0])?.whitelistInstance ?? null,
  });
  const facts: PathFacts = { request, readAt, cluster, dnsAnswers, cloud };
  return { diagnosis: evaluatePath(facts, destination), facts, destination };
}

/** Hops that depend on the cluster and DNS only are final before the cloud is read. */
const CLUSTER_HOPS: ReadonlySet<Hop['kind']> = new Set(['dns', 'networkPolicy']);

function reportClusterHops(onHop: (hop: Hop) => void, facts: PathFacts, host: string, addresses: string[]): void {
  // The cloud is not read yet (its facts are missing): only the cluster hops are reported, and no owner lookup of the cloud changes them.
  const destination = classifyDestination({ host, addresses, cluster: facts.cluster, destinationEni: facts.cloud.destinationEni, loadBalancer: facts.cloud.loadBalancer, whitelistService: null, whitelistInstanceId: null });
  for (const hop of evaluatePath(facts, destination).hops) if (CLUSTER_HOPS.has(hop.kind)) onHop(hop);
}

async function readSourcePod(request: DiagnosisRequest): Promise<Pod> {
  try {
    return await getPod(request.cluster, request.namespace, request.pod);
  } catch (error) {
    if (error instanceof UpstreamError && error.reason === 'notFound') {
      throw new BadRequestError('pod_not_found', `Pod ${request.namespace}/${request.pod} was not found in cluster ${request.cluster}.`, 404);
    }
    throw error;
  }
}

/** The ENI whose groups apply: the pod's own (ENI annotation or pod IP), or the node's in Flannel mode. */
function sourceEniLookup(pod: Pod, cluster: EarlyClusterFacts): SourceEniLookup {
  if (cluster.cluster.networkMode === 'flannel') {
    const node = cluster.node.kind === 'ok' ? cluster.node.value : null;
    return node?.internalIp ? { kind: 'primaryIp', address: node.internalIp } : { kind: 'none', reason: 'the node IP is unknown' };
  }
  const eniId = pod.annotations['k8s.aliyun.com/eni-instance-id'];
  if (eniId) return { kind: 'eniId', eniId };
  return pod.ip ? { kind: 'privateIp', address: pod.ip } : { kind: 'none', reason: 'the pod has no IP yet' };
}

function firstResolved(answers: Fact<DnsAnswer[]> | null): string[] {
  if (!answers || answers.kind === 'missing') return [];
  return answers.value.find((answer) => answer.rcode === 'NOERROR' && answer.addresses.length > 0)?.addresses ?? [];
}

/** Cloud facts that cannot be (or are not yet) read, all missing for `message`. */
function pendingCloudFacts(message: string, hasWhitelist: boolean): CloudFacts {
  const error = new UpstreamError({ source: 'alicloud', reason: 'invalid', resource: 'region', message }).toFactError();
  const gap = { kind: 'missing' as const, error };
  return {
    sourceEni: gap,
    vSwitches: gap,
    securityGroups: gap,
    networkAcls: gap,
    prefixLists: gap,
    portRangeLists: gap,
    routeTables: gap,
    natGateways: gap,
    snatEntries: gap,
    eips: gap,
    destinationEni: gap,
    loadBalancer: gap,
    slbAcls: gap,
    whitelist: hasWhitelist ? gap : null,
    gates: perGate(() => gap),
  };
}

