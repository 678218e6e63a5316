/**
 * Runs a command with `DATABASE_URL` naming a new database on a throwaway PostgreSQL server
 * (Debian's, in a temporary directory on a loopback port) and a fresh `EGRESS_DOCTOR_SECRET`,
 * then stops the server:
 *
 *   node --import tsx scripts/with-postgres.ts [--require-saved] npx playwright test e2e/share.spec.ts
 *
 * With `--require-saved` the run fails when the command saved no diagnosis in the database (so
 * a run that silently used SQLite cannot pass). `npm test` uses it to run the share-link e2e on
 * PostgreSQL as well as on SQLite.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';

import pg from 'pg';

import { startTestPostgres } from '@/lib/test/postgres';

async function savedDiagnoses(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const result = await client.query<{ count: string }>('SELECT count(*) AS count FROM diagnoses');
    return Number(result.rows[0]?.count ?? 0);
  } catch {
    return 0;
  } finally {
    await client.end();
  }
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const requireSaved = argv[0] === '--require-saved';
  const [command, ...args] = requireSaved ? argv.slice(1) : argv;
  if (command === undefined) {
    process.stderr.write('usage: with-postgres <command> [args…]\n');
    return 2;
  }
  const postgres = await startTestPostgres();
  try {
    const databaseUrl = await postgres.createDatabase();
    const secret = process.env.EGRESS_DOCTOR_SECRET ?? randomBytes(48).toString('base64');
    const child = spawn(command, args, { stdio: 'inherit', env: { ...process.env, DATABASE_URL: databaseUrl, EGRESS_DOCTOR_SECRET: secret } });
    const code = await new Promise<number>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0)));
    });
    if (code !== 0 || !requireSaved) return code;
    const saved = await savedDiagnoses(databaseUrl);
    process.stdout.write(`with-postgres: ${saved} diagnoses saved in PostgreSQL\n`);
    if (saved === 0) {
      process.stderr.write('with-postgres: the command saved no diagnosis in PostgreSQL (did it use DATABASE_URL?)\n');
      return 1;
    }
    return 0;
  } finally {
    await postgres.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`with-postgres: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
