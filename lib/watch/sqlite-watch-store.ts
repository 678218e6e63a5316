/**
 * Watches in an embedded SQLite file (WAL, synchronous FULL, `PRAGMA user_version` migrations),
 * apart from the saved diagnoses so each keeps its own schema version. Claims are one UPDATE
 * each: SQLite serialises writers, so two processes on the file never both take a lease.
 */
import 'server-only';

import { mkdirSync } from 'node:fs';
import path from 'node:path';

import Database from 'better-sqlite3';
import { z } from 'zod';

import { toRunColumns, toWatchEvent, toWatchRow, toWatchView } from './watch-rows';
import type { WatchStore } from './watch-store';

/** The schema's versions in order (exported for the migration test). */
export const sqliteWatchMigrations: ReadonlyArray<string> = [
  `CREATE TABLE watches (
     id                TEXT PRIMARY KEY,
     created_at        INTEGER NOT NULL,
     diagnosis_id      TEXT NOT NULL,
     request_json      TEXT NOT NULL,
     interval_ms       INTEGER NOT NULL,
     webhook_url       TEXT,
     webhook_format    TEXT,
     verdict           TEXT NOT NULL,
     blocking_hop      TEXT,
     blocking_rule     TEXT,
     last_diagnosis_id TEXT NOT NULL,
     last_run_at       INTEGER,
     next_run_at       INTEGER NOT NULL,
     last_error        TEXT,
     lease_owner       TEXT,
     lease_expires_at  INTEGER
   ) STRICT;
   CREATE INDEX watches_due ON watches (next_run_at);
   CREATE TABLE watch_events (
     seq        INTEGER PRIMARY KEY AUTOINCREMENT,
     watch_id   TEXT NOT NULL REFERENCES watches (id) ON DELETE CASCADE,
     at         INTEGER NOT NULL,
     event_json TEXT NOT NULL
   ) STRICT;
   CREATE INDEX watch_events_by_watch ON watch_events (watch_id, seq DESC);`,
  // 2: watched audits (watch-rows.ts).
  `ALTER TABLE watches ADD COLUMN target_kind TEXT NOT NULL DEFAULT 'diagnosis';
   ALTER TABLE watches ADD COLUMN audit_json TEXT;
   ALTER TABLE watches ADD COLUMN audit_state_json TEXT;`,
];

/** Applies the versions of `migrations` the file has not had yet. */
export function migrateWatchDatabase(db: Database.Database, migrations: ReadonlyArray<string> = sqliteWatchMigrations): void {
  const current = z.number().int().nonnegative().parse(db.pragma('user_version', { simple: true }));
  if (current > migrations.length) throw new Error(`The watch database schema is version ${current}, newer than this build knows (${migrations.length}); refusing to touch it.`);
  migrations.slice(current).forEach((sql, index) => {
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${current + index + 1}`);
    })();
  });
}

/** Opens (creating and migrating when needed) the watch store in `options.file` (`:memory:` for tests). */
export function createSqliteWatchStore(options: { file: string; now?: () => Date }): WatchStore {
  const now = options.now ?? (() => new Date());
  if (options.file !== ':memory:') mkdirSync(path.dirname(options.file), { recursive: true, mode: 0o700 });
  const db = new Database(options.file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  migrateWatchDatabase(db);

  const columns = Object.keys(toWatchRow({ id: '', target: { kind: 'diagnosis', diagnosisId: '', request: { cluster: '', namespace: '', pod: '', destination: '', host: '', port: 1, protocol: 'tcp' } }, intervalMs: 0, webhook: null, state: { verdict: 'unknown', blockingHop: null, blockingRule: null }, nextRunAt: 0 }, 0));
  const insert = db.prepare(`INSERT INTO watches (${columns.join(', ')}) VALUES (${columns.map((column) => `@${column}`).join(', ')})`);
  const insertEvent = db.prepare('INSERT INTO watch_events (watch_id, at, event_json) VALUES (?, ?, ?)');
  const selectOne = db.prepare('SELECT * FROM watches WHERE id = ?');
  const claim = db.prepare(
    `UPDATE watches SET lease_owner = @owner, lease_expires_at = @until
     WHERE id = @id AND (@force = 1 OR next_run_at <= @now) AND (lease_owner IS NULL OR lease_expires_at <= @now)`,
  );
  const finish = db.prepare(
    `UPDATE watches SET verdict = @verdict, blocking_hop = @blocking_hop, blocking_rule = @blocking_rule, audit_state_json = @audit_state_json, last_diagnosis_id = @last_diagnosis_id,
       last_run_at = @last_run_at, next_run_at = @next_run_at, last_error = @last_error, lease_owner = NULL, lease_expires_at = NULL
     WHERE id = @id AND lease_owner = @owner`,
  );

  const get = async (id: string) => {
    const row: unknown = selectOne.get(id);
    return row === undefined ? null : toWatchView(row);
  };

  return {
    get,
    async create(watch, baseline) {
      const createdAt = now().getTime();
      db.transaction(() => {
        insert.run(toWatchRow(watch, createdAt));
        insertEvent.run(watch.id, createdAt, JSON.stringify(baseline));
      })();
      const saved = await get(watch.id);
      if (!saved) throw new Error(`invariant: watch ${watch.id} was saved but cannot be read back`);
      return saved;
    },
    async list(limit) {
      const rows: unknown[] = db.prepare('SELECT * FROM watches ORDER BY created_at DESC, rowid DESC LIMIT ?').all(limit);
      return rows.map(toWatchView);
    },
    async events(id, limit) {
      const rows = z.array(z.object({ event_json: z.string() })).parse(db.prepare('SELECT event_json FROM watch_events WHERE watch_id = ? ORDER BY seq DESC LIMIT ?').all(id, limit));
      return rows.map((row) => toWatchEvent(row.event_json));
    },
    async due(at) {
      const rows = z.array(z.object({ id: z.string() })).parse(
        db.prepare('SELECT id FROM watches WHERE next_run_at <= @now AND (lease_owner IS NULL OR lease_expires_at <= @now) ORDER BY next_run_at').all({ now: at.getTime() }),
      );
      return rows.map((row) => row.id);
    },
    async claim(id, owner, at, leaseMs, force) {
      const taken = claim.run({ id, owner, now: at.getTime(), until: at.getTime() + leaseMs, force: force ? 1 : 0 }).changes === 1;
      return taken ? get(id) : null;
    },
    async finish(id, owner, update, event) {
      return db.transaction(() => {
        const done = finish.run({ id, owner, ...toRunColumns(update) }).changes === 1;
        if (done && event) insertEvent.run(id, update.lastRunAt, JSON.stringify(event));
        return done;
      })();
    },
    async remove(id) {
      return db.prepare('DELETE FROM watches WHERE id = ?').run(id).changes === 1;
    },
    async close() {
      db.close();
    },
  };
}
