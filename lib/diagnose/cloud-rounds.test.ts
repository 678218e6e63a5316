/**
 * The cloud reads of one diagnosis, against the sandbox over HTTP with latency on every call:
 * an Internet path (and a NAS mount, whose gate reads by the host name) takes at most three
 * sequential rounds (five before the gates' reads joined the built-in rounds), and two for a
 * source diagnosed before (the reads behind its ENI start beside the ENI's own lookup); each read
 * is made once (the reads started early on the last diagnosis's facts are the ones the diagnosis
 * uses), and the verdict is the same with and without that early start.
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

/** Reads whose parameters come from the source ENI (its vSwitch, its groups, its VPC's NAT gateways). */
const BEHIND_THE_ENI = ['DescribeVSwitchAttributes', 'DescribeSecurityGroups', 'DescribeSecurityGroupAttribute', 'DescribeNatGateways'];

function requestOf(id: string) {
  const scenario = world.scenarios.find((item) => item.id === id);
  if (!scenario) throw new Error(`the demo world has no ${id}`);
  return { cluster: scenario.cluster, namespace: scenario.namespace, pod: scenario.pod, destination: scenario.destination, host: scenario.destination, port: scenario.port, protocol: scenario.protocol };
}

async function callsOf(id: string) {
  sandbox.openApi.resetCalls();
  const diagnosis = await diagnose(requestOf(id));
  const calls = sandbox.openApi.calls();
  // The reads made while the source ENI's own lookup was still in flight (these paths have no other ENI lookup).
  const lookup = calls.find((call) => call.action === 'DescribeNetworkInterfaces');
  const besideLookup = calls.filter((call) => lookup !== undefined && call !== lookup && call.startedAt < lookup.endedAt).map((call) => call.action);
  return { verdict: diagnosis.verdict, rounds: countSequentialRounds(calls), besideLookup, reads: calls.map((call) => JSON.stringify([call.action, call.targets])) };
}

describe('cloud rounds of one diagnosis', () => {
  it.each(['internet-ok', 'cfw-nat-deny', 'cfw-internet-deny', 'nas-ok'])('%s: at most three rounds, each read once, the same reads and verdict when started early', async (id) => {
    const expected = world.scenarios.find((item) => item.id === id)?.expect.verdict;
    await callsOf(id);
    forgetEarlyFactsForTests();
    const first = await callsOf(id);
    // The second diagnosis of the pod starts its cloud reads on the first one's cluster facts and source ENI.
    const second = await callsOf(id);
    // Rounds are counted as the bench does: calls in flight together share one (≤ 3: a round can overlap the next).
    expect({ verdict: first.verdict, rounds: first.rounds <= 3 }).toStrictEqual({ verdict: expected, rounds: true });
    // The reads that hang off the source ENI wait for it the first time, and start beside its lookup the second.
    expect(first.besideLookup.filter((action) => BEHIND_THE_ENI.includes(action))).toStrictEqual([]);
    expect({ verdict: second.verdict, rounds: second.rounds <= 3, duplicates: second.reads.length - new Set(second.reads).size }).toStrictEqual({ verdict: expected, rounds: true, duplicates: 0 });
    expect(BEHIND_THE_ENI.filter((action) => !second.besideLookup.includes(action))).toStrictEqual([]);
    expect([...second.reads].sort()).toStrictEqual([...first.reads].sort());
  });

  it('sg-drop, first diagnosed after another pod of its vSwitch: its vSwitch and NAT reads start beside its ENI lookup, its own groups after it', async () => {
    forgetEarlyFactsForTests();
    await callsOf('internet-ok');
    const neighbour = await callsOf('sg-drop');
    expect(neighbour.verdict).toBe('blocked');
    expect(['DescribeVSwitchAttributes', 'DescribeNatGateways'].filter((action) => !neighbour.besideLookup.includes(action))).toStrictEqual([]);
    // Another pod's groups are not guessed (its rules could name other lists).
    expect(neighbour.besideLookup.filter((action) => action.startsWith('DescribeSecurityGroup'))).toStrictEqual([]);
    expect(neighbour.reads.length - new Set(neighbour.reads).size).toBe(0);
  });
});
