/**
 * What proxy.ts checks before any page or API handler runs (see proxy.ts). Each refusal is
 * answered here, with the security headers: JSON `{ error: { code, message } }` on /api,
 * a short page elsewhere.
 *
 * No `server-only` import: the proxy bundle runs it.
 */
import { NextResponse } from 'next/server';

import { envProblems, getEnv } from '@/lib/env';

import { allowHeader, findApiRoute } from './api-routes';
import { checkCrossSitePost, publicOrigins } from './cross-site';
import { identityOf } from './identity';
import { securityHeaders } from './security-headers';

/** The part of a request the gate reads (a `NextRequest` or `Request` fits). */
export interface GateRequest {
  method: string;
  url: string;
  headers: Headers;
}

const HEALTHZ = '/api/healthz';

function respond(api: boolean, status: number, code: string, message: string, extra: Record<string, string> = {}): NextResponse {
  const headers = { ...securityHeaders(process.env.NODE_ENV === 'development'), 'cache-control': 'no-store', ...extra };
  if (api) return NextResponse.json({ error: { code, message } }, { status, headers });
  const html = `<!doctype html><html lang="en"><meta charset="utf-8"><title>${status} · ACS Egress Doctor</title><main><h1>${status}</h1><p>${escapeHtml(message)}</p><p><a href="/">Back to the dashboard</a></p></main></html>`;
  return new NextResponse(html, { status, headers: { ...headers, 'content-type': 'text/html; charset=utf-8' } });
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** True when every `%` escape of the path decodes (`/d/%ff` does not: Next.js would answer 500). */
export function isDecodablePath(rawPath: string): boolean {
  try {
    decodeURIComponent(rawPath);
    return true;
  } catch {
    return false;
  }
}

/** The raw path as sent (before any decoding), from the request URL. */
function rawPathOf(url: string): string {
  const afterHost = url.replace(/^[a-z]+:\/\/[^/]*/i, '');
  return afterHost.split(/[?#]/)[0] ?? '/';
}

/** The refusal for a request that must not reach a handler, or null to let it through. */
export function checkRequest(request: GateRequest): NextResponse | null {
  const rawPath = rawPathOf(request.url);
  const api = rawPath === '/api' || rawPath.startsWith('/api/');
  if (!isDecodablePath(rawPath)) {
    if (api) return respond(true, 400, 'malformed_path', 'The path has a malformed percent-escape.');
    return respond(false, 404, 'malformed_path', 'There is no page at this address (it has a malformed percent-escape).');
  }

  const problems = envProblems();
  if (problems.length > 0) {
    if (rawPath === HEALTHZ) return null;
    return respond(api, 503, 'invalid_configuration', `The dashboard's settings are invalid (an operator must fix them; /api/healthz lists them): ${problems.join('; ')}`);
  }
  const env = getEnv();
  if (env.EGRESS_DOCTOR_REQUIRE_IDENTITY && rawPath !== HEALTHZ && identityOf(request, env) === null) {
    return respond(api, 401, 'identity_required', `Sign in first: this dashboard requires an identity (the ${env.EGRESS_DOCTOR_IDENTITY_HEADER} header set by the authenticating proxy).`);
  }
  if (!api) {
    // The app has no Server Actions: a page answers GET and HEAD only (a POST to one would hang in Next.js).
    const method = request.method.toUpperCase();
    if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return null;
    return respond(false, 405, 'method_not_allowed', `${method.slice(0, 20)} is not allowed on a page.`, { allow: 'GET, HEAD' });
  }

  const route = findApiRoute(rawPath);
  if (route === null) return respond(true, 404, 'not_found', 'No API route at this path.');
  const method = request.method.toUpperCase();
  const allowed = method === 'OPTIONS' || route.methods.some((each) => each === method || (each === 'GET' && method === 'HEAD'));
  if (!allowed) return respond(true, 405, 'method_not_allowed', `${method.slice(0, 20)} is not allowed here; use ${route.methods.join(' or ')}.`, { allow: allowHeader(route) });
  if (method !== 'POST') return null;

  const declared = Number(request.headers.get('content-length') ?? '0');
  if (route.bodyLimit !== undefined && declared > route.bodyLimit) return tooLarge(route.bodyLimit);
  const verdict = checkCrossSitePost(request, publicOrigins(env.EGRESS_DOCTOR_PUBLIC_ORIGIN));
  if (!verdict.ok) return respond(true, verdict.status, verdict.code, `Refused: ${verdict.reason}.`);
  return null;
}

function tooLarge(limit: number): NextResponse {
  return respond(true, 413, 'payload_too_large', `The body is larger than ${limit} bytes.`);
}

