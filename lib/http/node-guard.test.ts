/** The guard on the Node HTTP server: what it answers before Next.js would see the request. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { installNodeGuard } from './node-guard';

let server: http.Server;
let port = 0;
const handled: string[] = [];

beforeAll(async () => {
  installNodeGuard();
  server = http.createServer((request, response) => {
    handled.push(`${request.method} ${request.url}`);
    request.resume();
    request.on('end', () => response.end('handled'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

function send(method: string, path: string, headers: Record<string, string | number>, body?: Buffer): Promise<{ status: number; allow: string | null; frame: string | null; code: string | null }> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port, method, path, headers, agent: false }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => {
        const code = /"code":"([a-z_]+)"/.exec(text)?.[1] ?? null;
        resolve({ status: response.statusCode ?? 0, allow: response.headers.allow ?? null, frame: String(response.headers['x-frame-options'] ?? '') || null, code });
      });
    });
    request.on('error', reject);
    if (body && headers['transfer-encoding']) {
      request.write(body.subarray(0, 1000));
      request.end(body.subarray(1000));
    } else request.end(body);
  });
}

describe('installNodeGuard', () => {
  const big = Buffer.alloc(2 * 1024 * 1024, 'a');
  const rows: Array<{ name: string; method: string; path: string; headers: Record<string, string | number>; body?: Buffer; expected: { status: number; allow: string | null; frame: string | null; code: string | null } }> = [
    { name: 'TRACE on an API route → 405 with its Allow', method: 'TRACE', path: '/api/diagnoses', headers: {}, expected: { status: 405, allow: 'GET, POST, HEAD, OPTIONS', frame: 'DENY', code: 'method_not_allowed' } },
    { name: 'TRACE with a body → 405 at once', method: 'TRACE', path: '/api/healthz', headers: { 'content-length': 5 }, body: Buffer.from('hello'), expected: { status: 405, allow: 'GET, HEAD, OPTIONS', frame: 'DENY', code: 'method_not_allowed' } },
    { name: 'TRACE on a page → 405', method: 'TRACE', path: '/d/x', headers: {}, expected: { status: 405, allow: 'GET, HEAD, OPTIONS', frame: 'DENY', code: 'method_not_allowed' } },
    {
      name: 'a chunked API body → 411',
      method: 'POST',
      path: '/api/diagnoses',
      headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      body: big,
      expected: { status: 411, allow: null, frame: 'DENY', code: 'length_required' },
    },
    {
      name: 'a declared 2 MB API body → 413, drained',
      method: 'POST',
      path: '/api/fixes/apply',
      headers: { 'content-type': 'application/json', 'content-length': big.length },
      body: big,
      expected: { status: 413, allow: null, frame: 'DENY', code: 'payload_too_large' },
    },
    { name: 'a small API body is handed on', method: 'POST', path: '/api/diagnoses', headers: { 'content-type': 'application/json', 'content-length': 2 }, body: Buffer.from('{}'), expected: { status: 200, allow: null, frame: null, code: null } },
    { name: 'a GET is handed on', method: 'GET', path: '/api/healthz', headers: {}, expected: { status: 200, allow: null, frame: null, code: null } },
  ];

  it.each(rows)('$name', async ({ method, path, headers, body, expected }) => {
    const before = handled.length;
    const answer = await send(method, path, headers, body);
    expect([answer, handled.length - before]).toStrictEqual([expected, expected.status === 200 ? 1 : 0]);
  });
});
