/**
 * Saved diagnoses behind share links.
 *
 * The interface is small so a server database can replace the file store.
 * Ids carry 128 random bits, URL-safe, so links cannot be guessed.
 */
import 'server-only';

import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

import type { Diagnosis } from '@/lib/analysis/model';
import { getEnv } from '@/lib/env';

export interface DiagnosisStore {
  /** Saves the diagnosis under a new id and returns it with that id. */
  save(diagnosis: Diagnosis): Promise<Diagnosis>;
  /** The saved diagnosis, or null when the id is unknown. */
  get(id: string): Promise<Diagnosis | null>;
}

/** 22 URL-safe characters = 132 random bits. */
export function newDiagnosisId(): string {
  return randomBytes(16).toString('base64url');
}

export const diagnosisIdPattern = /^[A-Za-z0-9_-]{22}$/;

/** Stores one JSON file per diagnosis; writes go to a temporary file then rename, so a crash never leaves half a record. */
export function createFileDiagnosisStore(directory: string): DiagnosisStore {
  const fileOf = (id: string) => path.join(directory, `${id}.json`);
  return {
    async save(diagnosis) {
      const saved = { ...diagnosis, id: newDiagnosisId() };
      await mkdir(directory, { recursive: true });
      const temporary = `${fileOf(saved.id)}.${process.pid}.tmp`;
      await writeFile(temporary, JSON.stringify(saved), { mode: 0o600 });
      await rename(temporary, fileOf(saved.id));
      return saved;
    },
    async get(id) {
      if (!diagnosisIdPattern.test(id)) return null;
      try {
        const parsed: unknown = JSON.parse(await readFile(fileOf(id), 'utf8'));
        return isDiagnosisRecord(parsed) ? parsed : null;
      } catch (error) {
        if (typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT') return null;
        throw new Error(`Cannot read saved diagnosis ${id}`, { cause: error });
      }
    },
  };
}

function isDiagnosisRecord(value: unknown): value is Diagnosis {
  return typeof value === 'object' && value !== null && 'hops' in value && 'verdict' in value && 'request' in value;
}

let store: DiagnosisStore | undefined;

/** The process-wide store in `DATA_DIR/diagnoses`. */
export function getDiagnosisStore(): DiagnosisStore {
  store ??= createFileDiagnosisStore(path.resolve(getEnv().DATA_DIR, 'diagnoses'));
  return store;
}
