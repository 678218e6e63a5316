/**
 * A watch on a scenario of the demo world, run against the sandbox: nothing is told while the
 * world stays the same; when the world changes (the blocking rule is removed) the webhook on
 * loopback is called exactly once, in the DingTalk shape, and /api/metrics shows the new
 * verdict and the cloud calls. Also: the payload shapes, bounded retries, URL validation.
 */
import { createServer, type Server } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { GET as getMetricsRoute } from '@/app/api/metrics/route';
import { POST as createWatchRoute } from '@/app/api/watches/route';
import { diagnoseWithFacts } from '@/lib/diagnose/diagnose';
import { resetEnvForTests } from '@/lib/env';
import { createWatchSchema, watchDetailSchema } from '@/lib/schemas/watch';
import type { Scenario, World } from '@/lib/schemas/world';
import { startTestSandbox, type TestSandbox } from '@/lib/store/__fixtures__/sandbox-env';
import { loadDemoWorld, requestOf, scenarioOf } from '@/lib/test/demo-scenarios';
import { getDiagnosisStore, type DiagnosisStore } from '@/lib/store/diagnosis-store';
import { saveDiagnosisRun } from '@/lib/store/saved-diagnoses';

import { sendWebhook, webhookPayload, type WatchChange } from './webhook';
import { createLiveWatchScheduler } from './watch-service';
import { getWatchStore, type WatchStore } from './watch-store';

const world = loadDemoWorld();
const scenario = (id: string): Scenario => scenarioOf(world, id);

/** The world without security-group rule `ruleId`. */
const withoutRule = (source: World, ruleId: string): World => ({
  ...source,
  cloud: {
    ...source.cloud,
    securityGroups: source.cloud.securityGroups.map((group) => ({ ...group, Permissions: { ...group.Permissions, Permission: group.Permissions.Permission.filter((rule) => rule.SecurityGroupRuleId !== ruleId) } })),
  },
});

interface Receiver {
  url: string;
  bodies: unknown[];
  /** Status to answer each request with, in turn (the last one repeats). */
  statuses: number[];
  server: Server;
}

