/**
 * The Kubernetes write adapter against the sandbox API over real HTTPS, and the sandbox's
 * writes through @kubernetes/client-node's own KubernetesObjectApi.
 */
import { KubeConfig, KubernetesObjectApi, PatchStrategy, type KubernetesObject } from '@kubernetes/client-node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { allowEgressFix, externalTrafficPolicyClusterFix } from '@/lib/fixes/kubernetes-fixes';
import type { Fix, Pod } from '@/lib/analysis/model';
import { UpstreamError } from '@/lib/errors';
import { startKubernetesApiServer, type KubernetesSandbox } from '@/lib/sandbox/k8s/server';
import { buildKubeconfig } from '@/lib/sandbox/kubeconfig';
import { createTlsMaterial } from '@/lib/sandbox/tls';

import { loadAdapterWorld } from './__fixtures__/load-world';
import { createK8sReader, type K8sReader } from './reader';
import { createK8sWriter, fixRef, type K8sWriter, type KubernetesFix } from './write';

const tls = createTlsMaterial();
const tokens = { admin: 'write-admin-token', restricted: 'write-restricted-token' };
const world = loadAdapterWorld();
let sandbox: KubernetesSandbox;
let writer: K8sWriter;
let restricted: K8sWriter;
let reader: K8sReader;
let objectApi: KubernetesObjectApi;

function kubeConfigWith(token: string): KubeConfig {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromString(buildKubeconfig({ clusters: sandbox.clusters, caCertPem: tls.caCertPem, userName: 'writer', token }));
  kubeConfig.setCurrentContext('acs-prod');
  return kubeConfig;
}

async function failure(promise: Promise<unknown>): Promise<UpstreamError> {
  const error: unknown = await promise.then(() => undefined, (reason: unknown) => reason);
  if (!(error instanceof UpstreamError)) throw new Error(`expected an UpstreamError, got ${String(error)}`);
  return error;
}

function kubernetesFix(fix: Fix): KubernetesFix {
  if (fix.kind !== 'kubernetes') throw new Error('expected a kubernetes fix');
  return fix;
}

const pod: Pod = {
  name: 'web-1',
  namespace: 'shop',
  uid: null,
  labels: { app: 'web' },
  annotations: {},
  ip: '10.0.32.10',
  ips: ['10.0.32.10'],
  nodeName: null,
  phase: 'Running',
  ready: true,
  hostNetwork: false,
  dnsPolicy: 'ClusterFirst',
  dnsConfig: null,
  containerPorts: [],
};

/** The string at a path of an untyped object, or null. */
function textAt(object: Record<string, unknown> | null | undefined, ...path: string[]): string | null {
  let current: unknown = object;
  for (const key of path) current = typeof current === 'object' && current !== null && key in current ? Reflect.get(current, key) : undefined;
  return typeof current === 'string' ? current : null;
}

const egressFix = kubernetesFix(allowEgressFix({ context: 'sandbox', pod, peers: [{ kind: 'address', address: '203.0.113.10' }], ports: [{ protocol: 'TCP', port: 443 }] }));

async function policyNames(): Promise<string[]> {
  const facts = await reader.readClusterFacts('acs-prod', pod);
  if (facts.networkPolicies.kind !== 'ok') throw new Error('network policies missing');
  return facts.networkPolicies.value.map((policy) => `${policy.namespace}/${policy.name}`).sort();
}

beforeAll(async () => {
  sandbox = await startKubernetesApiServer({ world, tls, tokens });
  writer = createK8sWriter({ kubeConfig: kubeConfigWith(tokens.admin), timeoutMs: 5000 });
  restricted = createK8sWriter({ kubeConfig: kubeConfigWith(tokens.restricted), timeoutMs: 5000 });
  reader = createK8sReader({ kubeConfig: kubeConfigWith(tokens.admin), timeoutMs: 5000 });
  objectApi = KubernetesObjectApi.makeApiClient(kubeConfigWith(tokens.admin));
});

beforeEach(() => {
  sandbox.setWorld(world);
});

afterAll(async () => {
  await sandbox.close();
});

