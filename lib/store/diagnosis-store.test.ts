import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { blockedAtSecurityGroup, reachableInternet, unknownRdsForbidden } from '@/components/diagnosis/__fixtures__';
import { pathFacts, pod } from '@/lib/analysis/__fixtures__/path-builders';
import type { DiagnosisView } from '@/lib/schemas/diagnosis';
import { whatIfEditSchema } from '@/lib/schemas/what-if-edits';
import { startTestPostgres, type TestPostgres } from '@/lib/test/postgres';

import { openedLater, type DiagnosisStore } from './diagnosis-store';
import { createPostgresDiagnosisStore } from './postgres-store';
import { createSqliteDiagnosisStore } from './sqlite-store';
import { parseStoredFacts } from './stored-facts';

const origin = { cluster: 'acs-prod', clusterServer: 'https://127.0.0.1:6443', region: 'cn-hangzhou', accountId: '1583240961722507' };
const day = 24 * 60 * 60_000;
let dir: string;
let file: string;
let clock: Date;
let server: TestPostgres;
/** The PostgreSQL database of the current test (a new one per test). */
let pool: pg.Pool | undefined;

type Engine = 'SQLite' | 'PostgreSQL';
let engine: Engine = 'SQLite';

/** The store of the current engine over the current test's file or database. */
function open(retentionDays = 30): DiagnosisStore {
  if (engine === 'SQLite') return createSqliteDiagnosisStore({ file, retentionDays, now: () => clock });
  const { current } = { current: pool };
  if (!current) throw new Error('invariant: a PostgreSQL test has a pool');
  return openedLater(() => createPostgresDiagnosisStore({ pool: current, retentionDays, now: () => clock }));
}

/** Rows in the diagnoses table, expired or not. */
async function countRows(): Promise<number> {
  if (engine === 'SQLite') return Number(new Database(file, { readonly: true }).prepare('SELECT count(*) AS n FROM diagnoses').pluck().get());
  return Number((await (pool as pg.Pool).query<{ n: string }>('SELECT count(*) AS n FROM diagnoses')).rows[0]?.n);
}

beforeAll(async () => {
  server = await startTestPostgres();
}, 120_000);

afterAll(async () => {
  await server?.stop();
});
const inCluster = (diagnosis: DiagnosisView, cluster: string, namespace: string): DiagnosisView => ({ ...diagnosis, request: { ...diagnosis.request, cluster, namespace } });

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'egress-doctor-db-'));
  file = path.join(dir, 'data', 'egress-doctor.db');
  clock = new Date('2026-03-01T10:00:00.000Z');
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
  await pool?.end();
  pool = undefined;
});

