/**
 * The watch store and scheduler on both engines: watches survive a reopen, two schedulers on
 * one store run a due watch once (the lease), a lease held by a crashed replica is taken over
 * once it expires, and only a change of verdict or blocking rule is recorded and told.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import type { WatchEvent, WatchState, WatchView } from '@/lib/schemas/watch';
import { startTestPostgres, type TestPostgres } from '@/lib/test/postgres';

import Database from 'better-sqlite3';

import { migratePostgres } from '@/lib/store/postgres';

import { createPostgresWatchStore, postgresWatchMigrations } from './postgres-watch-store';
import { createWatchScheduler, type WatchRunResult } from './scheduler';
import { createSqliteWatchStore, migrateWatchDatabase, sqliteWatchMigrations } from './sqlite-watch-store';
import type { WatchChange } from './webhook';
import { watchStoreOpenedLater, type NewWatch, type WatchStore } from './watch-store';

type Engine = 'SQLite' | 'PostgreSQL';
let server: TestPostgres;
let dir: string;
let databaseUrl: string;
const pools: pg.Pool[] = [];
let clock: Date;

const blocked: WatchState = { verdict: 'blocked', blockingHop: 'securityGroup', blockingRule: 'sgr-drop' };
const reachable: WatchState = { verdict: 'reachable', blockingHop: null, blockingRule: null };
const request = { cluster: 'acs-prod', namespace: 'payments', pod: 'payment-notifier', destination: 'hooks.paygate.example.net', host: 'hooks.paygate.example.net', port: 443, protocol: 'tcp' as const };

const newWatch = (id: string, overrides: Partial<NewWatch> = {}): NewWatch => ({
  id,
  target: { kind: 'diagnosis', diagnosisId: 'DDDDDDDDDDDDDDDDDDDDDD', request },
  intervalMs: 60_000,
  webhook: { url: 'http://127.0.0.1:9/hook', format: 'json' },
  state: blocked,
  nextRunAt: clock.getTime() + 60_000,
  ...overrides,
});
const baseline: WatchEvent = { at: '2026-03-01T10:00:00.000Z', kind: 'baseline', state: blocked, previous: null, diagnosisId: 'DDDDDDDDDDDDDDDDDDDDDD', message: 'Watching from blocked', notification: 'none', attempts: 0 };

function open(engine: Engine): WatchStore {
  if (engine === 'SQLite') return createSqliteWatchStore({ file: path.join(dir, 'watches.db'), now: () => clock });
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  pools.push(pool);
  return watchStoreOpenedLater(() => createPostgresWatchStore({ pool, now: () => clock }));
}

/** A scheduler whose runs see `states` in turn and take `runMs` each; it counts runs, saves and notifications. */
function scheduler(store: WatchStore, owner: string, states: WatchState[], runMs = 0) {
  const counts = { runs: 0, saves: 0, notified: [] as WatchChange[] };
  const instance = createWatchScheduler({
    store,
    owner,
    now: () => clock,
    leaseMs: 60_000,
    run: async (): Promise<WatchRunResult> => {
      counts.runs += 1;
      await new Promise((resolve) => setTimeout(resolve, runMs));
      const state = states[Math.min(counts.runs - 1, states.length - 1)] ?? blocked;
      return { state, save: async () => `SAVED${String(counts.runs).padStart(17, '0')}` };
    },
    notify: async (_watch: WatchView, change: WatchChange) => {
      counts.notified.push(change);
      return { outcome: 'sent', attempts: 1, error: null };
    },
    diagnosisUrl: (id) => `http://dashboard.test/d/${id}`,
  });
  return { instance, counts };
}

