/**
 * The audit log of applied fixes and undos: one SQLite file of its own (`DATA_DIR/audit.db`,
 * better-sqlite3, WAL, `synchronous = FULL`), apart from the saved diagnoses so their
 * retention never touches it. Rows are appended; only the undo columns and the re-run are
 * filled in later.
 */
import 'server-only';

import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

import Database from 'better-sqlite3';
import { z } from 'zod';

import type { DiagnosisRequest } from '@/lib/analysis/model';
import type { InverseOperation } from '@/lib/fixes/inverse';
import { diagnosisRequestViewSchema, fixSchema } from '@/lib/schemas/diagnosis';

import { auditEntrySchema, changeRequestSchema, type AuditEntry, type ChangeRequest } from './schemas';

/** What is recorded for one apply or undo. */
export interface NewAuditRecord {
  at: Date;
  actor: string;
  operation: 'apply' | 'undo';
  diagnosisId: string;
  fixId: string;
  undoOf: string | null;
  /** The request that was diagnosed (re-run after an undo). */
  diagnosisRequest: DiagnosisRequest;
  title: string;
  request: ChangeRequest;
  result: { status: 'ok' | 'failed'; message: string; code: string | null };
  /** Whether the change took effect, from the state re-read right after it; null when it failed. */
  effect: AuditEntry['effect'];
  /** What the cloud or cluster answered (JSON), null on failure. */
  response: unknown;
  /** State read before the change (the revoked rule, the replaced list, the object), null when none. */
  before: unknown;
  /** The operation that reverses it, null when none. */
  inverse: InverseOperation | null;
  rerun: AuditEntry['rerun'];
}

/** A stored row: the entry the API sends plus what an undo needs. */
export interface AuditRecord {
  entry: AuditEntry;
  diagnosisRequest: DiagnosisRequest;
  inverse: InverseOperation | null;
  before: unknown;
  response: unknown;
}

/** The audit log: SQLite here, PostgreSQL in postgres-audit-store.ts (shared by replicas). */
export interface AuditStore {
  /** Appends a record under a new id and returns it. */
  record(record: NewAuditRecord): Promise<AuditRecord>;
  get(id: string): Promise<AuditRecord | null>;
  /** Newest first. */
  list(limit: number): Promise<AuditRecord[]>;
  /**
   * Marks an applied change undone; false when it already was (so two undos of the same
   * change cannot both be recorded, even from two replicas).
   */
  markUndone(id: string, undo: { by: string; at: Date; undoAuditId: string }): Promise<boolean>;
  /** Records the re-run taken after the change. */
  setRerun(id: string, rerun: NonNullable<AuditEntry['rerun']>): Promise<void>;
  close(): Promise<void>;
}

const migrations: ReadonlyArray<string> = [
  `CREATE TABLE audit (
     seq              INTEGER PRIMARY KEY AUTOINCREMENT,
     id               TEXT NOT NULL UNIQUE,
     at               INTEGER NOT NULL,
     actor            TEXT NOT NULL,
     operation        TEXT NOT NULL CHECK (operation IN ('apply', 'undo')),
     diagnosis_id     TEXT NOT NULL,
     fix_id           TEXT NOT NULL,
     undo_of          TEXT,
     diagnosis_request TEXT NOT NULL,
     title            TEXT NOT NULL,
     request          TEXT NOT NULL,
     status           TEXT NOT NULL CHECK (status IN ('ok', 'failed')),
     message          TEXT NOT NULL,
     code             TEXT,
     response         TEXT,
     before_state     TEXT,
     inverse          TEXT,
     undone_at        INTEGER,
     undone_by        TEXT,
     undo_audit_id    TEXT,
     rerun            TEXT
   );
   CREATE INDEX audit_diagnosis ON audit (diagnosis_id, fix_id);`,
  `ALTER TABLE audit ADD COLUMN effect TEXT;`,
];

const objectRefSchema = z.object({ apiVersion: z.string(), kind: z.string(), namespace: z.string().nullable(), name: z.string() });
const alicloudFixSchema = fixSchema.options[1].extend({ product: z.enum(['Ecs', 'Vpc', 'Slb', 'Rds', 'R-kvstore', 'Polardb', 'Dds']) });
const inverseSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('alicloud'), fix: alicloudFixSchema }),
  z.object({ kind: z.literal('kubernetesDelete'), title: z.string(), context: z.string(), ref: objectRefSchema }),
  z.object({ kind: z.literal('kubernetesMergePatch'), title: z.string(), context: z.string(), ref: objectRefSchema, patch: z.record(z.string(), z.unknown()) }),
]);

