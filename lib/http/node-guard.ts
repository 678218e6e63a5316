/**
 * Answers, on the Node HTTP server itself and before Next.js sees the request, what must never
 * reach it:
 * - TRACE, TRACK and CONNECT: the Fetch standard forbids them, so Next.js fails building the
 *   `Request` and answers a bare 500 → 405 with `Allow`;
 * - an API POST with a chunked body (no `Content-Length`) → 411: Next.js buffers a copy of every
 *   body for proxy.ts and silently truncates it, so a body's size must be known up front;
 * - an API POST whose `Content-Length` passes its route's limit → 413, the body drained unread.
 * Every answer carries the security headers. Installed once per process by instrumentation.ts,
 * so it works under `next start` and the standalone server alike.
 */
import 'server-only';

import http from 'node:http';

import { allowHeader, findApiRoute } from './api-routes';
import { securityHeaders } from './security-headers';

const FORBIDDEN = new Set(['TRACE', 'TRACK', 'CONNECT']);
const INSTALLED = Symbol.for('egress-doctor.node-guard');

type Refusal = { status: number; code: string; message: string; allow?: string };

/** What the server must answer before Next.js, or null to hand the request on. */
export function refusalOf(method: string, url: string, headers: http.IncomingHttpHeaders): Refusal | null {
  const path = url.split('?')[0] ?? '/';
  const route = path.startsWith('/api/') ? findApiRoute(path) : null;
  if (FORBIDDEN.has(method)) {
    const allow = route ? allowHeader(route) : 'GET, HEAD, OPTIONS';
    return { status: 405, code: 'method_not_allowed', message: `${method} is not allowed here; use ${allow}.`, allow };
  }
  if (method !== 'POST' || route?.bodyLimit === undefined) return null;
  if (headers['transfer-encoding'] !== undefined) return { status: 411, code: 'length_required', message: 'Send the body with a Content-Length (a chunked body is not accepted).' };
  const declared = Number(headers['content-length'] ?? '0');
  if (declared > route.bodyLimit) return { status: 413, code: 'payload_too_large', message: `The body is larger than ${route.bodyLimit} bytes.` };
  return null;
}

/** Answers the request when `refusalOf` says so (draining its body); false to hand it on. */
export function answerBeforeNext(request: http.IncomingMessage, response: http.ServerResponse): boolean {
  const refusal = refusalOf(request.method ?? '', request.url ?? '/', request.headers);
  if (refusal === null) return false;
  const body = JSON.stringify({ error: { code: refusal.code, message: refusal.message } });
  // NOTE: a refused body's answer is written at once but ended only when the upload is drained
  // (unread): ending it earlier makes Node close the socket mid-upload, and the client loses the
  // answer to a reset; an endless upload is cut by the server's request timeout. A forbidden
  // method's answer ends at once: Node never delivers (nor ends) a TRACE body.
  const headers = {
    ...securityHeaders(process.env.NODE_ENV === 'development'),
    ...(refusal.allow ? { allow: refusal.allow } : {}),
    'content-type': 'application/json',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(body),
  };
  if (refusal.status === 405) {
    // NOTE: a chunked TRACE body makes Node's parser fail right after this request and destroy
    // the socket: the answer must be complete (and the connection closing) before that happens.
    response.writeHead(refusal.status, { ...headers, connection: 'close' });
    response.end(body);
    return true;
  }
  const finish = (): void => {
    if (!response.writableEnded) response.end();
  };
  request.resume();
  request.once('end', finish);
  request.once('close', finish);
  response.writeHead(refusal.status, headers);
  response.write(body);
  return true;
}

/** Makes every HTTP server of this process run `answerBeforeNext` first (idempotent). */
export function installNodeGuard(): void {
  const prototype = http.Server.prototype as http.Server & { [INSTALLED]?: boolean };
  if (prototype[INSTALLED]) return;
  prototype[INSTALLED] = true;
  const emit: (this: http.Server, event: string, ...args: unknown[]) => boolean = prototype.emit;
  prototype.emit = function guardedEmit(this: http.Server, event: string, ...args: unknown[]): boolean {
    const [request, response] = args;
    if (event === 'request' && request instanceof http.IncomingMessage && response instanceof http.ServerResponse && answerBeforeNext(request, response)) return true;
    return emit.call(this, event, ...args);
  };
}
