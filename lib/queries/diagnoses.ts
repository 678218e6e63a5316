import { queryOptions } from '@tanstack/react-query';
import { z } from 'zod';

import type { Protocol } from '@/lib/analysis/model';
import { diagnosisSchema, hopSchema, type DiagnosisView, type HopView } from '@/lib/schemas/diagnosis';

import { ApiError, fetchJson } from './api-error';
import { ndjsonLines } from './ndjson-lines';
import { shouldRetry } from './query-client';

/** What the diagnose page's URL carries; the body of `POST /api/diagnoses`. */
export interface DiagnosisRunRequest {
  cluster: string;
  namespace: string;
  pod: string;
  /** As typed: host name, IP, `host:port` or URL. */
  destination: string;
  port: number;
  protocol: Protocol;
}

export const diagnosisStages = ['cluster', 'dns', 'cloud', 'evaluate'] as const;
export type DiagnosisStage = (typeof diagnosisStages)[number];

/** One progress line of a running diagnosis. */
export interface DiagnosisProgress {
  stage: DiagnosisStage;
  message: string;
}

const streamLineSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('progress'), stage: z.enum(diagnosisStages), message: z.string() }),
  z.object({ type: z.literal('hop'), hop: hopSchema }),
  z.object({ type: z.literal('result'), diagnosis: diagnosisSchema }),
  z.object({ type: z.literal('error'), error: z.object({ code: z.string(), message: z.string() }) }),
]);

/** Query keys of diagnoses: a run is keyed by its whole request, a saved one by id. */
export const diagnosisKeys = {
  all: ['diagnoses'] as const,
  run: (request: DiagnosisRunRequest) => ['diagnoses', 'run', request] as const,
  saved: (id: string) => ['diagnoses', 'saved', id] as const,
};

/**
 * HTTP status an error line stands for. The stream answers 200 before the job runs, so the
 * route's status is lost; this keeps `shouldRetry` from retrying what cannot succeed.
 */
export function statusOfStreamError(code: string): number {
  if (code === 'not_found' || code.endsWith('_not_found')) return 404;
  if (code.startsWith('invalid_')) return 400;
  if (code === 'upstream_unauthorized') return 401;
  if (code === 'upstream_forbidden') return 403;
  if (code === 'upstream_throttled' || code === 'upstream_timeout' || code === 'upstream_unreachable') return 503;
  if (code === 'internal_error') return 500;
  return 502;
}

function parseLine(text: string): z.infer<typeof streamLineSchema> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const invalid = new ApiError(502, 'invalid_stream', 'The server sent a line that is not JSON.');
    invalid.cause = error;
    throw invalid;
  }
  return streamLineSchema.parse(json);
}

/**
 * Reads an NDJSON diagnosis stream: reports each progress line, returns the diagnosis of the
 * `result` line, throws `ApiError` for an `error` line or a stream that ends without a result.
 */
export async function readDiagnosisStream(body: ReadableStream<Uint8Array>, onProgress: (progress: DiagnosisProgress) => void, onHop: (hop: HopView) => void = () => undefined): Promise<DiagnosisView> {
  for await (const text of ndjsonLines(body)) {
    const line = parseLine(text);
    if (line.type === 'progress') onProgress({ stage: line.stage, message: line.message });
    else if (line.type === 'hop') onHop(line.hop);
    else if (line.type === 'result') return line.diagnosis;
    else throw new ApiError(statusOfStreamError(line.error.code), line.error.code, line.error.message);
  }
  throw new ApiError(502, 'stream_ended', 'The diagnosis stream ended before a result arrived.');
}

/** POSTs the request to `/api/diagnoses?stream=1` and reads the stream (plain JSON errors for non-2xx). */
export async function runDiagnosis(request: DiagnosisRunRequest, onProgress: (progress: DiagnosisProgress) => void, onHop?: (hop: HopView) => void): Promise<DiagnosisView> {
  const response = await fetch('/api/diagnoses?stream=1', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/x-ndjson, application/json' },
    body: JSON.stringify(request),
  });
  const contentType = response.headers.get('content-type') ?? '';
  if (!response.ok || !contentType.includes('ndjson') || response.body === null) {
    const body: unknown = await response.json().catch(() => null);
    if (!response.ok) throw toApiError(response.status, body);
    // NOTE: a server without streaming answers the Diagnosis as plain JSON; accept it.
    return diagnosisSchema.parse(body);
  }
  return readDiagnosisStream(response.body, onProgress, onHop);
}

function toApiError(status: number, body: unknown): ApiError {
  const parsed = z.object({ error: z.object({ code: z.string(), message: z.string() }) }).safeParse(body);
  return parsed.success
    ? new ApiError(status, parsed.data.error.code, parsed.data.error.message)
    : new ApiError(status, 'http_error', `The server answered ${status} with no details.`);
}

/**
 * Runs a diagnosis once per request (staleTime Infinity: opening the URL runs it, going back
 * to it does not run it again; "Run again" refetches). Progress goes to `onProgress`.
 */
export const diagnosisRunQueryOptions = (request: DiagnosisRunRequest, onProgress: (progress: DiagnosisProgress) => void, onHop?: (hop: HopView) => void) =>
  queryOptions({
    queryKey: diagnosisKeys.run(request),
    // NOTE: no abort signal on purpose: a run saves a diagnosis server-side, and leaving the
    // page (or React's dev double mount) must not cancel it and start a second one.
    queryFn: () => runDiagnosis(request, onProgress, onHop),
    staleTime: Infinity,
    gcTime: 30 * 60_000,
    retry: shouldRetry,
  });

/** A saved diagnosis behind a share link; 404 answers `diagnosis_not_found` (never retried). */
export const savedDiagnosisQueryOptions = (id: string) =>
  queryOptions({
    queryKey: diagnosisKeys.saved(id),
    queryFn: async () => diagnosisSchema.parse(await fetchJson(`/api/diagnoses/${encodeURIComponent(id)}`)),
    staleTime: Infinity,
  });
