/**
 * Two replicas of the built server on one PostgreSQL database (`DATABASE_URL`, the same
 * `EGRESS_DOCTOR_SECRET`): a 200-diagnosis run over loopback, spread over both, each
 * diagnosis matching its scenario's verdict, and every saved link read from the other replica.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startSandbox, type Sandbox } from '@/lib/sandbox';
import { loadWorldFile } from '@/lib/sandbox/world/load';
import { startTestPostgres, type TestPostgres } from '@/lib/test/postgres';

const repoRoot = path.resolve(import.meta.dirname, '..');
const ports = [Number(process.env.E2E_PORT ?? 3160), Number(process.env.E2E_APPLY_PORT ?? 3161)];
const runs = 200;
const concurrency = 8;

let postgres: TestPostgres;
let sandbox: Sandbox;
let workDir: string;
const replicas: Array<{ url: string; child: ChildProcess; log: string }> = [];

async function waitForHealth(replica: (typeof replicas)[number], deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    if (replica.child.exitCode !== null) throw new Error(`a replica exited (${replica.child.exitCode}): ${replica.log}`);
    const ok = await fetch(`${replica.url}/api/healthz`).then((response) => response.ok, () => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`a replica did not become healthy: ${replica.log}`);
}

beforeAll(async () => {
  postgres = await startTestPostgres();
  workDir = await mkdtemp(path.join(os.tmpdir(), 'egress-replicas-'));
  sandbox = await startSandbox({ world: loadWorldFile(path.join(repoRoot, 'lib/sandbox/worlds/demo.yaml')), outDir: path.join(workDir, 'sandbox') });
  const databaseUrl = await postgres.createDatabase();
  for (const [index, port] of ports.entries()) {
    const child = spawn(process.execPath, [path.join(repoRoot, '.next/standalone/server.js')], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        NODE_ENV: 'production',
        PATH: process.env.PATH ?? '',
        HOME: workDir,
        ...sandbox.env,
        PORT: String(port),
        HOSTNAME: '127.0.0.1',
        NEXT_TELEMETRY_DISABLED: '1',
        // Each replica has its own (unused) data directory: everything shared is in PostgreSQL.
        DATA_DIR: path.join(workDir, `data-${index}`),
        DATABASE_URL: databaseUrl,
        EGRESS_DOCTOR_SECRET: 'the-secret-both-replicas-share-0123456789',
        // The list of saved diagnoses is off without an identity header; the run reads it back.
        EGRESS_DOCTOR_LIST_DIAGNOSES: 'true',
      },
    });
    const replica = { url: `http://127.0.0.1:${port}`, child, log: '' };
    child.stdout?.on('data', (chunk: Buffer) => (replica.log += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (replica.log += chunk.toString()));
    replicas.push(replica);
  }
  await Promise.all(replicas.map((replica) => waitForHealth(replica, Date.now() + 90_000)));
}, 240_000);

afterAll(async () => {
  await Promise.all(
    replicas.map(async ({ child }) => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }),
  );
  await sandbox?.close();
  await postgres?.stop();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe('two replicas on one PostgreSQL', () => {
  it(`serve ${runs} diagnoses, and each saved link is read from the other replica`, async () => {
    const scenarios = sandbox.world.scenarios;
    const results: Array<{ index: number; id: string; matches: boolean; readBack: number; sameVerdict: boolean }> = [];
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        for (let index = next++; index < runs; index = next++) {
          const scenario = scenarios[index % scenarios.length];
          const [writer, reader] = index % 2 === 0 ? [replicas[0], replicas[1]] : [replicas[1], replicas[0]];
          if (!scenario || !writer || !reader) throw new Error('invariant: scenarios and two replicas');
          const response = await fetch(`${writer.url}/api/diagnoses`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', origin: writer.url },
            body: JSON.stringify({ cluster: scenario.cluster, namespace: scenario.namespace, pod: scenario.pod, destination: scenario.destination, port: scenario.port, protocol: scenario.protocol }),
          });
          const diagnosis = (await response.json()) as { id: string; verdict: string; blockingHop: string | null };
          const saved = await fetch(`${reader.url}/api/diagnoses/${diagnosis.id}`);
          const read = (await saved.json()) as { verdict?: string };
          results.push({
            index,
            id: diagnosis.id,
            matches: response.status === 201 && diagnosis.verdict === scenario.expect.verdict && diagnosis.blockingHop === scenario.expect.blockingHop,
            readBack: saved.status,
            sameVerdict: read.verdict === diagnosis.verdict,
          });
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    console.info(JSON.stringify({ replicas: 2, runs, concurrency, seconds: Number(seconds.toFixed(1)), perSecond: Number((runs / seconds).toFixed(1)) }));

    expect(results).toHaveLength(runs);
    expect(results.filter((result) => !result.matches || result.readBack !== 200 || !result.sameVerdict)).toStrictEqual([]);
    expect(new Set(results.map((result) => result.id)).size).toBe(runs);
    const listed = (await (await fetch(`${replicas[1]?.url ?? ''}/api/diagnoses?limit=200`)).json()) as { diagnoses: Array<{ id: string }> };
    expect(new Set(listed.diagnoses.map((summary) => summary.id))).toStrictEqual(new Set(results.map((result) => result.id)));
  }, 240_000);
});
