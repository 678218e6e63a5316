/**
 * The audit from the browser: `POST /api/audits?stream=1`, progress lines (classes done of the
 * total) reported as they arrive, the result parsed against its schema.
 */
import { z } from 'zod';

import { auditResultSchema, type AuditRequestInput, type AuditResult } from '@/lib/schemas/audit';

import { ApiError } from './api-error';
import { statusOfStreamError } from './diagnoses';
import { ndjsonLines } from './ndjson-lines';

/** What the audit form sends (the body of `POST /api/audits`). */
export interface AuditRunRequest {
  cluster: string;
  /** A namespace, or null for every namespace of the cluster. */
  namespace: string | null;
  /** As typed, one a line: `host[:port]` or URLs. */
  destinations: string[];
  /** For destinations that name no port. */
  port: number | null;
}

/** Classes done of the total, and what is being checked. */
export interface AuditProgress {
  done: number;
  total: number;
  message: string;
}

const lineSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('progress'), stage: z.string(), message: z.string(), done: z.number().optional(), total: z.number().optional() }),
  z.object({ type: z.literal('result'), audit: auditResultSchema }),
  z.object({ type: z.literal('error'), error: z.object({ code: z.string(), message: z.string() }) }),
]);

const errorBodySchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

function parseLine(text: string): z.infer<typeof lineSchema> {
  try {
    return lineSchema.parse(JSON.parse(text));
  } catch (error) {
    const invalid = new ApiError(502, 'invalid_stream', 'The server sent a line that is not an audit line.');
    invalid.cause = error;
    throw invalid;
  }
}

/** The body of `POST /api/audits` for what the form sends (also what "Watch this audit" watches). */
export function auditBodyOf(request: AuditRunRequest): AuditRequestInput {
  return {
    cluster: request.cluster,
    ...(request.namespace === null ? { all: true } : { namespace: request.namespace }),
    destinations: request.destinations,
    ...(request.port === null ? {} : { port: request.port }),
  };
}

/** Runs the audit, calling `onProgress` with each progress line; throws `ApiError` for a refusal or a failed run. */
export async function runAuditStream(request: AuditRunRequest, onProgress: (progress: AuditProgress) => void): Promise<AuditResult> {
  const body = auditBodyOf(request);
  const response = await fetch('/api/audits?stream=1', { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/x-ndjson, application/json' }, body: JSON.stringify(body) });
  if (!response.ok || response.body === null) {
    const parsed = errorBodySchema.safeParse(await response.json().catch(() => null));
    throw parsed.success ? new ApiError(response.status, parsed.data.error.code, parsed.data.error.message) : new ApiError(response.status, 'http_error', `The server answered ${response.status} with no details.`);
  }
  for await (const text of ndjsonLines(response.body)) {
    const line = parseLine(text);
    if (line.type === 'result') return line.audit;
    if (line.type === 'error') throw new ApiError(statusOfStreamError(line.error.code), line.error.code, line.error.message);
    if (line.done !== undefined && line.total !== undefined) onProgress({ done: line.done, total: line.total, message: line.message });
  }
  throw new ApiError(502, 'stream_ended', 'The audit stream ended before a result arrived.');
}
