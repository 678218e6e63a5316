/**
 * Confirmation tokens: the explicit "yes" between a preview and the change. A token is an
 * HMAC (per-process secret) of what it confirms, an expiry and a nonce; it is accepted once,
 * for that change only, within 10 minutes. A restart invalidates outstanding tokens, which
 * only means previewing again.
 */
import 'server-only';

import { createHmac, randomBytes } from 'node:crypto';

import { BadRequestError } from '@/lib/errors';
import { tokensEqual } from '@/lib/http/csrf';

/** How long a preview's token may be confirmed. */
export const CONFIRMATION_TTL_MS = 10 * 60_000;

interface ConfirmationState {
  secret: Buffer;
  /** nonce → expiry (ms) of the tokens already used. */
  used: Map<string, number>;
}

// NOTE: on globalThis so the preview and apply route bundles share one secret.
declare global {
  var acsEgressDoctorConfirmation: ConfirmationState | undefined;
}

function state(): ConfirmationState {
  globalThis.acsEgressDoctorConfirmation ??= { secret: randomBytes(32), used: new Map() };
  return globalThis.acsEgressDoctorConfirmation;
}

function sign(payload: string): string {
  return createHmac('sha256', state().secret).update(payload).digest('base64url');
}

/**
 * A token confirming `subject` (e.g. `apply\u0000<diagnosisId>\u0000<fixId>` or
 * `undo\u0000<auditId>`), and when it expires.
 */
export function issueConfirmationToken(subject: string, now: Date = new Date()): { token: string; expiresAt: Date } {
  const expiresAt = new Date(now.getTime() + CONFIRMATION_TTL_MS);
  const nonce = randomBytes(12).toString('base64url');
  const payload = `${expiresAt.getTime()}.${nonce}`;
  return { token: `${payload}.${sign(`${subject}\u0000${payload}`)}`, expiresAt };
}

function rejected(code: string, message: string): BadRequestError {
  return new BadRequestError(code, `${message} Preview the change again and confirm it.`, 409);
}

/**
 * Accepts `token` for `subject` once; throws 409 `confirmation_invalid` (not for this
 * change, or forged), `confirmation_expired` or `confirmation_used`.
 */
export function redeemConfirmationToken(token: string, subject: string, now: Date = new Date()): void {
  const [expiry, nonce, signature, extra] = token.split('.');
  if (!expiry || !nonce || !signature || extra !== undefined || !tokensEqual(signature, sign(`${subject}\u0000${expiry}.${nonce}`))) {
    throw rejected('confirmation_invalid', 'The confirmation does not belong to this change.');
  }
  const { used } = state();
  for (const [seen, until] of used) if (until < now.getTime()) used.delete(seen);
  if (Number(expiry) < now.getTime()) throw rejected('confirmation_expired', 'The confirmation expired (it is valid for 10 minutes).');
  if (used.has(nonce)) throw rejected('confirmation_used', 'This confirmation was already used: the change was sent once.');
  used.set(nonce, Number(expiry));
}

/** The subject of applying a fix of a diagnosis. */
export const applySubject = (diagnosisId: string, fixId: string): string => `apply\u0000${diagnosisId}\u0000${fixId}`;
/** The subject of undoing an audited change. */
export const undoSubject = (auditId: string): string => `undo\u0000${auditId}`;