async function startReceiver(statuses: number[] = [200]): Promise<Receiver> {
  const receiver: Receiver = { url: '', bodies: [], statuses, server: createServer() };
  receiver.server.on('request', (request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString()));
    request.on('end', () => {
      receiver.bodies.push(JSON.parse(text));
      response.statusCode = receiver.statuses[Math.min(receiver.bodies.length - 1, receiver.statuses.length - 1)] ?? 200;
      response.end('{}');
    });
  });
  await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(receiver.server.address() as AddressInfo).port}/hook`;
  return receiver;
}

let live: TestSandbox;
let dataDir: string;
let diagnoses: DiagnosisStore;
let watches: WatchStore;
const receivers: Receiver[] = [];

beforeAll(async () => {
  live = await startTestSandbox(world);
  live.use();
  dataDir = await mkdtemp(path.join(tmpdir(), 'egress-doctor-watch-e2e-'));
  process.env.DATA_DIR = dataDir;
  process.env.EGRESS_DOCTOR_WATCH_SCHEDULER = 'false';
  // The receivers listen on loopback: allowed explicitly, every other host refused.
  process.env.EGRESS_DOCTOR_WEBHOOK_HOSTS = '127.0.0.1';
  resetEnvForTests();
  diagnoses = getDiagnosisStore();
  watches = getWatchStore();
}, 120_000);

afterAll(async () => {
  await Promise.all(receivers.map((receiver) => new Promise((resolve) => receiver.server.close(resolve))));
  await watches.close();
  await diagnoses.close();
  await live.close();
  await rm(dataDir, { recursive: true, force: true });
  delete process.env.EGRESS_DOCTOR_WEBHOOK_HOSTS;
  resetEnvForTests();
});

describe('a watch on a scenario whose world changes', () => {
  it('calls its webhook once, when the blocking rule goes away, and the metrics show it', async () => {
    const receiver = await startReceiver();
    receivers.push(receiver);
    const saved = await saveDiagnosisRun(diagnoses, await diagnoseWithFacts(requestOf(scenario('sg-drop'))));
    expect(saved.diagnosis.verdict).toBe('blocked');
    const created = await createWatchRoute(
      new Request('http://127.0.0.1/api/watches', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ diagnosisId: saved.diagnosis.id, intervalMinutes: 1, webhook: { url: receiver.url, format: 'dingtalk' } }) }),
    );
    expect(created.status).toBe(201);
    const { watch } = watchDetailSchema.parse(await created.json());
    const scheduler = createLiveWatchScheduler(watches, { owner: 'test', diagnoses });

    await scheduler.runNow(watch.id);
    expect(receiver.bodies).toStrictEqual([]);

    const rule = saved.diagnosis.hops.find((hop) => hop.kind === 'securityGroup')?.evidence.decidedBy?.id ?? '';
    live.sandbox.setWorld(withoutRule(world, rule));
    const after = await scheduler.runNow(watch.id);
    await scheduler.runNow(watch.id);

    expect(receiver.bodies).toHaveLength(1);
    expect(receiver.bodies[0]).toMatchObject({ msgtype: 'markdown', markdown: { title: 'Egress path changed: reachable' } });
    expect(JSON.stringify(receiver.bodies[0])).toContain(`blocked at securityGroup (${rule}) → reachable`);
    expect(after?.state).toStrictEqual({ verdict: 'reachable', blockingHop: null, blockingRule: null });
    const events = await watches.events(watch.id, 10);
    expect(events.map((event) => [event.kind, event.notification, event.attempts])).toStrictEqual([
      ['changed', 'sent', 1],
      ['baseline', 'none', 0],
    ]);
    expect((await diagnoses.get(after?.lastDiagnosisId ?? ''))?.diagnosis.verdict).toBe('reachable');

    const metrics = await (await getMetricsRoute()).text();
    expect(metrics).toContain(`egress_doctor_watch_verdict{watch="${watch.id}",cluster="acs-prod",namespace="payments",pod="${scenario('sg-drop').pod}",destination="hooks.paygate.example.net",port="443",verdict="reachable"} 1`);
    expect(metrics).toMatch(/^egress_doctor_cloud_calls_total\{action="DescribeSecurityGroupAttribute"\} [1-9]\d*$/m);
    expect(metrics).toMatch(/^egress_doctor_diagnoses_total\{verdict="reachable"\} [1-9]\d*$/m);
  }, 120_000);

  it('watches an audit: calls its webhook once when a rule that blocked some of its pods goes away', async () => {
    live.sandbox.setWorld(world);
    const receiver = await startReceiver();
    receivers.push(receiver);
    const audit = { cluster: 'acs-prod', namespace: 'shop', destinations: ['https://api.partner.example.com'] };
    const created = await createWatchRoute(
      new Request('http://127.0.0.1/api/watches', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ audit, intervalMinutes: 1, webhook: { url: receiver.url, format: 'json' } }) }),
    );
    expect(created.status).toBe(201);
    const { watch, events } = watchDetailSchema.parse(await created.json());
    expect(watch.target).toStrictEqual({ kind: 'audit', audit: { cluster: 'acs-prod', scope: { kind: 'namespace', namespace: 'shop' }, destination: { destination: 'https://api.partner.example.com', host: 'api.partner.example.com', port: 443, protocol: 'tcp' } } });
    expect(watch.state.audit?.counts).toStrictEqual({ reachable: 10, blocked: 2, unknown: 0 });
    expect(events[0]?.message).toMatch(/^Watching from 10 reachable, 2 blocked, 0 unknown; .*1 blocked at Security group: .*sgr-.*; single change: /);
    const scheduler = createLiveWatchScheduler(watches, { owner: 'test', diagnoses });

    await scheduler.runNow(watch.id);
    expect(receiver.bodies).toStrictEqual([]);

    const rule = watch.state.audit?.groups.find((group) => group.hop === 'securityGroup')?.rule ?? '';
    expect(rule).toMatch(/^sgr-/);
    live.sandbox.setWorld(withoutRule(world, rule));
    const after = await scheduler.runNow(watch.id);
    await scheduler.runNow(watch.id);

    expect(receiver.bodies).toHaveLength(1);
    expect(receiver.bodies[0]).toMatchObject({ type: 'watch.changed', watchId: watch.id, audit: watch.target.kind === 'audit' ? watch.target.audit : null, auditUrl: '/namespaces?cluster=acs-prod&namespace=shop&to=https%3A%2F%2Fapi.partner.example.com', current: { verdict: 'blocked', audit: { counts: { reachable: 11, blocked: 1, unknown: 0 } } } });
    expect(after?.state.audit?.groups.some((group) => group.rule === rule)).toBe(false);
    expect((await watches.events(watch.id, 10)).map((event) => [event.kind, event.notification, event.diagnosisId])).toStrictEqual([
      ['changed', 'sent', null],
      ['baseline', 'none', null],
    ]);
    const metrics = await (await getMetricsRoute()).text();
    expect(metrics).toContain(`egress_doctor_watch_audit_pods{watch="${watch.id}",verdict="reachable"} 11`);
    live.sandbox.setWorld(world);
  }, 120_000);

  it('refuses with 400 a webhook whose host is not in EGRESS_DOCTOR_WEBHOOK_HOSTS', async () => {
    const saved = await saveDiagnosisRun(diagnoses, await diagnoseWithFacts(requestOf(scenario('nacl-deny'))));
    const answer = await createWatchRoute(
      new Request('http://127.0.0.1/api/watches', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ diagnosisId: saved.diagnosis.id, webhook: { url: 'https://hooks.example.com/x' } }) }),
    );
    expect({ status: answer.status, body: await answer.json() }).toMatchObject({
      status: 400,
      body: { error: { code: 'webhook_host_not_allowed', message: 'The webhook host hooks.example.com is not in EGRESS_DOCTOR_WEBHOOK_HOSTS (127.0.0.1).' } },
    });
    expect((await watches.list(100)).some((watch) => watch.webhook?.url === 'https://hooks.example.com/x')).toBe(false);
  });

  it('refuses to watch a what-if', async () => {
    const saved = await saveDiagnosisRun(diagnoses, await diagnoseWithFacts(requestOf(scenario('nacl-deny'))));
    const hypothetical = await diagnoses.save({ diagnosis: saved.diagnosis, worldYaml: saved.worldYaml, origin: saved.origin, whatIf: { baseId: saved.diagnosis.id ?? '', edits: [] } });
    const answer = await createWatchRoute(new Request('http://127.0.0.1/api/watches', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ diagnosisId: hypothetical.diagnosis.id }) }));
    expect(answer.status).toBe(409);
  });
});

const change: WatchChange = {
  watch: { id: 'WATCH', target: { kind: 'diagnosis', diagnosisId: 'D0', request: { cluster: 'acs-prod', namespace: 'shop', pod: 'web-0', destination: 'api.example.com', host: 'api.example.com', port: 443, protocol: 'tcp' } } },
  previous: { verdict: 'reachable', blockingHop: null, blockingRule: null },
  current: { verdict: 'blocked', blockingHop: 'networkAcl', blockingRule: 'nae-1' },
  diagnosisId: 'DIAG',
  diagnosisUrl: 'https://doctor.example.com/d/DIAG',
  at: '2026-03-01T10:00:00.000Z',
};

describe('webhook payloads', () => {
  it.each([
    [
      'json',
      { type: 'watch.changed', watchId: 'WATCH', request: change.watch.target.kind === 'diagnosis' ? change.watch.target.request : null, previous: change.previous, current: change.current, diagnosisId: 'DIAG', diagnosisUrl: 'https://doctor.example.com/d/DIAG', at: '2026-03-01T10:00:00.000Z' },
    ],
    [
      'dingtalk',
      {
        msgtype: 'markdown',
        markdown: {
          title: 'Egress path changed: blocked',
          text: '### Egress path changed\n\n**shop/web-0 → api.example.com (443/tcp, cluster acs-prod)**\n\nreachable → blocked at networkAcl (nae-1)\n\n[Open the diagnosis](https://doctor.example.com/d/DIAG)',
        },
      },
    ],
    ['slack', { text: 'Egress path changed: shop/web-0 → api.example.com (443/tcp, cluster acs-prod)\nreachable → blocked at networkAcl (nae-1)\n<https://doctor.example.com/d/DIAG|Open the diagnosis>' }],
  ] as const)('%s', (format, expected) => {
    expect(webhookPayload(format, change)).toStrictEqual(expected);
  });
});

describe('webhook payloads of a watched audit', () => {
  const audit = { cluster: 'acs-prod', scope: { kind: 'workload' as const, namespace: 'shop', workloadKind: 'deployment', name: 'web' }, destination: { destination: 'db:5432', host: 'db', port: 5432, protocol: 'tcp' as const } };
  const counts = (blocked: number) => ({ verdict: 'blocked' as const, blockingHop: 'securityGroup' as const, blockingRule: 'sgr-1', audit: { counts: { reachable: 3 - blocked, blocked, unknown: 0 }, groups: [], singleChange: null } });
  const auditChange: WatchChange = { ...change, watch: { id: 'WATCH', target: { kind: 'audit', audit } }, previous: counts(1), current: counts(2), diagnosisId: null, diagnosisUrl: '/namespaces?cluster=acs-prod&namespace=shop&to=db%3A5432' };
  it.each([
    ['json', { type: 'watch.changed', watchId: 'WATCH', audit, previous: counts(1), current: counts(2), auditUrl: '/namespaces?cluster=acs-prod&namespace=shop&to=db%3A5432', at: '2026-03-01T10:00:00.000Z' }],
    ['slack', { text: 'Egress audit changed: audit of workload shop/deployment/web → db:5432 (5432/tcp, cluster acs-prod)\n2 reachable, 1 blocked, 0 unknown → 1 reachable, 2 blocked, 0 unknown\n</namespaces?cluster=acs-prod&namespace=shop&to=db%3A5432|Open the audit>' }],
  ] as const)('%s', (format, expected) => {
    expect(webhookPayload(format, auditChange)).toStrictEqual(expected);
  });
});

describe('sendWebhook', () => {
  it.each([
    { name: 'retries 5xx and succeeds on the third attempt', statuses: [500, 503, 200], expected: { outcome: 'sent', attempts: 3, error: null }, calls: 3 },
    { name: 'gives up after the bounded number of attempts', statuses: [503], expected: { outcome: 'failed', attempts: 3, error: 'HTTP 503' }, calls: 3 },
    { name: 'does not retry a 4xx refusal', statuses: [400], expected: { outcome: 'failed', attempts: 1, error: 'HTTP 400' }, calls: 1 },
  ])('$name', async ({ statuses, expected, calls }) => {
    const receiver = await startReceiver(statuses);
    receivers.push(receiver);
    expect(await sendWebhook(receiver.url, { text: 'hi' }, { backoffMs: () => 10 })).toStrictEqual(expected);
    expect(receiver.bodies).toHaveLength(calls);
  });

  it('reports a receiver that is not listening', async () => {
    const result = await sendWebhook('http://127.0.0.1:9/hook', {}, { attempts: 2, backoffMs: () => 10, timeoutMs: 2_000 });
    expect({ outcome: result.outcome, attempts: result.attempts }).toStrictEqual({ outcome: 'failed', attempts: 2 });
  });
});

describe('watch requests', () => {
  it.each([
    ['ftp://example.com/hook', 'must be an http:// or https:// URL'],
    ['javascript:alert(1)', 'must be an http:// or https:// URL'],
    ['https://user:secret@example.com/hook', 'must not carry a user name or password'],
    ['hooks.example.com/x', 'must be an absolute URL'],
  ])('refuses the webhook %s', (url, message) => {
    const result = createWatchSchema.safeParse({ diagnosisId: 'x', webhook: { url } });
    expect(result.error?.issues.map((issue) => issue.message)).toContain(message);
  });

  it.each([
    [{}, 'give diagnosisId or audit (one of them)'],
    [{ diagnosisId: 'x', audit: { namespace: 'shop', destination: 'db:5432' } }, 'give diagnosisId or audit (one of them)'],
    [{ audit: { namespace: 'shop', destinations: ['db:5432', 'cache:6379'] } }, 'a watched audit has exactly one destination'],
    [{ audit: { namespace: 'shop', destination: 'db' } }, 'add a port: “db” has none (host:port, a URL, or the port field)'],
  ])('refuses the target %j', (body, message) => {
    expect(createWatchSchema.safeParse(body).error?.issues.map((issue) => issue.message)).toContain(message);
  });

  it('takes an audit of one destination', () => {
    expect(createWatchSchema.parse({ audit: { all: true, destination: 'db:5432' } }).audit).toStrictEqual({
      cluster: undefined,
      scope: { kind: 'cluster' },
      destinations: [{ destination: 'db:5432', host: 'db', port: 5432, protocol: 'tcp' }],
    });
  });

  it('takes 15 minutes and JSON by default, and no interval under a minute', () => {
    expect(createWatchSchema.parse({ diagnosisId: 'x', webhook: { url: 'https://oapi.dingtalk.com/robot/send?access_token=t' } })).toStrictEqual({ diagnosisId: 'x', intervalMinutes: 15, webhook: { url: 'https://oapi.dingtalk.com/robot/send?access_token=t', format: 'json' } });
    expect(createWatchSchema.safeParse({ diagnosisId: 'x', intervalMinutes: 0 }).success).toBe(false);
  });
});
