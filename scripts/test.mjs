/**
 * `npm test`: every test, with its own set-up.
 *
 * 1. install dependencies, Debian's Chromium, kubectl and PostgreSQL when missing (the store
 *    tests run against SQLite and a throwaway PostgreSQL server each);
 * 2. type-check and lint;
 * 3. unit and adapter tests (vitest: the real SDK clients against the sandbox over HTTP), with
 *    the fault matrix in a process of its own beside them (it mostly waits on timeouts, so on two
 *    cores it costs little wall time beside the rest);
 * 4. build, then the image's server (deploy/standalone.test.ts: the Dockerfile's final stage run
 *    as a pod would, in-cluster identity and RRSA against the sandbox);
 * 5. Playwright e2e in Chromium against the dashboard on the sandbox;
 * 6. on PostgreSQL: the share-link e2e again with `DATABASE_URL` (scripts/with-postgres.ts), and
 *    two replicas of the build on one database (deploy/replicas.test.ts).
 */
import { ensureBuilt, ensureChromium, ensureInstalled, ensureKubectl, ensurePostgres, run, runTogether } from './setup.mjs';

ensureInstalled();
ensureChromium();
ensureKubectl();
ensurePostgres();

console.log('▶ Type-check and lint…');
run('npx', ['tsc', '--noEmit']);
run('npx', ['eslint', '.', '--max-warnings=0']);

const FAULT_MATRIX = 'lib/diagnose/fault-matrix.test.ts';
console.log('▶ Unit and adapter tests (vitest), the fault matrix beside them…');
await runTogether([
  { command: 'npx', args: ['vitest', 'run', '--exclude', FAULT_MATRIX] },
  { command: 'npx', args: ['vitest', 'run', FAULT_MATRIX], label: 'The fault matrix' },
]);

ensureBuilt();
console.log('▶ The image (standalone server, in-cluster identity, RRSA)…');
run('npx', ['vitest', 'run', '--config', 'deploy/vitest.config.mts', 'deploy/standalone.test.ts']);

console.log('▶ Browser tests (Playwright, Debian Chromium)…');
run('npx', ['playwright', 'test']);

console.log('▶ On PostgreSQL: share links (Playwright), and two replicas on one database…');
run('node', ['--import', 'tsx', 'scripts/with-postgres.ts', '--require-saved', 'npx', 'playwright', 'test', 'e2e/share.spec.ts']);
run('npx', ['vitest', 'run', '--config', 'deploy/vitest.config.mts', 'deploy/replicas.test.ts']);
