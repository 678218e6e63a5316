/**
 * `npm run demo`: set up (install, build), start the sandbox and the dashboard against it.
 *
 * The dashboard gets the sandbox's kubeconfig and cloud endpoints through the environment,
 * exactly as it would get a real cluster's and account's. PORT (default 3000) sets the port;
 * WORLD picks another world file, SANDBOX_DIR where its kubeconfig and env go (default .sandbox); `--no-setup` skips install and build.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';

import { ensureBuilt, ensureInstalled, prepareStandalone, root } from './setup.mjs';

const port = process.env.PORT ?? '3000';
const world = process.env.WORLD ?? 'lib/sandbox/worlds/demo.yaml';
const sandboxDir = process.env.SANDBOX_DIR ?? '.sandbox';

if (!process.argv.includes('--no-setup')) {
  ensureInstalled();
  ensureBuilt();
}

const children = [];
function stopAll(code) {
  for (const child of children) child.kill('SIGTERM');
  process.exit(code);
}
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

const tsx = path.join(root, 'node_modules/.bin/tsx');
const sandbox = spawn(tsx, ['scripts/sandbox.ts', '--world', world, '--out', sandboxDir], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
children.push(sandbox);
sandbox.on('exit', (code) => {
  console.error(`✗ The sandbox stopped (exit ${code}).`);
  stopAll(code ?? 1);
});

let buffer = '';
sandbox.stdout.setEncoding('utf8');
sandbox.stdout.on('data', (chunk) => {
  buffer += chunk;
  let newline;
  while ((newline = buffer.indexOf('\n')) >= 0) {
    const line = buffer.slice(0, newline);
    buffer = buffer.slice(newline + 1);
    if (line.startsWith('SANDBOX_READY ')) startDashboard(JSON.parse(line.slice('SANDBOX_READY '.length)));
    else console.log(line);
  }
});

function startDashboard(sandboxEnv) {
  // The standalone server, as the image runs it. It changes into its own directory, so DATA_DIR is made absolute here.
  const server = prepareStandalone();
  const next = spawn(process.execPath, [server], {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      ...sandboxEnv,
      PORT: port,
      HOSTNAME: process.env.HOST ?? '127.0.0.1',
      DATA_DIR: path.resolve(root, process.env.DATA_DIR ?? '.data'),
      NEXT_TELEMETRY_DISABLED: '1',
    },
  });
  children.push(next);
  next.on('exit', (code) => stopAll(code ?? 1));
  console.log(`\n  ACS Egress Doctor on the sandbox: http://127.0.0.1:${port}\n  (Ctrl-C stops both.)\n`);
}
