/**
 * The cloud calls of whole diagnoses against the sandbox over real HTTP: every read made
 * once per diagnosis (the DNS step and the path share the source ENI), and the reads that
 * start on the likely answer (no PrivateZone zone) redone when a zone answers otherwise.
 */
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { diagnoseWithFacts } from '@/lib/diagnose/diagnose';
import { loadWorldFile } from '@/lib/sandbox/world/load';
import { startTestSandbox, type TestSandbox } from '@/lib/store/__fixtures__/sandbox-env';

const demo = loadWorldFile(path.resolve(__dirname, '../sandbox/worlds/demo.yaml'));

function requestOf(id: string) {
  const scenario = demo.scenarios.find((item) => item.id === id);
  if (!scenario) throw new Error(`the demo world has no ${id} scenario`);
  return { scenario, request: { ...scenario, host: scenario.destination } };
}

describe('cloud calls of one diagnosis', () => {
  let live: TestSandbox;
  beforeAll(async () => {
    live = await startTestSandbox(demo);
    live.use();
  });
  afterAll(async () => {
    await live.close();
  });

  it.each(['internet-ok', 'sg-drop', 'pvtz-ok', 'pvtz-not-bound', 'snat-eip-detached', 'rds-whitelist', 'coredns-stub-forward', 'nodelocal-dns-ok'])('%s: makes each read once and keeps its verdict', async (id) => {
    const { scenario, request } = requestOf(id);
    live.sandbox.openApi.resetCalls();
    const { diagnosis } = await diagnoseWithFacts(request);
    const reads = live.sandbox.openApi.calls().map((call) => `${call.action} ${[...call.targets].sort().join(',')}`);
    const repeated = reads.filter((read, index) => reads.indexOf(read) !== index);
    expect(repeated).toStrictEqual([]);
    expect({ verdict: diagnosis.verdict, blockingHop: diagnosis.blockingHop }).toStrictEqual({ verdict: scenario.expect.verdict, blockingHop: scenario.expect.blockingHop ?? null });
  });

  it('reads the path for the address the PrivateZone zone answers, not the public one', async () => {
    const { request } = requestOf('pvtz-ok');
    live.sandbox.openApi.resetCalls();
    const { diagnosis, facts } = await diagnoseWithFacts(request);
    const answered = facts.dnsAnswers?.kind === 'ok' ? facts.dnsAnswers.value.at(-1) : undefined;
    expect(answered?.source?.kind).toBe('privateZone');
    expect(diagnosis.destination.addresses).toStrictEqual(answered?.addresses);
    const owners = live.sandbox.openApi.calls().filter((call) => call.action === 'DescribeNetworkInterfaces' || call.action === 'DescribeLoadBalancers');
    expect(owners.flatMap((call) => call.targets)).toEqual(expect.arrayContaining(diagnosis.destination.addresses));
  });
});
