import { readFileSync } from 'node:fs';
import path from 'node:path';

import { loadYaml } from '@kubernetes/client-node';

/**
 * A JSON fixture deserialized the way client-node deserializes an API response
 * (dates become Date objects, `from` becomes `_from`).
 */
export function loadFixture<T>(name: string): T {
  return loadYaml<T>(readFileSync(path.join(__dirname, name), 'utf8'));
}
