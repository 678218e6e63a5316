/**
 * TRACE, TRACK and CONNECT never reach proxy.ts: the Fetch standard forbids them, so Next.js
 * fails building the `Request` and answers a bare 500 (with a stack trace in the log). This
 * guard answers them first, on the Node HTTP server itself: 405 with `Allow` and the security
 * headers. Installed once per process by instrumentation.ts, so it works under `next start`
 * and the standalone server alike.
 */
import 'server-only';

import http from 'node:http';

import { allowHeader, findApiRoute } from './api-routes';
import { securityHeaders } from './security-headers';

const FORBIDDEN = new Set(['TRACE', 'TRACK', 'CONNECT']);
const INSTALLED = Symbol.for('egress-doctor.forbidden-method-guard');

/** Answers a request with a method the Fetch standard forbids; false for any other request. */
export function answerForbiddenMethod(request: http.IncomingMessage, response: http.ServerResponse): boolean {
  const method = request.method ?? '';
  if (!FORBIDDEN.has(method)) return false;
  const path = (request.url ?? '/').split('?')[0] ?? '/';
  const route = path.startsWith('/api/') ? findApiRoute(path) : null;
  const allow = route ? allowHeader(route) : 'GET, HEAD, OPTIONS';
  const body = JSON.stringify({ error: { code: 'method_not_allowed', message: `${method} is not allowed here; use ${allow}.` } });
  request.resume();
  response.writeHead(405, { ...securityHeaders(process.env.NODE_ENV === 'development'), allow, 'content-type': 'application/json', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(body) });
  response.end(body);
  return true;
}

/** Makes every HTTP server of this process answer forbidden methods before Next.js sees them (idempotent). */
export function installForbiddenMethodGuard(): void {
  const prototype = http.Server.prototype as http.Server & { [INSTALLED]?: boolean };
  if (prototype[INSTALLED]) return;
  prototype[INSTALLED] = true;
  const emit: (this: http.Server, event: string, ...args: unknown[]) => boolean = prototype.emit;
  prototype.emit = function guardedEmit(this: http.Server, event: string, ...args: unknown[]): boolean {
    const [request, response] = args;
    if (event === 'request' && request instanceof http.IncomingMessage && response instanceof http.ServerResponse && answerForbiddenMethod(request, response)) return true;
    return emit.call(this, event, ...args);
  };
}
