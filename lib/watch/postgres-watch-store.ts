/**
 * Watches in PostgreSQL (`DATABASE_URL`), shared by the replicas: the lease is taken by one
 * conditional UPDATE, so of two replicas claiming a watch at once exactly one gets it.
 */
import 'server-only';

import type pg from 'pg';

import { migratePostgres, toMillis, type PostgresMigrations } from '@/lib/store/postgres';

import { toRunColumns, toWatchEvent, toWatchRow, toWatchView } from './watch-rows';
import type { WatchStore } from './watch-store';

/** The schema's versions in order (exported for the migration test). */
export const postgresWatchMigrations: PostgresMigrations = {
  component: 'watches',
  steps: [
    `CREATE TABLE watches (
       seq               BIGSERIAL UNIQUE,
       id                TEXT PRIMARY KEY,
       created_at        BIGINT NOT NULL,
       diagnosis_id      TEXT NOT NULL,
       request_json      TEXT NOT NULL,
       interval_ms       BIGINT NOT NULL,
       webhook_url       TEXT,
       webhook_format    TEXT,
       verdict           TEXT NOT NULL,
       blocking_hop      TEXT,
       blocking_rule     TEXT,
       last_diagnosis_id TEXT NOT NULL,
       last_run_at       BIGINT,
       next_run_at       BIGINT NOT NULL,
       last_error        TEXT,
       lease_owner       TEXT,
       lease_expires_at  BIGINT
     );
     CREATE INDEX watches_due ON watches (next_run_at);
     CREATE TABLE watch_events (
       seq        BIGSERIAL PRIMARY KEY,
       watch_id   TEXT NOT NULL REFERENCES watches (id) ON DELETE CASCADE,
       at         BIGINT NOT NULL,
       event_json TEXT NOT NULL
     );
     CREATE INDEX watch_events_by_watch ON watch_events (watch_id, seq DESC);`,
    // 2: watched audits (watch-rows.ts).
    `ALTER TABLE watches ADD COLUMN target_kind TEXT NOT NULL DEFAULT 'diagnosis';
     ALTER TABLE watches ADD COLUMN audit_json TEXT;
     ALTER TABLE watches ADD COLUMN audit_state_json TEXT;`,
  ],
};

/** pg gives BIGINT columns as strings; the row schema wants numbers. */
function withMillis(row: Record<string, unknown>): Record<string, unknown> {
  const optional = (value: unknown) => (value === null ? null : toMillis(value));
  return { ...row, created_at: toMillis(row.created_at), interval_ms: toMillis(row.interval_ms), last_run_at: optional(row.last_run_at), next_run_at: toMillis(row.next_run_at) };
}

/** Opens the store on `options.pool`, migrating the schema first. */
export async function createPostgresWatchStore(options: { pool: pg.Pool; now?: () => Date }): Promise<WatchStore> {
  const { pool } = options;
  const now = options.now ?? (() => new Date());
  await migratePostgres(pool, postgresWatchMigrations);

  const get = async (id: string) => {
    const row = (await pool.query<Record<string, unknown>>('SELECT * FROM watches WHERE id = $1', [id])).rows[0];
    return row === undefined ? null : toWatchView(withMillis(row));
  };
  const insertEvent = (client: pg.Pool | pg.PoolClient, id: string, at: number, event: unknown) => client.query('INSERT INTO watch_events (watch_id, at, event_json) VALUES ($1, $2, $3)', [id, at, JSON.stringify(event)]);

  /** Runs `work` in one transaction on one connection. */
  async function inTransaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: unknown) => console.error(JSON.stringify({ level: 'error', task: 'watch store rollback', error: String(rollbackError) })));
      throw error;
    } finally {
      client.release();
    }
  }

  return {
    get,
    async create(watch, baseline) {
      const createdAt = now().getTime();
      const row = toWatchRow(watch, createdAt);
      const columns = Object.keys(row);
      await inTransaction(async (client) => {
        await client.query(`INSERT INTO watches (${columns.join(', ')}) VALUES (${columns.map((_, index) => `$${index + 1}`).join(', ')})`, Object.values(row));
        await insertEvent(client, watch.id, createdAt, baseline);
      });
      const saved = await get(watch.id);
      if (!saved) throw new Error(`invariant: watch ${watch.id} was saved but cannot be read back`);
      return saved;
    },
    async list(limit) {
      const result = await pool.query<Record<string, unknown>>('SELECT * FROM watches ORDER BY created_at DESC, seq DESC LIMIT $1', [limit]);
      return result.rows.map((row) => toWatchView(withMillis(row)));
    },
    async events(id, limit) {
      const result = await pool.query<{ event_json: string }>('SELECT event_json FROM watch_events WHERE watch_id = $1 ORDER BY seq DESC LIMIT $2', [id, limit]);
      return result.rows.map((row) => toWatchEvent(row.event_json));
    },
    async due(at) {
      const result = await pool.query<{ id: string }>('SELECT id FROM watches WHERE next_run_at <= $1 AND (lease_owner IS NULL OR lease_expires_at <= $1) ORDER BY next_run_at', [at.getTime()]);
      return result.rows.map((row) => row.id);
    },
    async claim(id, owner, at, leaseMs, force) {
      const result = await pool.query(
        `UPDATE watches SET lease_owner = $2, lease_expires_at = $4
         WHERE id = $1 AND ($5 OR next_run_at <= $3) AND (lease_owner IS NULL OR lease_expires_at <= $3)`,
        [id, owner, at.getTime(), at.getTime() + leaseMs, force],
      );
      return result.rowCount === 1 ? get(id) : null;
    },
    async finish(id, owner, update, event) {
      const columns = toRunColumns(update);
      return inTransaction(async (client) => {
        const result = await client.query(
          `UPDATE watches SET verdict = $3, blocking_hop = $4, blocking_rule = $5, last_diagnosis_id = $6, last_run_at = $7, next_run_at = $8, last_error = $9,
             audit_state_json = $10, lease_owner = NULL, lease_expires_at = NULL
           WHERE id = $1 AND lease_owner = $2`,
          [id, owner, columns.verdict, columns.blocking_hop, columns.blocking_rule, columns.last_diagnosis_id, columns.last_run_at, columns.next_run_at, columns.last_error, columns.audit_state_json],
        );
        const done = result.rowCount === 1;
        if (done && event) await insertEvent(client, id, update.lastRunAt, event);
        return done;
      });
    },
    async remove(id) {
      return ((await pool.query('DELETE FROM watches WHERE id = $1', [id])).rowCount ?? 0) === 1;
    },
    async close() {},
  };
}
