/**
 * Saved diagnoses in PostgreSQL (`DATABASE_URL`), the store several replicas share: every
 * replica reads every share link. Same rows, retention and purge as the SQLite store.
 */
import 'server-only';

import type pg from 'pg';

import { diagnosisIdPattern } from './diagnosis-id';
import { summaryColumns, summaryRowSchema, toRow, toStored, toSummary } from './diagnosis-rows';
import type { DiagnosisRecord, DiagnosisStore, StoredDiagnosis } from './diagnosis-store';
import { migratePostgres, toMillis, type PostgresMigrations } from './postgres';

export interface PostgresStoreOptions {
  pool: pg.Pool;
  /** Days a diagnosis is kept. */
  retentionDays: number;
  /** Purge expired rows this often (an unref'd timer); off when absent. */
  purgeEveryMs?: number;
  /** Clock, for tests. */
  now?: () => Date;
}

const migrations: PostgresMigrations = {
  component: 'diagnoses',
  steps: [
    `CREATE TABLE diagnoses (
       seq            BIGSERIAL UNIQUE,
       id             TEXT PRIMARY KEY,
       created_at     BIGINT NOT NULL,
       expires_at     BIGINT NOT NULL,
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
     );
     CREATE INDEX diagnoses_created ON diagnoses (created_at DESC);
     CREATE INDEX diagnoses_scope ON diagnoses (cluster, namespace, created_at DESC);
     CREATE INDEX diagnoses_expiry ON diagnoses (expires_at);`,
    // 2: the facts beside the fragment (what-if re-evaluates them), and the origin of a saved hypothetical.
    `ALTER TABLE diagnoses ADD COLUMN facts_json TEXT;
     ALTER TABLE diagnoses ADD COLUMN what_if_json TEXT;`,
  ],
};

/** pg gives BIGINT columns as strings; the row schemas want numbers. */
function withMillis(row: Record<string, unknown>): Record<string, unknown> {
  return { ...row, created_at: toMillis(row.created_at), expires_at: toMillis(row.expires_at) };
}

/** Opens the store on `options.pool`, migrating the schema first. */
export async function createPostgresDiagnosisStore(options: PostgresStoreOptions): Promise<DiagnosisStore> {
  const { pool } = options;
  const now = options.now ?? (() => new Date());
  await migratePostgres(pool, migrations);

  const purgeExpired = async (at: Date) => (await pool.query('DELETE FROM diagnoses WHERE expires_at <= $1', [at.getTime()])).rowCount ?? 0;
  await purgeExpired(now());
  const timer = options.purgeEveryMs
    ? setInterval(() => {
        purgeExpired(now()).catch((error: unknown) =>
          console.error(JSON.stringify({ level: 'error', task: 'purge expired diagnoses', error: error instanceof Error ? error.message : String(error) })),
        );
      }, options.purgeEveryMs)
    : null;
  timer?.unref();

  const get = async (id: string): Promise<StoredDiagnosis | null> => {
    if (!diagnosisIdPattern.test(id)) return null;
    const result = await pool.query<Record<string, unknown>>('SELECT * FROM diagnoses WHERE id = $1 AND expires_at > $2', [id, now().getTime()]);
    const row = result.rows[0];
    return row === undefined ? null : toStored(withMillis(row));
  };

  return {
    get,
    async save(record: DiagnosisRecord) {
      const row = toRow(record, now().getTime(), options.retentionDays);
      const columns = Object.keys(row);
      await pool.query(
        `INSERT INTO diagnoses (${columns.join(', ')}) VALUES (${columns.map((_, index) => `$${index + 1}`).join(', ')})`,
        Object.values(row),
      );
      await purgeExpired(new Date(row.created_at));
      const saved = await get(row.id);
      if (!saved) throw new Error(`invariant: diagnosis ${row.id} was saved but cannot be read back`);
      return saved;
    },
    async list(query) {
      const where = ['expires_at > $1'];
      const values: Array<string | number> = [now().getTime()];
      if (query.cluster !== undefined) {
        values.push(query.cluster);
        where.push(`cluster = $${values.length}`);
      }
      if (query.namespace !== undefined) {
        values.push(query.namespace);
        where.push(`namespace = $${values.length}`);
      }
      values.push(query.limit);
      const result = await pool.query<Record<string, unknown>>(
        `SELECT ${summaryColumns} FROM diagnoses WHERE ${where.join(' AND ')} ORDER BY created_at DESC, seq DESC LIMIT $${values.length}`,
        values,
      );
      return result.rows.map((row) => toSummary(summaryRowSchema.parse(withMillis(row))));
    },
    purgeExpired,
    async close() {
      if (timer) clearInterval(timer);
    },
  };
}
