/** Ids of saved diagnoses: unguessable, URL-safe. */
import 'server-only';

import { randomBytes } from 'node:crypto';

/** 22 URL-safe characters = 132 random bits (base64url of 16 random bytes, no padding). */
export function newDiagnosisId(): string {
  return randomBytes(16).toString('base64url');
}

/** The shape of an id made by `newDiagnosisId`; anything else is unknown without a database lookup. */
export const diagnosisIdPattern = /^[A-Za-z0-9_-]{22}$/;
