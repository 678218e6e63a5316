/** The process-wide audit log: PostgreSQL at `DATABASE_URL`, else `DATA_DIR/audit.db`. */
import 'server-only';

import path from 'node:path';

import { getEnv } from '@/lib/env';
import { openOnce } from '@/lib/store/open-once';
import { getPostgresPool } from '@/lib/store/postgres';

import { createSqliteAuditStore, type AuditStore } from './audit-store';
import { createPostgresAuditStore } from './postgres-audit-store';

export { createSqliteAuditStore, type AuditRecord, type AuditStore, type NewAuditRecord } from './audit-store';

// NOTE: kept on globalThis so every route bundle of the server shares one connection.
declare global {
  var acsEgressDoctorAuditStore: AuditStore | undefined;
}

/** The audit store of this process, opened on first use. */
export function getAuditStore(): AuditStore {
  if (!globalThis.acsEgressDoctorAuditStore) {
    const { DATABASE_URL: databaseUrl, DATA_DIR: dataDir } = getEnv();
    globalThis.acsEgressDoctorAuditStore = databaseUrl
      ? openedLater(() => createPostgresAuditStore(getPostgresPool(databaseUrl)))
      : createSqliteAuditStore(path.resolve(dataDir, 'audit.db'));
  }
  return globalThis.acsEgressDoctorAuditStore;
}

/** A store whose every call waits for `open` (migrate) first; a failed open is retried on the next call. */
function openedLater(open: () => Promise<AuditStore>): AuditStore {
  const { ready, opened } = openOnce(open);
  return {
    record: async (record) => (await ready()).record(record),
    get: async (id) => (await ready()).get(id),
    list: async (limit) => (await ready()).list(limit),
    markUndone: async (id, undo) => (await ready()).markUndone(id, undo),
    setRerun: async (id, rerun) => (await ready()).setRerun(id, rerun),
    close: async () => {
      const store = opened();
      if (store) await (await store).close();
    },
  };
}
