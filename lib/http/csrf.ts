/**
 * Cross-site request forgery protection for the routes that change the cluster or the cloud
 * (fix preview, apply, undo preview, undo). Two independent checks, both required:
 *
 * 1. The cross-site check of every costly POST (lib/http/cross-site.ts: JSON content type,
 *    `Sec-Fetch-Site` and `Origin` against the public origins, never against `Host`).
 * 2. A token the server issued: `GET /api/fixes/config` hands out `<issued>.<nonce>.<HMAC>`
 *    (signed with lib/http/signing.ts) as the `egress_doctor_csrf` cookie (SameSite=Strict) and
 *    in its body; the browser echoes it in `x-csrf-token`. The header must equal the cookie and
 *    carry our signature: a cookie planted by a sibling site with any equal header fails.
 */
import 'server-only';

import { randomBytes, timingSafeEqual } from 'node:crypto';

import { getEnv } from '@/lib/env';
import { BadRequestError } from '@/lib/errors';

import { checkCrossSitePost, publicOrigins } from './cross-site';
import { sign, verifySignature } from './signing';

/** Name of the cookie holding the token. */
export const CSRF_COOKIE = 'egress_doctor_csrf';
/** Header the browser echoes the token in. */
export const CSRF_HEADER = 'x-csrf-token';
/** How long an issued token is accepted; `GET /api/fixes/config` issues a new one after. */
export const CSRF_TOKEN_TTL_MS = 7 * 24 * 3600_000;

const PURPOSE = 'csrf';
const TOKEN_SHAPE = /^([0-9a-z]{1,12})\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/;

/** What the check reads of a request (a `Request` fits). */
export interface CsrfRequest {
  headers: Headers;
}

export type CsrfVerdict = { ok: true } | { ok: false; reason: string };

/** A new signed token, issued at `now` (ms). */
export function newCsrfToken(now = Date.now()): string {
  const payload = `${Math.floor(now / 1000).toString(36)}.${randomBytes(16).toString('base64url')}`;
  return `${payload}.${sign(PURPOSE, payload)}`;
}

/** Whether `token` is one we issued, less than `CSRF_TOKEN_TTL_MS` ago. */
export function isIssuedCsrfToken(token: string, now = Date.now()): boolean {
  const match = TOKEN_SHAPE.exec(token);
  if (!match) return false;
  const [, issued = '', nonce = '', signature = ''] = match;
  const age = now - Number.parseInt(issued, 36) * 1000;
  if (!(age >= -60_000 && age <= CSRF_TOKEN_TTL_MS)) return false;
  return verifySignature(PURPOSE, `${issued}.${nonce}`, signature);
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

function checkToken(request: CsrfRequest): CsrfVerdict {
  const cookie = readCookie(request.headers.get('cookie'), CSRF_COOKIE);
  const header = request.headers.get(CSRF_HEADER);
  if (!cookie) return { ok: false, reason: `the ${CSRF_COOKIE} cookie is missing (load the page again)` };
  if (!header) return { ok: false, reason: `the ${CSRF_HEADER} header is missing` };
  if (!tokensEqual(cookie, header)) return { ok: false, reason: `the ${CSRF_HEADER} header does not match the ${CSRF_COOKIE} cookie` };
  return isIssuedCsrfToken(header) ? { ok: true } : { ok: false, reason: 'the CSRF token was not issued by this dashboard or has expired (load the page again)' };
}

/** The cross-site check, then the token; the first failure's reason. */
export function checkCsrf(request: CsrfRequest, origins: string[] = publicOrigins(getEnv().EGRESS_DOCTOR_PUBLIC_ORIGIN)): CsrfVerdict {
  const crossSite = checkCrossSitePost(request, origins);
  return crossSite.ok ? checkToken(request) : { ok: false, reason: crossSite.reason };
}

/** Throws the 403 `csrf_rejected` answer when `checkCsrf` fails. */
export function requireCsrf(request: CsrfRequest): void {
  const verdict = checkCsrf(request);
  if (!verdict.ok) throw new BadRequestError('csrf_rejected', `Refused: ${verdict.reason}. Changes can only be made from the dashboard itself.`, 403);
}

/** `Set-Cookie` value for the token: SameSite=Strict, HttpOnly, path /, Secure on HTTPS. */
export function csrfCookieHeader(token: string, secure: boolean): string {
  return `${CSRF_COOKIE}=${token}; Path=/; SameSite=Strict; HttpOnly${secure ? '; Secure' : ''}`;
}
