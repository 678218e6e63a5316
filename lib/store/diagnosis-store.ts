/**
 * Saved diagnoses behind share links.
 *
 * The interface is small so a server database can replace the embedded SQLite store
 * (sqlite-store.ts). Ids carry 128+ random bits, URL-safe, so links cannot be guessed.
 */
import 'server-only';

import path from 'node:path';

import { getEnv } from '@/lib/env';
import type { PathFacts } from '@/lib/analysis/model';
import type { DiagnosisView } from '@/lib/schemas/diagnosis';
import type { DiagnosisOrigin, SavedDiagnosis, SavedDiagnosisListQuery, SavedDiagnosisSummary } from '@/lib/schemas/saved-diagnosis';
import type { WhatIfOrigin } from '@/lib/schemas/what-if-edits';

import { openOnce } from './open-once';
import { getPostgresPool } from './postgres';
import { createPostgresDiagnosisStore } from './postgres-store';
import { createSqliteDiagnosisStore } from './sqlite-store';

export { diagnosisIdPattern, newDiagnosisId } from './diagnosis-id';

/** What is saved for one diagnosis. */
export interface DiagnosisRecord {
  /** The id to save under (see `newDiagnosisId`); a new one when absent. */
  id?: string;
  /** The diagnosis as it was shown (its `id` is replaced by the store's). */
  diagnosis: DiagnosisView;
  /** The facts it read, as a world file fragment (YAML, no secrets: see world-fragment.ts). */
  worldYaml: string;
  origin: DiagnosisOrigin;
  /** The facts it was decided on, kept so a what-if can re-evaluate them (stored-facts.ts). */
  facts?: PathFacts;
  /** Set when the diagnosis is a hypothetical: the diagnosis it edits, and the edits. */
  whatIf?: WhatIfOrigin;
}

/** A saved diagnosis with its world fragment. */
export interface StoredDiagnosis extends SavedDiagnosis {
  worldYaml: string;
  /** The stored facts (parse with `parseStoredFacts`); null for rows saved before facts were kept. */
  factsJson: string | null;
}

export interface DiagnosisStore {
  /** Saves the record under a new id and returns it as stored (the diagnosis carries the id). */
  save(record: DiagnosisRecord): Promise<StoredDiagnosis>;
  /** The saved diagnosis, or null when the id is unknown, malformed or expired. */
  get(id: string): Promise<StoredDiagnosis | null>;
  /** Unexpired diagnoses, newest first, optionally of one cluster and/or namespace. */
  list(query: SavedDiagnosisListQuery): Promise<SavedDiagnosisSummary[]>;
  /** Deletes every diagnosis expired at `now`; returns how many. */
  purgeExpired(now: Date): Promise<number>;
  close(): Promise<void>;
}

// NOTE: kept on globalThis so every route bundle of the server shares one connection and one purge timer.
declare global {
  var acsEgressDoctorDiagnosisStore: DiagnosisStore | undefined;
}

/**
 * The process-wide store, retention `DIAGNOSIS_RETENTION_DAYS`, purged hourly: PostgreSQL at
 * `DATABASE_URL` (shared by replicas), else the SQLite file `DATA_DIR/egress-doctor.db`.
 */
export function getDiagnosisStore(): DiagnosisStore {
  if (!globalThis.acsEgressDoctorDiagnosisStore) {
    const env = getEnv();
    const common = { retentionDays: env.DIAGNOSIS_RETENTION_DAYS, purgeEveryMs: 60 * 60_000 };
    const { DATABASE_URL: databaseUrl } = env;
    globalThis.acsEgressDoctorDiagnosisStore = databaseUrl
      ? openedLater(() => createPostgresDiagnosisStore({ pool: getPostgresPool(databaseUrl), ...common }))
      : createSqliteDiagnosisStore({ file: path.resolve(env.DATA_DIR, 'egress-doctor.db'), ...common });
  }
  return globalThis.acsEgressDoctorDiagnosisStore;
}

/**
 * A store whose every call waits for `open` (connect and migrate) first. A failed open is
 * retried on the next call, so a database that comes up after the dashboard is picked up.
 */
export function openedLater(open: () => Promise<DiagnosisStore>): DiagnosisStore {
  const { ready, opened } = openOnce(open);
  return {
    save: async (record) => (await ready()).save(record),
    get: async (id) => (await ready()).get(id),
    list: async (query) => (await ready()).list(query),
    purgeExpired: async (now) => (await ready()).purgeExpired(now),
    close: async () => {
      const store = opened();
      if (store) await (await store).close();
    },
  };
}
