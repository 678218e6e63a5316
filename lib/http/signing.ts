/**
 * The key that signs what the server hands out and must recognise later (CSRF tokens,
 * confirmation tokens): `EGRESS_DOCTOR_SECRET`, else a random key per process.
 */
import 'server-only';

import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

import { getEnv } from '@/lib/env';

// NOTE: on globalThis, not in a module variable: Next.js may load this module once per route
// bundle, and a token signed by one route must verify in another.
const PROCESS_KEY = Symbol.for('egress-doctor.process-signing-key');

function rootKey(): Buffer {
  const secret = getEnv().EGRESS_DOCTOR_SECRET;
  if (secret) return Buffer.from(secret, 'utf8');
  const holder = globalThis as { [PROCESS_KEY]?: Buffer };
  holder[PROCESS_KEY] ??= randomBytes(32);
  return holder[PROCESS_KEY];
}

/** A key for one purpose (`csrf`, `confirmation`, …), derived from the root key, so tokens of one kind never pass as another. */
export function signingKey(purpose: string): Buffer {
  return createHmac('sha256', rootKey()).update(`egress-doctor/${purpose}`).digest();
}

/** HMAC-SHA256 of `payload` under the purpose's key, base64url. */
export function sign(purpose: string, payload: string): string {
  return createHmac('sha256', signingKey(purpose)).update(payload).digest('base64url');
}

/** Whether `signature` is `sign(purpose, payload)`, compared in constant time. */
export function verifySignature(purpose: string, payload: string, signature: string): boolean {
  const expected = Buffer.from(sign(purpose, payload), 'utf8');
  const actual = Buffer.from(signature, 'utf8');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
