/** The process-wide audit log (`DATA_DIR/audit.db`). */
import 'server-only';

import path from 'node:path';

import { getEnv } from '@/lib/env';

import { createSqliteAuditStore, type AuditStore } from './audit-store';

export { createSqliteAuditStore, type AuditRecord, type AuditStore, type NewAuditRecord } from './audit-store';

// NOTE: kept on globalThis so every route bundle of the server shares one connection.
const key = Symbol.for('acs-egress-doctor.audit-store');
const holder: { [key]?: AuditStore } = globalThis;

/** The audit store of this process, opened on first use. */
export function getAuditStore(): AuditStore {
  holder[key] ??= createSqliteAuditStore(path.resolve(getEnv().DATA_DIR, 'audit.db'));
  return holder[key];
}