describe.each<Engine>(['SQLite', 'PostgreSQL'])('the diagnosis store on %s', (current) => {
  beforeEach(async () => {
    engine = current;
    if (current === 'PostgreSQL') pool = new pg.Pool({ connectionString: await server.createDatabase(), max: 4 });
  });

  it('saves and reads back the diagnosis exactly, with its fragment, origin and lifetime', async () => {
    const store = open();
    const saved = await store.save({ diagnosis: blockedAtSecurityGroup, worldYaml: 'version: 1\n', origin });
    expect(saved.diagnosis.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(await store.get(saved.diagnosis.id ?? '')).toStrictEqual({
      diagnosis: { ...blockedAtSecurityGroup, id: saved.diagnosis.id },
      worldYaml: 'version: 1\n',
      factsJson: null,
      origin,
      savedAt: '2026-03-01T10:00:00.000Z',
      expiresAt: '2026-03-31T10:00:00.000Z',
    });
    await store.close();
  });

  it('keeps the facts (without unanalysed annotations) and the what-if origin of a hypothetical', async () => {
    const store = open();
    const facts = pathFacts({ cluster: { pod: pod({ annotations: { 'k8s.aliyun.com/eni-instance-id': 'eni-1', 'example.com/token': 'hunter2' } }) } });
    const whatIf = { baseId: 'AAAAAAAAAAAAAAAAAAAAAA', edits: [whatIfEditSchema.parse({ kind: 'removeSnatEntry', snatEntryId: 'snat-1' })] };
    const saved = await store.save({ diagnosis: blockedAtSecurityGroup, worldYaml: '', origin, facts, whatIf });
    const reloaded = await store.get(saved.diagnosis.id ?? '');
    expect({ facts: parseStoredFacts(reloaded?.factsJson ?? null), whatIf: reloaded?.whatIf }).toStrictEqual({
      facts: { ...facts, cluster: { ...facts.cluster, pod: pod({ annotations: { 'k8s.aliyun.com/eni-instance-id': 'eni-1' } }) } },
      whatIf,
    });
    expect(reloaded?.factsJson).not.toContain('hunter2');
    await store.close();
  });

  it('reads rows saved by schema version 1 (no facts) after migrating', async () => {
    const v1Row = { id: 'BBBBBBBBBBBBBBBBBBBBBB', created_at: clock.getTime(), expires_at: clock.getTime() + day, cluster: 'acs-prod', namespace: 'shop', pod: 'web', destination: 'x', port: 443, protocol: 'tcp', verdict: 'blocked', blocking_hop: 'securityGroup', diagnosis_json: JSON.stringify({ ...blockedAtSecurityGroup, id: 'BBBBBBBBBBBBBBBBBBBBBB' }), world_yaml: '', cluster_server: null, region: null, account_id: null };
    const columns = Object.keys(v1Row);
    if (engine === 'SQLite') {
      await mkdir(path.dirname(file), { recursive: true });
      const db = new Database(file);
      db.exec(`CREATE TABLE diagnoses (id TEXT PRIMARY KEY, created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL, cluster TEXT NOT NULL, namespace TEXT NOT NULL, pod TEXT NOT NULL, destination TEXT NOT NULL, port INTEGER NOT NULL, protocol TEXT NOT NULL, verdict TEXT NOT NULL, blocking_hop TEXT, diagnosis_json TEXT NOT NULL, world_yaml TEXT NOT NULL, cluster_server TEXT, region TEXT, account_id TEXT) STRICT`);
      db.prepare(`INSERT INTO diagnoses (${columns.join(', ')}) VALUES (${columns.map((column) => `@${column}`).join(', ')})`).run(v1Row);
      db.pragma('user_version = 1');
      db.close();
    } else {
      const current = pool as pg.Pool;
      await current.query(`CREATE TABLE egress_doctor_migrations (component TEXT NOT NULL, version INTEGER NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now(), PRIMARY KEY (component, version));
        INSERT INTO egress_doctor_migrations (component, version) VALUES ('diagnoses', 1);
        CREATE TABLE diagnoses (seq BIGSERIAL UNIQUE, id TEXT PRIMARY KEY, created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL, cluster TEXT NOT NULL, namespace TEXT NOT NULL, pod TEXT NOT NULL, destination TEXT NOT NULL, port INTEGER NOT NULL, protocol TEXT NOT NULL, verdict TEXT NOT NULL, blocking_hop TEXT, diagnosis_json TEXT NOT NULL, world_yaml TEXT NOT NULL, cluster_server TEXT, region TEXT, account_id TEXT)`);
      await current.query(`INSERT INTO diagnoses (${columns.join(', ')}) VALUES (${columns.map((_, index) => `$${index + 1}`).join(', ')})`, Object.values(v1Row));
    }
    const store = open();
    const old = await store.get(v1Row.id);
    expect({ id: old?.diagnosis.id, factsJson: old?.factsJson, whatIf: old?.whatIf }).toStrictEqual({ id: v1Row.id, factsJson: null, whatIf: undefined });
    await store.close();
  });

  it('answers null for unknown and malformed ids', async () => {
    const store = open();
    expect(await store.get('AAAAAAAAAAAAAAAAAAAAAA')).toBeNull();
    expect(await store.get("x' OR 1=1 --")).toBeNull();
    await store.close();
  });

  it.runIf(current === 'SQLite')('uses WAL, synchronous FULL and schema version 2', async () => {
    const store = open();
    await store.close();
    const db = new Database(file, { readonly: true });
    expect([db.pragma('journal_mode', { simple: true }), db.pragma('user_version', { simple: true })]).toStrictEqual(['wal', 2]);
    db.close();
  });

  it('lists newest first, filtered by cluster and namespace, up to the limit', async () => {
    const store = open();
    const ids: string[] = [];
    for (const [index, diagnosis] of [inCluster(blockedAtSecurityGroup, 'acs-prod', 'shop'), inCluster(reachableInternet, 'acs-prod', 'payments'), inCluster(unknownRdsForbidden, 'ack-flannel', 'shop')].entries()) {
      clock = new Date(Date.UTC(2026, 2, 1, 10, index));
      ids.push((await store.save({ diagnosis, worldYaml: '', origin })).diagnosis.id ?? '');
    }
    const idsOf = async (query: Parameters<DiagnosisStore['list']>[0]) => (await store.list(query)).map((summary) => summary.id);
    expect(await idsOf({ limit: 50 })).toStrictEqual([ids[2], ids[1], ids[0]]);
    expect(await idsOf({ cluster: 'acs-prod', limit: 50 })).toStrictEqual([ids[1], ids[0]]);
    expect(await idsOf({ namespace: 'shop', limit: 50 })).toStrictEqual([ids[2], ids[0]]);
    expect(await idsOf({ cluster: 'acs-prod', namespace: 'shop', limit: 50 })).toStrictEqual([ids[0]]);
    expect(await idsOf({ limit: 1 })).toStrictEqual([ids[2]]);
    expect((await store.list({ cluster: 'ack-flannel', limit: 5 }))[0]).toStrictEqual({
      id: ids[2], savedAt: '2026-03-01T10:02:00.000Z', expiresAt: '2026-03-31T10:02:00.000Z', cluster: 'ack-flannel', namespace: 'shop',
      pod: unknownRdsForbidden.request.pod, destination: unknownRdsForbidden.request.destination, port: unknownRdsForbidden.request.port, protocol: unknownRdsForbidden.request.protocol,
      verdict: 'unknown', blockingHop: null,
    });
    await store.close();
  });

  it('never returns an expired diagnosis, and purges it', async () => {
    const store = open(2);
    const id = (await store.save({ diagnosis: blockedAtSecurityGroup, worldYaml: '', origin })).diagnosis.id ?? '';
    clock = new Date(clock.getTime() + 2 * day - 1);
    expect((await store.get(id))?.diagnosis.id).toBe(id);
    clock = new Date(clock.getTime() + 1);
    expect(await store.get(id)).toBeNull();
    expect(await store.list({ limit: 50 })).toStrictEqual([]);
    expect(await store.purgeExpired(clock)).toBe(1);
    expect(await store.purgeExpired(clock)).toBe(0);
    await store.close();
  });

  it('purges expired rows when it opens and when it saves', async () => {
    const first = open(1);
    await first.save({ diagnosis: blockedAtSecurityGroup, worldYaml: '', origin });
    await first.close();
    clock = new Date(clock.getTime() + 2 * day);
    const reopened = open(1);
    // NOTE: the PostgreSQL store opens (connects, migrates, purges) on first use.
    expect(await reopened.list({ limit: 5 })).toStrictEqual([]);
    expect(await countRows()).toBe(0);
    await reopened.save({ diagnosis: blockedAtSecurityGroup, worldYaml: '', origin });
    clock = new Date(clock.getTime() + 2 * day);
    await reopened.save({ diagnosis: reachableInternet, worldYaml: '', origin });
    expect(await countRows()).toBe(1);
    await reopened.close();
  });

  it('keeps a link across a restart (close and reopen the database)', async () => {
    const before = open();
    const saved = await before.save({ diagnosis: reachableInternet, worldYaml: 'version: 1\nname: x\n', origin });
    await before.close();
    const after = open();
    expect(await after.get(saved.diagnosis.id ?? '')).toStrictEqual(saved);
    await after.close();
  });

  it.runIf(current === 'SQLite')('loses nothing committed when the writer is killed mid-write', async () => {
    const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', path.resolve(__dirname, '__fixtures__/save-loop.ts'), file], { cwd: path.resolve(__dirname, '../..'), stdio: ['ignore', 'pipe', 'pipe'] });
    const committed: string[] = [];
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      let buffer = '';
      child.stdout.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        for (const line of lines) committed.push(line.split(' ')[0] ?? '');
        if (committed.length >= 200 && !child.killed) child.kill('SIGKILL');
      });
      child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`the writer exited on its own: ${stderr}`))));
    });
    expect(committed.length).toBeGreaterThanOrEqual(200);
    // The kill left a write-ahead log behind: reopening must replay it.
    expect(existsSync(`${file}-wal`)).toBe(true);

    const db = new Database(file);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
    const store = createSqliteDiagnosisStore({ file, retentionDays: 30 });
    for (const [index, id] of committed.entries()) {
      const saved = await store.get(id);
      expect(saved?.diagnosis).toStrictEqual({ ...blockedAtSecurityGroup, id, createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, index)).toISOString() });
    }
    const rows = await store.list({ limit: 200 });
    expect(rows.length).toBeGreaterThanOrEqual(Math.min(200, committed.length));
    await store.close();
  }, 60_000);
});
