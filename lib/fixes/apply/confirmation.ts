/**
 * Confirmation tokens: the explicit "yes" between a preview and the change. A token is an
 * HMAC of what it confirms, an expiry and a nonce; it is accepted once, for that change
 * only, within 10 minutes.
 *
 * Several replicas: the HMAC key derives from `EGRESS_DOCTOR_SECRET` (the same on every
 * replica, so a preview answered by one is confirmed on another), and the used nonces live in
 * the shared database (`DATABASE_URL`), so a token is accepted once across all replicas.
 * Alone (no secret, no database): a per-process key and an in-memory ledger; a restart
 * invalidates outstanding tokens, which only means previewing again.
 */
import 'server-only';

import { createHmac, randomBytes } from 'node:crypto';

import { getEnv } from '@/lib/env';
import { BadRequestError } from '@/lib/errors';
import { tokensEqual } from '@/lib/http/csrf';
import { getPostgresPool, migratePostgres, type PostgresMigrations } from '@/lib/store/postgres';

/** How long a preview's token may be confirmed. */
export const CONFIRMATION_TTL_MS = 10 * 60_000;

/** Where used nonces are kept until their token expires. */
export interface ConfirmationLedger {
  /** Records `nonce` as used; false when it already was. Forgets nonces expired at `now`. */
  markUsed(nonce: string, expiresAt: number, now: number): Promise<boolean>;
}

/** The ledger of one process. */
export function createMemoryLedger(): ConfirmationLedger {
  const used = new Map<string, number>();
  return {
    async markUsed(nonce, expiresAt, now) {
      for (const [seen, until] of used) if (until < now) used.delete(seen);
      if (used.has(nonce)) return false;
      used.set(nonce, expiresAt);
      return true;
    },
  };
}

const ledgerMigrations: PostgresMigrations = {
  component: 'confirmations',
  steps: [
    `CREATE TABLE confirmation_tokens_used (
       nonce      TEXT PRIMARY KEY,
       expires_at BIGINT NOT NULL
     );
     CREATE INDEX confirmation_tokens_expiry ON confirmation_tokens_used (expires_at);`,
  ],
};

/** The ledger in PostgreSQL: the primary key makes the first of two concurrent redeems win. */
export function createPostgresLedger(pool: ReturnType<typeof getPostgresPool>): ConfirmationLedger {
  let migrated: Promise<void> | undefined;
  return {
    async markUsed(nonce, expiresAt, now) {
      migrated ??= migratePostgres(pool, ledgerMigrations).catch((error: unknown) => {
        migrated = undefined;
        throw error;
      });
      await migrated;
      await pool.query('DELETE FROM confirmation_tokens_used WHERE expires_at < $1', [now]);
      const inserted = await pool.query('INSERT INTO confirmation_tokens_used (nonce, expires_at) VALUES ($1, $2) ON CONFLICT (nonce) DO NOTHING', [nonce, expiresAt]);
      return inserted.rowCount === 1;
    },
  };
}

interface ConfirmationState {
  key: Buffer;
  ledger: ConfirmationLedger;
}

// NOTE: on globalThis so the preview and apply route bundles share one key and ledger.
declare global {
  var acsEgressDoctorConfirmation: ConfirmationState | undefined;
}

function state(): ConfirmationState {
  if (!globalThis.acsEgressDoctorConfirmation) {
    const env = getEnv();
    // A key of its own, derived from the shared secret, so confirmation tokens and CSRF tokens never share one.
    const key = env.EGRESS_DOCTOR_SECRET ? createHmac('sha256', env.EGRESS_DOCTOR_SECRET).update('egress-doctor confirmation tokens v1').digest() : randomBytes(32);
    const ledger = env.DATABASE_URL ? createPostgresLedger(getPostgresPool(env.DATABASE_URL)) : createMemoryLedger();
    globalThis.acsEgressDoctorConfirmation = { key, ledger };
  }
  return globalThis.acsEgressDoctorConfirmation;
}

function sign(payload: string): string {
  return createHmac('sha256', state().key).update(payload).digest('base64url');
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
 * Accepts `token` for `subject` once; rejects with 409 `confirmation_invalid` (not for this
 * change, or forged), `confirmation_expired` or `confirmation_used`.
 */
export async function redeemConfirmationToken(token: string, subject: string, now: Date = new Date()): Promise<void> {
  const [expiry, nonce, signature, extra] = token.split('.');
  if (!expiry || !nonce || !signature || extra !== undefined || !tokensEqual(signature, sign(`${subject}\u0000${expiry}.${nonce}`))) {
    throw rejected('confirmation_invalid', 'The confirmation does not belong to this change.');
  }
  if (Number(expiry) < now.getTime()) throw rejected('confirmation_expired', 'The confirmation expired (it is valid for 10 minutes).');
  if (!(await state().ledger.markUsed(nonce, Number(expiry), now.getTime()))) {
    throw rejected('confirmation_used', 'This confirmation was already used: the change was sent once.');
  }
}

/** The subject of applying a fix of a diagnosis. */
export const applySubject = (diagnosisId: string, fixId: string): string => `apply\u0000${diagnosisId}\u0000${fixId}`;
/** The subject of undoing an audited change. */
export const undoSubject = (auditId: string): string => `undo\u0000${auditId}`;
