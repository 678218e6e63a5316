/**
 * `npm start`: the standalone server of the last build (`npm run build`), as the image runs it,
 * on PORT (default 3000) and HOST (default 0.0.0.0), with DATA_DIR resolved against the project.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';

import { prepareStandalone, root } from './setup.mjs';

const server = prepareStandalone();
const child = spawn(process.execPath, [server], {
  stdio: 'inherit',
  env: {
    ...process.env,
    HOSTNAME: process.env.HOST ?? '0.0.0.0',
    DATA_DIR: path.resolve(root, process.env.DATA_DIR ?? '.data'),
    NEXT_TELEMETRY_DISABLED: '1',
  },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 1));
