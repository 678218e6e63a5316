import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import type { InverseOperation } from '@/lib/fixes/inverse';

import { createSqliteAuditStore, type NewAuditRecord } from './audit-store';

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

const opened: Array<() => void> = [];
afterEach(() => {
  for (const close of opened.splice(0)) close();
});

function openStore(file = ':memory:') {
  const store = createSqliteAuditStore(file);
  opened.push(() => store.close());
  return store;
}

describe('audit store', () => {
  it('records an apply and reads it back with its inverse, request and effect', () => {
    const store = openStore();
    const stored = store.record(apply());
    expect(store.get(stored.entry.id)).toStrictEqual({
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

  it('lists newest first', () => {
    const store = openStore();
    const first = store.record(apply());
    const second = store.record(apply({ result: { status: 'failed', message: 'Forbidden', code: 'Forbidden.RAM' }, inverse: null, rerun: null, response: null }));
    expect(store.list(10).map((record) => [record.entry.id, record.entry.result.status, record.entry.undo.available])).toStrictEqual([
      [second.entry.id, 'failed', false],
      [first.entry.id, 'ok', true],
    ]);
  });

  it('marks a change undone once only', () => {
    const store = openStore();
    const { entry } = store.record(apply());
    const at = new Date('2025-05-01T11:00:00Z');
    expect(store.markUndone(entry.id, { by: 'bob', at, undoAuditId: 'audit-undo' })).toBe(true);
    expect(store.markUndone(entry.id, { by: 'carol', at, undoAuditId: 'audit-undo-2' })).toBe(false);
    expect(store.get(entry.id)?.entry.undo).toStrictEqual({ available: false, undoneAt: '2025-05-01T11:00:00.000Z', undoneBy: 'bob', undoAuditId: 'audit-undo' });
  });

  it('answers null for an unknown id', () => {
    expect(openStore().get('audit-nope')).toBeNull();
  });

  it('keeps its rows in its own file across reopen (WAL)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'audit-'));
    try {
      const file = path.join(dir, 'nested', 'audit.db');
      const first = createSqliteAuditStore(file);
      const { entry } = first.record(apply());
      first.close();
      const second = createSqliteAuditStore(file);
      expect(second.list(5).map((record) => record.entry.id)).toStrictEqual([entry.id]);
      second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('audit store re-run', () => {
  it('fills in the re-run after the change', () => {
    const store = openStore();
    const { entry } = store.record(apply({ rerun: null }));
    store.setRerun(entry.id, { diagnosisId: 'd9', verdict: 'blocked', blockingHop: 'securityGroup' });
    expect(store.get(entry.id)?.entry.rerun).toStrictEqual({ diagnosisId: 'd9', verdict: 'blocked', blockingHop: 'securityGroup' });
  });
});
