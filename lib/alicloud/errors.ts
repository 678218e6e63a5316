/**
 * The one mapping from Alibaba Cloud SDK failures to `UpstreamError`.
 *
 * SDK errors carry `.code` (the OpenAPI error code, or a Node network code), `.statusCode`,
 * `.data.RequestId` and a message; transport failures from httpx carry a Node `code`
 * (ECONNREFUSED…) or the name `RequestTimeoutError`.
 */
import 'server-only';

import type { FactErrorReason } from '@/lib/analysis/model';
import { UpstreamError } from '@/lib/errors';
import { attemptsOf, type AttemptFailure } from '@/lib/read-retries';

interface SdkErrorInfo {
  code?: string;
  status?: number;
  requestId?: string;
  name: string;
  message: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function readSdkError(error: unknown): SdkErrorInfo {
  if (!isRecord(error)) return { name: 'Error', message: String(error) };
  const text = (key: string) => (typeof error[key] === 'string' && error[key] !== '' ? error[key] : undefined);
  const data = isRecord(error['data']) ? error['data'] : {};
  const requestId = typeof data['RequestId'] === 'string' ? data['RequestId'] : text('requestId');
  const status = typeof error['statusCode'] === 'number' ? error['statusCode'] : undefined;
  const upstreamMessage = typeof data['Message'] === 'string' ? data['Message'] : text('message');
  return {
    code: text('code'),
    status,
    requestId: requestId === 'undefined' ? undefined : requestId,
    name: text('name') ?? 'Error',
    message: upstreamMessage ?? 'unknown error',
  };
}

const networkCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'ECONNABORTED']);
const timeoutCodes = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT']);

function reasonByCode(code: string): FactErrorReason | undefined {
  if (/^(InvalidAccessKeyId|SignatureDoesNotMatch|IncompleteSignature|InvalidCredentials|InvalidSecurityToken)/.test(code)) {
    return 'unauthorized';
  }
  if (/^(Forbidden|NoPermission)/.test(code)) return 'forbidden';
  if (/^Throttling/.test(code)) return 'throttled';
  if (/^InvalidAction/.test(code)) return 'invalid';
  if (/(NotFound|NotExist)$/.test(code)) return 'notFound';
  if (/^(InvalidParameter|MissingParameter|MissingParam|InvalidNextToken)/.test(code)) return 'invalid';
  if (/^(ServiceUnavailable|InternalError|UnknownError)/.test(code)) return 'error';
  if (networkCodes.has(code)) return 'unreachable';
  if (timeoutCodes.has(code)) return 'timeout';
  return undefined;
}

function reasonByStatus(status: number): FactErrorReason {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'notFound';
  if (status === 429) return 'throttled';
  if (status >= 500) return 'error';
  return 'invalid';
}

function reasonOf(info: SdkErrorInfo): FactErrorReason {
  if (info.name === 'RequestTimeoutError' || /\b(Read|Connect)Timeout\b/.test(info.message)) return 'timeout';
  const byCode = info.code === undefined ? undefined : reasonByCode(info.code);
  if (byCode) return byCode;
  if (info.status !== undefined) return reasonByStatus(info.status);
  if (/socket hang up|ECONNREFUSED|ECONNRESET/.test(info.message)) return 'unreachable';
  return 'error';
}

const resetCodes = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);

/**
 * Whether a failed read may succeed when tried again at once: a connection reset
 * (ECONNRESET, socket hang up), a 5xx, or throttling. Never another 4xx, never a timeout
 * (it has used the budget already).
 */
export function classifyCloudAttempt(error: unknown): AttemptFailure {
  const info = readSdkError(error);
  const code = info.code ?? (info.status === undefined ? 'error' : String(info.status));
  if (reasonOf(info) === 'timeout') return { retryable: false, code: 'timeout' };
  if (/^Throttling/.test(info.code ?? '') || info.status === 429) return { retryable: true, code };
  if (info.status !== undefined && info.status >= 500) return { retryable: true, code };
  if (resetCodes.has(info.code ?? '') || (info.status === undefined && /socket hang up|ECONNRESET/.test(info.message))) {
    return { retryable: true, code: resetCodes.has(info.code ?? '') ? code : 'ECONNRESET' };
  }
  return { retryable: false, code };
}

/** Removes what must not leave the server: query strings (RPC v2 puts the AccessKeyId there) and key ids. */
function scrub(message: string): string {
  return message.replace(/(https?:\/\/[^\s?]+)\?\S*/g, '$1').replace(/\b(LTAI|STS\.)[A-Za-z0-9]+/g, '$1***');
}

/**
 * Classifies an SDK failure as an `UpstreamError` from source `alicloud`.
 * `resource` names what was read, e.g. `DescribeSecurityGroupAttribute sg-bp1…`.
 * The code and RequestId stay in the error; credentials and signed URLs never do.
 */
export function toUpstreamError(error: unknown, resource: string): UpstreamError {
  if (error instanceof UpstreamError) return error;
  const info = readSdkError(error);
  const reason = reasonOf(info);
  const code = info.code ?? (info.status === undefined ? undefined : String(info.status));
  const requestId = info.requestId ? ` (RequestId ${info.requestId})` : '';
  // NOTE: resource and code are fields of their own; the message is the cloud's words only.
  const message = scrub(info.message.replace(/^code: \d+, /, ''));
  return new UpstreamError({
    source: 'alicloud',
    reason,
    resource,
    ...(info.status === undefined ? {} : { status: info.status }),
    ...(code === undefined ? {} : { code }),
    message: message.includes(info.requestId ?? '\u0000') ? message : `${message}${requestId}`,
    cause: error,
    attempts: attemptsOf(error),
  });
}
