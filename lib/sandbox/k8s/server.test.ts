import {
  ApiException,
  AppsV1Api,
  CoreV1Api,
  CustomObjectsApi,
  DiscoveryV1Api,
  KubeConfig,
  NetworkingV1Api,
  Observable,
  type RequestContext,
  type ResponseContext,
} from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildKubeconfig } from '../kubeconfig';
import { createTlsMaterial } from '../tls';

import { httpsGetJson } from './__fixtures__/https-get';
import { loadTestWorld } from './__fixtures__/load-world';
import { startKubernetesApiServer, type KubernetesSandbox } from './server';

const tls = createTlsMaterial();
const tokens = { admin: 'admin-token-0123456789', restricted: 'restricted-token-0123456789' };
let sandbox: KubernetesSandbox;

function kubeConfigFor(context: string, token: string): KubeConfig {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromString(
    buildKubeconfig({ clusters: sandbox.clusters, caCertPem: tls.caCertPem, userName: 'test', token, currentContext: context }),
  );
  return kubeConfig;
}

function serverOf(name: string): string {
  const cluster = sandbox.clusters.find((candidate) => candidate.name === name);
  if (!cluster) throw new Error(`no cluster ${name}`);
  return cluster.server;
}

async function apiError(promise: Promise<unknown>): Promise<{ code: number; body: unknown }> {
  try {
    await promise;
  } catch (error) {
    // NOTE: client-node's generated code drops the body of a 401 (the spec declares none).
    if (error instanceof ApiException) {
      return { code: error.code, body: typeof error.body === 'string' ? JSON.parse(error.body) : error.body };
    }
    throw error;
  }
  throw new Error('expected the call to fail');
}

beforeAll(async () => {
  sandbox = await startKubernetesApiServer({ world: loadTestWorld(), tls, tokens });
});

afterAll(async () => {
  await sandbox.close();
});

