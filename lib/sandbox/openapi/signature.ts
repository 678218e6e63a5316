/**
 * Signature checks of the sandbox OpenAPI endpoint, so that a client that signs wrong
 * fails here as it would against the real cloud.
 *
 * ACS3-HMAC-SHA256 (the SDKs' default): the canonical request is
 * `METHOD\nURI\nsorted-encoded-query\ncanonical-headers\nsigned-header-names\nhex(sha256(body))`
 * and the signature is `hex(hmac-sha256(secret, "ACS3-HMAC-SHA256\n" + hex(sha256(canonical))))`.
 * See https://www.alibabacloud.com/help/en/sdk/product-overview/v3-request-structure-and-signature.
 *
 * RPC v2 (`signatureAlgorithm: 'v2'`): `Signature` = base64(hmac-sha1(secret + "&",
 * "METHOD&%2F&" + encode(sorted-encoded-params))).
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

import { OpenApiFault } from './fault';

/** The parts of an HTTP request a signature covers. */
export interface SignedRequest {
  method: string;
  pathname: string;
  /** Decoded query parameters, in arrival order. */
  query: Array<[string, string]>;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** Percent-encoding of the Alibaba Cloud signature specs (RFC 3986 unreserved kept). */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function sha256Hex(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

function canonicalQuery(pairs: Array<[string, string]>): string {
  return [...pairs]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${percentEncode(key)}=${percentEncode(value)}`)
    .join('&');
}

function signatureMismatch(detail: string): OpenApiFault {
  return new OpenApiFault(400, 'SignatureDoesNotMatch', `Specified signature does not match our calculation. ${detail}`);
}

function unknownAccessKey(): OpenApiFault {
  return new OpenApiFault(404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.');
}

/** Parsed `Authorization: ACS3-HMAC-SHA256 Credential=…,SignedHeaders=…,Signature=…`. */
interface Acs3Authorization {
  accessKeyId: string;
  signedHeaders: string[];
  signature: string;
}

function parseAcs3Authorization(header: string): Acs3Authorization {
  const [algorithm, rest = ''] = header.trim().split(/\s+/, 2);
  if (algorithm !== 'ACS3-HMAC-SHA256') {
    throw new OpenApiFault(400, 'InvalidSignatureMethod', `Specified signature method "${algorithm ?? ''}" is not supported.`);
  }
  const parts = new Map<string, string>();
  for (const piece of rest.split(',')) {
    const at = piece.indexOf('=');
    if (at > 0) parts.set(piece.slice(0, at).trim(), piece.slice(at + 1).trim());
  }
  const accessKeyId = parts.get('Credential');
  const signedHeaders = parts.get('SignedHeaders');
  const signature = parts.get('Signature');
  if (!accessKeyId || !signedHeaders || !signature) {
    throw new OpenApiFault(400, 'IncompleteSignature', 'The request signature does not conform to Aliyun standards.');
  }
  return { accessKeyId, signedHeaders: signedHeaders.split(';'), signature };
}

/**
 * Verifies an ACS3-HMAC-SHA256 request; returns the access key id.
 * `secretOf` returns the secret of a known key, undefined for an unknown one.
 */
export function verifyAcs3Signature(request: SignedRequest, secretOf: (accessKeyId: string) => string | undefined): string {
  const authorization = parseAcs3Authorization(headerValue(request.headers, 'authorization') ?? '');
  const secret = secretOf(authorization.accessKeyId);
  if (secret === undefined) throw unknownAccessKey();

  const unsigned = Object.keys(request.headers).filter(
    (name) => name.startsWith('x-acs-') && !authorization.signedHeaders.includes(name),
  );
  if (unsigned.length > 0 || !authorization.signedHeaders.includes('x-acs-action')) {
    throw new OpenApiFault(400, 'IncompleteSignature', `Headers must be signed: ${unsigned.join(', ') || 'x-acs-action'}.`);
  }
  const payloadHash = sha256Hex(request.body);
  if (headerValue(request.headers, 'x-acs-content-sha256') !== payloadHash) {
    throw signatureMismatch('The x-acs-content-sha256 header does not match the body.');
  }
  const canonicalHeaders = authorization.signedHeaders
    .map((name) => `${name}:${(headerValue(request.headers, name) ?? '').trim()}\n`)
    .join('');
  const canonicalRequest = [
    request.method,
    request.pathname,
    canonicalQuery(request.query),
    canonicalHeaders,
    authorization.signedHeaders.join(';'),
    payloadHash,
  ].join('\n');
  const stringToSign = `ACS3-HMAC-SHA256\n${sha256Hex(canonicalRequest)}`;
  const expected = createHmac('sha256', secret).update(stringToSign).digest('hex');
  if (!sameText(expected, authorization.signature)) {
    throw signatureMismatch(`Server string to sign is:${stringToSign}`);
  }
  return authorization.accessKeyId;
}

/**
 * Verifies an RPC v2 request (HMAC-SHA1 over all parameters but `Signature`);
 * returns the access key id.
 */
export function verifyRpcSignature(
  method: string,
  params: Array<[string, string]>,
  secretOf: (accessKeyId: string) => string | undefined,
): string {
  const values = new Map(params);
  const accessKeyId = values.get('AccessKeyId');
  const signature = values.get('Signature');
  if (!accessKeyId || !signature) {
    throw new OpenApiFault(400, 'IncompleteSignature', 'The request signature does not conform to Aliyun standards.');
  }
  if ((values.get('SignatureMethod') ?? 'HMAC-SHA1') !== 'HMAC-SHA1') {
    throw new OpenApiFault(400, 'InvalidSignatureMethod', 'Specified signature method is not supported.');
  }
  const secret = secretOf(accessKeyId);
  if (secret === undefined) throw unknownAccessKey();
  const canonical = canonicalQuery(params.filter(([key]) => key !== 'Signature'));
  const stringToSign = `${method}&${percentEncode('/')}&${percentEncode(canonical)}`;
  const expected = createHmac('sha1', `${secret}&`).update(stringToSign).digest('base64');
  if (!sameText(expected, signature)) throw signatureMismatch(`Server string to sign is:${stringToSign}`);
  return accessKeyId;
}