describe('applyKubernetesFix', () => {
  it('dry run returns the would-be object and leaves the cluster unchanged', async () => {
    const change = await writer.applyKubernetesFix('acs-prod', egressFix, { dryRun: true });
    expect(change.before).toBeNull();
    expect(change.after?.spec).toStrictEqual({
      podSelector: { matchLabels: { app: 'web' } },
      policyTypes: ['Egress'],
      egress: [{ to: [{ ipBlock: { cidr: '203.0.113.10/32' } }], ports: [{ protocol: 'TCP', port: 443 }] }],
    });
    expect(change.diff.split('\n').filter((line) => line.startsWith('+')).length).toBeGreaterThan(5);
    expect(change.diff.split('\n').some((line) => line.startsWith('-'))).toBe(false);
    expect(await policyNames()).toStrictEqual(['shop/web-egress']);
  });

  it('server-side apply creates the policy, the reader sees it, and deleting it restores the list', async () => {
    const change = await writer.applyKubernetesFix('acs-prod', egressFix, { dryRun: false });
    const { ref } = fixRef(egressFix);
    expect(ref).toStrictEqual({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', namespace: 'shop', name: 'allow-egress-web-to-203-0-113-10' });
    expect(change.after?.metadata).toMatchObject({ name: ref.name, namespace: 'shop', managedFields: [{ manager: 'acs-egress-doctor', operation: 'Apply' }] });
    expect(await policyNames()).toStrictEqual(['shop/allow-egress-web-to-203-0-113-10', 'shop/web-egress']);

    const again = await writer.applyKubernetesFix('acs-prod', egressFix, { dryRun: false });
    expect(again.diff.split('\n').some((line) => line.startsWith('+') || line.startsWith('-'))).toBe(false);

    const dryDelete = await writer.deleteKubernetesObject('acs-prod', ref, { dryRun: true });
    expect(dryDelete.after).toBeNull();
    expect(await policyNames()).toHaveLength(2);
    await writer.deleteKubernetesObject('acs-prod', ref, { dryRun: false });
    expect(await policyNames()).toStrictEqual(['shop/web-egress']);
  });

  it('a merge fix patches the Service and a merge patch back restores it', async () => {
    const service = { name: 'shop-gateway', namespace: 'shop' };
    const fix = kubernetesFix(
      externalTrafficPolicyClusterFix({ ...service, type: 'LoadBalancer', clusterIp: null, externalTrafficPolicy: 'Local', loadBalancerIngress: [], ports: [], selector: null, annotations: {}, externalName: null }, 'sandbox'),
    );
    const ref = fixRef(fix).ref;
    const original = (await writer.mergePatchKubernetesObject('acs-prod', ref, {}, { dryRun: true })).before;
    const originalPolicy = textAt(original, 'spec', 'externalTrafficPolicy');

    const change = await writer.applyKubernetesFix('acs-prod', fix, { dryRun: false });
    expect(change.diff).toContain('+  externalTrafficPolicy: Cluster');
    expect(Number(textAt(change.after, 'metadata', 'resourceVersion'))).toBeGreaterThan(Number(textAt(original, 'metadata', 'resourceVersion')));

    await writer.mergePatchKubernetesObject('acs-prod', ref, { spec: { externalTrafficPolicy: originalPolicy } }, { dryRun: false });
    const restored = await writer.mergePatchKubernetesObject('acs-prod', ref, {}, { dryRun: true });
    expect(restored.before?.spec).toStrictEqual(original?.spec);
  });

  it('maps 403 for the restricted user, 404 for a missing object and an unknown context', async () => {
    const forbidden = await failure(restricted.applyKubernetesFix('acs-prod', egressFix, { dryRun: true }));
    expect({ reason: forbidden.reason, status: forbidden.status, code: forbidden.code }).toStrictEqual({ reason: 'forbidden', status: 403, code: 'Forbidden' });
    const missing = await failure(writer.deleteKubernetesObject('acs-prod', { apiVersion: 'v1', kind: 'Service', namespace: 'shop', name: 'nope' }, { dryRun: false }));
    expect({ reason: missing.reason, status: missing.status }).toStrictEqual({ reason: 'notFound', status: 404 });
    const context = await failure(writer.applyKubernetesFix('nowhere', egressFix, { dryRun: true }));
    expect(context.code).toBe('ContextNotFound');
  });
});

describe('sandbox writes through KubernetesObjectApi', () => {
  const policy: KubernetesObject & { spec: Record<string, unknown> } = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'from-client-node', namespace: 'shop' },
    spec: { podSelector: {}, policyTypes: ['Egress'] },
  };

  it('creates, rejects a duplicate with 409, patches and deletes', async () => {
    await objectApi.create(policy);
    await expect(objectApi.create(policy)).rejects.toMatchObject({ code: 409 });
    const patched = await objectApi.patch({ ...policy, metadata: { ...policy.metadata, labels: { team: 'a' } } }, undefined, undefined, 'test', undefined, PatchStrategy.MergePatch);
    expect(patched.metadata?.labels).toStrictEqual({ team: 'a' });
    await objectApi.delete(policy);
    await expect(objectApi.read({ apiVersion: policy.apiVersion ?? '', kind: policy.kind ?? '', metadata: { name: 'from-client-node', namespace: 'shop' } })).rejects.toMatchObject({ code: 404 });
  });

  it('requires a fieldManager for apply, rejects bad dryRun values and writes to pods', async () => {
    await expect(objectApi.patch(policy, undefined, undefined, undefined, true, PatchStrategy.ServerSideApply)).rejects.toMatchObject({ code: 422 });
    await expect(objectApi.create(policy, undefined, 'Some')).rejects.toMatchObject({ code: 400 });
    await expect(objectApi.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'shop' } })).rejects.toMatchObject({ code: 405 });
    expect(await policyNames()).toStrictEqual(['shop/web-egress']);
  });
});
