/**
 * The Kubernetes reads the app makes, bound to one KubeConfig. The clusters are the
 * kubeconfig's contexts. Every HTTP call has a timeout (EGRESS_DOCTOR_TIMEOUT_MS).
 */
import 'server-only';

import type { KubeConfig } from '@kubernetes/client-node';

import type { ClusterDns, ClusterFacts, ClusterInfo, Fact, Namespace, Node, NodeLocalDns, Pod } from '@/lib/analysis/model';
import { redactCorefile } from '@/lib/analysis/corefile';
import { namesLinkLocalNameserver } from '@/lib/analysis/dns-chain';
import { getEnv } from '@/lib/env';
import { UpstreamError } from '@/lib/errors';

import { createContextClients, listAll, read, readOptional, timeoutOptions, type ContextClients } from './client';
import { detectClusterInfo } from './cluster-info';
import { toClusterDns, toNodeLocalDns } from './cluster-dns';
import { toEndpointSlice, toNamespace, toNode, toPod, toService } from './convert';
import { toNetworkPolicy } from './convert-network-policy';
import { toUpstreamError } from './errors';
import { createInFlightJoiner } from './in-flight';

/** A kubeconfig context as the cluster picker shows it. */
export interface ClusterSummary {
  name: string;
  /** API server URL of the context's cluster ('' when the cluster entry is missing). */
  server: string;
  /** True for the kubeconfig's current context. */
  current: boolean;
}

export interface K8sReader {
  /** The kubeconfig's contexts. */
  listClusters(): ClusterSummary[];
  listNamespaces(context: string): Promise<Namespace[]>;
  listPods(context: string, namespace: string): Promise<Pod[]>;
  /** The pods of every namespace (for search across the cluster). */
  listAllPods(context: string): Promise<Pod[]>;
  listNodes(context: string): Promise<Node[]>;
  /** Throws `UpstreamError` notFound when the pod does not exist. */
  getPod(context: string, namespace: string, name: string): Promise<Pod>;
  /** See cluster-info.ts for the detection rules. Throws only when the cluster is unusable (401, unreachable, timeout). */
  readClusterInfo(context: string): Promise<ClusterInfo>;
  /**
   * Everything a diagnosis needs, read in parallel; each collection is a `Fact`, so one failed read spares the rest.
   * `onClusterInfo` is called as soon as the cluster's kind, network mode and region and the pod's node are known,
   * before the other collections are read (so the cloud reads can start beside them).
   */
  readClusterFacts(context: string, pod: Pod, onClusterInfo?: (early: EarlyClusterFacts) => void): Promise<ClusterFacts>;
}

/** What a diagnosis knows of the cluster before its collections are read. */
export interface EarlyClusterFacts {
  cluster: ClusterInfo;
  node: Fact<Node | null>;
}

export interface K8sReaderOptions {
  kubeConfig: KubeConfig;
  /** Per-call timeout; `EGRESS_DOCTOR_TIMEOUT_MS` (default 10 s) when absent. */
  timeoutMs?: number;
}

/** Reasons that mean the whole cluster cannot be used, not just one resource. */
const clusterWideReasons = new Set(['unauthorized', 'unreachable', 'timeout']);

