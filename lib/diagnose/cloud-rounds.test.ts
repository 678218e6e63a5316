/**
 * The cloud reads of one diagnosis, against the sandbox over HTTP with latency on every call:
 * an Internet path (and a NAS mount, whose gate reads by the host name) takes at most three sequential rounds (five before the gates' reads joined the built-in rounds) (the gates' reads join the built-in rounds),
 * each read is made once (the reads started early on the last diagnosis's cluster facts are the
 * ones the diagnosis uses), and the verdict is the same with and without that early start.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { resetEnvForTests } from '@/lib/env';
import { setDefaultK8sReaderForTests } from '@/lib/k8s';
import { startSandbox, type Sandbox } from '@/lib/sandbox';
import { loadWorldFile } from '@/lib/sandbox/world/load';
import { countSequentialRounds } from '@/scripts/bench-rounds';

import { forgetEarlyFactsForTests } from './cloud-prefetch';
import { diagnose } from './diagnose';

/** Long enough that a loaded machine's pauses do not split a round. */
const LATENCY_MS = 300;
const world = loadWorldFile(path.join(process.cwd(), 'lib/sandbox/worlds/demo.yaml'));
let sandbox: Sandbox;
let outDir: string;

beforeAll(async () => {
  outDir = await mkdtemp(path.join(tmpdir(), 'egress-rounds-'));
  sandbox = await startSandbox({ world, outDir, faults: { latencyMs: LATENCY_MS } });
  Object.assign(process.env, sandbox.env, { EGRESS_DOCTOR_TIMEOUT_MS: '10000' });
  resetEnvForTests();
  setDefaultK8sReaderForTests();
});

afterAll(async () => {
  await sandbox.close();
  await rm(outDir, { recursive: true, force: true });
});

function requestOf(id: string) {
  const scenario = world.scenarios.find((item) => item.id === id);
  if (!scenario) throw new Error(`the demo world has no ${id}`);
  return { cluster: scenario.cluster, namespace: scenario.namespace, pod: scenario.pod, destination: scenario.destination, host: scenario.destination, port: scenario.port, protocol: scenario.protocol };
}

async function callsOf(id: string) {
  sandbox.openApi.resetCalls();
  const diagnosis = await diagnose(requestOf(id));
  const calls = sandbox.openApi.calls();
  return { verdict: diagnosis.verdict, rounds: countSequentialRounds(calls), reads: calls.map((call) => JSON.stringify([call.action, call.targets])) };
}

describe('cloud rounds of one diagnosis', () => {
  it.each(['internet-ok', 'cfw-nat-deny', 'cfw-internet-deny', 'nas-ok'])('%s: at most three rounds, each read once, the same reads and verdict when started early', async (id) => {
    const expected = world.scenarios.find((item) => item.id === id)?.expect.verdict;
    await callsOf(id);
    forgetEarlyFactsForTests();
    const first = await callsOf(id);
    // The second diagnosis of the cluster starts its cloud reads on the first one's cluster facts.
    const second = await callsOf(id);
    // Rounds are counted as the bench does: calls in flight together share one (≤ 3: a round can overlap the next).
    expect({ verdict: first.verdict, rounds: first.rounds <= 3 }).toStrictEqual({ verdict: expected, rounds: true });
    expect({ verdict: second.verdict, rounds: second.rounds <= 3, duplicates: second.reads.length - new Set(second.reads).size }).toStrictEqual({ verdict: expected, rounds: true, duplicates: 0 });
    expect([...second.reads].sort()).toStrictEqual([...first.reads].sort());
  });
});
