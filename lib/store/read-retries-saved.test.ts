/**
 * Retries end to end: a diagnosis of the demo world over real HTTP(S) while the sandbox fails
 * the first calls of some reads (a cloud action reset, throttled and 503; a Kubernetes list
 * answering 503) gives the clean verdict, records each retried read, and a saved diagnosis
 * keeps the record. A read refused with 403 is not retried.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { diagnoseWithFacts } from '@/lib/diagnose/diagnose';
import { loadWorldFile } from '@/lib/sandbox/world/load';
import type { Scenario } from '@/lib/schemas/world';

import { startTestSandbox, type TestSandbox } from './__fixtures__/sandbox-env';
import { createSqliteDiagnosisStore } from './sqlite-store';

const demo = loadWorldFile(path.resolve(__dirname, '../sandbox/worlds/demo.yaml'));
let live: TestSandbox;
let dir: string;

beforeAll(async () => {
  live = await startTestSandbox(demo);
  dir = await mkdtemp(path.join(tmpdir(), 'egress-doctor-retries-'));
});

afterAll(async () => {
  await live.close();
  await rm(dir, { recursive: true, force: true });
});

function scenarioOf(id: string): Scenario {
  const scenario = demo.scenarios.find((item) => item.id === id);
  if (!scenario) throw new Error(`the demo world has no ${id} scenario`);
  return scenario;
}

describe('retried reads of a diagnosis', () => {
  it('retries resets, throttling and 5xx to the clean verdict and records them in the saved diagnosis', async () => {
    const scenario = scenarioOf('internet-ok');
    live.use();
    live.sandbox.setWorldFaults({
      cloud: [
        { action: 'DescribeNatGateways', error: 'reset', times: 1 },
        { action: 'DescribeSnatTableEntries', error: 'Throttling.User', times: 1 },
        { action: 'DescribeRouteEntryList', error: 'ServiceUnavailable', times: 2 },
      ],
      kubernetes: [
        { resource: 'networkpolicies', status: 503, times: 1 },
        { resource: 'services', verb: 'list', status: 'reset', times: 1 },
      ],
      dns: [],
    });
    const run = await diagnoseWithFacts({ ...scenario, host: scenario.destination }).finally(() => live.sandbox.setWorldFaults(undefined));
    expect({ verdict: run.diagnosis.verdict, errors: run.diagnosis.errors }).toStrictEqual({ verdict: scenario.expect.verdict, errors: [] });
    const retried = (run.diagnosis.retries ?? []).map(({ source, resource, attempts, codes, succeeded }) => ({ source, action: resource.split(' ')[0], attempts, codes, succeeded }));
    expect(retried.sort((a, b) => (a.action ?? '').localeCompare(b.action ?? ''))).toStrictEqual([
      { source: 'alicloud', action: 'DescribeNatGateways', attempts: 2, codes: ['ECONNRESET'], succeeded: true },
      { source: 'alicloud', action: 'DescribeRouteEntryList', attempts: 3, codes: ['ServiceUnavailable', 'ServiceUnavailable'], succeeded: true },
      { source: 'alicloud', action: 'DescribeSnatTableEntries', attempts: 2, codes: ['Throttling.User'], succeeded: true },
      { source: 'k8s', action: 'networkpolicies', attempts: 2, codes: ['503'], succeeded: true },
      { source: 'k8s', action: 'services', attempts: 2, codes: [expect.stringMatching(/ECONNRESET|UND_ERR_SOCKET|EPIPE/)], succeeded: true },
    ]);

    const store = createSqliteDiagnosisStore({ file: path.join(dir, 'egress-doctor.db'), retentionDays: 30 });
    try {
      const saved = await store.save({ diagnosis: run.diagnosis, worldYaml: 'version: 1\n', origin: { cluster: scenario.cluster, clusterServer: '', region: null, accountId: null } });
      expect((await store.get(saved.diagnosis.id ?? ''))?.diagnosis.retries).toStrictEqual(run.diagnosis.retries);
    } finally {
      await store.close();
    }
  });

  it('does not retry a refused read, and a read that keeps failing says how often it was tried', async () => {
    const scenario = scenarioOf('internet-ok');
    live.use();
    live.sandbox.setWorldFaults({ cloud: [{ action: 'DescribeNatGateways', error: 'Forbidden.RAM' }, { action: 'DescribeSecurityGroupAttribute', error: 'InternalError' }], kubernetes: [], dns: [] });
    live.sandbox.openApi.resetCalls();
    const run = await diagnoseWithFacts({ ...scenario, host: scenario.destination }).finally(() => live.sandbox.setWorldFaults(undefined));
    const callsOf = (action: string) => live.sandbox.openApi.calls().filter((call) => call.action === action).length;
    expect(run.diagnosis.verdict).toBe('unknown');
    expect(callsOf('DescribeNatGateways')).toBe(1);
    expect(callsOf('DescribeSecurityGroupAttribute')).toBeGreaterThan(1);
    const groupError = run.diagnosis.errors.find((error) => error.resource.startsWith('DescribeSecurityGroupAttribute'));
    expect(groupError).toMatchObject({ reason: 'error', code: 'InternalError', attempts: callsOf('DescribeSecurityGroupAttribute') });
    expect(groupError?.message).toMatch(/after \d attempts/);
  });
});
