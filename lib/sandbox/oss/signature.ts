/**
 * OSS request signatures, checked by the sandbox OSS endpoint so a client that signs wrong
 * fails here as it would against OSS.
 *
 * V1: `Authorization: OSS <AccessKeyId>:<base64(hmac-sha1(secret, VERB\nContent-MD5\nContent-Type\nDate\n
 * CanonicalizedOSSHeaders CanonicalizedResource))>`, where the Date slot holds the `Date` header (or
 * `x-oss-date` when there is none, as ali-oss sends it), the OSS headers are the lower-cased `x-oss-*`
 * headers sorted as `name:value\n`, and the resource is `/<bucket>/<object>` plus the signed
 * sub-resources (`?acl`, `?policy`, `?bucketInfo`, …) sorted.
 * https://www.alibabacloud.com/help/en/oss/developer-reference/include-signatures-in-the-authorization-header
 *
 * V4: `Authorization: OSS4-HMAC-SHA256 Credential=<AK>/<yyyymmdd>/<region>/oss/aliyun_v4_request,
 * [AdditionalHeaders=…,]Signature=<hex>`; the canonical request is VERB, the URI-encoded
 * `/<bucket>/<object>`, the sorted encoded query, the canonical headers (content-type, content-md5,
 * x-oss-* and the additional ones), the additional header names and `x-oss-content-sha256`; the key
 * is derived from `aliyun_v4<secret>` over date, region, `oss` and `aliyun_v4_request`.
 * https://www.alibabacloud.com/help/en/oss/developer-reference/recommend-to-use-signature-version-4
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

import { OssFault } from './xml';

/** The parts of a request a signature covers. */
export interface OssSignedRequest {
  method: string;
  bucket: string | null;
  /** The object key, decoded; empty for bucket requests. */
  objectKey: string;
  /** The raw query string without `?` (its pairs as sent). */
  rawQuery: string;
  headers: IncomingHttpHeaders;
}

/** Sub-resources that enter the V1 CanonicalizedResource (the rest of the query does not). */
const SIGNED_SUBRESOURCES = new Set([
  'acl', 'append', 'bucketInfo', 'cname', 'comp', 'continuation-token', 'cors', 'delete', 'encryption', 'endTime', 'img', 'inventory', 'inventoryId',
  'lifecycle', 'live', 'location', 'logging', 'objectMeta', 'partNumber', 'policy', 'position', 'qos', 'referer', 'replication', 'replicationLocation',
  'replicationProgress', 'requestPayment', 'response-cache-control', 'response-content-disposition', 'response-content-encoding', 'response-content-language',
  'response-content-type', 'response-expires', 'restore', 'security-token', 'sequential', 'startTime', 'stat', 'status', 'style', 'styleName', 'symlink',
  'tagging', 'transferAcceleration', 'uploadId', 'uploads', 'versionId', 'versioning', 'versions', 'vod', 'website', 'worm', 'wormExtend', 'wormId', 'x-oss-process',
]);

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** The query's pairs as sent: `[key, value | null]`, null for a bare key (`?policy`). */
function queryPairs(rawQuery: string): Array<[string, string | null]> {
  if (rawQuery === '') return [];
  return rawQuery.split('&').filter((pair) => pair !== '').map((pair) => {
    const equals = pair.indexOf('=');
    const decode = (text: string) => decodeURIComponent(text.replace(/\+/g, '%20'));
    return equals === -1 ? [decode(pair), null] : [decode(pair.slice(0, equals)), decode(pair.slice(equals + 1))];
  });
}

/** Percent-encoding of the OSS V4 spec (RFC 3986 unreserved kept). */
function encode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function resourcePath(request: OssSignedRequest): string {
  return `/${request.bucket === null ? '' : `${request.bucket}/`}${request.objectKey}`;
}

function mismatch(stringToSign: string, accessKeyId: string): OssFault {
  return new OssFault(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided. Check your key and signing method.', {
    OSSAccessKeyId: accessKeyId,
    StringToSign: stringToSign,
  });
}

function unknownKey(accessKeyId: string): OssFault {
  return new OssFault(403, 'InvalidAccessKeyId', 'The OSS Access Key Id you provided does not exist in our records.', { OSSAccessKeyId: accessKeyId });
}