beforeAll(async () => {
  server = await startTestPostgres();
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

describe.each<Engine>(['SQLite', 'PostgreSQL'])('watches on %s', (engine) => {
  beforeEach(async () => {
    clock = new Date('2026-03-01T10:00:00.000Z');
    dir = await mkdtemp(path.join(tmpdir(), 'egress-doctor-watch-'));
    if (engine === 'PostgreSQL') databaseUrl = await server.createDatabase();
  });

  afterEach(async () => {
    await Promise.all(pools.splice(0).map((pool) => pool.end()));
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps a watch and its history across a reopen', async () => {
    const first = open(engine);
    const created = await first.create(newWatch('WWWWWWWWWWWWWWWWWWWWW1'), baseline);
    await first.close();
    const reopened = open(engine);
    expect(await reopened.get(created.id)).toStrictEqual({
      id: 'WWWWWWWWWWWWWWWWWWWWW1',
      createdAt: '2026-03-01T10:00:00.000Z',
      target: { kind: 'diagnosis', diagnosisId: 'DDDDDDDDDDDDDDDDDDDDDD', request },
      intervalMinutes: 1,
      webhook: { url: 'http://127.0.0.1:9/hook', format: 'json' },
      state: blocked,
      lastDiagnosisId: 'DDDDDDDDDDDDDDDDDDDDDD',
      lastRunAt: null,
      nextRunAt: '2026-03-01T10:01:00.000Z',
      lastError: null,
    });
    expect(await reopened.events(created.id, 10)).toStrictEqual([baseline]);
    await reopened.close();
  });

  it('migrates a version 1 store (diagnosis watches only) to version 2 and keeps its watches', async () => {
    const v1Row = [
      'WWWWWWWWWWWWWWWWWWWWW6', clock.getTime(), 'DDDDDDDDDDDDDDDDDDDDDD', JSON.stringify(request), 60_000, null, null, 'blocked', 'securityGroup', 'sgr-drop', 'DDDDDDDDDDDDDDDDDDDDDD', null, clock.getTime() + 60_000, null,
    ];
    const insertV1 = 'INSERT INTO watches (id, created_at, diagnosis_id, request_json, interval_ms, webhook_url, webhook_format, verdict, blocking_hop, blocking_rule, last_diagnosis_id, last_run_at, next_run_at, last_error)';
    if (engine === 'SQLite') {
      const db = new Database(path.join(dir, 'watches.db'));
      migrateWatchDatabase(db, sqliteWatchMigrations.slice(0, 1));
      db.prepare(`${insertV1} VALUES (${v1Row.map(() => '?').join(', ')})`).run(...v1Row);
      db.close();
    } else {
      const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
      await migratePostgres(pool, { ...postgresWatchMigrations, steps: postgresWatchMigrations.steps.slice(0, 1) });
      await pool.query(`${insertV1} VALUES (${v1Row.map((_, index) => `$${index + 1}`).join(', ')})`, v1Row);
      await pool.end();
    }
    const store = open(engine);
    expect(await store.get('WWWWWWWWWWWWWWWWWWWWW6')).toMatchObject({ target: { kind: 'diagnosis', diagnosisId: 'DDDDDDDDDDDDDDDDDDDDDD', request }, state: blocked, lastDiagnosisId: 'DDDDDDDDDDDDDDDDDDDDDD' });
    expect((await store.get('WWWWWWWWWWWWWWWWWWWWW6'))?.state).toStrictEqual(blocked);
    await store.close();
  });

  it('keeps a watched audit, its groups and single change, and records a change of the pods per group once', async () => {
    const audit = { cluster: 'acs-prod', scope: { kind: 'namespace' as const, namespace: 'shop' }, destination: { destination: 'api.partner.example.com:443', host: 'api.partner.example.com', port: 443, protocol: 'tcp' as const } };
    const group = { verdict: 'blocked' as const, hop: 'securityGroup' as const, rule: 'sgr-drop', title: 'blocked at Security group: sgr-drop in sg-1', pods: 2 };
    const twoBlocked: WatchState = { ...blocked, audit: { counts: { reachable: 10, blocked: 2, unknown: 0 }, groups: [group], singleChange: { fixId: 'fix-1', title: 'Allow 443 in sg-1', unblocks: 2 } } };
    const threeBlocked: WatchState = { ...blocked, audit: { counts: { reachable: 9, blocked: 3, unknown: 0 }, groups: [{ ...group, pods: 3 }], singleChange: { fixId: 'fix-1', title: 'Allow 443 in sg-1', unblocks: 3 } } };
    const first = open(engine);
    await first.create(newWatch('WWWWWWWWWWWWWWWWWWWWW5', { target: { kind: 'audit', audit }, state: twoBlocked }), { ...baseline, state: twoBlocked, diagnosisId: null });
    await first.close();
    const store = open(engine);
    expect(await store.get('WWWWWWWWWWWWWWWWWWWWW5')).toMatchObject({ target: { kind: 'audit', audit }, state: twoBlocked, lastDiagnosisId: null });
    const counts = { runs: 0, notified: [] as WatchChange[] };
    const instance = createWatchScheduler({
      store,
      owner: 'only',
      now: () => clock,
      run: async () => {
        counts.runs += 1;
        return { state: counts.runs === 1 ? twoBlocked : threeBlocked, save: async () => null, link: '/namespaces?cluster=acs-prod' };
      },
      notify: async (_watch, change) => {
        counts.notified.push(change);
        return { outcome: 'sent', attempts: 1, error: null };
      },
      diagnosisUrl: (id) => `/d/${id}`,
    });
    // Same groups: nothing; one more pod blocked by the same rule: a change, told once.
    for (let run = 0; run < 3; run += 1) await instance.runNow('WWWWWWWWWWWWWWWWWWWWW5');
    expect(counts.notified.map((change) => [change.diagnosisId, change.diagnosisUrl, change.current.audit?.counts.blocked])).toStrictEqual([[null, '/namespaces?cluster=acs-prod', 3]]);
    const events = await store.events('WWWWWWWWWWWWWWWWWWWWW5', 10);
    expect(events.map((event) => [event.kind, event.diagnosisId])).toStrictEqual([
      ['changed', null],
      ['baseline', null],
    ]);
    expect(events[0]?.message).toBe(
      '10 reachable, 2 blocked, 0 unknown; 2 blocked at Security group: sgr-drop in sg-1; single change: Allow 443 in sg-1 (unblocks 2) → 9 reachable, 3 blocked, 0 unknown; 3 blocked at Security group: sgr-drop in sg-1; single change: Allow 443 in sg-1 (unblocks 3)',
    );
    expect(await store.get('WWWWWWWWWWWWWWWWWWWWW5')).toMatchObject({ state: threeBlocked, lastDiagnosisId: null });
    await store.close();
  });

  it('two schedulers on one store run a due watch once', async () => {
    const [storeA, storeB] = [open(engine), open(engine)];
    await storeA.create(newWatch('WWWWWWWWWWWWWWWWWWWWW2'), baseline);
    const a = scheduler(storeA, 'replica-a', [reachable], 50);
    const b = scheduler(storeB, 'replica-b', [reachable], 50);
    expect(await Promise.all([a.instance.tick(), b.instance.tick()])).toStrictEqual([0, 0]);
    clock = new Date(clock.getTime() + 60_000);
    const ran = await Promise.all([a.instance.tick(), b.instance.tick()]);
    expect({ ran: ran[0] + ran[1], runs: a.counts.runs + b.counts.runs, notified: a.counts.notified.length + b.counts.notified.length }).toStrictEqual({ ran: 1, runs: 1, notified: 1 });
    const watch = await storeB.get('WWWWWWWWWWWWWWWWWWWWW2');
    expect({ state: watch?.state, nextRunAt: watch?.nextRunAt, lastDiagnosisId: watch?.lastDiagnosisId }).toStrictEqual({ state: reachable, nextRunAt: '2026-03-01T10:02:00.000Z', lastDiagnosisId: 'SAVED00000000000000001' });
    // Not due again until its interval has passed.
    expect(await Promise.all([a.instance.tick(), b.instance.tick()])).toStrictEqual([0, 0]);
    await Promise.all([storeA.close(), storeB.close()]);
  });

  it('a lease held by a replica that died is taken over only once it expires', async () => {
    const store = open(engine);
    await store.create(newWatch('WWWWWWWWWWWWWWWWWWWWW3', { nextRunAt: clock.getTime() }), baseline);
    expect(await store.claim('WWWWWWWWWWWWWWWWWWWWW3', 'crashed', clock, 60_000, false)).not.toBeNull();
    const survivor = scheduler(store, 'survivor', [blocked]);
    expect(await survivor.instance.tick()).toBe(0);
    expect(await survivor.instance.runNow('WWWWWWWWWWWWWWWWWWWWW3')).toBeNull();
    clock = new Date(clock.getTime() + 60_000);
    expect(await survivor.instance.tick()).toBe(1);
    // The crashed replica's late finish does not overwrite the survivor's run.
    expect(await store.finish('WWWWWWWWWWWWWWWWWWWWW3', 'crashed', { state: reachable, lastDiagnosisId: 'x', lastRunAt: 0, nextRunAt: 0, lastError: null }, null)).toBe(false);
    expect((await store.get('WWWWWWWWWWWWWWWWWWWWW3'))?.state).toStrictEqual(blocked);
    await store.close();
  });

  it('records and tells only changes of verdict or blocking rule, and a failure once', async () => {
    const store = open(engine);
    await store.create(newWatch('WWWWWWWWWWWWWWWWWWWWW4'), baseline);
    const otherRule: WatchState = { ...blocked, blockingRule: 'sgr-other' };
    const { instance, counts } = scheduler(store, 'only', [blocked, otherRule, otherRule]);
    for (let run = 0; run < 3; run += 1) await instance.runNow('WWWWWWWWWWWWWWWWWWWWW4');
    const failing = createWatchScheduler({ store, owner: 'failing', now: () => clock, run: async () => Promise.reject(new Error('Kubernetes API unreachable')), notify: async () => ({ outcome: 'sent', attempts: 1, error: null }), diagnosisUrl: (id) => id });
    await failing.runNow('WWWWWWWWWWWWWWWWWWWWW4');
    await failing.runNow('WWWWWWWWWWWWWWWWWWWWW4');
    const events = await store.events('WWWWWWWWWWWWWWWWWWWWW4', 10);
    expect(events.map((event) => [event.kind, event.message, event.notification])).toStrictEqual([
      ['error', 'The run failed: Kubernetes API unreachable', 'none'],
      ['changed', 'blocked at securityGroup (sgr-drop) → blocked at securityGroup (sgr-other)', 'sent'],
      ['baseline', 'Watching from blocked', 'none'],
    ]);
    expect(counts.notified.map((change) => [change.previous.blockingRule, change.current.blockingRule, change.diagnosisUrl])).toStrictEqual([['sgr-drop', 'sgr-other', 'http://dashboard.test/d/SAVED00000000000000002']]);
    expect((await store.get('WWWWWWWWWWWWWWWWWWWWW4'))?.lastError).toBe('Kubernetes API unreachable');
    await store.close();
  });
});
