/**
 * The audit against the sandbox over real HTTP: its fanned-out verdicts equal one diagnosis per
 * pod, it makes the same cloud calls for 10 pods as for 1,000 of the same classes, and the
 * route streams its progress and refuses bad input with a message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { POST } from '@/app/api/audits/route';
import { diagnose } from '@/lib/diagnose/diagnose';
import { loadWorldFile } from '@/lib/sandbox/world/load';
import { withReplicatedPods } from '@/lib/sandbox/worlds/replicate-pods';
import { auditResultSchema } from '@/lib/schemas/audit';
import { startTestSandbox, type TestSandbox } from '@/lib/store/__fixtures__/sandbox-env';

import { runAudit } from './run-audit';

const demo = loadWorldFile('lib/sandbox/worlds/demo.yaml');
const internet = { destination: 'https://api.partner.example.com', host: 'api.partner.example.com', port: 443, protocol: 'tcp' as const };

let test: TestSandbox;
beforeAll(async () => {
  test = await startTestSandbox(demo);
  test.use();
}, 60_000);
afterAll(async () => {
  await test.close();
});

describe('runAudit', () => {
  it('gives every pod of a namespace the verdict its own diagnosis gives, in fewer cloud calls', async () => {
    test.sandbox.setWorld(demo);
    test.sandbox.openApi.resetCalls();
    const result = await runAudit({ cluster: 'acs-prod', scope: { kind: 'namespace', namespace: 'shop' }, destinations: [internet] });
    const auditCalls = test.sandbox.openApi.calls().length;
    const [outcome] = result.destinations;
    expect(outcome?.counts).toStrictEqual({ reachable: 10, blocked: 2, unknown: 0 });
    expect(outcome?.groups.map((group) => [group.verdict, group.hop, group.pods])).toStrictEqual([
      ['blocked', 'securityGroup', 1],
      ['blocked', 'natEip', 1],
      ['reachable', null, 10],
    ]);
    expect(outcome?.singleChange).toStrictEqual(expect.objectContaining({ kind: 'change', group: 'g1', unblocks: 1 }));

    test.sandbox.openApi.resetCalls();
    const one = await Promise.all(
      (outcome?.pods ?? []).map(async (pod) => {
        const diagnosis = await diagnose({ cluster: 'acs-prod', namespace: pod.namespace, pod: pod.name, ...internet });
        return [pod.name, diagnosis.verdict, diagnosis.blockingHop];
      }),
    );
    expect(outcome?.pods.map((pod) => [pod.name, pod.verdict, pod.blockingHop])).toStrictEqual(one);
    expect(auditCalls).toBeLessThan(test.sandbox.openApi.calls().length);
  }, 120_000);

  it('makes the same cloud calls for 10 pods as for 1,000 of the same classes', async () => {
    const callsFor = async (count: number) => {
      test.sandbox.setWorld(withReplicatedPods(demo, { cluster: 'acs-prod', template: 'shop/storefront-web-7d9c8b6f5-x2lqk', namespace: 'replicas', count, workloads: 2, cidr: '10.0.64.0/20' }));
      test.sandbox.openApi.resetCalls();
      const result = await runAudit({ cluster: 'acs-prod', scope: { kind: 'namespace', namespace: 'replicas' }, destinations: [internet] });
      return { pods: result.podCount, classes: result.classes, reachable: result.destinations[0]?.counts.reachable, calls: test.sandbox.openApi.calls().map((call) => call.action).sort() };
    };
    const few = await callsFor(10);
    const many = await callsFor(1_000);
    expect([few.pods, few.classes, few.reachable, many.pods, many.classes, many.reachable]).toStrictEqual([10, 2, 10, 1_000, 2, 1_000]);
    expect(many.calls).toStrictEqual(few.calls);
  }, 180_000);

  it('audits the pods of one workload', async () => {
    test.sandbox.setWorld(demo);
    const result = await runAudit({ cluster: 'acs-prod', scope: { kind: 'workload', namespace: 'shop', workloadKind: 'deployment', name: 'checkout-api' }, destinations: [internet] });
    expect(result.destinations[0]?.pods.map((pod) => [pod.name, pod.workload, pod.verdict])).toStrictEqual([
      ['checkout-api-6b8f9d7c5-h4n2v', 'shop/deployment/checkout-api', 'reachable'],
      ['checkout-api-6b8f9d7c5-p9s6d', 'shop/deployment/checkout-api', 'reachable'],
    ]);
  }, 60_000);
});

const post = (body: unknown, stream = false) =>
  POST(new Request(`http://127.0.0.1/api/audits${stream ? '?stream=1' : ''}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }));

describe('POST /api/audits', () => {
  it('streams progress (classes done of the total), then the result', async () => {
    test.sandbox.setWorld(demo);
    const response = await post({ cluster: 'acs-prod', namespace: 'orders', destinations: ['api.partner.example.com:443', '10.0.2.15:8080'] }, true);
    expect([response.status, response.headers.get('content-type')]).toStrictEqual([200, 'application/x-ndjson; charset=utf-8']);
    const lines: Array<{ type: string; stage?: string; done?: number; total?: number; audit?: unknown }> = (await response.text())
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const counted = lines.filter((line) => line.stage === 'classes');
    expect(lines[0]).toStrictEqual({ type: 'progress', stage: 'cluster', message: 'Reading the pods and cluster acs-prod' });
    expect(counted.map((line) => line.done)).toStrictEqual(counted.map((_, index) => index));
    expect(counted.at(-1)?.done).toBe(counted.at(-1)?.total);
    const result = auditResultSchema.parse(lines.at(-1)?.audit);
    expect([lines.at(-1)?.type, result.podCount, result.destinations.map((item) => item.destination.destination)]).toStrictEqual(['result', 4, ['api.partner.example.com:443', '10.0.2.15:8080']]);
  }, 60_000);

  it.each([
    ['no scope', { destination: 'a.example.com:443' }, 400, /exactly one scope/],
    ['two scopes', { namespace: 'shop', all: true, destination: 'a.example.com:443' }, 400, /exactly one scope/],
    ['a destination without port', { namespace: 'shop', destination: 'a.example.com' }, 400, /destination: add a port/],
    ['a bad destination in a list', { namespace: 'shop', destinations: ['a.example.com:443', 'no spaces:1'] }, 400, /destinations\.1: A destination has no spaces/],
    ['a malformed workload', { workload: 'shop/web', destination: 'a.example.com:443' }, 400, /workload must be namespace\/kind\/name/],
    ['an unknown field', { namespace: 'shop', destination: 'a.example.com:443', pods: 3 }, 400, /Unrecognized key/],
    ['an unknown namespace', { cluster: 'acs-prod', namespace: 'nope', destination: 'a.example.com:443' }, 404, /Namespace nope does not exist/],
    ['a workload without pods', { cluster: 'acs-prod', workload: 'shop/deployment/nope', destination: 'a.example.com:443' }, 404, /No pod of shop\/deployment\/nope/],
    ['an unknown cluster', { cluster: 'nope', namespace: 'shop', destination: 'a.example.com:443' }, 404, /Cluster “nope” is not a context/],
  ])('refuses %s with %i and a message', async (_name, body, status, message) => {
    const response = await post(body);
    const answer: { error: { message: string } } = await response.json();
    expect([response.status, answer.error.message]).toStrictEqual([status, expect.stringMatching(message)]);
  });
});
