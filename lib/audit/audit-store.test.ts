import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import type { InverseOperation } from '@/lib/fixes/inverse';
import { startTestPostgres, type TestPostgres } from '@/lib/test/postgres';

import { createSqliteAuditStore, type AuditStore, type NewAuditRecord } from './audit-store';
import { createPostgresAuditStore } from './postgres-audit-store';

const request = { cluster: 'acs-prod', namespace: 'shop', pod: 'web-1', destination: '203.0.113.10', host: '203.0.113.10', port: 443, protocol: 'tcp' as const };
const inverse: InverseOperation = { kind: 'kubernetesDelete', title: 'Undo: delete NetworkPolicy shop/x', context: 'acs-prod', ref: { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', namespace: 'shop', name: 'x' } };

function apply(overrides: Partial<NewAuditRecord> = {}): NewAuditRecord {
  return {
    at: new Date('2025-05-01T10:00:00Z'),
    actor: 'alice',
    operation: 'apply',
    diagnosisId: 'd1',
    fixId: 'networkPolicy-allow-egress-x',
    undoOf: null,
    diagnosisRequest: request,
    title: 'Add NetworkPolicy x',
    request: { kind: 'kubernetes', operation: 'apply', object: 'NetworkPolicy shop/x', body: 'kind: NetworkPolicy\n', command: 'kubectl apply' },
    result: { status: 'ok', message: 'Created NetworkPolicy shop/x', code: null },
    effect: { status: 'confirmed', message: 'Re-read after the change: NetworkPolicy shop/x already is what the change asks for.' },
    response: { ok: true },
    before: null,
    inverse,
    rerun: { diagnosisId: 'd2', verdict: 'reachable', blockingHop: null },
    ...overrides,
  };
}

let server: TestPostgres;
const pools: pg.Pool[] = [];
beforeAll(async () => {
  server = await startTestPostgres();
}, 120_000);
afterAll(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.end()));
  await server?.stop();
});

const opened: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of opened.splice(0)) await close();
});

type Engine = 'SQLite' | 'PostgreSQL';

/** A new, empty audit log of `engine` (PostgreSQL: a database of its own). */
async function openStore(engine: Engine): Promise<AuditStore> {
  if (engine === 'SQLite') {
    const store = createSqliteAuditStore(':memory:');
    opened.push(() => store.close());
    return store;
  }
  const pool = new pg.Pool({ connectionString: await server.createDatabase(), max: 4 });
  pools.push(pool);
  return createPostgresAuditStore(pool);
}

describe.each<Engine>(['SQLite', 'PostgreSQL'])('audit store (%s)', (engine) => {
  it('records an apply and reads it back with its inverse, request and effect', async () => {
    const store = await openStore(engine);
    const stored = await store.record(apply());
    expect(await store.get(stored.entry.id)).toStrictEqual({
      entry: {
        id: stored.entry.id,
        at: '2025-05-01T10:00:00.000Z',
        actor: 'alice',
        operation: 'apply',
        diagnosisId: 'd1',
        fixId: 'networkPolicy-allow-egress-x',
        undoOf: null,
        title: 'Add NetworkPolicy x',
        request: { kind: 'kubernetes', operation: 'apply', object: 'NetworkPolicy shop/x', body: 'kind: NetworkPolicy\n', command: 'kubectl apply' },
        result: { status: 'ok', message: 'Created NetworkPolicy shop/x', code: null },
        effect: { status: 'confirmed', message: 'Re-read after the change: NetworkPolicy shop/x already is what the change asks for.' },
        undo: { available: true, undoneAt: null, undoneBy: null, undoAuditId: null },
        rerun: { diagnosisId: 'd2', verdict: 'reachable', blockingHop: null },
      },
      diagnosisRequest: request,
      inverse,
      before: null,
      response: { ok: true },
    });
  });

  it('lists newest first', async () => {
    const store = await openStore(engine);
    const first = await store.record(apply());
    const second = await store.record(apply({ result: { status: 'failed', message: 'Forbidden', code: 'Forbidden.RAM' }, inverse: null, rerun: null, response: null }));
    expect((await store.list(10)).map((record) => [record.entry.id, record.entry.result.status, record.entry.undo.available])).toStrictEqual([
      [second.entry.id, 'failed', false],
      [first.entry.id, 'ok', true],
    ]);
  });

  it('marks a change undone once only', async () => {
    const store = await openStore(engine);
    const { entry } = await store.record(apply());
    const at = new Date('2025-05-01T11:00:00Z');
    expect(await store.markUndone(entry.id, { by: 'bob', at, undoAuditId: 'audit-undo' })).toBe(true);
    expect(await store.markUndone(entry.id, { by: 'carol', at, undoAuditId: 'audit-undo-2' })).toBe(false);
    expect((await store.get(entry.id))?.entry.undo).toStrictEqual({ available: false, undoneAt: '2025-05-01T11:00:00.000Z', undoneBy: 'bob', undoAuditId: 'audit-undo' });
  });

  it('answers null for an unknown id', async () => {
    expect(await (await openStore(engine)).get('audit-nope')).toBeNull();
  });

  it('records one undo of two concurrent ones', async () => {
    const store = await openStore(engine);
    const { entry } = await store.record(apply());
    const at = new Date('2025-05-01T11:00:00Z');
    const results = await Promise.all(['bob', 'carol', 'dave'].map((by) => store.markUndone(entry.id, { by, at, undoAuditId: `audit-undo-${by}` })));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it.runIf(engine === 'SQLite')('keeps its rows in its own file across reopen (WAL)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'audit-'));
    try {
      const file = path.join(dir, 'nested', 'audit.db');
      const first = createSqliteAuditStore(file);
      const { entry } = await first.record(apply());
      await first.close();
      const second = createSqliteAuditStore(file);
      expect((await second.list(5)).map((record) => record.entry.id)).toStrictEqual([entry.id]);
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.each<Engine>(['SQLite', 'PostgreSQL'])('audit store re-run (%s)', (engine) => {
  it('fills in the re-run after the change', async () => {
    const store = await openStore(engine);
    const { entry } = await store.record(apply({ rerun: null }));
    await store.setRerun(entry.id, { diagnosisId: 'd9', verdict: 'blocked', blockingHop: 'securityGroup' });
    expect((await store.get(entry.id))?.entry.rerun).toStrictEqual({ diagnosisId: 'd9', verdict: 'blocked', blockingHop: 'securityGroup' });
  });
});