const rowSchema = z.object({
  id: z.string(),
  at: z.number(),
  actor: z.string(),
  operation: z.enum(['apply', 'undo']),
  diagnosis_id: z.string(),
  fix_id: z.string(),
  undo_of: z.string().nullable(),
  diagnosis_request: z.string(),
  title: z.string(),
  request: z.string(),
  status: z.enum(['ok', 'failed']),
  message: z.string(),
  code: z.string().nullable(),
  response: z.string().nullable(),
  before_state: z.string().nullable(),
  inverse: z.string().nullable(),
  undone_at: z.number().nullable(),
  undone_by: z.string().nullable(),
  undo_audit_id: z.string().nullable(),
  rerun: z.string().nullable(),
  effect: z.string().nullable(),
});

const json = (value: unknown): string | null => (value === null || value === undefined ? null : JSON.stringify(value));
const parsed = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

/** A row read back (SQLite or PostgreSQL, timestamps as epoch ms) → the record. */
export function toRecord(raw: unknown): AuditRecord {
  const row = rowSchema.parse(raw);
  const inverse = row.inverse === null ? null : inverseSchema.parse(JSON.parse(row.inverse));
  const undone = row.undone_at !== null;
  const entry = auditEntrySchema.parse({
    id: row.id,
    at: new Date(row.at).toISOString(),
    actor: row.actor,
    operation: row.operation,
    diagnosisId: row.diagnosis_id,
    fixId: row.fix_id,
    undoOf: row.undo_of,
    title: row.title,
    request: changeRequestSchema.parse(JSON.parse(row.request)),
    result: { status: row.status, message: row.message, code: row.code },
    effect: parsed(row.effect),
    undo: {
      available: row.status === 'ok' && inverse !== null && !undone,
      undoneAt: row.undone_at === null ? null : new Date(row.undone_at).toISOString(),
      undoneBy: row.undone_by,
      undoAuditId: row.undo_audit_id,
    },
    rerun: parsed(row.rerun),
  });
  return { entry, diagnosisRequest: diagnosisRequestViewSchema.parse(JSON.parse(row.diagnosis_request)), inverse, before: parsed(row.before_state), response: parsed(row.response) };
}

/** Opens (creating and migrating) the audit database at `file` (`:memory:` for tests). */
export function createSqliteAuditStore(file: string): AuditStore {
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  const version = z.number().int().parse(db.pragma('user_version', { simple: true }));
  db.transaction(() => {
    for (const [index, migration] of migrations.entries()) if (index >= version) db.exec(migration);
    db.pragma(`user_version = ${migrations.length}`);
  })();

  const insert = db.prepare(`INSERT INTO audit (id, at, actor, operation, diagnosis_id, fix_id, undo_of, diagnosis_request, title, request, status, message, code, response, before_state, inverse, rerun, effect)
    VALUES (@id, @at, @actor, @operation, @diagnosisId, @fixId, @undoOf, @diagnosisRequest, @title, @request, @status, @message, @code, @response, @before, @inverse, @rerun, @effect)`);
  const selectOne = db.prepare('SELECT * FROM audit WHERE id = ?');
  const selectMany = db.prepare('SELECT * FROM audit ORDER BY seq DESC LIMIT ?');
  const updateRerun = db.prepare('UPDATE audit SET rerun = ? WHERE id = ?');
  const undo = db.prepare('UPDATE audit SET undone_at = ?, undone_by = ?, undo_audit_id = ? WHERE id = ? AND undone_at IS NULL');

  const get = (id: string): AuditRecord | null => {
    const row: unknown = selectOne.get(id);
    return row === undefined ? null : toRecord(row);
  };

  return {
    async record(record) {
      const row = toAuditRow(record);
      insert.run(row);
      const stored = get(row.id);
      if (!stored) throw new Error(`invariant: audit row ${row.id} was not found right after it was written`);
      return stored;
    },
    get: async (id) => get(id),
    async list(limit) {
      return selectMany.all(limit).map(toRecord);
    },
    async markUndone(id, { by, at, undoAuditId }) {
      return undo.run(at.getTime(), by, undoAuditId, id).changes === 1;
    },
    async setRerun(id, rerun) {
      updateRerun.run(JSON.stringify(rerun), id);
    },
    async close() {
      db.close();
    },
  };
}

/** The row to insert for `record` under a new id (named parameters, as both engines bind them). */
export function toAuditRow(record: NewAuditRecord) {
  return {
    id: `audit-${randomBytes(12).toString('base64url')}`,
    at: record.at.getTime(),
    actor: record.actor,
    operation: record.operation,
    diagnosisId: record.diagnosisId,
    fixId: record.fixId,
    undoOf: record.undoOf,
    diagnosisRequest: JSON.stringify(record.diagnosisRequest),
    title: record.title,
    request: JSON.stringify(record.request),
    status: record.result.status,
    message: record.result.message,
    code: record.result.code,
    response: json(record.response),
    before: json(record.before),
    inverse: json(record.inverse),
    rerun: json(record.rerun),
    effect: json(record.effect),
  };
}
