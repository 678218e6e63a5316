/**
 * Set-up steps shared by `npm run demo` and `npm test`, written in plain Node so they run
 * before dependencies are installed: install when needed, build when sources changed,
 * Debian's Chromium and kubectl for the browser and client tests.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

export const root = path.resolve(import.meta.dirname, '..');

/** Runs a command in the project root, inheriting stdio; exits the process when it fails. */
export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' }, ...options });
  if (result.status !== 0) {
    console.error(`\n✗ ${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
}

/**
 * Runs the commands at the same time (on this 2-core machine: a long, mostly waiting suite
 * beside the rest). The first prints as it goes; each other's output is printed, under its
 * label, when it ends. Exits like `run` when any fails, after all have ended.
 */
export async function runTogether(commands) {
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
  const results = await Promise.all(
    commands.map(
      ({ command, args }, index) =>
        new Promise((resolve) => {
          const child = spawn(command, args, { cwd: root, env, stdio: index === 0 ? 'inherit' : ['ignore', 'pipe', 'pipe'] });
          const output = [];
          child.stdout?.on('data', (chunk) => output.push(chunk));
          child.stderr?.on('data', (chunk) => output.push(chunk));
          child.on('close', (code, signal) => {
            if (index > 0) {
              console.log(`\n▶ ${commands[index].label ?? args.join(' ')} (ran beside the above):`);
              process.stdout.write(Buffer.concat(output));
            }
            resolve({ status: code ?? signal, command: `${command} ${args.join(' ')}` });
          });
        }),
    ),
  );
  const failed = results.find((result) => result.status !== 0);
  if (failed) {
    console.error(`\n✗ ${failed.command} failed (exit ${failed.status})`);
    process.exit(typeof failed.status === 'number' ? failed.status : 1);
  }
}

function mtime(file) {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

function newestIn(dir) {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestIn(full) : mtime(full));
  }
  return newest;
}

/** `npm ci` when node_modules is missing or older than the lockfile. */
export function ensureInstalled() {
  const installed = mtime(path.join(root, 'node_modules/.package-lock.json'));
  if (installed > 0 && installed >= mtime(path.join(root, 'package-lock.json'))) return;
  console.log('▶ Installing dependencies (npm ci)…');
  run('npm', ['ci', '--no-audit', '--no-fund']);
}

/** `next build` when there is no build or a source file is newer than it. */
export function ensureBuilt() {
  const built = mtime(path.join(root, '.next/BUILD_ID'));
  const sources = Math.max(
    ...['app', 'components', 'lib', 'messages', 'public'].map((dir) => newestIn(path.join(root, dir))),
    ...['package-lock.json', 'next.config.ts', 'postcss.config.mjs', 'tsconfig.json'].map((file) => mtime(path.join(root, file))),
  );
  if (built > 0 && built >= sources) return;
  console.log('▶ Building the dashboard (next build)…');
  run('npx', ['next', 'build']);
}

/**
 * Puts `.next/static` (and `public/`, when there is one) beside `.next/standalone/server.js`,
 * as deploy/Dockerfile does: the standalone server serves them from there. Idempotent.
 * Returns the path of server.js; exits when there is no standalone build.
 */
export function prepareStandalone() {
  const standalone = path.join(root, '.next/standalone');
  const server = path.join(standalone, 'server.js');
  if (!existsSync(server)) {
    console.error('✗ No standalone build (.next/standalone/server.js): run `npm run build` first.');
    process.exit(1);
  }
  rmSync(path.join(standalone, '.next/static'), { recursive: true, force: true });
  cpSync(path.join(root, '.next/static'), path.join(standalone, '.next/static'), { recursive: true });
  if (existsSync(path.join(root, 'public'))) cpSync(path.join(root, 'public'), path.join(standalone, 'public'), { recursive: true });
  return server;
}

function isRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** Debian's Chromium for Playwright (never `playwright install`: it downloads). */
export function ensureChromium() {
  if (existsSync('/usr/bin/chromium')) return;
  console.log('▶ Installing Debian chromium for the browser tests…');
  const sudo = isRoot() ? [] : ['sudo'];
  const apt = (...args) => run(sudo[0] ?? 'apt-get', sudo.length ? ['apt-get', ...args] : args, { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  apt('update', '-qq');
  apt('install', '-y', '-qq', 'chromium');
}

/**
 * Debian's PostgreSQL server binaries (/usr/lib/postgresql/<version>/bin), for the store
 * contract tests, which start throwaway servers of their own (lib/test/postgres.ts).
 */
export function ensurePostgres() {
  const versions = existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql') : [];
  if (versions.some((version) => existsSync(path.join('/usr/lib/postgresql', version, 'bin/initdb')))) return;
  console.log('▶ Installing Debian postgresql for the shared-store tests…');
  const sudo = isRoot() ? [] : ['sudo'];
  const apt = (...args) => run(sudo[0] ?? 'apt-get', sudo.length ? ['apt-get', ...args] : args, { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  apt('update', '-qq');
  apt('install', '-y', '-qq', '--no-install-recommends', 'postgresql');
}

/** Debian's kubectl, unpacked under .cache/kubectl (not installed over /usr/bin/kubectl). */
export function ensureKubectl() {
  run('bash', ['scripts/ensure-kubectl.sh'], { stdio: ['ignore', 'ignore', 'inherit'] });
}
