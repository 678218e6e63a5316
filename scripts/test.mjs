/**
 * `npm test`: every test, with its own set-up.
 *
 * 1. install dependencies, Debian's Chromium and kubectl when missing;
 * 2. type-check and lint;
 * 3. unit and adapter tests (vitest: the real SDK clients against the sandbox over HTTP);
 * 4. build, then the image's server (deploy/standalone.test.ts: the Dockerfile's final stage run
 *    as a pod would, in-cluster identity and RRSA against the sandbox);
 * 5. Playwright e2e in Chromium against the dashboard on the sandbox.
 */
import { ensureBuilt, ensureChromium, ensureInstalled, ensureKubectl, run } from './setup.mjs';

ensureInstalled();
ensureChromium();
ensureKubectl();

console.log('▶ Type-check and lint…');
run('npx', ['tsc', '--noEmit']);
run('npx', ['eslint', '.', '--max-warnings=0']);

console.log('▶ Unit and adapter tests (vitest)…');
run('npx', ['vitest', 'run']);

ensureBuilt();
console.log('▶ The image (standalone server, in-cluster identity, RRSA)…');
run('npx', ['vitest', 'run', '--config', 'deploy/vitest.config.mts']);

console.log('▶ Browser tests (Playwright, Debian Chromium)…');
run('npx', ['playwright', 'test']);
