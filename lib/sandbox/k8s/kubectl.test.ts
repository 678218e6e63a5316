/**
 * The sandbox API as an independent client sees it: Debian's kubectl (1.20), unpacked by
 * scripts/ensure-kubectl.sh (needs the Debian mirror the first time).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildKubeconfig } from '../kubeconfig';
import { createTlsMaterial } from '../tls';

import { loadTestWorld } from './__fixtures__/load-world';
import { startKubernetesApiServer, type KubernetesSandbox } from './server';

const run = promisify(execFile);
const repoRoot = path.resolve(__dirname, '../../..');
const tls = createTlsMaterial();
const tokens = { admin: 'kubectl-admin-token', restricted: 'kubectl-restricted-token' };

let sandbox: KubernetesSandbox;
let kubectl: string;
let workDir: string;

async function kubectlRun(kubeconfigName: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const base = ['--kubeconfig', path.join(workDir, kubeconfigName), '--cache-dir', path.join(workDir, 'cache'), '--request-timeout', '20s'];
  try {
    const { stdout, stderr } = await run(kubectl, [...base, ...args], { timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    if (error instanceof Error && 'stdout' in error && 'stderr' in error && 'code' in error) {
      return { code: Number(error.code), stdout: String(error.stdout), stderr: String(error.stderr) };
    }
    throw error;
  }
}

beforeAll(async () => {
  const ensured = await run('bash', [path.join(repoRoot, 'scripts/ensure-kubectl.sh')], { timeout: 180_000 });
  kubectl = ensured.stdout.trim().split('\n').at(-1) ?? '';
  sandbox = await startKubernetesApiServer({ world: loadTestWorld(), tls, tokens });
  workDir = await mkdtemp(path.join(os.tmpdir(), 'sandbox-kubectl-'));
  const common = { clusters: sandbox.clusters, caCertPem: tls.caCertPem };
  await writeFile(path.join(workDir, 'admin'), buildKubeconfig({ ...common, userName: 'sandbox-admin', token: tokens.admin }));
  await writeFile(path.join(workDir, 'restricted'), buildKubeconfig({ ...common, userName: 'restricted', token: tokens.restricted }));
  await writeFile(path.join(workDir, 'wrong'), buildKubeconfig({ ...common, userName: 'nobody', token: 'not-a-token' }));
}, 240_000);

afterAll(async () => {
  await sandbox?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe('kubectl against the sandbox', () => {
  it.each([
    ['acs-test', ['kube-system coredns-5d4b8c7f9-xk2lm', 'shop web-7d9c6b5f4-abcde', 'shop web-7d9c6b5f4-fghij', 'shop worker-0']],
    ['ack-test', ['default api-0']],
  ])('get pods -A lists the pods of every namespace in %s', async (context, expected) => {
    const result = await kubectlRun('admin', ['--context', context, 'get', 'pods', '-A']);
    expect(result.stderr).toBe('');
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^NAMESPACE\s+NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/);
    expect(lines.slice(1).map((line) => line.split(/\s+/).slice(0, 2).join(' '))).toStrictEqual(expected);
  });

  it('shows the READY, STATUS, RESTARTS and wide columns of the server Table', async () => {
    const result = await kubectlRun('admin', ['--context', 'acs-test', 'get', 'pods', '-n', 'shop', '-l', 'app=web', '-o', 'wide']);
    const rows = result.stdout.trim().split('\n').map((line) => line.split(/\s+/));
    expect(rows.map((row) => [row[0], row[1], row[2], row[3], row[5], row[6]])).toStrictEqual([
      ['NAME', 'READY', 'STATUS', 'RESTARTS', 'IP', 'NODE'],
      ['web-7d9c6b5f4-abcde', '1/1', 'Running', '2', '10.0.1.10', 'virtual-kubelet-cn-hangzhou-j'],
      ['web-7d9c6b5f4-fghij', '0/1', 'ContainerCreating', '0', '<none>', 'virtual-kubelet-cn-hangzhou-j'],
    ]);
  });

  it('gets one object as JSON and other kinds by short name', async () => {
    const pod = await kubectlRun('admin', ['--context', 'acs-test', 'get', 'pod', 'worker-0', '-n', 'shop', '-o', 'json']);
    expect(JSON.parse(pod.stdout)).toMatchObject({ kind: 'Pod', metadata: { name: 'worker-0', namespace: 'shop' } });
    const policies = await kubectlRun('admin', ['--context', 'acs-test', 'get', 'netpol', '-A', '--no-headers']);
    expect(policies.stdout.trim().split(/\s+/).slice(0, 2)).toStrictEqual(['shop', 'web-egress']);
    const podNetworkings = await kubectlRun('admin', ['--context', 'ack-test', 'get', 'podnetworkings', '-o', 'name']);
    expect(podNetworkings.stdout.trim()).toBe('podnetworking.network.alibabacloud.com/shop-networking');
  });

  it('reports 403 for the restricted user and 401 for a wrong token', async () => {
    const forbidden = await kubectlRun('restricted', ['--context', 'acs-test', 'get', 'networkpolicies', '-A']);
    expect(forbidden.code).not.toBe(0);
    expect(forbidden.stderr).toContain(
      'networkpolicies.networking.k8s.io is forbidden: User "restricted" cannot list resource "networkpolicies" in API group "networking.k8s.io" at the cluster scope',
    );
    const allowed = await kubectlRun('restricted', ['--context', 'acs-test', 'get', 'pods', '-A', '--no-headers']);
    expect(allowed.stdout.trim().split('\n')).toHaveLength(4);
    const unauthorized = await kubectlRun('wrong', ['--context', 'acs-test', 'get', 'pods', '-A']);
    expect(unauthorized.code).not.toBe(0);
    expect(unauthorized.stderr).toMatch(/Unauthorized|must be logged in/);
  });

  it('reports NotFound for an unknown pod', async () => {
    const result = await kubectlRun('admin', ['--context', 'ack-test', 'get', 'pod', 'ghost']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('pods "ghost" not found');
  });
});
