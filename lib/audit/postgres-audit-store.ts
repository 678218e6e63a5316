/**
 * The audit log in PostgreSQL (`DATABASE_URL`), shared by replicas: the same rows as the
 * SQLite log, in a table of its own (diagnosis retention never touches it).
 */
import 'server-only';

import type pg from 'pg';

import { migratePostgres, toMillis, type PostgresMigrations } from '@/lib/store/postgres';

import { toAuditRow, toRecord, type AuditRecord, type AuditStore } from './audit-store';

const migrations: PostgresMigrations = {
  component: 'audit',
  steps: [
    `CREATE TABLE audit (
       seq               BIGSERIAL PRIMARY KEY,
       id                TEXT NOT NULL UNIQUE,
       at                BIGINT NOT NULL,
       actor             TEXT NOT NULL,
       operation         TEXT NOT NULL CHECK (operation IN ('apply', 'undo')),
       diagnosis_id      TEXT NOT NULL,
       fix_id            TEXT NOT NULL,
       undo_of           TEXT,
       diagnosis_request TEXT NOT NULL,
       title             TEXT NOT NULL,
       request           TEXT NOT NULL,
       status            TEXT NOT NULL CHECK (status IN ('ok', 'failed')),
       message           TEXT NOT NULL,
       code              TEXT,
       response          TEXT,
       before_state      TEXT,
       inverse           TEXT,
       undone_at         BIGINT,
       undone_by         TEXT,
       undo_audit_id     TEXT,
       rerun             TEXT
     );
     CREATE INDEX audit_diagnosis ON audit (diagnosis_id, fix_id);`,
    `ALTER TABLE audit ADD COLUMN effect TEXT;`,
  ],
};

/** pg gives BIGINT columns as strings. */
function fromRow(row: Record<string, unknown>): AuditRecord {
  return toRecord({ ...row, at: toMillis(row.at), undone_at: row.undone_at === null ? null : toMillis(row.undone_at) });
}

/** Opens the audit log on `pool`, migrating the schema first. */
export async function createPostgresAuditStore(pool: pg.Pool): Promise<AuditStore> {
  await migratePostgres(pool, migrations);
  const get = async (id: string) => {
    const result = await pool.query<Record<string, unknown>>('SELECT * FROM audit WHERE id = $1', [id]);
    const row = result.rows[0];
    return row === undefined ? null : fromRow(row);
  };
  return {
    async record(record) {
      const row = toAuditRow(record);
      await pool.query(
        `INSERT INTO audit (id, at, actor, operation, diagnosis_id, fix_id, undo_of, diagnosis_request, title, request, status, message, code, response, before_state, inverse, rerun, effect)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
        [row.id, row.at, row.actor, row.operation, row.diagnosisId, row.fixId, row.undoOf, row.diagnosisRequest, row.title, row.request, row.status, row.message, row.code, row.response, row.before, row.inverse, row.rerun, row.effect],
      );
      const stored = await get(row.id);
      if (!stored) throw new Error(`invariant: audit row ${row.id} was not found right after it was written`);
      return stored;
    },
    get,
    async list(limit) {
      const result = await pool.query<Record<string, unknown>>('SELECT * FROM audit ORDER BY seq DESC LIMIT $1', [limit]);
      return result.rows.map(fromRow);
    },
    async markUndone(id, { by, at, undoAuditId }) {
      const result = await pool.query('UPDATE audit SET undone_at = $1, undone_by = $2, undo_audit_id = $3 WHERE id = $4 AND undone_at IS NULL', [at.getTime(), by, undoAuditId, id]);
      return result.rowCount === 1;
    },
    async setRerun(id, rerun) {
      await pool.query('UPDATE audit SET rerun = $1 WHERE id = $2', [JSON.stringify(rerun), id]);
    },
    async close() {},
  };
}
