/**
 * Error classes shared by the adapters and the route handlers.
 *
 * Adapters throw only `UpstreamError`, built by one mapping function per SDK
 * (lib/k8s/errors.ts, lib/alicloud/errors.ts) and keeping the original as `cause`.
 * The orchestrator turns it into a `FactError` that travels beside the data.
 */
import type { FactError, FactErrorReason, FactSource } from '@/lib/analysis/model';

export interface UpstreamErrorInit {
  source: FactSource;
  reason: FactErrorReason;
  /** What was being read, e.g. `DescribeSecurityGroupAttribute sg-bp1…`. */
  resource: string;
  /** HTTP status, when there was a response. */
  status?: number;
  /** Upstream error code (`Forbidden.RAM`, `NotFound`). */
  code?: string;
  message: string;
  cause?: unknown;
  /** Attempts made before giving up (lib/read-retries.ts), when more than one. */
  attempts?: number;
}

const retryableReasons: ReadonlySet<FactErrorReason> = new Set(['throttled', 'timeout', 'unreachable', 'error']);

/** A failure of the Kubernetes API, the Alibaba Cloud OpenAPI or DNS, classified. */
export class UpstreamError extends Error {
  readonly source: FactSource;
  readonly reason: FactErrorReason;
  readonly resource: string;
  readonly status?: number;
  readonly code?: string;
  readonly retryable: boolean;
  readonly attempts?: number;

  constructor(init: UpstreamErrorInit) {
    super(init.attempts !== undefined && init.attempts > 1 ? `${init.message} (after ${init.attempts} attempts)` : init.message, { cause: init.cause });
    this.name = 'UpstreamError';
    this.source = init.source;
    this.reason = init.reason;
    this.resource = init.resource;
    this.status = init.status;
    this.code = init.code;
    this.retryable = retryableReasons.has(init.reason);
    if (init.attempts !== undefined && init.attempts > 1) this.attempts = init.attempts;
  }

  /** The error as a plain fact error (safe to send to the browser and to store). */
  toFactError(): FactError {
    return {
      source: this.source,
      reason: this.reason,
      resource: this.resource,
      message: this.message,
      ...(this.code === undefined ? {} : { code: this.code }),
      retryable: this.retryable,
      ...(this.attempts === undefined ? {} : { attempts: this.attempts }),
    };
  }
}

/** Bad input from the user; route handlers answer 400 (or `status`) with `code` and the message. */
export class BadRequestError extends Error {
  readonly code: string;
  readonly status: number;

  constructor(code: string, message: string, status = 400) {
    super(message);
    this.name = 'BadRequestError';
    this.code = code;
    this.status = status;
  }
}

/** Maps an upstream reason to the HTTP status our API answers with when a whole request depends on it. */
export function statusForReason(reason: FactErrorReason): number {
  switch (reason) {
    case 'notFound':
      return 404;
    case 'forbidden':
    case 'unauthorized':
    case 'invalid':
    case 'error':
      return 502;
    case 'throttled':
    case 'timeout':
    case 'unreachable':
      return 503;
    default: {
      const exhaustive: never = reason;
      throw new Error(`unhandled reason ${String(exhaustive)}`);
    }
  }
}
