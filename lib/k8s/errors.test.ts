import { ApiException } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';

import type { FactError } from '@/lib/analysis/model';
import { UpstreamError } from '@/lib/errors';

import { toUpstreamError } from './errors';

const resource = 'pods in all namespaces of acs-prod';
const status = (code: number, reason: string, message: string) =>
  JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', message, reason, code });
const apiException = (code: number, body: string | undefined) => new ApiException<string | undefined>(code, 'HTTP-Code: ' + code, body, {});
const networkError = (code: string) => new TypeError('fetch failed', { cause: Object.assign(new Error(`connect ${code} 127.0.0.1:1`), { code }) });

describe('toUpstreamError', () => {
  it.each<[string, unknown, FactError & { status?: number }]>([
    [
      '401 without a body',
      apiException(401, undefined),
      { source: 'k8s', reason: 'unauthorized', resource, message: 'The Kubernetes API rejected the credentials (401 Unauthorized)', code: '401', retryable: false, status: 401 },
    ],
    [
      '403 with the Status message',
      apiException(403, status(403, 'Forbidden', 'pods is forbidden: User "restricted" cannot list resource "pods"')),
      { source: 'k8s', reason: 'forbidden', resource, message: 'pods is forbidden: User "restricted" cannot list resource "pods"', code: 'Forbidden', retryable: false, status: 403 },
    ],
    [
      '404',
      apiException(404, status(404, 'NotFound', 'pods "ghost" not found')),
      { source: 'k8s', reason: 'notFound', resource, message: 'pods "ghost" not found', code: 'NotFound', retryable: false, status: 404 },
    ],
    [
      '429',
      apiException(429, status(429, 'TooManyRequests', 'Too many requests, please try again later.')),
      { source: 'k8s', reason: 'throttled', resource, message: 'Too many requests, please try again later.', code: 'TooManyRequests', retryable: true, status: 429 },
    ],
    [
      '500 with a body that is not JSON',
      apiException(500, '<html>bad gateway</html>'),
      { source: 'k8s', reason: 'error', resource, message: `The Kubernetes API answered 500 for ${resource}`, code: '500', retryable: true, status: 500 },
    ],
    [
      '400',
      apiException(400, status(400, 'BadRequest', 'field label not supported: spec.hostname')),
      { source: 'k8s', reason: 'invalid', resource, message: 'field label not supported: spec.hostname', code: 'BadRequest', retryable: false, status: 400 },
    ],
    [
      'ECONNREFUSED',
      networkError('ECONNREFUSED'),
      { source: 'k8s', reason: 'unreachable', resource, message: 'Cannot reach the Kubernetes API server (ECONNREFUSED)', code: 'ECONNREFUSED', retryable: true },
    ],
    [
      'ENOTFOUND',
      networkError('ENOTFOUND'),
      { source: 'k8s', reason: 'unreachable', resource, message: 'Cannot reach the Kubernetes API server (ENOTFOUND)', code: 'ENOTFOUND', retryable: true },
    ],
    [
      'ECONNRESET inside an AggregateError',
      new TypeError('fetch failed', { cause: new AggregateError([Object.assign(new Error('reset'), { code: 'ECONNRESET' })]) }),
      { source: 'k8s', reason: 'unreachable', resource, message: 'Cannot reach the Kubernetes API server (ECONNRESET)', code: 'ECONNRESET', retryable: true },
    ],
    [
      'an AbortSignal timeout',
      new DOMException('The operation was aborted due to timeout', 'TimeoutError'),
      { source: 'k8s', reason: 'timeout', resource, message: `The Kubernetes API did not answer in time (${resource})`, code: 'timeout', retryable: true },
    ],
    [
      'an undici connect timeout',
      networkError('UND_ERR_CONNECT_TIMEOUT'),
      { source: 'k8s', reason: 'timeout', resource, message: `The Kubernetes API did not answer in time (${resource})`, code: 'UND_ERR_CONNECT_TIMEOUT', retryable: true },
    ],
    [
      'a TLS failure',
      networkError('DEPTH_ZERO_SELF_SIGNED_CERT'),
      { source: 'k8s', reason: 'error', resource, message: 'TLS verification of the Kubernetes API server failed (DEPTH_ZERO_SELF_SIGNED_CERT)', code: 'DEPTH_ZERO_SELF_SIGNED_CERT', retryable: true },
    ],
    [
      'anything else',
      new Error('boom'),
      { source: 'k8s', reason: 'error', resource, message: `Reading ${resource} from the Kubernetes API failed`, retryable: true },
    ],
  ])('%s', (_name, error, expected) => {
    const { status: expectedStatus, ...fact } = expected;
    const mapped = toUpstreamError(error, resource);
    expect(mapped).toBeInstanceOf(UpstreamError);
    expect(mapped.toFactError()).toStrictEqual(fact);
    expect(mapped.status).toBe(expectedStatus);
    expect(mapped.cause).toBe(error);
  });

  it('passes an UpstreamError through', () => {
    const error = new UpstreamError({ source: 'k8s', reason: 'notFound', resource: 'context x', message: 'no context' });
    expect(toUpstreamError(error, resource)).toBe(error);
  });

  it('never copies the exception text (which may hold headers) into the message', () => {
    const exception = new ApiException<undefined>(401, 'Authorization: Bearer secret-token', undefined, { authorization: 'Bearer secret-token' });
    expect(JSON.stringify(toUpstreamError(exception, resource).toFactError())).not.toContain('secret-token');
  });
});