describe('startKubernetesApiServer', () => {
  it('listens once per cluster on a loopback port', () => {
    expect(sandbox.clusters.map((cluster) => cluster.name)).toStrictEqual(['acs-test', 'ack-test']);
    for (const cluster of sandbox.clusters) expect(cluster.server).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(new Set(sandbox.clusters.map((cluster) => cluster.server)).size).toBe(2);
  });

  it('lists pods of every namespace and of one namespace through client-node', async () => {
    const core = kubeConfigFor('acs-test', tokens.admin).makeApiClient(CoreV1Api);
    const all = await core.listPodForAllNamespaces();
    expect(all.items.map((pod) => `${pod.metadata?.namespace}/${pod.metadata?.name}`)).toStrictEqual([
      'kube-system/coredns-5d4b8c7f9-xk2lm',
      'shop/web-7d9c6b5f4-abcde',
      'shop/web-7d9c6b5f4-fghij',
      'shop/worker-0',
    ]);
    expect(all.metadata?.resourceVersion).toMatch(/^\d+$/);
    const shop = await core.listNamespacedPod({ namespace: 'shop' });
    expect(shop.items).toHaveLength(3);
    expect((await core.listNamespacedPod({ namespace: 'nowhere' })).items).toStrictEqual([]);
  });

  it('fills uid, resourceVersion and creationTimestamp, keeping the given ones', async () => {
    const core = kubeConfigFor('acs-test', tokens.admin).makeApiClient(CoreV1Api);
    const given = await core.readNamespacedPod({ namespace: 'shop', name: 'web-7d9c6b5f4-abcde' });
    expect(given.metadata?.creationTimestamp).toStrictEqual(new Date('2025-01-01T00:00:00Z'));
    const filled = await core.readNamespacedPod({ namespace: 'shop', name: 'worker-0' });
    expect(filled.metadata?.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(filled.metadata?.resourceVersion).toMatch(/^\d+$/);
    expect(filled.metadata?.creationTimestamp).toBeInstanceOf(Date);
    expect(filled.status?.podIP).toBe('10.0.1.11');
  });

  it('creates the namespaces objects live in and labels them with their name', async () => {
    const core = kubeConfigFor('acs-test', tokens.admin).makeApiClient(CoreV1Api);
    const namespaces = await core.listNamespace();
    expect(namespaces.items.map((namespace) => [namespace.metadata?.name, namespace.metadata?.labels])).toStrictEqual([
      ['default', { 'kubernetes.io/metadata.name': 'default' }],
      ['kube-system', { 'kubernetes.io/metadata.name': 'kube-system' }],
      ['shop', { 'kubernetes.io/metadata.name': 'shop', team: 'shop' }],
    ]);
  });

  it('serves every resource type through its client', async () => {
    const kubeConfig = kubeConfigFor('acs-test', tokens.admin);
    const core = kubeConfig.makeApiClient(CoreV1Api);
    expect((await core.listNode()).items.map((node) => node.metadata?.name)).toStrictEqual(['virtual-kubelet-cn-hangzhou-j']);
    expect((await core.readNamespacedService({ namespace: 'kube-system', name: 'kube-dns' })).spec?.clusterIP).toBe('192.168.0.10');
    expect((await core.readNamespacedConfigMap({ namespace: 'kube-system', name: 'coredns' })).data?.Corefile).toContain('kubernetes cluster.local');
    const slices = await kubeConfig.makeApiClient(DiscoveryV1Api).listNamespacedEndpointSlice({ namespace: 'kube-system' });
    expect(slices.items[0]?.endpoints?.[0]?.addresses).toStrictEqual(['10.0.1.53']);
    const policies = await kubeConfig.makeApiClient(NetworkingV1Api).listNetworkPolicyForAllNamespaces();
    expect(policies.items.map((policy) => policy.metadata?.name)).toStrictEqual(['web-egress']);
    const deployment = await kubeConfig.makeApiClient(AppsV1Api).readNamespacedDeployment({ namespace: 'kube-system', name: 'coredns' });
    expect(deployment.status?.readyReplicas).toBe(1);
  });

  it('serves podnetworkings only in a cluster that has them', async () => {
    const ack = kubeConfigFor('ack-test', tokens.admin).makeApiClient(CustomObjectsApi);
    const list: unknown = await ack.listClusterCustomObject({ group: 'network.alibabacloud.com', version: 'v1beta1', plural: 'podnetworkings' });
    expect(list).toMatchObject({ kind: 'PodNetworkingList', items: [{ metadata: { name: 'shop-networking' } }] });
    const acs = kubeConfigFor('acs-test', tokens.admin).makeApiClient(CustomObjectsApi);
    const error = await apiError(acs.listClusterCustomObject({ group: 'network.alibabacloud.com', version: 'v1beta1', plural: 'podnetworkings' }));
    expect(error.code).toBe(404);
  });

  it.each([
    ['app=web', ['web-7d9c6b5f4-abcde', 'web-7d9c6b5f4-fghij']],
    ['app==worker', ['worker-0']],
    ['app!=web', ['coredns-5d4b8c7f9-xk2lm', 'worker-0']],
    ['app in (web, worker),tier', ['web-7d9c6b5f4-abcde', 'web-7d9c6b5f4-fghij']],
    ['app notin (web)', ['coredns-5d4b8c7f9-xk2lm', 'worker-0']],
    ['tier', ['web-7d9c6b5f4-abcde', 'web-7d9c6b5f4-fghij']],
    ['!tier', ['coredns-5d4b8c7f9-xk2lm', 'worker-0']],
    ['k8s-app=kube-dns,!tier', ['coredns-5d4b8c7f9-xk2lm']],
  ])('labelSelector %s', async (labelSelector, expected) => {
    const core = kubeConfigFor('acs-test', tokens.admin).makeApiClient(CoreV1Api);
    const pods = await core.listPodForAllNamespaces({ labelSelector });
    expect(pods.items.map((pod) => pod.metadata?.name)).toStrictEqual(expected);
  });

  it.each([
    ['metadata.name=worker-0', ['worker-0']],
    ['metadata.namespace=kube-system', ['coredns-5d4b8c7f9-xk2lm']],
    ['status.phase!=Running', ['web-7d9c6b5f4-fghij']],
    ['status.phase==Running,metadata.namespace=shop', ['web-7d9c6b5f4-abcde', 'worker-0']],
    ['spec.nodeName=virtual-kubelet-cn-hangzhou-j,status.podIP=10.0.1.10', ['web-7d9c6b5f4-abcde']],
  ])('fieldSelector %s', async (fieldSelector, expected) => {
    const core = kubeConfigFor('acs-test', tokens.admin).makeApiClient(CoreV1Api);
    const pods = await core.listPodForAllNamespaces({ fieldSelector });
    expect(pods.items.map((pod) => pod.metadata?.name)).toStrictEqual(expected);
  });

  it('rejects a bad selector with 400 BadRequest', async () => {
    const core = kubeConfigFor('acs-test', tokens.admin).makeApiClient(CoreV1Api);
    const field = await apiError(core.listPodForAllNamespaces({ fieldSelector: 'spec.hostname=x' }));
    expect(field).toMatchObject({ code: 400, body: { reason: 'BadRequest', message: 'field label not supported: spec.hostname' } });
    const label = await apiError(core.listPodForAllNamespaces({ labelSelector: 'app in web' }));
    expect(label).toMatchObject({ code: 400, body: { reason: 'BadRequest' } });
  });

  it('pages with limit and continue, and expires tokens of an older world', async () => {
    const core = kubeConfigFor('acs-test', tokens.admin).makeApiClient(CoreV1Api);
    const names: Array<string | undefined> = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await core.listPodForAllNamespaces({ limit: 3, _continue: token });
      names.push(...page.items.map((pod) => pod.metadata?.name));
      if (pages === 0) expect(page.metadata?.remainingItemCount).toBe(1);
      token = page.metadata?._continue;
      pages += 1;
    } while (token);
    expect(pages).toBe(2);
    expect(names).toHaveLength(4);

    const first = await core.listPodForAllNamespaces({ limit: 1 });
    sandbox.setWorld(loadTestWorld());
    const expired = await apiError(core.listPodForAllNamespaces({ limit: 1, _continue: first.metadata?._continue }));
    expect(expired).toMatchObject({ code: 410, body: { reason: 'Expired' } });
  });

  it('answers 401 Unauthorized without a valid token', async () => {
    const unauthorized = {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'Unauthorized',
      reason: 'Unauthorized',
      code: 401,
    };
    expect(await httpsGetJson(`${serverOf('acs-test')}/api/v1/pods`, { ca: tls.caCertPem })).toStrictEqual({ status: 401, body: unauthorized });
    const core = kubeConfigFor('acs-test', 'wrong-token').makeApiClient(CoreV1Api);
    expect(await apiError(core.listPodForAllNamespaces())).toStrictEqual({ code: 401, body: undefined });
  });

  it('answers 403 Forbidden to the restricted user for networkpolicies, configmaps and nodes only', async () => {
    const kubeConfig = kubeConfigFor('acs-test', tokens.restricted);
    const networking = kubeConfig.makeApiClient(NetworkingV1Api);
    expect(await apiError(networking.listNetworkPolicyForAllNamespaces())).toStrictEqual({
      code: 403,
      body: {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message:
          'networkpolicies.networking.k8s.io is forbidden: User "restricted" cannot list resource "networkpolicies" in API group "networking.k8s.io" at the cluster scope',
        reason: 'Forbidden',
        details: { group: 'networking.k8s.io', kind: 'networkpolicies' },
        code: 403,
      },
    });
    const core = kubeConfig.makeApiClient(CoreV1Api);
    expect(await apiError(core.readNamespacedConfigMap({ namespace: 'kube-system', name: 'coredns' }))).toMatchObject({
      code: 403,
      body: {
        message:
          'configmaps "coredns" is forbidden: User "restricted" cannot get resource "configmaps" in API group "" in the namespace "kube-system"',
      },
    });
    expect(await apiError(core.listNode())).toMatchObject({ code: 403, body: { reason: 'Forbidden' } });
    expect((await core.listPodForAllNamespaces()).items).toHaveLength(4);
    expect((await core.listNamespace()).items).toHaveLength(3);
    expect((await core.listServiceForAllNamespaces()).items).toHaveLength(1);
    expect((await kubeConfig.makeApiClient(DiscoveryV1Api).listEndpointSliceForAllNamespaces()).items).toHaveLength(1);
  });

  it('answers 404 NotFound for unknown objects and paths', async () => {
    const core = kubeConfigFor('acs-test', tokens.admin).makeApiClient(CoreV1Api);
    expect(await apiError(core.readNamespacedPod({ namespace: 'shop', name: 'ghost' }))).toStrictEqual({
      code: 404,
      body: {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'pods "ghost" not found',
        reason: 'NotFound',
        details: { name: 'ghost', kind: 'pods' },
        code: 404,
      },
    });
    const apps = kubeConfigFor('acs-test', tokens.admin).makeApiClient(AppsV1Api);
    expect(await apiError(apps.readNamespacedDeployment({ namespace: 'shop', name: 'coredns' }))).toMatchObject({
      code: 404,
      body: { message: 'deployments.apps "coredns" not found' },
    });
    for (const path of ['/api/v2', '/api/v1/secrets', '/apis/example.com/v1/widgets', '/api/v1/pods/worker-0', '/healthz']) {
      expect(await httpsGetJson(`${serverOf('acs-test')}${path}`, { ca: tls.caCertPem, token: tokens.admin })).toMatchObject({
        status: 404,
        body: { kind: 'Status', reason: 'NotFound', message: 'the server could not find the requested resource' },
      });
    }
  });

  it('serves discovery and version', async () => {
    const get = (path: string) => httpsGetJson(`${serverOf('ack-test')}${path}`, { ca: tls.caCertPem, token: tokens.admin });
    expect((await get('/api')).body).toMatchObject({ kind: 'APIVersions', versions: ['v1'] });
    expect((await get('/apis')).body).toMatchObject({
      kind: 'APIGroupList',
      groups: [
        { name: 'discovery.k8s.io', preferredVersion: { groupVersion: 'discovery.k8s.io/v1', version: 'v1' } },
        { name: 'networking.k8s.io' },
        { name: 'apps' },
        { name: 'policy' },
        { name: 'rbac.authorization.k8s.io' },
        { name: 'network.alibabacloud.com' },
      ],
    });
    const core = await get('/api/v1');
    expect(core.body).toMatchObject({ kind: 'APIResourceList', groupVersion: 'v1' });
    expect(core.body).toHaveProperty(['resources', 2], { name: 'pods', singularName: 'pod', namespaced: true, kind: 'Pod', verbs: ['get', 'list'], shortNames: ['po'] });
    expect((await get('/apis/networking.k8s.io/v1')).body).toMatchObject({
      groupVersion: 'networking.k8s.io/v1',
      resources: [
        { name: 'networkpolicies', kind: 'NetworkPolicy', namespaced: true, verbs: ['create', 'delete', 'get', 'list', 'patch'] },
        { name: 'ingresses', kind: 'Ingress', namespaced: true },
      ],
    });
    expect((await get('/version')).body).toMatchObject({ major: '1', minor: '31', gitVersion: 'v1.31.1-aliyun.1' });
    const acsGroups = await httpsGetJson(`${serverOf('acs-test')}/apis`, { ca: tls.caCertPem, token: tokens.admin });
    expect(JSON.stringify(acsGroups.body)).not.toContain('network.alibabacloud.com');
  });

  it('answers a Table of pods when asked for one', async () => {
    const accept = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';
    const { status, body } = await httpsGetJson(`${serverOf('acs-test')}/api/v1/namespaces/shop/pods?limit=500`, {
      ca: tls.caCertPem,
      token: tokens.admin,
      accept,
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({ kind: 'Table', apiVersion: 'meta.k8s.io/v1' });
    expect(body).toHaveProperty('columnDefinitions.length', 7);
    expect(body).toHaveProperty(['rows', 0, 'cells'], ['web-7d9c6b5f4-abcde', '1/1', 'Running', 2, expect.stringMatching(/^\d+[dy]/), '10.0.1.10', 'virtual-kubelet-cn-hangzhou-j']);
    expect(body).toHaveProperty(['rows', 1, 'cells', 2], 'ContainerCreating');
    expect(body).toHaveProperty(['rows', 0, 'object', 'kind'], 'PartialObjectMetadata');
    expect(body).toHaveProperty(['rows', 0, 'object', 'metadata', 'namespace'], 'shop');
  });

  it('injects 429/500/503 for chosen resources and delays answers when told to', async () => {
    const core = kubeConfigFor('acs-test', tokens.admin).makeApiClient(CoreV1Api);
    try {
      sandbox.setFaults({ failure: { status: 429, resources: ['pods'] } });
      expect(await apiError(core.listPodForAllNamespaces())).toMatchObject({ code: 429, body: { reason: 'TooManyRequests' } });
      expect((await core.listNamespace()).items).toHaveLength(3);
      sandbox.setFaults({ failure: { status: 500 } });
      expect(await apiError(core.listNamespace())).toMatchObject({ code: 500, body: { reason: 'InternalError' } });
      sandbox.setFaults({ failure: { status: 503 } });
      expect(await apiError(core.readNamespace({ name: 'shop' }))).toMatchObject({ code: 503, body: { reason: 'ServiceUnavailable' } });
      sandbox.setFaults({ latencyMs: 200 });
      const started = Date.now();
      await core.listNamespace();
      expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    } finally {
      sandbox.setFaults({});
    }
    expect((await core.listPodForAllNamespaces()).items).toHaveLength(4);
  });

  describe('world faults (faults.kubernetes)', () => {
    const none = { cloud: [], dns: [] };

    it.each([
      { status: 403, reason: 'Forbidden' },
      { status: 429, reason: 'TooManyRequests' },
      { status: 500, reason: 'InternalError' },
      { status: 503, reason: 'ServiceUnavailable' },
      { status: 504, reason: 'Timeout' },
    ] as const)('answers $status $reason for a faulted resource, scoped to its cluster', async ({ status, reason }) => {
      sandbox.setWorldFaults({ ...none, kubernetes: [{ resource: 'services', cluster: 'acs-test', status }] });
      try {
        const acs = kubeConfigFor('acs-test', tokens.admin).makeApiClient(CoreV1Api);
        const ack = kubeConfigFor('ack-test', tokens.admin).makeApiClient(CoreV1Api);
        expect(await apiError(acs.listServiceForAllNamespaces())).toMatchObject({ code: status, body: { kind: 'Status', reason, code: status } });
        expect(Array.isArray((await ack.listServiceForAllNamespaces()).items)).toBe(true);
        expect((await acs.listNamespace()).items).toHaveLength(3);
      } finally {
        sandbox.setWorldFaults(undefined);
      }
    });

    it('narrows a fault by namespace, name and verb, counts `times`, and records every read', async () => {
      const core = kubeConfigFor('acs-test', tokens.admin).makeApiClient(CoreV1Api);
      sandbox.setWorldFaults({
        ...none,
        kubernetes: [
          { resource: 'pods', namespace: 'shop', verb: 'get', status: 403 },
          { resource: 'namespaces', name: 'shop', status: 500, times: 1 },
        ],
      });
      sandbox.resetCalls();
      try {
        expect(await apiError(core.readNamespacedPod({ namespace: 'shop', name: 'web-7d9c6b5f4-abcde' }))).toMatchObject({ code: 403 });
        expect((await core.listNamespacedPod({ namespace: 'shop' })).items.length).toBeGreaterThan(0);
        expect(await apiError(core.readNamespace({ name: 'shop' }))).toMatchObject({ code: 500 });
        expect((await core.readNamespace({ name: 'shop' })).metadata?.name).toBe('shop');
        expect(sandbox.calls()).toStrictEqual([
          { cluster: 'acs-test', verb: 'get', resource: 'pods', namespace: 'shop', name: 'web-7d9c6b5f4-abcde' },
          { cluster: 'acs-test', verb: 'list', resource: 'pods', namespace: 'shop', name: null },
          { cluster: 'acs-test', verb: 'get', resource: 'namespaces', namespace: null, name: 'shop' },
          { cluster: 'acs-test', verb: 'get', resource: 'namespaces', namespace: null, name: 'shop' },
        ]);
      } finally {
        sandbox.setWorldFaults(undefined);
      }
    });

    it('holds a `timeout` read until the client gives up and cuts a `reset` one', async () => {
      const core = kubeConfigFor('acs-test', tokens.admin).makeApiClient(CoreV1Api);
      sandbox.setWorldFaults({ ...none, kubernetes: [{ resource: 'nodes', status: 'timeout' }, { resource: 'configmaps', status: 'reset' }] });
      try {
        const started = Date.now();
        const shortTimeout = {
          middleware: [
            {
              pre: (context: RequestContext) => {
                context.setSignal(AbortSignal.timeout(300));
                return new Observable(Promise.resolve(context));
              },
              post: (context: ResponseContext) => new Observable(Promise.resolve(context)),
            },
          ],
          middlewareMergeStrategy: 'append' as const,
        };
        const outcome = (promise: Promise<unknown>) => promise.then(() => 'answered', (error: unknown) => (error instanceof Error ? error.name : 'failed'));
        expect(await outcome(core.listNode({}, shortTimeout))).toMatch(/TimeoutError|AbortError/);
        expect(Date.now() - started).toBeGreaterThanOrEqual(290);
        const reset = await outcome(core.listNamespacedConfigMap({ namespace: 'kube-system' }));
        expect(reset).not.toBe('answered');
      } finally {
        sandbox.setWorldFaults(undefined);
      }
    });
  });
});
