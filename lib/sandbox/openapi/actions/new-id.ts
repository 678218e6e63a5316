/** Ids in the real shapes (`sgr-bp1…`, `snat-bp1…`): the prefix, `bp1`, then 17 random base-36 characters. */
import { randomBytes } from 'node:crypto';

const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A new resource id, e.g. `newId('sgr')` → `sgr-bp1k3…`. */
export function newId(prefix: string): string {
  const bytes = randomBytes(17);
  const tail = [...bytes].map((byte) => alphabet[byte % alphabet.length] ?? 'a').join('');
  return `${prefix}-bp1${tail}`;
}
