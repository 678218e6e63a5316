/**
 * Query parameters of list and get requests: limit, continue tokens, content negotiation.
 */
import { ApiStatusError } from './status';
import type { IncludeObject } from './table';

/** The `limit` query parameter; null for none (0 means none too). */
export function parseLimit(value: string | null): number | null {
  if (value === null || value === '') return null;
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 0) throw new ApiStatusError(400, 'BadRequest', `invalid limit: ${value}`);
  return limit === 0 ? null : limit;
}

/**
 * Continue tokens are base64 JSON `{ rv, start }`. A token from before the world changed
 * gets 410 Expired, as a compacted etcd revision does on a real server.
 */
export function parseContinue(token: string | null, resourceVersion: string): number {
  if (token === null || token === '') return 0;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch (error) {
    throw new ApiStatusError(400, 'BadRequest', `continue key is not valid: ${error instanceof Error ? error.message : 'unreadable'}`);
  }
  const rv = typeof decoded === 'object' && decoded !== null && 'rv' in decoded ? decoded.rv : undefined;
  const start = typeof decoded === 'object' && decoded !== null && 'start' in decoded ? decoded.start : undefined;
  if (typeof rv !== 'string' || typeof start !== 'number' || !Number.isInteger(start) || start < 0) {
    throw new ApiStatusError(400, 'BadRequest', 'continue key is not valid');
  }
  if (rv !== resourceVersion) {
    throw new ApiStatusError(
      410,
      'Expired',
      'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.',
    );
  }
  return start;
}

/** The continue token of the page starting at `start` of the list at `resourceVersion`. */
export function encodeContinue(resourceVersion: string, start: number): string {
  return Buffer.from(JSON.stringify({ rv: resourceVersion, start }), 'utf8').toString('base64url');
}

/**
 * `meta.k8s.io/v1` (or v1beta1) when the first acceptable media type of `Accept` asks for a
 * Table, null for a plain object or list.
 */
export function requestedTableVersion(accept: string | undefined): string | null {
  for (const range of (accept ?? '').split(',')) {
    const [mediaType, ...parameterParts] = range.split(';').map((part) => part.trim());
    if (mediaType !== 'application/json' && mediaType !== '*/*') continue;
    const parameters = new Map(
      parameterParts.map((part) => {
        const [key = '', value = ''] = part.split('=');
        return [key.trim(), value.trim()] as const;
      }),
    );
    const as = parameters.get('as');
    if (as === undefined) return null;
    const version = parameters.get('v');
    if (as === 'Table' && parameters.get('g') === 'meta.k8s.io' && (version === 'v1' || version === 'v1beta1')) {
      return `meta.k8s.io/${version}`;
    }
  }
  return null;
}

/** What each Table row carries: `Metadata` (the default), the whole `Object`, or `None`. */
export function parseIncludeObject(query: URLSearchParams): IncludeObject {
  const value = query.get('includeObject');
  if (value === null || value === '' || value === 'Metadata') return 'Metadata';
  if (value === 'None' || value === 'Object') return value;
  throw new ApiStatusError(400, 'BadRequest', `invalid includeObject: ${value}`);
}
