/**
 * A throwaway PostgreSQL server for tests: Debian's `postgresql` (installed by
 * scripts/setup.mjs `ensurePostgres`), initialised in a temporary directory and listening on
 * a free loopback port, run as the `postgres` user when the tests run as root (initdb
 * refuses root). `TEST_DATABASE_URL` points the tests at an existing server instead.
 */
import { execFile } from 'node:child_process';
import { chownSync, existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import pg from 'pg';

const run = promisify(execFile);

export interface TestPostgres {
  /** A new, empty database on the server; its URL. */
  createDatabase(): Promise<string>;
  stop(): Promise<void>;
}

function binDirectory(): string {
  const versions = existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a)) : [];
  const found = versions.map((version) => `/usr/lib/postgresql/${version}/bin`).find((dir) => existsSync(path.join(dir, 'initdb')));
  if (!found) throw new Error('PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): run `node -e "import(\'./scripts/setup.mjs\').then((m) => m.ensurePostgres())"` or `apt-get install postgresql`.');
  return found;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (address !== null && typeof address !== 'string' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

let databaseCounter = 0;

/** Starts a server (or connects to `TEST_DATABASE_URL`) for one test file. */
export async function startTestPostgres(): Promise<TestPostgres> {
  const existing = process.env.TEST_DATABASE_URL;
  let adminUrl: string;
  let stopServer: () => Promise<void> = async () => {};
  if (existing) {
    adminUrl = existing;
  } else {
    const bin = binDirectory();
    const dir = await mkdtemp(path.join(os.tmpdir(), 'egress-pg-'));
    const asRoot = process.getuid?.() === 0;
    const user = (command: string, args: string[]) => (asRoot ? run('runuser', ['-u', 'postgres', '--', path.join(bin, command), ...args]) : run(path.join(bin, command), args));
    if (asRoot) {
      const { stdout } = await run('id', ['-u', 'postgres']);
      const { stdout: group } = await run('id', ['-g', 'postgres']);
      chownSync(dir, Number(stdout.trim()), Number(group.trim()));
    }
    const data = path.join(dir, 'data');
    await user('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
    const port = await freePort();
    await user('pg_ctl', ['-D', data, '-l', path.join(dir, 'log'), '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, '-w', 'start']);
    adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
    stopServer = async () => {
      await user('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      await rm(dir, { recursive: true, force: true });
    };
  }
  const admin = new pg.Pool({ connectionString: adminUrl, max: 2 });
  return {
    async createDatabase() {
      databaseCounter += 1;
      const name = `egress_test_${process.pid}_${databaseCounter}_${Date.now().toString(36)}`;
      await admin.query(`CREATE DATABASE ${name}`);
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      return url.toString();
    },
    async stop() {
      await admin.end();
      await stopServer();
    },
  };
}
