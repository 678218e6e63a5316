/**
 * Contract between the demo world and the adapter: served by the sandbox API, every demo
 * cluster is detected as the world declares it (kind and network mode), and every scenario's
 * source pod can be read with all its facts.
 */
import path from 'node:path';

import { KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { World } from '@/lib/schemas/world';
import { startKubernetesApiServer, type KubernetesSandbox } from '@/lib/sandbox/k8s/server';
import { buildKubeconfig } from '@/lib/sandbox/kubeconfig';
import { createTlsMaterial } from '@/lib/sandbox/tls';
import { loadWorldFile } from '@/lib/sandbox/world/load';

import { createK8sReader, type K8sReader } from './reader';

const world: World = loadWorldFile(path.resolve(__dirname, '../sandbox/worlds/demo.yaml'));
const tls = createTlsMaterial();
let sandbox: KubernetesSandbox;
let reader: K8sReader;

beforeAll(async () => {
  sandbox = await startKubernetesApiServer({ world, tls, tokens: { admin: 'demo-admin', restricted: 'demo-restricted' } });
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromString(buildKubeconfig({ clusters: sandbox.clusters, caCertPem: tls.caCertPem, userName: 'demo', token: 'demo-admin' }));
  reader = createK8sReader({ kubeConfig, timeoutMs: 10_000 });
});

afterAll(async () => {
  await sandbox.close();
});

describe('the demo world through the adapter', () => {
  it.each(world.clusters.map((cluster) => [cluster.name, cluster] as const))('detects %s as declared', async (name, cluster) => {
    const info = await reader.readClusterInfo(name);
    expect({ kind: info.kind, networkMode: info.networkMode, region: info.region }).toStrictEqual({
      kind: cluster.kind,
      networkMode: cluster.networkMode,
      region: cluster.region,
    });
  });

  it.each(world.scenarios.map((scenario) => [scenario.id, scenario] as const))('reads every fact for scenario %s', async (_id, scenario) => {
    const pod = await reader.getPod(scenario.cluster, scenario.namespace, scenario.pod);
    const facts = await reader.readClusterFacts(scenario.cluster, pod);
    const missing = Object.entries(facts).flatMap(([key, fact]) =>
      typeof fact === 'object' && fact !== null && 'kind' in fact && fact.kind === 'missing' ? [key] : [],
    );
    // A cluster whose API the world's faults make refuse `services` (services-forbidden-hairpin)
    // misses them, and the cluster DNS fact that needs the kube-dns Service; nothing else.
    const refusesServices = (world.faults?.kubernetes ?? []).some((fault) => fault.resource === 'services' && (fault.cluster ?? scenario.cluster) === scenario.cluster);
    expect(missing).toStrictEqual(refusesServices ? ['services', 'dns'] : []);
    if (!refusesServices) expect(facts.dns.kind === 'ok' && facts.dns.value.serviceIp).toBeTruthy();
  });
});
