/**
 * Writes lib/sandbox/worlds/demo.yaml from `buildDemoWorld()`.
 *
 *   npx tsx lib/sandbox/worlds/demo/generate.ts
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';

import { renderDemoWorld } from './render';

const target = path.resolve(__dirname, '..', 'demo.yaml');
writeFileSync(target, renderDemoWorld());
process.stdout.write(`wrote ${target}\n`);
