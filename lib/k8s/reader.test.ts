/**
 * The adapter against the sandbox Kubernetes API over real HTTPS, with the real client.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ClusterDns, ClusterInfo, Pod } from '@/lib/analysis/model';
import { UpstreamError } from '@/lib/errors';
import { startKubernetesApiServer, type KubernetesSandbox } from '@/lib/sandbox/k8s/server';
import { buildKubeconfig } from '@/lib/sandbox/kubeconfig';
import { createTlsMaterial } from '@/lib/sandbox/tls';

import { loadAdapterWorld } from './__fixtures__/load-world';
import { listClusters, setDefaultK8sReaderForTests } from './index';
import { createK8sReader, type K8sReader } from './reader';

const tls = createTlsMaterial();
const tokens = { admin: 'adapter-admin-token', restricted: 'adapter-restricted-token' };
let sandbox: KubernetesSandbox;
let admin: K8sReader;
let restricted: K8sReader;
let wrongToken: K8sReader;

function kubeConfigWith(token: string, clusters = sandbox.clusters): KubeConfig {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromString(buildKubeconfig({ clusters, caCertPem: tls.caCertPem, userName: 'adapter', token }));
  return kubeConfig;
}

async function failure(promise: Promise<unknown>): Promise<UpstreamError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof UpstreamError) return error;
    throw error;
  }
  throw new Error('expected an UpstreamError');
}

beforeAll(async () => {
  sandbox = await startKubernetesApiServer({ world: loadAdapterWorld(), tls, tokens });
  admin = createK8sReader({ kubeConfig: kubeConfigWith(tokens.admin), timeoutMs: 5000 });
  restricted = createK8sReader({ kubeConfig: kubeConfigWith(tokens.restricted), timeoutMs: 5000 });
  wrongToken = createK8sReader({ kubeConfig: kubeConfigWith('not-a-token'), timeoutMs: 5000 });
});

afterAll(async () => {
  await sandbox.close();
});

const acsInfo: ClusterInfo = {
  name: 'acs-prod',
  kind: 'acs',
  networkMode: 'vpc',
  region: 'cn-hangzhou',
  clusterDomain: 'cluster.local',
  networkPolicyEnforcement: 'perPod',
  enforcementReason: 'nodes are virtual-kubelet nodes (ACS): NetworkPolicy applies only to pods annotated alibabacloud.com/enable-network-policy-agent: "true".',
};

describe('listClusters', () => {
  it('lists the contexts with their servers and marks the current one', () => {
    expect(admin.listClusters()).toStrictEqual(
      sandbox.clusters.map((cluster, index) => ({ name: cluster.name, server: cluster.server, current: index === 0 })),
    );
  });

  it('reads KUBECONFIG through the default reader', async () => {
    const directory = await mkdtemp(path.join(os.tmpdir(), 'k8s-adapter-'));
    const previous = process.env.KUBECONFIG;
    try {
      const file = path.join(directory, 'kubeconfig');
      await writeFile(file, buildKubeconfig({ clusters: sandbox.clusters, caCertPem: tls.caCertPem, userName: 'u', token: 't', currentContext: 'ack-terway' }));
      process.env.KUBECONFIG = file;
      setDefaultK8sReaderForTests();
      expect(listClusters().map((cluster) => [cluster.name, cluster.current])).toStrictEqual([
        ['acs-prod', false],
        ['ack-flannel', false],
        ['ack-terway', true],
      ]);
    } finally {
      if (previous === undefined) delete process.env.KUBECONFIG;
      else process.env.KUBECONFIG = previous;
      setDefaultK8sReaderForTests();
      await rm(directory, { recursive: true, force: true });
    }
  });
});

describe('reads', () => {
  it('lists namespaces, pods and nodes', async () => {
    expect(await admin.listNamespaces('acs-prod')).toStrictEqual([
      { name: 'default', labels: { 'kubernetes.io/metadata.name': 'default' } },
      { name: 'kube-system', labels: { 'kubernetes.io/metadata.name': 'kube-system' } },
      { name: 'shop', labels: { 'kubernetes.io/metadata.name': 'shop', team: 'shop' } },
    ]);
    expect((await admin.listPods('acs-prod', 'shop')).map((pod) => pod.name)).toStrictEqual(['web-6f7c9d8b5-q2x7k', 'worker-0']);
    expect(await admin.listNodes('ack-flannel')).toStrictEqual([
      { name: 'cn-shanghai.10.1.0.5', internalIp: '10.1.0.5', providerId: 'cn-shanghai.i-uf6node00000000001', labels: { 'kubernetes.io/os': 'linux' } },
    ]);
  });

  it('gets one pod as the domain type', async () => {
    const pod = await admin.getPod('acs-prod', 'shop', 'web-6f7c9d8b5-q2x7k');
    expect(pod).toStrictEqual({
      namespace: 'shop',
      name: 'web-6f7c9d8b5-q2x7k',
      uid: expect.stringMatching(/^[0-9a-f-]{36}$/),
      labels: { app: 'web' },
      annotations: { 'alibabacloud.com/enable-network-policy-agent': 'true', 'k8s.aliyun.com/eni-instance-id': 'eni-bp1web000000000001' },
      ip: '10.0.1.21',
      ips: ['10.0.1.21'],
      nodeName: 'virtual-kubelet-cn-hangzhou-j',
      phase: 'Running',
      ready: true,
      hostNetwork: false,
      dnsPolicy: 'ClusterFirst',
      dnsConfig: null,
      containerPorts: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
    } satisfies Record<Exclude<keyof Pod, 'owner'>, unknown>);
  });

  it('throws notFound for a missing pod and an unknown context', async () => {
    const missing = await failure(admin.getPod('acs-prod', 'shop', 'ghost'));
    expect(missing.toFactError()).toStrictEqual({
      source: 'k8s',
      reason: 'notFound',
      resource: 'pod shop/ghost of acs-prod',
      message: 'pods "ghost" not found',
      code: 'NotFound',
      retryable: false,
    });
    expect(missing.status).toBe(404);
    const context = await failure(admin.listNamespaces('nowhere'));
    expect([context.reason, context.code, context.message]).toStrictEqual(['notFound', 'ContextNotFound', 'The kubeconfig has no context "nowhere"']);
  });
});

describe('readClusterInfo', () => {
  it.each<[string, ClusterInfo]>([
    ['acs-prod', acsInfo],
    [
      'ack-flannel',
      {
        name: 'ack-flannel',
        kind: 'ack',
        networkMode: 'flannel',
        region: 'cn-shanghai',
        clusterDomain: 'corp.example',
        networkPolicyEnforcement: 'never',
        enforcementReason: 'ConfigMap kube-system/kube-flannel-cfg exists: the cluster uses Flannel, which does not enforce NetworkPolicy.',
      },
    ],
    [
      'ack-terway',
      {
        name: 'ack-terway',
        kind: 'ack',
        networkMode: 'vpc',
        region: null,
        clusterDomain: 'cluster.local',
        networkPolicyEnforcement: 'never',
        enforcementReason: 'Terway (ConfigMap kube-system/eni-config) has disable_network_policy: "true", so NetworkPolicy is not enforced.',
      },
    ],
  ])('detects %s', async (context, expected) => {
    expect(await admin.readClusterInfo(context)).toStrictEqual(expected);
  });

  it('throws unauthorized for a wrong token', async () => {
    const error = await failure(wrongToken.readClusterInfo('acs-prod'));
    expect([error.reason, error.status]).toStrictEqual(['unauthorized', 401]);
  });
});

describe('readClusterFacts', () => {
  const dns: ClusterDns = {
    serviceIp: '192.168.0.10',
    readyEndpoints: ['10.0.1.53'],
    notReadyEndpoints: ['10.0.1.54'],
    deployment: { name: 'coredns', replicas: 2, readyReplicas: 1 },
    podLabels: { 'k8s-app': 'kube-dns' },
  };

  it('reads every collection for the admin', async () => {
    const pod = await admin.getPod('acs-prod', 'shop', 'web-6f7c9d8b5-q2x7k');
    const facts = await admin.readClusterFacts('acs-prod', pod);
    expect(facts.cluster).toStrictEqual(acsInfo);
    expect(facts.pod).toBe(pod);
    expect(facts.node).toStrictEqual({
      kind: 'ok',
      value: {
        name: 'virtual-kubelet-cn-hangzhou-j',
        internalIp: '10.0.1.2',
        providerId: null,
        labels: { type: 'virtual-kubelet', 'topology.kubernetes.io/region': 'cn-hangzhou', 'topology.kubernetes.io/zone': 'cn-hangzhou-j' },
      },
    });
    expect(facts.dns).toStrictEqual({ kind: 'ok', value: dns });
    const counts = Object.fromEntries(
      (['namespaces', 'pods', 'nodes', 'services', 'endpointSlices', 'networkPolicies'] as const).map((key) => {
        const fact = facts[key];
        return [key, fact.kind === 'ok' ? fact.value.length : fact.error.reason];
      }),
    );
    expect(counts).toStrictEqual({ namespaces: 3, pods: 4, nodes: 1, services: 2, endpointSlices: 2, networkPolicies: 1 });
    expect(facts.networkPolicies).toStrictEqual({
      kind: 'ok',
      value: [
        {
          namespace: 'shop',
          name: 'web-egress',
          podSelector: { matchLabels: { app: 'web' } },
          policyTypes: ['Egress'],
          ingress: null,
          egress: [
            {
              peers: [{ podSelector: null, namespaceSelector: null, ipBlock: { cidr: '0.0.0.0/0', except: ['203.0.113.10/32'] } }],
              ports: [{ protocol: 'TCP', port: 443, endPort: null }],
            },
          ],
        },
      ],
    });
  });

  it('keeps the readable facts when the restricted user is forbidden some', async () => {
    const pod = await restricted.getPod('acs-prod', 'shop', 'web-6f7c9d8b5-q2x7k');
    const facts = await restricted.readClusterFacts('acs-prod', pod);
    expect(facts.networkPolicies).toStrictEqual({
      kind: 'missing',
      error: {
        source: 'k8s',
        reason: 'forbidden',
        resource: 'networkpolicies in all namespaces of acs-prod',
        message:
          'networkpolicies.networking.k8s.io is forbidden: User "restricted" cannot list resource "networkpolicies" in API group "networking.k8s.io" at the cluster scope',
        code: 'Forbidden',
        retryable: false,
      },
    });
    expect(facts.nodes).toMatchObject({ kind: 'missing', error: { reason: 'forbidden', resource: 'nodes of acs-prod' } });
    expect(facts.node).toStrictEqual(facts.nodes);
    expect(facts.pods.kind).toBe('ok');
    expect(facts.namespaces.kind).toBe('ok');
    expect(facts.services.kind).toBe('ok');
    expect(facts.endpointSlices.kind).toBe('ok');
    expect(facts.dns).toStrictEqual({ kind: 'ok', value: dns });
    expect(facts.cluster.enforcementReason).toBe(
      'Neither ConfigMaps in kube-system nor nodes could be read (forbidden); assuming ACK with Terway, which enforces NetworkPolicy.',
    );
  });

  it('fails as a whole for a wrong token (the cluster is unusable)', async () => {
    const pod = await admin.getPod('acs-prod', 'shop', 'worker-0');
    const error = await failure(wrongToken.readClusterFacts('acs-prod', pod));
    expect(error.reason).toBe('unauthorized');
  });
});

describe('server faults', () => {
  it('marks only the throttled collection missing (429) and keeps the rest', async () => {
    const pod = await admin.getPod('acs-prod', 'shop', 'worker-0');
    try {
      sandbox.setFaults({ failure: { status: 429, resources: ['endpointslices'] } });
      const facts = await admin.readClusterFacts('acs-prod', pod);
      expect(facts.endpointSlices).toStrictEqual({
        kind: 'missing',
        error: {
          source: 'k8s',
          reason: 'throttled',
          resource: 'endpointslices in all namespaces of acs-prod',
          message: 'Too many requests, please try again later. (after 4 attempts)',
          code: 'TooManyRequests',
          retryable: true,
          attempts: 4,
        },
      });
      // The kube-dns EndpointSlices are part of the DNS fact, so it is missing too; nothing else is.
      expect(facts.dns).toMatchObject({ kind: 'missing', error: { reason: 'throttled' } });
      expect([facts.pods.kind, facts.services.kind, facts.networkPolicies.kind, facts.nodes.kind]).toStrictEqual(['ok', 'ok', 'ok', 'ok']);
    } finally {
      sandbox.setFaults({});
    }
  });

  it('maps 500 to a retryable error and a slow server to timeout', async () => {
    try {
      sandbox.setFaults({ failure: { status: 500, resources: ['namespaces'] } });
      const error = await failure(admin.listNamespaces('acs-prod'));
      expect(error.toFactError()).toStrictEqual({
        source: 'k8s',
        reason: 'error',
        resource: 'namespaces of acs-prod',
        message: 'Internal error occurred: sandbox fault while reading namespaces (after 4 attempts)',
        code: 'InternalError',
        retryable: true,
        attempts: 4,
      });
      sandbox.setFaults({ latencyMs: 1000 });
      const slow = createK8sReader({ kubeConfig: kubeConfigWith(tokens.admin), timeoutMs: 200 });
      expect((await failure(slow.listNamespaces('acs-prod'))).reason).toBe('timeout');
    } finally {
      sandbox.setFaults({});
    }
  });
});

describe('network failures', () => {
  it('reports unreachable for a closed port', async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('expected a TCP address');
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const reader = createK8sReader({
      kubeConfig: kubeConfigWith(tokens.admin, [{ name: 'gone', server: `https://127.0.0.1:${address.port}` }]),
      timeoutMs: 5000,
    });
    const error = await failure(reader.listNamespaces('gone'));
    expect(error.toFactError()).toStrictEqual({
      source: 'k8s',
      reason: 'unreachable',
      resource: 'namespaces of gone',
      message: 'Cannot reach the Kubernetes API server (ECONNREFUSED)',
      code: 'ECONNREFUSED',
      retryable: true,
    });
  });

  it('times out when the server never answers', async () => {
    const sockets = new Set<net.Socket>();
    const server = net.createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('expected a TCP address');
    try {
      const reader = createK8sReader({
        kubeConfig: kubeConfigWith(tokens.admin, [{ name: 'silent', server: `https://127.0.0.1:${address.port}` }]),
        timeoutMs: 300,
      });
      const started = Date.now();
      const error = await failure(reader.getPod('silent', 'default', 'any'));
      expect(error.reason).toBe('timeout');
      expect(error.retryable).toBe(true);
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