/** Creates a reader over the contexts of `kubeConfig`. API clients are made once per context. */
export function createK8sReader(options: K8sReaderOptions): K8sReader {
  const { kubeConfig } = options;
  const clients = new Map<string, ContextClients>();
  const timeoutMs = () => options.timeoutMs ?? getEnv().EGRESS_DOCTOR_TIMEOUT_MS;
  const clientsFor = (context: string): ContextClients => {
    let found = clients.get(context);
    if (!found) {
      found = createContextClients(kubeConfig, context);
      clients.set(context, found);
    }
    return found;
  };
  const joinInFlight = createInFlightJoiner();
  const connect = (context: string) => ({ api: clientsFor(context), options: timeoutOptions(timeoutMs()) });

  const readKubeSystemConfigMaps = async (context: string) => {
    const { api, options: callOptions } = connect(context);
    const items = await listAll(`ConfigMaps in kube-system of ${context}`, (page) =>
      api.core.listNamespacedConfigMap({ namespace: 'kube-system', ...page }, callOptions),
    );
    return new Map(items.map((item) => [item.metadata?.name ?? '', item.data ?? {}]));
  };
  const readNodes = async (context: string) => {
    const { api, options: callOptions } = connect(context);
    const items = await listAll(`nodes of ${context}`, (page) => api.core.listNode(page, callOptions));
    return items.map((item) => ({ node: toNode(item), podCidr: item.spec?.podCIDR ?? null }));
  };

  const reader: K8sReader = {
    listClusters() {
      const current = kubeConfig.getCurrentContext();
      return kubeConfig.getContexts().map((context) => ({
        name: context.name,
        server: kubeConfig.getCluster(context.cluster)?.server ?? '',
        current: context.name === current,
      }));
    },

    async listNamespaces(context) {
      const { api, options: callOptions } = connect(context);
      const items = await listAll(`namespaces of ${context}`, (page) => api.core.listNamespace(page, callOptions));
      return items.map(toNamespace);
    },

    async listPods(context, namespace) {
      const { api, options: callOptions } = connect(context);
      const items = await listAll(`pods in ${namespace} of ${context}`, (page) => api.core.listNamespacedPod({ namespace, ...page }, callOptions));
      return items.map(toPod);
    },

    async listAllPods(context) {
      const { api, options: callOptions } = connect(context);
      const items = await listAll(`pods of every namespace of ${context}`, (page) => api.core.listPodForAllNamespaces(page, callOptions));
      return items.map(toPod);
    },

    async listNodes(context) {
      return (await readNodes(context)).map(({ node }) => node);
    },

    async getPod(context, namespace, name) {
      const { api, options: callOptions } = connect(context);
      return toPod(await read(`pod ${namespace}/${name} of ${context}`, () => api.core.readNamespacedPod({ namespace, name }, callOptions)));
    },

    async readClusterInfo(context) {
      const [configMaps, nodes] = await Promise.all([
        settle(`ConfigMaps in kube-system of ${context}`, readKubeSystemConfigMaps(context)),
        settle(`nodes of ${context}`, readNodes(context)),
      ]);
      return clusterInfoFrom(context, configMaps, nodes);
    },

    async readClusterFacts(context, pod, onClusterInfo) {
      const { api, options: callOptions } = connect(context);
      const inAll = (kind: string) => `${kind} in all namespaces of ${context}`;
      // Concurrent diagnoses of one cluster share each cluster-wide read in flight (see in-flight.ts).
      const shared = <T>(resource: string, read: () => Promise<T>) => joinInFlight(JSON.stringify([context, resource]), () => settle(resource, read()));
      const configMapsRead = shared(`ConfigMaps in kube-system of ${context}`, () => readKubeSystemConfigMaps(context));
      const nodesRead = shared(`nodes of ${context}`, () => readNodes(context));
      if (onClusterInfo) {
        void Promise.all([configMapsRead, nodesRead]).then(([configMaps, nodes]) => {
          // A cluster-wide failure is thrown by the full read below; nothing to start early then.
          if ([configMaps, nodes].some((settled) => !settled.ok && clusterWideReasons.has(settled.error.reason))) return;
          onClusterInfo({ cluster: clusterInfoFrom(context, configMaps, nodes), node: nodeOf(pod, toFact(nodes)) });
        });
      }
      const [configMaps, nodes, namespaces, pods, services, endpointSlices, networkPolicies, dns, nodeLocalDns] = await Promise.all([
        configMapsRead,
        nodesRead,
        shared(`namespaces of ${context}`, () => reader.listNamespaces(context)),
        shared(inAll('pods'), () => listAll(inAll('pods'), (page) => api.core.listPodForAllNamespaces(page, callOptions)).then((items) => items.map(toPod))),
        shared(inAll('services'), () =>
          listAll(inAll('services'), (page) => api.core.listServiceForAllNamespaces(page, callOptions)).then((items) => items.map(toService)),
        ),
        shared(inAll('endpointslices'), () =>
          listAll(inAll('endpointslices'), (page) => api.discovery.listEndpointSliceForAllNamespaces(page, callOptions)).then((items) =>
            items.map(toEndpointSlice),
          ),
        ),
        shared(inAll('networkpolicies'), () =>
          listAll(inAll('networkpolicies'), (page) => api.networking.listNetworkPolicyForAllNamespaces(page, callOptions)).then((items) =>
            items.map(toNetworkPolicy),
          ),
        ),
        shared(`cluster DNS (kube-system/kube-dns, coredns) of ${context}`, () => readClusterDns(api, callOptions, context)),
        // NOTE: read only for a pod that names NodeLocal DNSCache's link-local address: no other pod's path depends on it.
        namesLinkLocalNameserver(pod) ? shared(`DaemonSet kube-system/node-local-dns of ${context}`, () => readNodeLocalDns(api, callOptions, context)) : null,
      ]);
      const nodeList = mapFact(toFact(nodes), (value) => value.map(({ node }) => node));
      return {
        cluster: clusterInfoFrom(context, configMaps, nodes),
        pod,
        node: nodeOf(pod, toFact(nodes)),
        namespaces: toFact(namespaces),
        pods: toFact(pods),
        nodes: nodeList,
        services: toFact(services),
        endpointSlices: toFact(endpointSlices),
        networkPolicies: toFact(networkPolicies),
        dns: toFact(dns),
        corefile: mapFact(toFact(configMaps), (value) => {
          const text = value.get('coredns')?.Corefile;
          return text === undefined ? null : redactCorefile(text);
        }),
        ...(nodeLocalDns === null ? {} : { nodeLocalDns: toFact(nodeLocalDns) }),
      };
    },
  };
  return reader;
}

