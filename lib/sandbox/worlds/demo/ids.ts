/**
 * Deterministic, realistic-looking identifiers for the demo world: Alibaba Cloud ids
 * (`vsw-bp1…`), Kubernetes uids and MAC addresses, derived from a stable key so the
 * generated file does not change between runs.
 */
import { createHash } from 'node:crypto';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

function digest(key: string): Buffer {
  return createHash('sha256').update(key).digest();
}

/** Length of the random part after `bp1`, as the real ids of each kind have it. */
const RANDOM_LENGTH: Readonly<Record<string, number>> = { rm: 14, r: 15, vpc: 18, vsw: 18, ngw: 18, pc: 14, dds: 13 };

/**
 * An Alibaba Cloud id in the cn-hangzhou shape: `<prefix>-bp1<random>`, e.g.
 * `cloudId('vsw', 'acs-prod/pods-h')` → `vsw-bp1…` (the same key gives the same id).
 */
export function cloudId(prefix: string, key: string): string {
  const bytes = digest(`${prefix}:${key}`);
  const length = RANDOM_LENGTH[prefix] ?? 17;
  let random = '';
  for (let index = 0; index < length; index += 1) random += ALPHABET[(bytes[index] ?? 0) % ALPHABET.length];
  return `${prefix}-bp1${random}`;
}

/** A Kubernetes uid (UUID v4 layout) for the object named by `key`. */
export function kubernetesUid(key: string): string {
  const hex = digest(`uid:${key}`).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A MAC address with Alibaba Cloud's OUI (00:16:3e). */
export function macAddress(key: string): string {
  const bytes = digest(`mac:${key}`);
  const tail = [bytes[0], bytes[1], bytes[2]].map((byte) => (byte ?? 0).toString(16).padStart(2, '0'));
  return `00:16:3e:${tail.join(':')}`;
}

/** A 64-hex container or image digest for `key`. */
export function sha256Hex(key: string): string {
  return digest(`digest:${key}`).toString('hex');
}
