import { readFileSync } from 'node:fs';
import path from 'node:path';

import { worldSchema, type World } from '@/lib/schemas/world';

/** The two-cluster world of the sandbox Kubernetes API tests, parsed like any world file. */
export function loadTestWorld(): World {
  return worldSchema.parse(JSON.parse(readFileSync(path.join(__dirname, 'world.json'), 'utf8')));
}
