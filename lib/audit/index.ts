/** The process-wide audit log (`DATA_DIR/audit.db`). */
import 'server-only';

import path from 'node:path';

import { getEnv } from '@/lib/env';

import { createSqliteAuditStore, type AuditStore } from './audit-store';

export { createSqliteAuditStore, type AuditRecord, type AuditStore, type NewAuditRecord } from './audit-store';

// NOTE: kept on globalThis so every route bundle of the server shares one connection.
declare global {
  var acsEgressDoctorAuditStore: AuditStore | undefined;
}

/** The audit store of this process, opened on first use. */
export function getAuditStore(): AuditStore {
  globalThis.acsEgressDoctorAuditStore ??= createSqliteAuditStore(path.resolve(getEnv().DATA_DIR, 'audit.db'));
  return globalThis.acsEgressDoctorAuditStore;
}
