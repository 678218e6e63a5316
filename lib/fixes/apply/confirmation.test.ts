import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { getEnv, resetEnvForTests } from '@/lib/env';
import { startTestPostgres, type TestPostgres } from '@/lib/test/postgres';

import { applySubject, createMemoryLedger, createPostgresLedger, issueConfirmationToken, redeemConfirmationToken } from './confirmation';

const subject = applySubject('diagnosis-1', 'securityGroup-revoke-1');
const now = new Date('2026-03-01T10:00:00Z');
const saved = { secret: process.env.EGRESS_DOCTOR_SECRET, databaseUrl: process.env.DATABASE_URL };

let server: TestPostgres;
const pools: pg.Pool[] = [];

beforeAll(async () => {
  server = await startTestPostgres();
}, 120_000);

afterEach(() => {
  for (const [name, value] of [['EGRESS_DOCTOR_SECRET', saved.secret], ['DATABASE_URL', saved.databaseUrl]] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  resetEnvForTests();
  globalThis.acsEgressDoctorConfirmation = undefined;
});

afterAll(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.end()));
  await server?.stop();
});

/** A fresh process's confirmation state (another replica), with this environment. */
function asReplica(env: { EGRESS_DOCTOR_SECRET?: string; DATABASE_URL?: string }): void {
  delete process.env.EGRESS_DOCTOR_SECRET;
  delete process.env.DATABASE_URL;
  Object.assign(process.env, env);
  resetEnvForTests();
  globalThis.acsEgressDoctorConfirmation = undefined;
}

async function rejection(promise: Promise<unknown>): Promise<string | undefined> {
  const error: unknown = await promise.then(() => undefined, (reason: unknown) => reason);
  return error instanceof Error && 'code' in error ? String(error.code) : error === undefined ? undefined : String(error);
}

describe('confirmation tokens', () => {
  it.each([
    ['accepted once, then used', subject, 0, [undefined, 'confirmation_used']],
    ['refused for another change', applySubject('diagnosis-1', 'other-fix'), 0, ['confirmation_invalid']],
    ['refused once expired', subject, 10 * 60_000 + 1, ['confirmation_expired']],
  ])('%s', async (_name, redeemedFor, laterMs, outcomes) => {
    asReplica({});
    const { token } = issueConfirmationToken(subject, now);
    const results = [];
    for (let attempt = 0; attempt < outcomes.length; attempt += 1) results.push(await rejection(redeemConfirmationToken(token, redeemedFor, new Date(now.getTime() + laterMs))));
    expect(results).toStrictEqual(outcomes);
  });

  it('verifies on another replica with the same EGRESS_DOCTOR_SECRET, not with a per-process key', async () => {
    const secret = 'a-secret-shared-by-every-replica-0123456789';
    asReplica({ EGRESS_DOCTOR_SECRET: secret });
    const { token } = issueConfirmationToken(subject, now);
    asReplica({ EGRESS_DOCTOR_SECRET: secret });
    expect(await rejection(redeemConfirmationToken(token, subject, now))).toBeUndefined();
    asReplica({ EGRESS_DOCTOR_SECRET: secret });
    const second = issueConfirmationToken(subject, now);
    asReplica({});
    expect(await rejection(redeemConfirmationToken(second.token, subject, now))).toBe('confirmation_invalid');
  });

  it('is accepted once across replicas sharing the database', async () => {
    const env = { EGRESS_DOCTOR_SECRET: 'another-secret-shared-by-the-replicas-42', DATABASE_URL: await server.createDatabase() };
    asReplica(env);
    const { token } = issueConfirmationToken(subject, now);
    const attempts = [];
    for (let replica = 0; replica < 3; replica += 1) {
      asReplica(env);
      attempts.push(await rejection(redeemConfirmationToken(token, subject, now)));
    }
    expect(attempts).toStrictEqual([undefined, 'confirmation_used', 'confirmation_used']);
    await Promise.all([...(globalThis.acsEgressDoctorPostgresPools?.values() ?? [])].map((pool) => pool.end()));
    globalThis.acsEgressDoctorPostgresPools = undefined;
  });

  it('requires EGRESS_DOCTOR_SECRET with DATABASE_URL, naming it', () => {
    asReplica({ DATABASE_URL: 'postgres://doctor@db.internal:5432/doctor' });
    expect(() => getEnv()).toThrow(/EGRESS_DOCTOR_SECRET is required with DATABASE_URL/);
  });
});

describe.each([
  ['in memory', async () => { const ledger = createMemoryLedger(); return [ledger, ledger]; }],
  ['in PostgreSQL', async () => {
    const url = await server.createDatabase();
    const [one, two] = [new pg.Pool({ connectionString: url, max: 4 }), new pg.Pool({ connectionString: url, max: 4 })];
    pools.push(one, two);
    return [createPostgresLedger(one), createPostgresLedger(two)];
  }],
])('the used-token ledger %s', (_name, open) => {
  it('lets exactly one of concurrent redeems of a nonce win, and forgets expired ones', async () => {
    const [first, second] = await open();
    if (!first || !second) throw new Error('two ledgers');
    const wins = await Promise.all(Array.from({ length: 6 }, (_, index) => (index % 2 === 0 ? first : second).markUsed('nonce-1', 2_000, 1_000)));
    expect(wins.filter(Boolean)).toHaveLength(1);
    expect(await second.markUsed('nonce-1', 4_000, 3_000)).toBe(true);
  });
});
