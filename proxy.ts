/**
 * The gate in front of every page and API route (Next.js 16 `proxy`, formerly middleware):
 * answers itself, with the security headers, whatever must not reach a handler —
 * a malformed path (400 / 404 page), a setting that does not parse (503), a missing identity
 * when one is required (401), an unknown API path (404) or method (405 with `Allow`), and a
 * POST that is cross-site (403/415) or declares a body over its route's limit (413). TRACE,
 * TRACK, CONNECT, chunked and oversized API bodies never get here (lib/http/node-guard.ts).
 */
import { NextResponse, type NextRequest } from 'next/server';

import { checkRequest } from '@/lib/http/gate';

export function proxy(request: NextRequest): NextResponse {
  return checkRequest(request) ?? NextResponse.next();
}

export const config = {
  // Static build output carries no data and cannot be misrouted; everything else passes the gate.
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};
