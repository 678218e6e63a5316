/**
 * The shared PostgreSQL database (`DATABASE_URL=postgres://…`) that several replicas use for
 * saved diagnoses, the audit log and the confirmation-token ledger; SQLite files stay the
 * embedded default. One pool per process, and versioned migrations per component, applied
 * under an advisory lock so replicas starting together migrate once.
 */
import 'server-only';

import pg from 'pg';

/** Migrations of one component (`diagnoses`, `audit`, `confirmations`), in order. Append only. */
export interface PostgresMigrations {
  component: string;
  steps: ReadonlyArray<string>;
}

// NOTE: on globalThis so every route bundle of the server shares one pool.
declare global {
  var acsEgressDoctorPostgresPools: Map<string, pg.Pool> | undefined;
}

/** The process-wide pool for `url` (at most 10 connections; idle ones close after 30 s). */
export function getPostgresPool(url: string): pg.Pool {
  globalThis.acsEgressDoctorPostgresPools ??= new Map();
  let pool = globalThis.acsEgressDoctorPostgresPools.get(url);
  if (!pool) {
    pool = new pg.Pool({ connectionString: url, max: 10, idleTimeoutMillis: 30_000, connectionTimeoutMillis: 10_000 });
    // An idle client's error (the server restarted) must not crash the process; the pool drops it.
    pool.on('error', (error) => console.error(JSON.stringify({ level: 'error', task: 'postgres pool', error: error.message })));
    globalThis.acsEgressDoctorPostgresPools.set(url, pool);
  }
  return pool;
}

/** A lock id of our own for `pg_advisory_xact_lock` ("egress-doctor migrations"). */
const migrationLock = 0x45_44_6d_69;

/**
 * Applies the steps of `migrations` not yet applied, all in one transaction holding the
 * migration lock, and records each in `egress_doctor_migrations`. Refuses a database that
 * is ahead of this build.
 */
export async function migratePostgres(pool: pg.Pool, migrations: PostgresMigrations): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [migrationLock]);
    await client.query(`CREATE TABLE IF NOT EXISTS egress_doctor_migrations (
      component  TEXT NOT NULL,
      version    INTEGER NOT NULL,
      applied_at TIMESTAMPTZ NOT NULL DEFAULT now(),
      PRIMARY KEY (component, version)
    )`);
    const result = await client.query<{ version: number | null }>('SELECT max(version) AS version FROM egress_doctor_migrations WHERE component = $1', [migrations.component]);
    const current = result.rows[0]?.version ?? 0;
    if (current > migrations.steps.length) {
      throw new Error(`The ${migrations.component} schema in PostgreSQL is version ${current}, newer than this build knows (${migrations.steps.length}); refusing to touch it.`);
    }
    for (const [index, sql] of migrations.steps.entries()) {
      if (index < current) continue;
      await client.query(sql);
      await client.query('INSERT INTO egress_doctor_migrations (component, version) VALUES ($1, $2)', [migrations.component, index + 1]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: unknown) => console.error(JSON.stringify({ level: 'error', task: 'postgres rollback', error: String(rollbackError) })));
    throw error;
  } finally {
    client.release();
  }
}

/** A BIGINT column as pg returns it (a string) → number of milliseconds. */
export function toMillis(value: unknown): number {
  const number = typeof value === 'string' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isSafeInteger(number)) throw new Error(`invariant: a millisecond column holds an integer, got ${String(value)}`);
  return number;
}
