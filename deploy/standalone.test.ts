/**
 * The image, as far as it can be checked without a container engine: the final stage of
 * deploy/Dockerfile is assembled from its own `COPY --from=build` lines (out of this
 * repository's build), started with its `ENV`, `WORKDIR` and `CMD`, and used the way a pod
 * uses it: no kubeconfig (the in-cluster service account, pointing at the sandbox cluster),
 * no AccessKey (RRSA: AssumeRoleWithOIDC at the sandbox STS, then STS-token-signed calls).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startSandbox, type Sandbox } from '@/lib/sandbox';
import { loadWorldFile } from '@/lib/sandbox/world/load';

const repoRoot = path.resolve(import.meta.dirname, '..');
const port = Number(process.env.E2E_STANDALONE_PORT ?? 3160);
const baseUrl = `http://127.0.0.1:${port}`;

interface RuntimeStage {
  copies: Array<{ from: string; to: string }>;
  env: Record<string, string>;
  workdir: string;
  command: string[];
}

/** The final stage of the Dockerfile: its COPY --from=build sources and targets, ENV, WORKDIR and CMD. */
export function parseRuntimeStage(dockerfile: string): RuntimeStage {
  const lines = dockerfile.replace(/\\\n/g, ' ').split('\n').map((line) => line.trim());
  const stageStart = lines.findLastIndex((line) => /^FROM\s/i.test(line));
  const stage: RuntimeStage = { copies: [], env: {}, workdir: '/', command: [] };
  for (const line of lines.slice(stageStart)) {
    const [instruction = '', ...rest] = line.split(/\s+/);
    switch (instruction.toUpperCase()) {
      case 'COPY': {
        const args = rest.filter((arg) => !arg.startsWith('--'));
        const to = args.pop();
        if (rest.some((arg) => arg.startsWith('--from=')) && to) for (const from of args) stage.copies.push({ from, to });
        break;
      }
      case 'ENV':
        for (const match of rest.join(' ').matchAll(/(\w+)=("[^"]*"|\S+)/g)) stage.env[match[1] ?? ''] = (match[2] ?? '').replace(/^"|"$/g, '');
        break;
      case 'WORKDIR':
        stage.workdir = rest[0] ?? '/';
        break;
      case 'CMD':
        stage.command = JSON.parse(rest.join(' ')) as string[];
        break;
      default:
        break;
    }
  }
  return stage;
}

let sandbox: Sandbox;
let workDir: string;
let server: ChildProcess | undefined;
let serverLog = '';

async function waitForHealth(deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    if (server?.exitCode !== null && server?.exitCode !== undefined) throw new Error(`the server exited (${server.exitCode}): ${serverLog}`);
    try {
      const response = await fetch(`${baseUrl}/api/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the server did not answer /api/healthz in time: ${serverLog}`);
}

beforeAll(async () => {
  const world = loadWorldFile(path.join(repoRoot, 'lib/sandbox/worlds/demo.yaml'));
  sandbox = await startSandbox({ world });
  workDir = await mkdtemp(path.join(os.tmpdir(), 'egress-image-'));

  // The image's filesystem: what the final stage copies out of the build stage (/src = this repository).
  const stage = parseRuntimeStage(await readFile(path.join(repoRoot, 'deploy/Dockerfile'), 'utf8'));
  const imageRoot = path.join(workDir, 'image');
  for (const { from, to } of stage.copies) {
    await cp(path.join(repoRoot, path.relative('/src', from)), path.join(imageRoot, to), { recursive: true, verbatimSymlinks: true });
  }

  // What a pod has mounted: the service account of the first cluster and the RRSA token.
  const cluster = sandbox.k8s.clusters[0];
  if (!cluster) throw new Error('the demo world has clusters');
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromString(sandbox.kubeconfig);
  const serviceAccountDir = path.join(workDir, 'serviceaccount');
  await mkdir(serviceAccountDir);
  await writeFile(path.join(serviceAccountDir, 'token'), kubeConfig.getCurrentUser()?.token ?? '');
  await writeFile(path.join(serviceAccountDir, 'ca.crt'), sandbox.rrsa.caCertPem);
  await writeFile(path.join(serviceAccountDir, 'namespace'), 'egress-doctor');
  await writeFile(path.join(workDir, 'oidc-token'), sandbox.rrsa.token);
  const { hostname, port: apiPort } = new URL(cluster.server);

  const withoutAccessKey = Object.fromEntries(
    Object.entries(sandbox.env).filter(([key]) => !key.startsWith('ALIBABA_CLOUD_ACCESS_KEY')),
  );
  const [command = 'node', ...args] = stage.command;
  const child = spawn(command === 'node' ? process.execPath : command, args, {
    cwd: path.join(imageRoot, stage.workdir),
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      NODE_ENV: 'production',
      PATH: process.env.PATH ?? '',
      ...stage.env,
      ...withoutAccessKey,
      HOME: workDir,
      PORT: String(port),
      HOSTNAME: '127.0.0.1',
      DATA_DIR: path.join(workDir, 'data'),
      KUBERNETES_SERVICE_HOST: hostname,
      KUBERNETES_SERVICE_PORT: apiPort,
      EGRESS_DOCTOR_SERVICE_ACCOUNT_DIR: serviceAccountDir,
      EGRESS_DOCTOR_CLUSTER_NAME: cluster.name,
      ALIBABA_CLOUD_ROLE_ARN: sandbox.rrsa.roleArn,
      ALIBABA_CLOUD_OIDC_PROVIDER_ARN: sandbox.rrsa.oidcProviderArn,
      ALIBABA_CLOUD_OIDC_TOKEN_FILE: path.join(workDir, 'oidc-token'),
      ALIBABA_CLOUD_STS_ENDPOINT: sandbox.rrsa.stsEndpoint,
      NODE_EXTRA_CA_CERTS: path.join(serviceAccountDir, 'ca.crt'),
    },
  });
  server = child;
  child.stdout?.on('data', (chunk: Buffer) => (serverLog += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (serverLog += chunk.toString()));
  await waitForHealth(Date.now() + 60_000);
}, 180_000);

afterAll(async () => {
  const running = server;
  if (running && running.exitCode === null) {
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGTERM');
    await exited;
  }
  await sandbox?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe('the image (standalone server) in a pod', () => {
  it('answers its health check', async () => {
    const response = await fetch(`${baseUrl}/api/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toStrictEqual({ status: 'ok' });
  });

  it('serves the page with its static assets copied beside the server', async () => {
    const page = await (await fetch(baseUrl)).text();
    const asset = /\/_next\/static\/[^"']+\.(?:js|css)/.exec(page)?.[0];
    expect(asset).toBeDefined();
    expect((await fetch(`${baseUrl}${asset ?? ''}`)).status).toBe(200);
  });

  it('has the cluster it runs in as its only cluster (in-cluster service account)', async () => {
    const body = (await (await fetch(`${baseUrl}/api/clusters`)).json()) as { clusters: Array<{ name: string }> };
    expect(body.clusters.map((cluster) => cluster.name)).toStrictEqual([sandbox.k8s.clusters[0]?.name]);
  });

  it('diagnoses a scenario with RRSA credentials and keeps the share link', async () => {
    const scenario = sandbox.world.scenarios.find((candidate) => candidate.id === 'sg-drop');
    if (!scenario) throw new Error('the demo world has the sg-drop scenario');
    expect(scenario.cluster).toBe(sandbox.k8s.clusters[0]?.name);
    sandbox.openApi.resetCalls();
    const response = await fetch(`${baseUrl}/api/diagnoses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: baseUrl },
      body: JSON.stringify({ cluster: scenario.cluster, namespace: scenario.namespace, pod: scenario.pod, destination: scenario.destination, port: scenario.port, protocol: scenario.protocol }),
    });
    const diagnosis = (await response.json()) as { id: string; verdict: string; blockingHop: string | null };
    expect(response.status).toBe(201);
    expect({ verdict: diagnosis.verdict, blockingHop: diagnosis.blockingHop }).toStrictEqual(scenario.expect);

    const calls = sandbox.openApi.calls();
    expect(calls.filter((call) => call.action === 'AssumeRoleWithOIDC').map((call) => call.status)).toStrictEqual([200]);
    expect(calls.filter((call) => call.status !== 200)).toStrictEqual([]);
    expect(calls.length).toBeGreaterThan(3);

    const saved = await fetch(`${baseUrl}/api/diagnoses/${diagnosis.id}`);
    expect(saved.status).toBe(200);
    expect(await saved.json()).toMatchObject({ id: diagnosis.id, verdict: scenario.expect.verdict });
  });
});
