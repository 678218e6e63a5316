/**
 * The sandbox OSS endpoint: plain node:http on loopback speaking the OSS REST API, serving the
 * buckets of a world file (their policy, ACL and information) to the real OSS client (ali-oss).
 *
 * It routes as OSS does — the bucket from a virtual-hosted `Host: <bucket>.oss-<region>[-internal].aliyuncs.com`
 * (which ali-oss sends when its endpoint is an IP address) or from the first path segment
 * (path-style) — checks the V1 or V4 OSS signature, the world's RAM denials and faults, and
 * answers GetBucketPolicy (`GET /?policy`), GetBucketAcl (`GET /?acl`) and GetBucketInfo
 * (`GET /?bucketInfo`) with OSS's bodies and XML errors. Started by scripts and tests only.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { World, WorldFaults } from '@/lib/schemas/world';

import { createPrng } from '../openapi/prng';
import type { Faults } from '../openapi/server';
import { cloudFaultAnswer, createFaultPlan, type FaultPlan } from '../world/faults';

import { verifyOssSignature } from './signature';
import { aclXml, bucketInfoXml, errorXml, OssFault } from './xml';

/** A bucket as the sandbox serves it (the world's bucket section, parsed). */
export interface SandboxBucket {
  Name: string;
  /** `oss-<region>`. */
  Location: string;
  Acl: 'private' | 'public-read' | 'public-read-write';
  /** The policy document; absent: NoSuchBucketPolicy. */
  Policy?: Record<string, unknown>;
  Owner?: { ID: string; DisplayName?: string };
  CreationDate?: string;
  StorageClass?: string;
}

/** One request the endpoint answered. */
export interface OssCallRecord {
  /** `GetBucketPolicy`, `GetBucketAcl`, `GetBucketInfo`, or `` when the request named no operation it serves. */
  action: string;
  bucket: string | null;
  /** HTTP status; 0 when a world fault held (`timeout`) or cut (`reset`) the call. */
  status: number;
  code?: string;
}

export interface OssSandbox {
  /** `http://127.0.0.1:PORT`. */
  endpoint: string;
  setWorld(world: World): void;
  setWorldFaults(faults: WorldFaults | undefined): void;
  setFaults(faults: Faults): void;
  calls(): OssCallRecord[];
  resetCalls(): void;
  close(): Promise<void>;
}

export interface OssServerOptions {
  world: World;
  /** The world's buckets. */
  bucketsOf(world: World): SandboxBucket[];
  /** The secret of an AccessKey the endpoint accepts (permanent or STS), undefined otherwise. */
  secretOf(accessKeyId: string): string | undefined;
  /** Throws when an STS AccessKey comes without its token (`x-oss-security-token`) or expired. */
  checkSecurityToken?(accessKeyId: string, securityToken: string | undefined, now: number): void;
  faults?: Faults;
  host?: string;
  port?: number;
}

const OPERATIONS: Readonly<Record<string, string>> = { policy: 'GetBucketPolicy', acl: 'GetBucketAcl', bucketInfo: 'GetBucketInfo' };

const VIRTUAL_HOST = /^([a-z0-9][a-z0-9-]{1,61}[a-z0-9])\.oss-([a-z0-9-]+?)(-internal)?\.aliyuncs\.com$/;
const REGION_HOST = /^oss-([a-z0-9-]+?)(-internal)?\.aliyuncs\.com$/;

/** Bucket, object key and the region the host names (null for an IP or another name). */
function route(request: IncomingMessage): { bucket: string | null; objectKey: string; region: string | null; rawQuery: string; hostId: string } {
  const host = (request.headers.host ?? '').toLowerCase().replace(/:\d+$/, '');
  const raw = request.url ?? '/';
  const queryAt = raw.indexOf('?');
  const path = queryAt === -1 ? raw : raw.slice(0, queryAt);
  const rawQuery = queryAt === -1 ? '' : raw.slice(queryAt + 1);
  const segments = path.split('/').slice(1);
  const hosted = VIRTUAL_HOST.exec(host);
  if (hosted?.[1]) return { bucket: hosted[1], objectKey: decodeURIComponent(segments.join('/')), region: hosted[2] ?? null, rawQuery, hostId: host };
  const [first = '', ...rest] = segments;
  return { bucket: first === '' ? null : decodeURIComponent(first), objectKey: decodeURIComponent(rest.join('/')), region: REGION_HOST.exec(host)?.[1] ?? null, rawQuery, hostId: host };
}

class ConnectionFault extends Error {
  constructor(readonly mode: 'timeout' | 'reset') {
    super(`sandbox connection fault: ${mode}`);
  }
}

function requestIdOf(): string {
  return randomBytes(12).toString('hex').toUpperCase();
}

