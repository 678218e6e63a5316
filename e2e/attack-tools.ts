/**
 * Tools of the attack suite: raw HTTP requests (any method, any path, streamed bodies), the
 * dashboard's resident memory read from /proc, and a seeded request generator for the fuzz run.
 * Loopback only.
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import http from 'node:http';

import { API_ROUTES } from '../lib/http/api-routes';
import { createPrng } from '../lib/sandbox/openapi/prng';

export interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface RawRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  /** A body sent whole (with Content-Length). */
  body?: string | Buffer;
  /** A body of this many bytes streamed in 64 KB chunks, chunked (no Content-Length). */
  streamBytes?: number;
  /** The most of the answer kept (64 KB unless said: the fuzz and flood runs never need more). */
  maxAnswerBytes?: number;
}

/** Sends one request as written (no URL normalisation) and reads the answer (at most `maxAnswerBytes` of it). */
export function rawRequest(baseURL: string, request: RawRequest): Promise<RawAnswer> {
  const base = new URL(baseURL);
  return new Promise((resolve, reject) => {
    const outgoing = http.request({ host: base.hostname, port: base.port, method: request.method, path: request.path, headers: request.headers, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= (request.maxAnswerBytes ?? 65_536)) chunks.push(chunk);
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    // The server may answer (413) and close before a large upload ends: that is the point.
    outgoing.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)));
    if (request.streamBytes !== undefined) {
      const chunk = Buffer.alloc(65_536, 'a');
      let left = request.streamBytes;
      const pump = (): void => {
        while (left > 0) {
          const piece = left >= chunk.length ? chunk : chunk.subarray(0, left);
          left -= piece.length;
          if (!outgoing.write(piece)) {
            outgoing.once('drain', pump);
            return;
          }
        }
        outgoing.end();
      };
      pump();
    } else {
      outgoing.end(request.body);
    }
  });
}

/** The pid of the process listening on `port` (Linux: /proc/net/tcp* → socket inode → /proc/<pid>/fd). */
export function listeningPid(port: number): number {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields[1]?.endsWith(`:${hexPort}`) && fields[3] === '0A') inodes.add(fields[9] ?? '');
    }
  }
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const target = readlinkSync(`/proc/${pid}/fd/${fd}`);
        const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
        if (inode !== undefined && inodes.has(inode)) return Number(pid);
      } catch {
        continue;
      }
    }
  }
  throw new Error(`no process listens on port ${port}`);
}

/** Resident memory of a process, in MB. */
export function residentMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((item) => item.startsWith('VmRSS:'));
  return Math.round(Number(/(\d+)/.exec(line ?? '')?.[1] ?? 0) / 1024);
}

const METHODS = ['GET', 'GET', 'POST', 'POST', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'PATCH', 'TRACE', 'PROPFIND'];
const SEGMENTS = ['x', 'AAAAAAAAAAAAAAAAAAAAAA', '%ff', '%c0%af', '%00', '..', '%2e%2e', 'a'.repeat(300), '%F0%9F%92%A9', '%ED%A0%80', "'or'1'='1", '%25', 'acs-prod', 'default', 'kube-system', '-', '_'];
const PAGES = ['/', '/diagnoses', '/d/[id]', '/audit', '/nothing/[id]'];
const QUERIES = ['', '?stream=1', '?limit=99999', '?limit=0', '?limit=abc', '?limit=1&limit=2', '?cluster=%ff', '?namespace=' + 'n'.repeat(500), '?x=%', '?cluster=acs-prod&namespace=default'];
const CONTENT_TYPES = ['application/json', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=utf-8', 'application/merge-patch+json', ''];
const ORIGINS = ['', 'https://evil.example', 'null', 'http://127.0.0.1', 'http://localhost:1'];

/** One random body: JSON shapes near the real ones, broken JSON, odd values, or bytes. */
function randomBody(random: () => number, pick: <T>(items: readonly T[]) => T): string {
  const values: unknown[] = [true, [443], '443abc', -1, 1e309, null, {}, '\ud800', 'a'.repeat(5000), 'acs-prod', 'default', 'api.example.com:443', 443];
  const objects = [
    () => ({ cluster: pick(values), namespace: pick(values), pod: pick(values), destination: pick(values), port: pick(values), protocol: pick(['tcp', 'udp', 'sctp', 'icmp', 7]) }),
    () => ({ diagnosisId: pick(values), fixId: pick(values), confirmationToken: pick(values) }),
    () => ({ confirmationToken: pick(values) }),
    () => pick(values),
  ];
  const kind = random();
  if (kind < 0.6) return JSON.stringify(pick(objects)());
  if (kind < 0.75) return '{"cluster":';
  if (kind < 0.85) return 'x'.repeat(Math.floor(random() * 40_000));
  if (kind < 0.95) return '';
  return '\u0000\uffff{]';
}

/** `count` random requests over every API route and page (seeded). */
export function fuzzRequests(seed: number, count: number): RawRequest[] {
  const random = createPrng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const patterns = [...API_ROUTES.map((route) => route.pattern), ...PAGES];
  return Array.from({ length: count }, () => {
    const path = pick(patterns).replace(/\[[^\]]+\]/g, () => pick(SEGMENTS)) + pick(QUERIES);
    const method = pick(METHODS);
    const headers: Record<string, string> = {};
    const contentType = pick(CONTENT_TYPES);
    if (contentType) headers['content-type'] = contentType;
    const origin = pick(ORIGINS);
    if (origin) headers.origin = origin;
    if (random() < 0.3) headers['sec-fetch-site'] = pick(['cross-site', 'same-site', 'same-origin', 'none']);
    if (random() < 0.2) headers['x-forwarded-user'] = 'mallory';
    if (random() < 0.2) headers['x-forwarded-host'] = 'evil.example';
    if (random() < 0.2) headers.cookie = 'egress_doctor_csrf=forged';
    if (random() < 0.2) headers['x-csrf-token'] = 'forged';
    const body = method === 'GET' || method === 'HEAD' ? undefined : randomBody(random, pick);
    return { method, path, headers, body };
  });
}

/** True when a body looks like it carries a stack trace. */
export function hasStackTrace(body: string): boolean {
  return /\n\s+at [^\n]+[(:]\d+/.test(body) || /(TypeError|ReferenceError|RangeError|SyntaxError|URIError): .*\n\s+at /.test(body);
}
