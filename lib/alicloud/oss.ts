/**
 * OSS reads of the bucketPolicy gate with the field's client, ali-oss: GetBucketInfo,
 * GetBucketPolicy and GetBucketAcl of one bucket, signed with the dashboard's credential
 * (AccessKey, or the STS token of RRSA / an ECS RAM role).
 *
 * The endpoint is `ALIBABA_CLOUD_ENDPOINT_OSS` when set (the sandbox sets `http://127.0.0.1:PORT`),
 * else the bucket region's public endpoint. NOTE: when the endpoint is an IP address, ali-oss
 * keeps it in the URL and sends the virtual-hosted name (`<bucket>.oss-<region>.aliyuncs.com`)
 * as the Host header, which is how OSS itself routes.
 */
import 'server-only';

import OSS from 'ali-oss';

import type { BucketAcl, BucketInfo, BucketPolicy } from '@/lib/gates/bucket-policy/facts';
import { toBucketPolicy } from '@/lib/gates/bucket-policy/policy-document';
import { getEnv } from '@/lib/env';
import { UpstreamError } from '@/lib/errors';
import { retryRead } from '@/lib/read-retries';

import { parseEndpoint, type CloudClients } from './clients';
import { classifyCloudAttempt, toUpstreamError } from './errors';

/** What an OSS read needs: the credential of the cloud clients, and the bucket's region. */
export interface OssReadTarget {
  bucket: string;
  region: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * ali-oss errors (`status`, `code`, `requestId`; status -1 / -2 and `*TimeoutError` names for
 * the network) in the shape the SDK error mapping reads (`statusCode`, `code`, `data.RequestId`).
 */
export function normalizeOssError(error: unknown): unknown {
  if (!isRecord(error)) return error;
  const status = typeof error.status === 'number' && error.status > 0 ? error.status : undefined;
  const name = typeof error.name === 'string' ? error.name : 'Error';
  const timeout = /Timeout/i.test(name) || error.status === -2;
  const message = typeof error.message === 'string' ? error.message.split('\n')[0] ?? '' : String(error);
  const networkCode = typeof error.code === 'string' && /^E[A-Z]+$/.test(error.code) ? error.code : /ECONNRESET|socket hang up/i.test(message) ? 'ECONNRESET' : /ECONNREFUSED/.test(message) ? 'ECONNREFUSED' : undefined;
  const code = timeout ? undefined : status === undefined ? networkCode : typeof error.code === 'string' ? error.code : undefined;
  return {
    name: timeout ? 'RequestTimeoutError' : name,
    message,
    ...(code === undefined ? {} : { code }),
    ...(status === undefined ? {} : { statusCode: status }),
    data: { RequestId: typeof error.requestId === 'string' ? error.requestId : undefined },
  };
}

async function ossClient(clients: CloudClients, region: string, timeoutMs: number): Promise<OSS> {
  const env = getEnv();
  const credential = await clients.credential.getCredential();
  const configured = env.ALIBABA_CLOUD_ENDPOINT_OSS;
  const endpoint = configured === undefined ? null : parseEndpoint(configured);
  return new OSS({
    region: `oss-${region}`,
    accessKeyId: credential.accessKeyId ?? '',
    accessKeySecret: credential.accessKeySecret ?? '',
    ...(credential.securityToken ? { stsToken: credential.securityToken } : {}),
    ...(endpoint ? { endpoint: `${endpoint.protocol}://${endpoint.endpoint}`, secure: endpoint.protocol === 'https' } : { secure: true }),
    authorizationV4: true,
    timeout: timeoutMs,
  });
}

/** One read, retried like the OpenAPI reads (reset, 5xx, throttling) within the timeout, its failure as an `UpstreamError`. */
async function ossRead<T>(clients: CloudClients, action: string, target: OssReadTarget, read: (client: OSS) => Promise<T>): Promise<T> {
  const budgetMs = clients.timeoutMs;
  const resource = `${action} ${target.bucket}`;
  try {
    return await retryRead({
      source: 'alicloud',
      resource,
      budgetMs,
      attempt: async (remainingMs) => {
        try {
          return await read(await ossClient(clients, target.region, remainingMs));
        } catch (error) {
          throw Object.assign(new Error('OSS read failed', { cause: error }), normalizeOssError(error));
        }
      },
      classify: classifyCloudAttempt,
    });
  } catch (error) {
    throw toUpstreamError(error, resource);
  }
}

/**
 * The error of a non-200 answer ali-oss returned instead of throwing (its getBucketPolicy checks
 * the status only after the request): code, message and RequestId from the OSS XML error body.
 */
function errorOfResponse(status: number, res: unknown): Error {
  const data = isRecord(res) ? res.data : undefined;
  const body = Buffer.isBuffer(data) ? data.toString('utf8') : typeof data === 'string' ? data : '';
  const element = (name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(body)?.[1];
  return Object.assign(new Error(element('Message') ?? `OSS answered ${status}`), { status, code: element('Code'), requestId: element('RequestId') });
}

const notFound = (error: unknown, code: string): boolean => error instanceof UpstreamError && error.code === code;

/** GetBucketInfo; null when OSS answers NoSuchBucket. */
export async function getBucketInfo(clients: CloudClients, target: OssReadTarget): Promise<BucketInfo | null> {
  try {
    const { bucket } = await ossRead(clients, 'GetBucketInfo', target, (client) => client.getBucketInfo(target.bucket));
    return toBucketInfo(bucket);
  } catch (error) {
    if (notFound(error, 'NoSuchBucket')) return null;
    throw error;
  }
}

/** The `Bucket` element of GetBucketInfo as the gate's BucketInfo. */
export function toBucketInfo(raw: unknown): BucketInfo {
  const bucket = isRecord(raw) ? raw : {};
  const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);
  const owner = isRecord(bucket.Owner) ? bucket.Owner : {};
  return {
    name: text(bucket.Name) ?? '',
    region: (text(bucket.Location) ?? '').replace(/^oss-/, ''),
    ownerId: text(owner.ID),
    extranetEndpoint: text(bucket.ExtranetEndpoint),
    intranetEndpoint: text(bucket.IntranetEndpoint),
  };
}

/** GetBucketPolicy; null when the bucket has none (NoSuchBucketPolicy). */
export async function getBucketPolicy(clients: CloudClients, target: OssReadTarget): Promise<BucketPolicy | null> {
  try {
    // NOTE: ali-oss parses the JSON body already; the gate keeps it as text (the fix puts it back whole).
    const policy = await ossRead(clients, 'GetBucketPolicy', target, async (client) => {
      const result = await client.getBucketPolicy(target.bucket);
      if (result.status !== 200) throw errorOfResponse(result.status, result.res);
      return result.policy;
    });
    const parsed = toBucketPolicy(JSON.stringify(policy));
    if (!parsed.ok) throw new UpstreamError({ source: 'alicloud', reason: 'error', resource: `GetBucketPolicy ${target.bucket}`, message: parsed.message });
    return parsed.value;
  } catch (error) {
    if (notFound(error, 'NoSuchBucketPolicy')) return null;
    throw error;
  }
}

const ACLS: readonly BucketAcl[] = ['private', 'public-read', 'public-read-write'];

/** GetBucketAcl's grant. */
export async function getBucketAcl(clients: CloudClients, target: OssReadTarget): Promise<BucketAcl> {
  const { acl } = await ossRead(clients, 'GetBucketAcl', target, (client) => client.getBucketACL(target.bucket));
  const grant = ACLS.find((candidate) => candidate === acl);
  if (!grant) throw new UpstreamError({ source: 'alicloud', reason: 'error', resource: `GetBucketAcl ${target.bucket}`, message: `unexpected bucket ACL ${String(acl)}` });
  return grant;
}
