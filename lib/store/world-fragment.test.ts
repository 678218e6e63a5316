/**
 * Export round trip: every demo scenario is diagnosed through the sandbox, its facts become a
 * world fragment that the world loader accepts, and a second sandbox serving only that
 * fragment gives the same verdict and blocking hop. Then the CLI does the same from the file.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { diagnoseWithFacts } from '@/lib/diagnose/diagnose';
import type { Scenario } from '@/lib/schemas/world';
import { loadWorldFile, parseWorld } from '@/lib/sandbox/world/load';

import { startTestSandbox, type TestSandbox } from './__fixtures__/sandbox-env';
import { FRAGMENT_SCENARIO_ID, formatWorldYaml, toWorldClusterName, toWorldFragment } from './world-fragment';

const demo = loadWorldFile(path.resolve(__dirname, '../sandbox/worlds/demo.yaml'));
let live: TestSandbox;
let tempDir: string;

beforeAll(async () => {
  live = await startTestSandbox(demo);
  tempDir = await mkdtemp(path.join(tmpdir(), 'egress-doctor-fragment-'));
});

afterAll(async () => {
  await live.close();
  await rm(tempDir, { recursive: true, force: true });
});

const requestOf = (scenario: Scenario) => ({
  cluster: scenario.cluster,
  namespace: scenario.namespace,
  pod: scenario.pod,
  destination: scenario.destination,
  host: scenario.destination,
  port: scenario.port,
  protocol: scenario.protocol,
});

/** Diagnoses `scenario` on the demo sandbox and returns its fragment as YAML. */
async function exportScenario(scenario: Scenario): Promise<{ yaml: string; hops: string[] }> {
  live.use();
  const run = await diagnoseWithFacts(requestOf(scenario));
  expect({ verdict: run.diagnosis.verdict, blockingHop: run.diagnosis.blockingHop }).toStrictEqual(scenario.expect);
  return { yaml: formatWorldYaml(toWorldFragment(run)), hops: run.diagnosis.hops.map((hop) => `${hop.kind}: ${hop.verdict}`) };
}

/**
 * Scenarios whose fragment does not yet hold every fact the diagnosis read, with the reason. Their
 * replay must still never pass where the original did not: it is `unknown`, not the saved verdict.
 */
const REPLAY_GAPS: Record<string, string> = {
  'coredns-stub-forward':
    "the CoreDNS pods' ENIs and security groups (the side that sends the stub forward) travel inside the DNS answer and are not exported as world objects",
};

describe('toWorldFragment round trip through a second sandbox', () => {
  it.each(demo.scenarios.map((scenario) => [scenario.id, scenario] as const))('%s: the fragment validates and diagnoses the same, hop by hop', async (_id, scenario) => {
    const exported = await exportScenario(scenario);
    const fragment = parseWorld(exported.yaml, `${scenario.id}.yaml`);
    expect(fragment.clusters.map((cluster) => cluster.name)).toStrictEqual([toWorldClusterName(scenario.cluster)]);
    const { cluster, namespace, pod, destination, port, protocol } = scenario;
    expect(fragment.scenarios).toStrictEqual([{ id: FRAGMENT_SCENARIO_ID, title: expect.any(String), cluster, namespace, pod, destination, port, protocol, expect: scenario.expect }]);

    const replay = await startTestSandbox(fragment);
    try {
      replay.use();
      const again = await diagnoseWithFacts(requestOf(scenario));
      if (REPLAY_GAPS[scenario.id] !== undefined) {
        expect(again.diagnosis.verdict).toBe('unknown');
        return;
      }
      expect({ verdict: again.diagnosis.verdict, blockingHop: again.diagnosis.blockingHop }).toStrictEqual(scenario.expect);
      expect(again.diagnosis.hops.map((hop) => `${hop.kind}: ${hop.verdict}`)).toStrictEqual(exported.hops);
    } finally {
      await replay.close();
    }
  });
});

describe('the exported file through the CLI', () => {
  const exitCodes = { reachable: 0, blocked: 1, unknown: 2 } as const;
  const picks = ['internet-ok', 'sg-drop', 'rds-forbidden'];
  it.each(picks)('%s: `cli diagnose --world <export>` exits with the saved verdict', async (id) => {
    const scenario = demo.scenarios.find((item) => item.id === id);
    if (!scenario) throw new Error(`the demo world has no ${id} scenario`);
    const exported = await exportScenario(scenario);
    const file = path.join(tempDir, `${id}.yaml`);
    await writeFile(file, exported.yaml);
    const args = ['--conditions=react-server', '--import', 'tsx', 'scripts/cli.ts', 'diagnose', '--world', file, '--cluster', scenario.cluster, '--from', `${scenario.namespace}/${scenario.pod}`, '--to', scenario.destination, '--port', String(scenario.port)];
    const code = await promisify(execFile)(process.execPath, args, { cwd: path.resolve(__dirname, '../..'), env: { ...process.env, KUBECONFIG: '' } }).then(
      () => 0,
      (error: unknown) => (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'number' ? error.code : -1),
    );
    expect(code).toBe(exitCodes[scenario.expect.verdict]);
  }, 120_000);
});
