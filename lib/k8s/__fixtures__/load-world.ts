import { readFileSync } from 'node:fs';
import path from 'node:path';

import { worldSchema, type World } from '@/lib/schemas/world';

/** The three-cluster world of the adapter tests (ACS, ACK Flannel, ACK Terway), parsed like any world file. */
export function loadAdapterWorld(): World {
  return worldSchema.parse(JSON.parse(readFileSync(path.join(__dirname, 'world.json'), 'utf8')));
}
