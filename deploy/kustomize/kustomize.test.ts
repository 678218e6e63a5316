/**
 * The install manifests: every overlay renders with Debian's `kubectl kustomize` (an old
 * kustomize, as a conservative user might have) and every rendered object is created on,
 * read back from and deleted from the sandbox Kubernetes API by kubectl.
 *
 * NOTE: kubectl 1.20's `--dry-run=server` first reads the API's protobuf OpenAPI document,
 * which the sandbox does not serve; creating and deleting exercises the same server paths.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';

import { buildKubeconfig } from '@/lib/sandbox/kubeconfig';
import { loadTestWorld } from '@/lib/sandbox/k8s/__fixtures__/load-world';
import { startKubernetesApiServer, type KubernetesSandbox } from '@/lib/sandbox/k8s/server';
import { createTlsMaterial } from '@/lib/sandbox/tls';

const run = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, '../..');
const tls = createTlsMaterial();
const tokens = { admin: 'kustomize-admin-token', restricted: 'kustomize-restricted-token' };

let sandbox: KubernetesSandbox;
let kubectl: string;
let workDir: string;

async function kubectlRun(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const base = ['--kubeconfig', path.join(workDir, 'kubeconfig'), '--cache-dir', path.join(workDir, 'cache'), '--request-timeout', '20s'];
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

/** `kind/name` of every object of a rendered manifest, the way kubectl names them (`deployment.apps/x`). */
function objectNames(rendered: string): string[] {
  return parseAllDocuments(rendered)
    .map((document) => document.toJS() as { apiVersion: string; kind: string; metadata: { name: string } })
    .map(({ apiVersion, kind, metadata }) => {
      const group = apiVersion.includes('/') ? `.${apiVersion.split('/')[0] ?? ''}` : '';
      return `${kind.toLowerCase()}${group}/${metadata.name}`;
    });
}

beforeAll(async () => {
  const ensured = await run('bash', [path.join(repoRoot, 'scripts/ensure-kubectl.sh')], { timeout: 180_000 });
  kubectl = ensured.stdout.trim().split('\n').at(-1) ?? '';
  sandbox = await startKubernetesApiServer({ world: loadTestWorld(), tls, tokens });
  workDir = await mkdtemp(path.join(os.tmpdir(), 'kustomize-'));
  const cluster = sandbox.clusters[0];
  if (!cluster) throw new Error('the test world has clusters');
  await writeFile(path.join(workDir, 'kubeconfig'), buildKubeconfig({ clusters: [cluster], caCertPem: tls.caCertPem, userName: 'sandbox-admin', token: tokens.admin }));
}, 240_000);

afterAll(async () => {
  await sandbox?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe('deploy/kustomize', () => {
  it.each([
    ['base', ['namespace/egress-doctor', 'serviceaccount/acs-egress-doctor', 'clusterrole.rbac.authorization.k8s.io/acs-egress-doctor-read', 'clusterrolebinding.rbac.authorization.k8s.io/acs-egress-doctor-read', 'service/acs-egress-doctor', 'deployment.apps/acs-egress-doctor', 'poddisruptionbudget.policy/acs-egress-doctor', 'networkpolicy.networking.k8s.io/acs-egress-doctor']],
    ['overlays/rrsa', []],
    ['overlays/fixes-enabled', ['clusterrole.rbac.authorization.k8s.io/acs-egress-doctor-write', 'clusterrolebinding.rbac.authorization.k8s.io/acs-egress-doctor-write']],
    ['overlays/ingress-oauth2-proxy', ['deployment.apps/oauth2-proxy', 'service/oauth2-proxy', 'ingress.networking.k8s.io/acs-egress-doctor', 'ingress.networking.k8s.io/oauth2-proxy']],
  ])('%s renders, and kubectl creates, reads and deletes every object', async (directory, includes) => {
    const rendered = await run(kubectl, ['kustomize', path.join(repoRoot, 'deploy/kustomize', directory)], { timeout: 60_000 });
    const names = objectNames(rendered.stdout);
    expect(names).toStrictEqual(expect.arrayContaining(includes));
    if (directory !== 'base') expect(names).toStrictEqual(expect.arrayContaining(['deployment.apps/acs-egress-doctor', 'networkpolicy.networking.k8s.io/acs-egress-doctor']));
    expect(names.some((name) => name.endsWith('/acs-egress-doctor-write'))).toBe(directory === 'overlays/fixes-enabled');
    const manifest = path.join(workDir, `${directory.replace('/', '-')}.yaml`);
    await writeFile(manifest, rendered.stdout);

    const created = await kubectlRun(['create', '--validate=false', '-f', manifest]);
    expect(created.stderr).toBe('');
    expect(created.stdout.trim().split('\n')).toStrictEqual(names.map((name) => `${name} created`));

    const read = await kubectlRun(['get', '-f', manifest, '-o', 'name']);
    expect(read.stdout.trim().split('\n')).toStrictEqual(names);

    const deleted = await kubectlRun(['delete', '--ignore-not-found', '--wait=false', '-f', manifest]);
    expect(deleted.stderr).toBe('');
    const gone = await kubectlRun(['get', '--ignore-not-found', '-f', manifest, '-o', 'name']);
    expect(gone.stdout.trim()).toBe('');
  });

  it('asks for the RAM role on the service account and injection on the namespace in the rrsa overlay only', async () => {
    const render = async (directory: string) =>
      parseAllDocuments((await run(kubectl, ['kustomize', path.join(repoRoot, 'deploy/kustomize', directory)])).stdout).map(
        (document) => document.toJS() as { kind: string; metadata: { labels?: Record<string, string>; annotations?: Record<string, string> } },
      );
    const rrsa = await render('overlays/rrsa');
    expect(rrsa.find((object) => object.kind === 'ServiceAccount')?.metadata.annotations).toStrictEqual({ 'pod-identity.alibabacloud.com/role-name': 'acs-egress-doctor-read' });
    expect(rrsa.find((object) => object.kind === 'Namespace')?.metadata.labels).toMatchObject({ 'pod-identity.alibabacloud.com/injection': 'on' });
    const base = await render('base');
    expect(base.find((object) => object.kind === 'ServiceAccount')?.metadata.annotations).toBeUndefined();
  });
});
