/**
 * The one mapping from @kubernetes/client-node failures to `UpstreamError`.
 */
import 'server-only';

import { ApiException } from '@kubernetes/client-node';

import type { FactErrorReason } from '@/lib/analysis/model';
import { UpstreamError } from '@/lib/errors';
import { attemptsOf, type AttemptFailure } from '@/lib/read-retries';

/** Connection-level error codes (Node and undici) that mean the API server could not be reached. */
const unreachableCodes: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);

const timeoutCodes: ReadonlySet<string> = new Set([
  'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

/**
 * Classifies any failure of a Kubernetes read as an `UpstreamError` (source `k8s`).
 *
 * - `ApiException`: by HTTP status (401 unauthorized, 403 forbidden, 404 notFound,
 *   429 throttled, other 4xx invalid, 5xx error); the message is the `Status.message` of the
 *   body when there is one (kube-apiserver never echoes credentials there), and `code`
 *   its `Status.reason` (else the status number).
 * - network failures (`fetch failed` with a cause such as ECONNREFUSED): unreachable;
 * - timeouts and aborts (our per-call AbortSignal, undici timeouts): timeout;
 * - an `UpstreamError` passes through unchanged; anything else is `error`.
 *
 * `resource` names what was read, e.g. `pods in all namespaces of acs-prod`. The original
 * error is kept as `cause`.
 */
export function toUpstreamError(error: unknown, resource: string): UpstreamError {
  if (error instanceof UpstreamError) return error;
  const mapped = mapError(error, resource);
  const attempts = attemptsOf(error);
  if (attempts === 1) return mapped;
  const { source, reason, status, code, message } = mapped;
  return new UpstreamError({ source, reason, resource, message, cause: error, attempts, ...(status === undefined ? {} : { status }), ...(code === undefined ? {} : { code }) });
}

const resetCodes: ReadonlySet<string> = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);

/**
 * Whether a failed read may succeed when tried again at once: a connection reset
 * (ECONNRESET, socket hang up), a 5xx, or 429. Never another 4xx, never a timeout.
 */
export function classifyK8sAttempt(error: unknown): AttemptFailure {
  if (error instanceof ApiException) {
    const retryable = error.code === 429 || (error.code >= 500 && error.code !== 501);
    return { retryable, code: String(error.code) };
  }
  const codes = errorCodes(error);
  const names = errorNames(error);
  if (names.has('TimeoutError') || names.has('AbortError') || [...codes].some((code) => timeoutCodes.has(code))) return { retryable: false, code: 'timeout' };
  const reset = firstOf(codes, resetCodes);
  if (reset !== undefined) return { retryable: true, code: reset };
  if (error instanceof Error && /socket hang up|other side closed/i.test(`${error.message} ${String(error.cause)}`)) return { retryable: true, code: 'ECONNRESET' };
  return { retryable: false, code: firstOf(codes, unreachableCodes) ?? 'error' };
}

function mapError(error: unknown, resource: string): UpstreamError {
  if (error instanceof ApiException) return fromApiException(error, resource);

  const codes = errorCodes(error);
  const names = errorNames(error);
  if (names.has('TimeoutError') || names.has('AbortError') || [...codes].some((code) => timeoutCodes.has(code))) {
    return new UpstreamError({ source: 'k8s', reason: 'timeout', resource, message: `The Kubernetes API did not answer in time (${resource})`, code: firstOf(codes, timeoutCodes) ?? 'timeout', cause: error });
  }
  const unreachable = firstOf(codes, unreachableCodes);
  if (unreachable) {
    return new UpstreamError({ source: 'k8s', reason: 'unreachable', resource, message: `Cannot reach the Kubernetes API server (${unreachable})`, code: unreachable, cause: error });
  }
  const tls = [...codes].find((code) => /CERT|TLS|SSL|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code));
  if (tls) {
    return new UpstreamError({ source: 'k8s', reason: 'error', resource, message: `TLS verification of the Kubernetes API server failed (${tls})`, code: tls, cause: error });
  }
  return new UpstreamError({ source: 'k8s', reason: 'error', resource, message: `Reading ${resource} from the Kubernetes API failed`, cause: error });
}

function fromApiException(error: ApiException<unknown>, resource: string): UpstreamError {
  const status = error.code;
  const body = parseStatusBody(error.body);
  const reason = reasonForStatus(status);
  return new UpstreamError({
    source: 'k8s',
    reason,
    resource,
    status,
    code: body.reason ?? String(status),
    message: body.message ?? defaultMessage(reason, status, resource),
    cause: error,
  });
}

/** The classification of an HTTP status of kube-apiserver. */
export function reasonForStatus(status: number): FactErrorReason {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'notFound';
  if (status === 429) return 'throttled';
  if (status === 408 || status === 504) return 'timeout';
  if (status >= 500 || status === 410) return 'error';
  if (status >= 400) return 'invalid';
  return 'error';
}

function defaultMessage(reason: FactErrorReason, status: number, resource: string): string {
  switch (reason) {
    case 'unauthorized':
      return 'The Kubernetes API rejected the credentials (401 Unauthorized)';
    case 'forbidden':
      return `Not allowed to read ${resource} (403 Forbidden)`;
    case 'notFound':
      return `${resource} not found`;
    case 'throttled':
      return 'The Kubernetes API is rate limiting requests (429)';
    default:
      return `The Kubernetes API answered ${status} for ${resource}`;
  }
}

/** `message` and `reason` of a JSON `Status` body (client-node passes it as a string). */
function parseStatusBody(body: unknown): { message?: string; reason?: string } {
  let parsed: unknown = body;
  if (typeof body === 'string') {
    try {
      parsed = JSON.parse(body);
    } catch {
      // Not JSON (a proxy's HTML error page, say): fall back to the status-based message.
      return {};
    }
  }
  if (typeof parsed !== 'object' || parsed === null) return {};
  const message = 'message' in parsed && typeof parsed.message === 'string' && parsed.message !== '' ? parsed.message : undefined;
  const reason = 'reason' in parsed && typeof parsed.reason === 'string' && parsed.reason !== '' ? parsed.reason : undefined;
  return { ...(message === undefined ? {} : { message }), ...(reason === undefined ? {} : { reason }) };
}

/** Error `code`s along the cause chain (and inside AggregateErrors), nearest first. */
function errorCodes(error: unknown): Set<string> {
  const codes = new Set<string>();
  for (const link of causeChain(error)) {
    if ('code' in link && typeof link.code === 'string') codes.add(link.code);
  }
  return codes;
}

function errorNames(error: unknown): Set<string> {
  const names = new Set<string>();
  for (const link of causeChain(error)) {
    if ('name' in link && typeof link.name === 'string') names.add(link.name);
  }
  return names;
}

function causeChain(error: unknown): object[] {
  const chain: object[] = [];
  const pending: unknown[] = [error];
  while (pending.length > 0 && chain.length < 20) {
    const current = pending.shift();
    if (typeof current !== 'object' || current === null || chain.includes(current)) continue;
    chain.push(current);
    if ('cause' in current) pending.push(current.cause);
    if ('errors' in current && Array.isArray(current.errors)) pending.push(...current.errors);
  }
  return chain;
}

function firstOf(codes: ReadonlySet<string>, wanted: ReadonlySet<string>): string | undefined {
  return [...codes].find((code) => wanted.has(code));
}
