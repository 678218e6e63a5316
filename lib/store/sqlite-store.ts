/**
 * The embedded store of saved diagnoses: one SQLite file (better-sqlite3), one row per diagnosis.
 *
 * - WAL journal: readers never block the writer, and a crash mid-write leaves the last
 *   committed transaction intact (the WAL is replayed on the next open).
 * - `synchronous = FULL`: every commit fsyncs the WAL, so a share link handed to a user
 *   survives even a power loss or kernel crash, not only a process crash (which NORMAL already
 *   survives). Saves happen at human pace (one per diagnosis), so the fsync cost does not matter.
 * - Schema changes are numbered migrations recorded in `PRAGMA user_version`.
 * - Expired rows are never returned, and are purged at open, on save and on a timer.
 */
import 'server-only';

import { mkdirSync } from 'node:fs';
import path from 'node:path';

import Database from 'better-sqlite3';
import { z } from 'zod';

import { diagnosisIdPattern } from './diagnosis-id';
import { summaryColumns, summaryRowSchema, toRow, toStored, toSummary } from './diagnosis-rows';
import type { DiagnosisRecord, DiagnosisStore, StoredDiagnosis } from './diagnosis-store';

export interface SqliteStoreOptions {
  /** Database file; its directory is created (mode 0700) when missing. `:memory:` for tests. */
  file: string;
  /** Days a diagnosis is kept. */
  retentionDays: number;
  /** Purge expired rows this often (an unref'd timer, so it never keeps the process alive); off when absent. */
  purgeEveryMs?: number;
  /** Clock, for tests. */
  now?: () => Date;
}

/**
 * Migrations in order; `user_version` is the number applied. Append only: never edit one
 * that has shipped, add the next.
 */
const migrations: ReadonlyArray<string> = [
  `CREATE TABLE diagnoses (
     id             TEXT PRIMARY KEY,
     created_at     INTEGER NOT NULL,
     expires_at     INTEGER NOT NULL,
     cluster        TEXT NOT NULL,
     namespace      TEXT NOT NULL,
     pod            TEXT NOT NULL,
     destination    TEXT NOT NULL,
     port           INTEGER NOT NULL,
     protocol       TEXT NOT NULL,
     verdict        TEXT NOT NULL,
     blocking_hop   TEXT,
     diagnosis_json TEXT NOT NULL,
     world_yaml     TEXT NOT NULL,
     cluster_server TEXT,
     region         TEXT,
     account_id     TEXT
   ) STRICT;
   CREATE INDEX diagnoses_created ON diagnoses (created_at DESC);
   CREATE INDEX diagnoses_scope ON diagnoses (cluster, namespace, created_at DESC);
   CREATE INDEX diagnoses_expiry ON diagnoses (expires_at);`,
  // 2: the facts beside the fragment (what-if re-evaluates them), and the origin of a saved hypothetical.
  `ALTER TABLE diagnoses ADD COLUMN facts_json TEXT;
   ALTER TABLE diagnoses ADD COLUMN what_if_json TEXT;`,
];

/** Applies the migrations not yet applied, each in its own transaction. */
export function migrate(db: Database.Database): void {
  const current = z.number().int().nonnegative().parse(db.pragma('user_version', { simple: true }));
  if (current > migrations.length) {
    throw new Error(`The database schema is version ${current}, newer than this build knows (${migrations.length}); refusing to touch it.`);
  }
  migrations.slice(current).forEach((sql, index) => {
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${current + index + 1}`);
    })();
  });
}

/** Opens (creating and migrating when needed) the store in `options.file`. */
export function createSqliteDiagnosisStore(options: SqliteStoreOptions): DiagnosisStore {
  const now = options.now ?? (() => new Date());
  if (options.file !== ':memory:') mkdirSync(path.dirname(options.file), { recursive: true, mode: 0o700 });
  const db = new Database(options.file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  migrate(db);

  const insert = db.prepare(
    `INSERT INTO diagnoses (id, created_at, expires_at, cluster, namespace, pod, destination, port, protocol, verdict, blocking_hop, diagnosis_json, world_yaml, cluster_server, region, account_id, facts_json, what_if_json)
     VALUES (@id, @created_at, @expires_at, @cluster, @namespace, @pod, @destination, @port, @protocol, @verdict, @blocking_hop, @diagnosis_json, @world_yaml, @cluster_server, @region, @account_id, @facts_json, @what_if_json)`,
  );
  const selectOne = db.prepare('SELECT * FROM diagnoses WHERE id = ? AND expires_at > ?');
  const purge = db.prepare('DELETE FROM diagnoses WHERE expires_at <= ?');
  const purgeExpired = (at: Date) => purge.run(at.getTime()).changes;

  purgeExpired(now());
  const timer = options.purgeEveryMs
    ? setInterval(() => {
        try {
          purgeExpired(now());
        } catch (error) {
          console.error(JSON.stringify({ level: 'error', task: 'purge expired diagnoses', error: error instanceof Error ? error.message : String(error) }));
        }
      }, options.purgeEveryMs)
    : null;
  timer?.unref();

  const get = async (id: string): Promise<StoredDiagnosis | null> => {
    if (!diagnosisIdPattern.test(id)) return null;
    const row: unknown = selectOne.get(id, now().getTime());
    return row === undefined ? null : toStored(row);
  };

  return {
    get,
    async save(record: DiagnosisRecord) {
      const row = toRow(record, now().getTime(), options.retentionDays);
      insert.run(row);
      const { id, created_at: createdAt } = row;
      purgeExpired(new Date(createdAt));
      const saved = await get(id);
      if (!saved) throw new Error(`invariant: diagnosis ${id} was saved but cannot be read back`);
      return saved;
    },
    async list(query) {
      const where = ['expires_at > @now'];
      const params: Record<string, string | number> = { now: now().getTime(), limit: query.limit };
      if (query.cluster !== undefined) {
        where.push('cluster = @cluster');
        params.cluster = query.cluster;
      }
      if (query.namespace !== undefined) {
        where.push('namespace = @namespace');
        params.namespace = query.namespace;
      }
      const rows: unknown[] = db
        .prepare(`SELECT ${summaryColumns} FROM diagnoses WHERE ${where.join(' AND ')} ORDER BY created_at DESC, rowid DESC LIMIT @limit`)
        .all(params);
      return rows.map((row) => toSummary(summaryRowSchema.parse(row)));
    },
    async purgeExpired(at) {
      return purgeExpired(at);
    },
    async close() {
      if (timer) clearInterval(timer);
      db.close();
    },
  };
}
