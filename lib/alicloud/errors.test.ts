import { describe, expect, it } from 'vitest';

import { ClientError, ServerError, ThrottlingError } from '@alicloud/openapi-core';

import { UpstreamError } from '@/lib/errors';

import { toUpstreamError } from './errors';

function sdkError(kind: typeof ClientError | typeof ServerError | typeof ThrottlingError, statusCode: number, code: string): Error {
  return new kind({
    statusCode,
    code,
    message: `code: ${statusCode}, upstream says no request id: 7A1B-REQ`,
    data: { RequestId: '7A1B-REQ', Code: code, Message: 'upstream says no' },
    requestId: '7A1B-REQ',
  });
}

function networkError(code: string): Error {
  return Object.assign(new Error(`connect ${code} 127.0.0.1:1POST http://127.0.0.1:1/?AccessKeyId=LTAI5tSecretish&Signature=abc failed.`), { code });
}

function timeoutError(): Error {
  const error = new Error('ReadTimeout(300)POST http://127.0.0.1:1/ failed.');
  error.name = 'RequestTimeoutError';
  return error;
}

describe('toUpstreamError', () => {
  it.each([
    ['Forbidden.RAM', sdkError(ClientError, 403, 'Forbidden.RAM'), 'forbidden', false],
    ['NoPermission', sdkError(ClientError, 403, 'NoPermission'), 'forbidden', false],
    ['InvalidAccessKeyId.NotFound', sdkError(ClientError, 404, 'InvalidAccessKeyId.NotFound'), 'unauthorized', false],
    ['SignatureDoesNotMatch', sdkError(ClientError, 400, 'SignatureDoesNotMatch'), 'unauthorized', false],
    ['IncompleteSignature', sdkError(ClientError, 400, 'IncompleteSignature'), 'unauthorized', false],
    ['InvalidVSwitchId.NotFound', sdkError(ClientError, 404, 'InvalidVSwitchId.NotFound'), 'notFound', false],
    ['AclNotExist', sdkError(ClientError, 404, 'AclNotExist'), 'notFound', false],
    ['Throttling.User', sdkError(ThrottlingError, 400, 'Throttling.User'), 'throttled', true],
    ['InvalidParameter', sdkError(ClientError, 400, 'InvalidParameter'), 'invalid', false],
    ['MissingParameter', sdkError(ClientError, 400, 'MissingParameter'), 'invalid', false],
    ['InvalidAction.NotFound', sdkError(ClientError, 404, 'InvalidAction.NotFound'), 'invalid', false],
    ['ServiceUnavailable', sdkError(ServerError, 503, 'ServiceUnavailable'), 'error', true],
    ['an unknown 5xx code', sdkError(ServerError, 502, 'Whatever'), 'error', true],
    ['an unknown 429', sdkError(ClientError, 429, 'Whatever'), 'throttled', true],
    ['ECONNREFUSED', networkError('ECONNREFUSED'), 'unreachable', true],
    ['ENOTFOUND', networkError('ENOTFOUND'), 'unreachable', true],
    ['a read timeout', timeoutError(), 'timeout', true],
    ['a plain string', 'boom', 'error', true],
  ])('classifies %s', (_name, error, reason, retryable) => {
    const mapped = toUpstreamError(error, 'DescribeThing x-1');
    expect({ source: mapped.source, reason: mapped.reason, retryable: mapped.retryable, resource: mapped.resource }).toStrictEqual({
      source: 'alicloud',
      reason,
      retryable,
      resource: 'DescribeThing x-1',
    });
    expect(mapped.cause).toBe(error);
  });

  it('keeps code and status as fields and the RequestId in the message, without repeating the resource', () => {
    const mapped = toUpstreamError(sdkError(ClientError, 403, 'Forbidden.RAM'), 'DescribeSecurityGroupAttribute sg-1');
    expect({ code: mapped.code, status: mapped.status, message: mapped.message }).toStrictEqual({
      code: 'Forbidden.RAM',
      status: 403,
      message: 'upstream says no (RequestId 7A1B-REQ)',
    });
  });

  it('drops signed query strings and key ids from transport messages', () => {
    const mapped = toUpstreamError(networkError('ECONNREFUSED'), 'DescribeVpcs');
    expect(mapped.message).not.toMatch(/AccessKeyId|Signature=|LTAI5tSecretish/);
  });

  it('passes an UpstreamError through unchanged', () => {
    const original = new UpstreamError({ source: 'alicloud', reason: 'notFound', resource: 'x', message: 'x' });
    expect(toUpstreamError(original, 'y')).toBe(original);
  });
});
