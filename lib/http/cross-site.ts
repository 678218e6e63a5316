/**
 * Refusing cross-site browser requests to the POSTs that change state or cost a cluster and
 * cloud read (diagnoses, re-runs, fix previews, applies, undos).
 *
 * - The body must be declared JSON: a cross-site page can send `text/plain`, form or multipart
 *   bodies without asking, but `application/json` needs a CORS preflight, which we never grant.
 * - `Sec-Fetch-Site`, when the browser sends it, must be `same-origin` (or `none`: typed by the user).
 * - `Origin`, when present, must be one of the public origins: `EGRESS_DOCTOR_PUBLIC_ORIGIN`, else
 *   the address the server listens on. Never the request's `Host` or `X-Forwarded-Host`: a client
 *   chooses those (and a DNS-rebinding page makes its own host name point here).
 * A request with neither header (curl, CI, the CLI) is no browser and passes.
 *
 * No `server-only` import: proxy.ts runs it too.
 */

/** What the check reads of a request (a `Request` fits). */
export interface HeaderSource {
  headers: Headers;
}

export type CrossSiteVerdict = { ok: true } | { ok: false; status: 403 | 415; code: string; reason: string };

const LOOPBACK = ['127.0.0.1', 'localhost', '[::1]'];

/**
 * The origins the dashboard is served from: the configured ones, else the listening address
 * (`__NEXT_PRIVATE_ORIGIN`, set by `next start`) and, when that is a loopback address, its
 * other loopback spellings on the same port.
 */
export function publicOrigins(configured: string[] | undefined, listening: string | undefined = process.env.__NEXT_PRIVATE_ORIGIN): string[] {
  if (configured && configured.length > 0) return configured;
  if (!listening) return [];
  let url: URL;
  try {
    url = new URL(listening);
  } catch {
    return [];
  }
  if (!LOOPBACK.includes(url.hostname)) return [url.origin];
  return LOOPBACK.map((host) => `${url.protocol}//${host}${url.port ? `:${url.port}` : ''}`);
}

/** True for `application/json` (any parameters) and `application/*+json`. */
export function isJsonContentType(value: string | null): boolean {
  const type = value?.split(';')[0]?.trim().toLowerCase() ?? '';
  return type === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(type);
}

/** The browser's own signals (`Sec-Fetch-Site`, `Origin`) against the public origins. */
export function checkBrowserOrigin(request: HeaderSource, origins: string[]): CrossSiteVerdict {
  const site = request.headers.get('sec-fetch-site');
  if (site !== null && site !== 'same-origin' && site !== 'none') {
    return { ok: false, status: 403, code: 'csrf_rejected', reason: `the browser marks the request ${site.slice(0, 40)}` };
  }
  const origin = request.headers.get('origin');
  if (origin === null) return { ok: true };
  if (origins.includes(origin.toLowerCase())) return { ok: true };
  const hint = origins.length > 0 ? `this dashboard is served from ${origins.join(', ')}` : 'no public origin is known';
  return {
    ok: false,
    status: 403,
    code: 'csrf_rejected',
    reason: `the request comes from ${origin.slice(0, 100)}, and ${hint} (set EGRESS_DOCTOR_PUBLIC_ORIGIN when it is served under another address)`,
  };
}

/** The whole check for a state-changing or costly POST: JSON content type, then the browser's origin. */
export function checkCrossSitePost(request: HeaderSource, origins: string[]): CrossSiteVerdict {
  if (!isJsonContentType(request.headers.get('content-type'))) {
    return { ok: false, status: 415, code: 'unsupported_media_type', reason: 'the body must be sent as Content-Type: application/json' };
  }
  return checkBrowserOrigin(request, origins);
}
