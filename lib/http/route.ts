/**
 * The error boundary of every route handler: bad input → 400 with the issues,
 * upstream failures → 502/503/404 with a safe message, anything else → 500 with a
 * generic message and a server log line. Never a stack trace, never credentials.
 */
import 'server-only';

import { NextResponse } from 'next/server';
import { ZodError } from 'zod';

import { ConfigurationError } from '@/lib/env';
import { BadRequestError, statusForReason, UpstreamError } from '@/lib/errors';

/** Longest echo of the caller's input in an error message: a 20 MB value is not repeated back. */
const ECHO_LIMIT = 200;

/** `text` cut to `limit` characters, marked with an ellipsis when cut. */
export function truncate(text: string, limit = ECHO_LIMIT): string {
  return text.length <= limit ? text : `${text.slice(0, limit)}…`;
}

/** JSON error answer `{ error: { code, message } }`. */
export function errorResponse(status: number, code: string, message: string, issues?: Array<{ path: string; message: string }>): NextResponse {
  return NextResponse.json({ error: { code, message, ...(issues ? { issues } : {}) } }, { status, headers: { 'cache-control': 'no-store' } });
}

/** Maps a thrown error to its answer; logs unexpected ones with the route and inputs. */
export function toErrorResponse(error: unknown, route: string, inputs: unknown): NextResponse {
  if (error instanceof ZodError) {
    const issues = error.issues.slice(0, 20).map((issue) => ({ path: truncate(issue.path.join('.') || '(input)', 100), message: truncate(issue.message) }));
    const summary = issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
    return errorResponse(400, 'invalid_input', `Invalid input — ${summary}`, issues);
  }
  if (error instanceof BadRequestError) return errorResponse(error.status, error.code, truncate(error.message, 1000));
  if (error instanceof ConfigurationError) return errorResponse(503, 'invalid_configuration', `The dashboard's settings are invalid (an operator must fix them; /api/healthz lists them): ${error.problems.join('; ')}`);
  if (error instanceof UpstreamError) {
    const status = statusForReason(error.reason);
    const code = error.reason === 'notFound' ? 'not_found' : `upstream_${error.reason}`;
    const system = error.source === 'k8s' ? 'Kubernetes' : error.source === 'alicloud' ? 'Alibaba Cloud' : 'DNS';
    return errorResponse(status, code, `${system} (${error.resource}${error.code ? `, ${error.code}` : ''}): ${error.message}`);
  }
  console.error(JSON.stringify({ level: 'error', route, inputs: typeof inputs === 'string' ? truncate(inputs, 500) : inputs, error: error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : String(error) }));
  return errorResponse(500, 'internal_error', 'Something went wrong on the server; the error has been logged.');
}

/** Wraps a handler so every failure becomes a JSON error answer. */
export function withErrors<Args extends unknown[]>(route: string, handler: (...args: Args) => Promise<Response>): (...args: Args) => Promise<Response> {
  return async (...args: Args) => {
    try {
      return await handler(...args);
    } catch (error) {
      return toErrorResponse(error, route, args[0] instanceof Request ? args[0].url : null);
    }
  };
}
