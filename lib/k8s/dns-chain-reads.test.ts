/**
 * The reads behind the pod's resolver chain — the Corefile (from the kube-system ConfigMaps)
 * and ACK's NodeLocal DNSCache DaemonSet — with the real client against the sandbox serving
 * the demo world over HTTPS.
 */
import path from 'node:path';

import { KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startKubernetesApiServer, type KubernetesSandbox } from '@/lib/sandbox/k8s/server';
import { buildKubeconfig } from '@/lib/sandbox/kubeconfig';
import { createTlsMaterial } from '@/lib/sandbox/tls';
import { loadWorldFile } from '@/lib/sandbox/world/load';

import { createK8sReader, type K8sReader } from './reader';

const tls = createTlsMaterial();
const token = 'dns-chain-admin-token';
let sandbox: KubernetesSandbox;
let reader: K8sReader;

beforeAll(async () => {
  sandbox = await startKubernetesApiServer({ world: loadWorldFile(path.resolve(__dirname, '../sandbox/worlds/demo.yaml')), tls, tokens: { admin: token, restricted: 'dns-chain-restricted-token' } });
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromString(buildKubeconfig({ clusters: sandbox.clusters, caCertPem: tls.caCertPem, userName: 'dns-chain', token }));
  reader = createK8sReader({ kubeConfig, timeoutMs: 5000 });
});

afterAll(async () => {
  await sandbox.close();
});

describe('the resolver chain reads', () => {
  it('reads NodeLocal DNSCache for a pod whose injected dnsConfig names it, and the Corefile', async () => {
    const pod = await reader.getPod('ack-flannel', 'gateway', 'edge-proxy-5c8d7b9f6-t6w3k');
    sandbox.resetCalls();
    const facts = await reader.readClusterFacts('ack-flannel', pod);
    expect(facts.nodeLocalDns).toStrictEqual({
      kind: 'ok',
      value: { name: 'node-local-dns', listenAddresses: ['169.254.20.10', '172.21.0.10'], podLabels: { 'k8s-app': 'node-local-dns' }, desired: 2, ready: 2 },
    });
    expect(facts.corefile?.kind === 'ok' ? facts.corefile.value?.split('\n')[0] : facts.corefile).toBe('idc.example.internal:53 {');
    expect(sandbox.calls().filter((call) => call.resource === 'daemonsets').map((call) => [call.verb, call.namespace, call.name])).toStrictEqual([['get', 'kube-system', 'node-local-dns']]);
  });

  it('does not read the DaemonSet for a pod that does not name a link-local nameserver', async () => {
    const pod = await reader.getPod('ack-flannel', 'billing', 'billing-api-84c6d9f7b5-w7q2n');
    sandbox.resetCalls();
    const facts = await reader.readClusterFacts('ack-flannel', pod);
    expect(facts.nodeLocalDns).toBeUndefined();
    expect(sandbox.calls().some((call) => call.resource === 'daemonsets')).toBe(false);
  });

  it('says null where the cluster does not run it, and missing when the read is refused', async () => {
    const pod = { ...(await reader.getPod('acs-prod', 'shop', 'storefront-web-7d9c8b6f5-x2lqk')), dnsConfig: { nameservers: ['169.254.20.10'], searches: [], options: [] } };
    expect((await reader.readClusterFacts('acs-prod', pod)).nodeLocalDns).toStrictEqual({ kind: 'ok', value: null });
    sandbox.setWorldFaults({ cloud: [], dns: [], kubernetes: [{ resource: 'daemonsets', verb: 'get', status: 403 }] });
    try {
      const facts = await reader.readClusterFacts('acs-prod', pod);
      expect(facts.nodeLocalDns).toMatchObject({ kind: 'missing', error: { source: 'k8s', reason: 'forbidden', resource: 'DaemonSet kube-system/node-local-dns of acs-prod' } });
      expect(facts.dns.kind).toBe('ok');
    } finally {
      sandbox.setWorldFaults(undefined);
    }
  });
});
