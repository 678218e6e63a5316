/**
 * Streams a long-running job as NDJSON: `progress` lines while it runs, then one
 * `result` or `error` line. Errors are mapped like any route error (safe messages only).
 */
import 'server-only';

import { toErrorResponse } from './route';

export type StreamLine =
  | { type: 'progress'; stage: string; message: string }
  | { type: 'hop'; hop: unknown }
  | { type: 'result'; diagnosis: unknown }
  | { type: 'error'; error: { code: string; message: string } };

/** Runs `job`, which reports progress through `send`, and streams its lines. */
export function streamNdjson(route: string, inputs: unknown, job: (send: (line: StreamLine) => void) => Promise<StreamLine>): Response {
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (line: StreamLine) => controller.enqueue(encoder.encode(`${JSON.stringify(line)}\n`));
      try {
        send(await job(send));
      } catch (error) {
        const response = toErrorResponse(error, route, inputs);
        const body: unknown = await response.json();
        send({ type: 'error', error: readError(body) });
      }
      controller.close();
    },
  });
  return new Response(stream, { status: 200, headers: { 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store', 'x-accel-buffering': 'no' } });
}

function readError(body: unknown): { code: string; message: string } {
  if (typeof body === 'object' && body !== null && 'error' in body && typeof body.error === 'object' && body.error !== null) {
    const { error } = body;
    if ('code' in error && 'message' in error) return { code: String(error.code), message: String(error.message) };
  }
  return { code: 'internal_error', message: 'Something went wrong on the server; the error has been logged.' };
}
