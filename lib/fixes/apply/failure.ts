/**
 * A failed change in plain words: which system refused, its error code and message, and the
 * HTTP status we answer with (4xx for what retrying will not fix, 5xx otherwise).
 */
import 'server-only';

import { BadRequestError, UpstreamError } from '@/lib/errors';

/** How a failed change is answered and recorded. */
export interface ChangeFailure {
  status: number;
  code: string;
  message: string;
}

/** A change that was refused; carries the audit id of the recorded failure. */
export class ChangeFailedError extends Error {
  readonly status: number;
  readonly code: string;
  readonly auditId: string | null;

  constructor(failure: ChangeFailure, auditId: string | null, cause: unknown) {
    super(failure.message, { cause });
    this.name = 'ChangeFailedError';
    this.status = failure.status;
    this.code = failure.code;
    this.auditId = auditId;
  }
}

const CONFLICT_CODE = /Duplicat|Conflict|AlreadyExist|IncorrectStatus|InvalidStatus|OperationConflict|DependencyViolation/i;

function statusOf(error: UpstreamError): number {
  switch (error.reason) {
    case 'forbidden':
    case 'unauthorized':
      return 403;
    case 'notFound':
      return 404;
    case 'invalid':
      return error.code && CONFLICT_CODE.test(error.code) ? 409 : 400;
    case 'throttled':
      return 429;
    case 'timeout':
    case 'unreachable':
      return 503;
    case 'error':
      return error.code && CONFLICT_CODE.test(error.code) ? 409 : 502;
    default: {
      const exhaustive: never = error.reason;
      throw new Error(`unhandled reason ${String(exhaustive)}`);
    }
  }
}

const SYSTEM = { k8s: 'The Kubernetes API', alicloud: 'Alibaba Cloud', dns: 'DNS' } as const;

/** The answer for a failed change, or null for an error that is not an expected failure (a bug: 500). */
export function describeFailure(error: unknown): ChangeFailure | null {
  if (error instanceof ChangeFailedError) return { status: error.status, code: error.code, message: error.message };
  if (error instanceof BadRequestError) return { status: error.status, code: error.code, message: error.message };
  if (!(error instanceof UpstreamError)) return null;
  const status = statusOf(error);
  const code = error.code ? ` (${error.code})` : '';
  const message =
    status === 503
      ? `${SYSTEM[error.source]} did not answer ${error.resource}${code}: ${error.message}. The change may not have been made; re-run the diagnosis to see the current state.`
      : `${SYSTEM[error.source]} refused ${error.resource}${code}: ${error.message}. Nothing was changed.`;
  return { status, code: `change_${error.reason === 'notFound' ? 'not_found' : error.reason}`, message };
}