/** Starts the sandbox OSS endpoint on loopback and resolves once it listens. */
export async function startOssServer(options: OssServerOptions): Promise<OssSandbox> {
  let world = options.world;
  let faultPlan: FaultPlan = createFaultPlan(world.faults);
  let faults: Faults = options.faults ?? {};
  let random = createPrng(faults.seed ?? 1);
  let records: OssCallRecord[] = [];

  const applyFaults = async (action: string, bucket: string): Promise<void> => {
    if (faults.actions === undefined || faults.actions.includes(action)) {
      if (faults.latencyMs !== undefined && faults.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, faults.latencyMs));
      if (faults.errorRate !== undefined && faults.errorRate > 0 && random() < faults.errorRate) throw new OssFault(503, 'ServiceUnavailable', 'Please reduce your request rate.');
    }
    const fault = faultPlan.cloud(action, [bucket]);
    if (fault === undefined) return;
    if (fault.error === 'timeout' || fault.error === 'reset') throw new ConnectionFault(fault.error);
    const answer = cloudFaultAnswer(fault);
    // OSS answers a RAM denial as AccessDenied, whatever the world calls it.
    const denied = answer.status === 403;
    throw new OssFault(answer.status, denied ? 'AccessDenied' : answer.code, denied ? `You are forbidden to oss:${action}.` : answer.message, { BucketName: bucket });
  };

  const answer = async (request: IncomingMessage, record: OssCallRecord): Promise<{ contentType: string; body: string }> => {
    const { bucket, objectKey, region, rawQuery } = route(request);
    record.bucket = bucket;
    const keys = rawQuery.split('&').map((pair) => decodeURIComponent(pair.split('=')[0] ?? ''));
    const subresource = keys.find((key) => key in OPERATIONS);
    record.action = subresource === undefined ? '' : OPERATIONS[subresource] ?? '';
    const accessKeyId = verifyOssSignature({ method: request.method ?? 'GET', bucket, objectKey, rawQuery, headers: request.headers }, options.secretOf);
    const token = request.headers['x-oss-security-token'];
    options.checkSecurityToken?.(accessKeyId, Array.isArray(token) ? token[0] : token, Date.now());
    if (bucket === null || objectKey !== '' || request.method !== 'GET' || record.action === '') {
      throw new OssFault(501, 'NotImplemented', 'The sandbox OSS endpoint serves GetBucketPolicy, GetBucketAcl and GetBucketInfo only.');
    }
    const action = record.action;
    await applyFaults(action, bucket);
    if (world.ram.deny.some((deny) => deny.action === action && (deny.resource === undefined || deny.resource === bucket))) {
      throw new OssFault(403, 'AccessDenied', `You are forbidden to oss:${action}.`, { BucketName: bucket, Action: `oss:${action}` });
    }
    const found = options.bucketsOf(world).find((candidate) => candidate.Name === bucket);
    if (!found) throw new OssFault(404, 'NoSuchBucket', 'The specified bucket does not exist.', { BucketName: bucket });
    const home = found.Location.replace(/^oss-/, '');
    if (region !== null && region !== home) {
      throw new OssFault(403, 'AccessDenied', 'The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.', {
        BucketName: bucket,
        Endpoint: `oss-${home}.aliyuncs.com`,
      });
    }
    const owner = { ID: found.Owner?.ID ?? world.cloud.accountId ?? '1234567890123456', DisplayName: found.Owner?.DisplayName ?? found.Owner?.ID ?? world.cloud.accountId ?? '1234567890123456' };
    switch (action) {
      case 'GetBucketPolicy':
        if (found.Policy === undefined) throw new OssFault(404, 'NoSuchBucketPolicy', 'The bucket policy does not exist.', { BucketName: bucket });
        return { contentType: 'application/json', body: JSON.stringify(found.Policy) };
      case 'GetBucketAcl':
        return { contentType: 'application/xml', body: aclXml(owner, found.Acl) };
      default:
        return {
          contentType: 'application/xml',
          body: bucketInfoXml({ name: found.Name, region: home, creationDate: found.CreationDate ?? '2025-03-14T08:00:00.000Z', storageClass: found.StorageClass ?? 'Standard', grant: found.Acl, owner }),
        };
    }
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const requestId = requestIdOf();
    const record: OssCallRecord = { action: '', bucket: null, status: 200 };
    const headers = { 'x-oss-request-id': requestId, server: 'AliyunOSS', date: new Date().toUTCString() };
    try {
      const { contentType, body } = await answer(request, record);
      response.writeHead(200, { ...headers, 'content-type': contentType });
      response.end(body);
    } catch (error) {
      if (error instanceof ConnectionFault) {
        record.status = 0;
        record.code = error.mode;
        if (error.mode === 'reset') request.socket.destroy();
        else if (!response.destroyed) await new Promise<void>((resolve) => response.once('close', () => resolve()));
        return;
      }
      const fault = error instanceof OssFault ? error : new OssFault(500, 'InternalError', 'We encountered an internal error. Please try again.');
      record.status = fault.status;
      record.code = fault.code;
      if (response.destroyed) return;
      response.writeHead(fault.status, { ...headers, 'content-type': 'application/xml' });
      response.end(errorXml(fault, requestId, route(request).hostId || 'oss.aliyuncs.com'));
    } finally {
      records.push(record);
    }
  };

  const server = createServer((request, response) => {
    // The body (none for the GETs served) is drained so the connection can be reused.
    request.resume();
    void handle(request, response);
  });
  const host = options.host ?? '127.0.0.1';
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      const address: AddressInfo | string | null = server.address();
      if (address === null || typeof address === 'string') reject(new Error('invariant: the OSS sandbox listens on a TCP port'));
      else resolve(address.port);
    });
  });

  return {
    endpoint: `http://${host}:${port}`,
    setWorld(next) {
      world = next;
      faultPlan = createFaultPlan(world.faults);
    },
    setWorldFaults(next) {
      faultPlan = createFaultPlan(next);
    },
    setFaults(next) {
      faults = next;
      random = createPrng(next.seed ?? 1);
    },
    calls: () => [...records],
    resetCalls() {
      records = [];
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
