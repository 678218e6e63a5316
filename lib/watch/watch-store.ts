/**
 * Watches and their history, in the store every replica shares (PostgreSQL at `DATABASE_URL`)
 * or an embedded SQLite file (`DATA_DIR/watches.db`). A lease on each watch (owner, expiry)
 * makes one replica at a time run it: `claim` takes the lease only when it is free or expired.
 */
import 'server-only';

import path from 'node:path';

import { getEnv } from '@/lib/env';
import type { WatchEvent, WatchView } from '@/lib/schemas/watch';
import { openOnce } from '@/lib/store/open-once';
import { getPostgresPool } from '@/lib/store/postgres';

import { createPostgresWatchStore } from './postgres-watch-store';
import { createSqliteWatchStore } from './sqlite-watch-store';
import type { NewWatch, WatchRunUpdate } from './watch-rows';

export type { NewWatch, WatchRunUpdate } from './watch-rows';

export interface WatchStore {
  /** Saves a new watch with its first history line. */
  create(watch: NewWatch, baseline: WatchEvent): Promise<WatchView>;
  get(id: string): Promise<WatchView | null>;
  /** Watches, newest first. */
  list(limit: number): Promise<WatchView[]>;
  /** History of a watch, newest first. */
  events(id: string, limit: number): Promise<WatchEvent[]>;
  /** Ids of the watches due at `now` whose lease is free. */
  due(now: Date): Promise<string[]>;
  /**
   * Takes the lease of watch `id` for `owner` until `now + leaseMs`, when it is due (or `force`)
   * and nobody holds an unexpired lease; the watch when taken, null otherwise.
   */
  claim(id: string, owner: string, now: Date, leaseMs: number, force: boolean): Promise<WatchView | null>;
  /** Writes a run's outcome and its history line and frees the lease, if `owner` still holds it; false otherwise. */
  finish(id: string, owner: string, update: WatchRunUpdate, event: WatchEvent | null): Promise<boolean>;
  /** Deletes a watch and its history; false when there was none. */
  remove(id: string): Promise<boolean>;
  close(): Promise<void>;
}

// NOTE: on globalThis so every route bundle and the scheduler share one store.
declare global {
  var acsEgressDoctorWatchStore: WatchStore | undefined;
}

/** The process-wide watch store: PostgreSQL at `DATABASE_URL`, else `DATA_DIR/watches.db`. */
export function getWatchStore(): WatchStore {
  if (!globalThis.acsEgressDoctorWatchStore) {
    const env = getEnv();
    const { DATABASE_URL: databaseUrl } = env;
    globalThis.acsEgressDoctorWatchStore = databaseUrl
      ? watchStoreOpenedLater(() => createPostgresWatchStore({ pool: getPostgresPool(databaseUrl) }))
      : createSqliteWatchStore({ file: path.resolve(env.DATA_DIR, 'watches.db') });
  }
  return globalThis.acsEgressDoctorWatchStore;
}

/** A store whose calls wait for `open` (connect and migrate); a failed open is retried on the next call. */
export function watchStoreOpenedLater(open: () => Promise<WatchStore>): WatchStore {
  const { ready, opened } = openOnce(open);
  return {
    create: async (watch, baseline) => (await ready()).create(watch, baseline),
    get: async (id) => (await ready()).get(id),
    list: async (limit) => (await ready()).list(limit),
    events: async (id, limit) => (await ready()).events(id, limit),
    due: async (now) => (await ready()).due(now),
    claim: async (id, owner, now, leaseMs, force) => (await ready()).claim(id, owner, now, leaseMs, force),
    finish: async (id, owner, update, event) => (await ready()).finish(id, owner, update, event),
    remove: async (id) => (await ready()).remove(id),
    close: async () => {
      const store = opened();
      if (store) await (await store).close();
    },
  };
}
