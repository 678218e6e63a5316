/**
 * The dashboard in a pod without a kubeconfig: the mounted service account (token and CA
 * files) and KUBERNETES_SERVICE_HOST/PORT, pointing at the sandbox Kubernetes API over HTTPS.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { resetEnvForTests } from '@/lib/env';
import { buildKubeconfig } from '@/lib/sandbox/kubeconfig';
import { loadTestWorld } from '@/lib/sandbox/k8s/__fixtures__/load-world';
import { startKubernetesApiServer, type KubernetesSandbox } from '@/lib/sandbox/k8s/server';
import { createTlsMaterial } from '@/lib/sandbox/tls';

import { loadDefaultKubeConfig } from './load-kubeconfig';
import { createK8sReader } from './reader';

const tls = createTlsMaterial();
const tokens = { admin: 'in-cluster-service-account-token', restricted: 'in-cluster-restricted-token' };
const variables = ['KUBECONFIG', 'HOME', 'KUBERNETES_SERVICE_HOST', 'KUBERNETES_SERVICE_PORT', 'EGRESS_DOCTOR_SERVICE_ACCOUNT_DIR', 'EGRESS_DOCTOR_CLUSTER_NAME'] as const;
const saved = Object.fromEntries(variables.map((name) => [name, process.env[name]]));

let sandbox: KubernetesSandbox;
let workDir: string;
let serviceAccountDir: string;

beforeAll(async () => {
  sandbox = await startKubernetesApiServer({ world: loadTestWorld(), tls, tokens });
  workDir = await mkdtemp(path.join(os.tmpdir(), 'in-cluster-'));
  serviceAccountDir = path.join(workDir, 'serviceaccount');
  await mkdir(serviceAccountDir);
  await writeFile(path.join(serviceAccountDir, 'token'), tokens.admin);
  await writeFile(path.join(serviceAccountDir, 'ca.crt'), tls.caCertPem);
});

afterEach(() => {
  for (const name of variables) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
  resetEnvForTests();
});

afterAll(async () => {
  await sandbox?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

/** The environment of a pod (no kubeconfig, a home without ~/.kube) whose API server is the sandbox's `acs-test`. */
function inPod(extra: Record<string, string> = {}): void {
  const server = new URL(sandbox.clusters.find((cluster) => cluster.name === 'acs-test')?.server ?? '');
  delete process.env.KUBECONFIG;
  Object.assign(process.env, {
    HOME: workDir,
    KUBERNETES_SERVICE_HOST: server.hostname,
    KUBERNETES_SERVICE_PORT: server.port,
    EGRESS_DOCTOR_SERVICE_ACCOUNT_DIR: serviceAccountDir,
    ...extra,
  });
  resetEnvForTests();
}

describe('loadDefaultKubeConfig', () => {
  it('uses the service account with the cluster it runs in as the only cluster, and reads through it', async () => {
    inPod({ EGRESS_DOCTOR_CLUSTER_NAME: 'acs-test' });
    const reader = createK8sReader({ kubeConfig: loadDefaultKubeConfig(), timeoutMs: 5000 });
    expect(reader.listClusters()).toStrictEqual([{ name: 'acs-test', server: sandbox.clusters.find((cluster) => cluster.name === 'acs-test')?.server, current: true }]);
    const pods = await reader.listPods('acs-test', 'shop');
    expect(pods.map((pod) => pod.name)).toStrictEqual(['web-7d9c6b5f4-abcde', 'web-7d9c6b5f4-fghij', 'worker-0']);
  });

  it('names the cluster in-cluster by default', () => {
    inPod();
    expect(loadDefaultKubeConfig().getContexts().map((context) => context.name)).toStrictEqual(['in-cluster']);
  });

  it('prefers KUBECONFIG to the service account', async () => {
    inPod();
    const kubeconfigPath = path.join(workDir, 'kubeconfig');
    await writeFile(kubeconfigPath, buildKubeconfig({ clusters: sandbox.clusters, caCertPem: tls.caCertPem, userName: 'admin', token: tokens.admin }));
    process.env.KUBECONFIG = kubeconfigPath;
    expect(loadDefaultKubeConfig().getContexts().map((context) => context.name)).toStrictEqual(sandbox.clusters.map((cluster) => cluster.name));
  });

  it('falls back to the client library default without a mounted token', () => {
    inPod({ EGRESS_DOCTOR_SERVICE_ACCOUNT_DIR: path.join(workDir, 'missing') });
    expect(loadDefaultKubeConfig().getContexts().map((context) => context.name)).not.toContain('in-cluster');
  });
});
