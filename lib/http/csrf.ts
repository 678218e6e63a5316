/**
 * Cross-site request forgery protection for the POSTs that preview or change state.
 *
 * Two independent checks, both required:
 * 1. Same origin: the `Origin` header names this host, or (when a browser sends no Origin)
 *    `Sec-Fetch-Site: same-origin`. A request carrying neither is refused: every browser we
 *    support sends one of them on a POST, and scripts can set `Origin` themselves.
 * 2. Double-submit token: the `egress_doctor_csrf` cookie (SameSite=Strict, handed out by
 *    `GET /api/fixes/config`) must equal the `x-csrf-token` header. A cross-site page can
 *    make the browser send the cookie but cannot read it to put it in the header.
 */
import 'server-only';

import { randomBytes, timingSafeEqual } from 'node:crypto';

import { BadRequestError } from '@/lib/errors';

/** Name of the cookie holding the token. */
export const CSRF_COOKIE = 'egress_doctor_csrf';
/** Header the browser echoes the token in. */
export const CSRF_HEADER = 'x-csrf-token';

/** What the check reads of a request (a `Request` fits). */
export interface CsrfRequest {
  url: string;
  headers: Headers;
}

export type CsrfVerdict = { ok: true } | { ok: false; reason: string };

/** A new random token (32 bytes, base64url). */
export function newCsrfToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Reads one cookie from a `Cookie` header; null when absent. */
export function readCookie(cookieHeader: string | null, name: string): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(';')) {
    const separator = part.indexOf('=');
    if (separator === -1) continue;
    if (part.slice(0, separator).trim() === name) return part.slice(separator + 1).trim();
  }
  return null;
}

/** Constant-time equality of two strings (false for different lengths, without comparing). */
export function tokensEqual(left: string, right: string): boolean {
  const a = Buffer.from(left, 'utf8');
  const b = Buffer.from(right, 'utf8');
  if (a.length !== b.length || a.length === 0) return false;
  return timingSafeEqual(a, b);
}

/**
 * The host the browser addressed: `x-forwarded-host` (set by a proxy in front), else `host`,
 * else the URL's. Lower-cased, with its port.
 */
function requestHost(request: CsrfRequest): string {
  const forwarded = request.headers.get('x-forwarded-host')?.split(',')[0]?.trim();
  return (forwarded || request.headers.get('host') || new URL(request.url).host).toLowerCase();
}

function checkOrigin(request: CsrfRequest): CsrfVerdict {
  const origin = request.headers.get('origin');
  if (origin !== null && origin !== 'null') {
    let originHost: string;
    try {
      originHost = new URL(origin).host.toLowerCase();
    } catch (error) {
      return { ok: false, reason: `the Origin header “${origin}” is not a URL (${error instanceof Error ? error.message : 'unparsable'})` };
    }
    return originHost === requestHost(request) ? { ok: true } : { ok: false, reason: `the request comes from ${origin}, not from this dashboard` };
  }
  const site = request.headers.get('sec-fetch-site');
  if (site === 'same-origin') return { ok: true };
  if (site !== null) return { ok: false, reason: `the browser says the request is ${site}` };
  return { ok: false, reason: 'the request carries neither an Origin nor a Sec-Fetch-Site header' };
}

function checkToken(request: CsrfRequest): CsrfVerdict {
  const cookie = readCookie(request.headers.get('cookie'), CSRF_COOKIE);
  const header = request.headers.get(CSRF_HEADER);
  if (!cookie) return { ok: false, reason: `the ${CSRF_COOKIE} cookie is missing (load the page again)` };
  if (!header) return { ok: false, reason: `the ${CSRF_HEADER} header is missing` };
  return tokensEqual(cookie, header) ? { ok: true } : { ok: false, reason: `the ${CSRF_HEADER} header does not match the ${CSRF_COOKIE} cookie` };
}

/** Both checks; the first failure's reason. */
export function checkCsrf(request: CsrfRequest): CsrfVerdict {
  const origin = checkOrigin(request);
  return origin.ok ? checkToken(request) : origin;
}

/** Throws the 403 `csrf_rejected` answer when `checkCsrf` fails. */
export function requireCsrf(request: CsrfRequest): void {
  const verdict = checkCsrf(request);
  if (!verdict.ok) throw new BadRequestError('csrf_rejected', `Refused: ${verdict.reason}. Changes can only be made from the dashboard itself.`, 403);
}

/** `Set-Cookie` value for the token: SameSite=Strict, path /, Secure on HTTPS. */
export function csrfCookieHeader(token: string, secure: boolean): string {
  return `${CSRF_COOKIE}=${token}; Path=/; SameSite=Strict; HttpOnly${secure ? '; Secure' : ''}`;
}