/** The pod's node among the nodes read; null when the pod is not scheduled or its node is gone. */
function nodeOf(pod: Pod, nodes: Fact<NodeWithPodCidr[]>): Fact<Node | null> {
  return mapFact(nodes, (value) => (pod.nodeName === null ? null : (value.find((item) => item.node.name === pod.nodeName)?.node ?? null)));
}

/** The kube-dns Service, its EndpointSlices and the coredns Deployment; the Service and Deployment may be absent. */
async function readClusterDns(api: ContextClients, callOptions: ReturnType<typeof timeoutOptions>, context: string): Promise<ClusterDns> {
  const [service, endpointSlices, deployment] = await Promise.all([
    readOptional(`Service kube-system/kube-dns of ${context}`, () => api.core.readNamespacedService({ namespace: 'kube-system', name: 'kube-dns' }, callOptions)),
    listAll(`EndpointSlices of kube-system/kube-dns of ${context}`, (page) =>
      api.discovery.listNamespacedEndpointSlice({ namespace: 'kube-system', labelSelector: 'kubernetes.io/service-name=kube-dns', ...page }, callOptions),
    ),
    readOptional(`Deployment kube-system/coredns of ${context}`, () => api.apps.readNamespacedDeployment({ namespace: 'kube-system', name: 'coredns' }, callOptions)),
  ]);
  return toClusterDns({ service, endpointSlices, deployment });
}

/** ACK's NodeLocal DNSCache DaemonSet, null when the cluster does not run it. */
async function readNodeLocalDns(api: ContextClients, callOptions: ReturnType<typeof timeoutOptions>, context: string): Promise<NodeLocalDns | null> {
  const daemonSet = await readOptional(`DaemonSet kube-system/node-local-dns of ${context}`, () =>
    api.apps.readNamespacedDaemonSet({ namespace: 'kube-system', name: 'node-local-dns' }, callOptions),
  );
  return daemonSet ? toNodeLocalDns(daemonSet) : null;
}

/** Throws the first cluster-wide failure; otherwise detects from what could be read. */
function clusterInfoFrom(context: string, configMaps: Settled<ReadonlyMap<string, Record<string, string>>>, nodes: Settled<NodeWithPodCidr[]>): ClusterInfo {
  for (const settled of [configMaps, nodes]) {
    if (!settled.ok && clusterWideReasons.has(settled.error.reason)) throw settled.error;
  }
  return detectClusterInfo({ name: context, kubeSystemConfigMaps: toFact(configMaps), nodes: toFact(nodes) });
}

type NodeWithPodCidr = { node: Node; podCidr: string | null };
type Settled<T> = { ok: true; value: T } | { ok: false; error: UpstreamError };

/**
 * Waits for a read and keeps its failure as a value. Any error, including a converter's
 * broken invariant, becomes an UpstreamError about `resource`, so one bad read spares the rest.
 */
async function settle<T>(resource: string, promise: Promise<T>): Promise<Settled<T>> {
  try {
    return { ok: true, value: await promise };
  } catch (error) {
    return { ok: false, error: toUpstreamError(error, resource) };
  }
}

function toFact<T>(settled: Settled<T>): Fact<T> {
  return settled.ok ? { kind: 'ok', value: settled.value } : { kind: 'missing', error: settled.error.toFactError() };
}

function mapFact<T, U>(fact: Fact<T>, map: (value: T) => U): Fact<U> {
  return fact.kind === 'ok' ? { kind: 'ok', value: map(fact.value) } : { kind: 'missing', error: fact.error };
}