/** The V1 string to sign of `request`. */
export function v1StringToSign(request: OssSignedRequest): string {
  const ossHeaders = Object.keys(request.headers)
    .map((name) => name.toLowerCase())
    .filter((name) => name.startsWith('x-oss-'))
    .sort()
    .map((name) => `${name}:${(header(request.headers, name) ?? '').trim()}\n`)
    .join('');
  const subresources = queryPairs(request.rawQuery)
    .filter(([key]) => SIGNED_SUBRESOURCES.has(key))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => (value === null || value === '' ? key : `${key}=${value}`));
  const resource = resourcePath(request) + (subresources.length > 0 ? `?${subresources.join('&')}` : '');
  const date = header(request.headers, 'date') ?? header(request.headers, 'x-oss-date') ?? '';
  return [request.method.toUpperCase(), header(request.headers, 'content-md5') ?? '', header(request.headers, 'content-type') ?? '', date, ossHeaders + resource].join('\n');
}

/** The V4 canonical request of `request`, with the additional header names the client declared. */
export function v4CanonicalRequest(request: OssSignedRequest, additionalHeaders: string[]): string {
  const query = queryPairs(request.rawQuery)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    // An empty value signs as the bare key (`?acl=` and `?acl` are the same sub-resource).
    .map(([key, value]) => (value === null || value === '' ? encode(key) : `${encode(key)}=${encode(value)}`))
    .join('&');
  const names = new Set(additionalHeaders);
  for (const name of Object.keys(request.headers)) {
    const lower = name.toLowerCase();
    if (lower === 'content-type' || lower === 'content-md5' || lower.startsWith('x-oss-')) names.add(lower);
  }
  const canonicalHeaders = [...names].sort().map((name) => `${name}:${(header(request.headers, name) ?? '').trim()}\n`).join('');
  return [
    request.method.toUpperCase(),
    encode(resourcePath(request)).replace(/%2F/g, '/'),
    query,
    canonicalHeaders,
    additionalHeaders.join(';'),
    header(request.headers, 'x-oss-content-sha256') ?? 'UNSIGNED-PAYLOAD',
  ].join('\n');
}

function v4Signature(secret: string, date: string, region: string, stringToSign: string): string {
  const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();
  const key = hmac(hmac(hmac(hmac(`aliyun_v4${secret}`, date), region), 'oss'), 'aliyun_v4_request');
  return createHmac('sha256', key).update(stringToSign).digest('hex');
}

/**
 * Verifies the request's V1 or V4 signature against `secretOf` and returns the AccessKey id that
 * signed it; throws the OSS error (AccessDenied, InvalidAccessKeyId, SignatureDoesNotMatch) otherwise.
 */
export function verifyOssSignature(request: OssSignedRequest, secretOf: (accessKeyId: string) => string | undefined): string {
  const authorization = header(request.headers, 'authorization')?.trim();
  if (!authorization) throw new OssFault(403, 'AccessDenied', 'You have no right to access this object because of bucket acl.');
  const v1 = /^OSS ([^:\s]+):(\S+)$/.exec(authorization);
  if (v1?.[1] && v1[2]) {
    const [, accessKeyId, signature] = v1;
    const secret = secretOf(accessKeyId);
    if (secret === undefined) throw unknownKey(accessKeyId);
    const stringToSign = v1StringToSign(request);
    const expected = createHmac('sha1', secret).update(stringToSign, 'utf8').digest('base64');
    if (!sameText(expected, signature)) throw mismatch(stringToSign, accessKeyId);
    return accessKeyId;
  }
  const v4 = /^OSS4-HMAC-SHA256\s+(.*)$/.exec(authorization);
  if (!v4?.[1]) throw new OssFault(400, 'InvalidArgument', 'Authorization header is invalid.');
  const fields = new Map(v4[1].split(',').map((part) => {
    const equals = part.indexOf('=');
    return [part.slice(0, equals).trim(), part.slice(equals + 1).trim()] as const;
  }));
  const [accessKeyId = '', date = '', region = '', product = '', terminator = ''] = (fields.get('Credential') ?? '').split('/');
  const signature = fields.get('Signature') ?? '';
  if (product !== 'oss' || terminator !== 'aliyun_v4_request' || signature === '') throw new OssFault(400, 'InvalidArgument', 'Authorization header is invalid: Credential or Signature.');
  const secret = secretOf(accessKeyId);
  if (secret === undefined) throw unknownKey(accessKeyId);
  const additional = (fields.get('AdditionalHeaders') ?? '').split(';').map((name) => name.trim().toLowerCase()).filter((name) => name !== '');
  const canonical = v4CanonicalRequest(request, additional);
  const timestamp = header(request.headers, 'x-oss-date') ?? '';
  const stringToSign = ['OSS4-HMAC-SHA256', timestamp, `${date}/${region}/oss/aliyun_v4_request`, createHash('sha256').update(canonical).digest('hex')].join('\n');
  if (!sameText(v4Signature(secret, date, region, stringToSign), signature)) throw mismatch(stringToSign, accessKeyId);
  return accessKeyId;
}
