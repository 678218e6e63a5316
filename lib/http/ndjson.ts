/**
 * Streams a long-running job as NDJSON: `progress` lines while it runs, then one
 * `result` or `error` line. Errors are mapped like any route error (safe messages only).
 */
import 'server-only';

import { toErrorResponse } from './route';

export type StreamLine =
  | { type: 'progress'; stage: string; message: string; done?: number; total?: number }
  | { type: 'hop'; hop: unknown }
  | { type: 'result'; diagnosis: unknown }
  | { type: 'result'; audit: unknown }
  | { type: 'error'; error: { code: string; message: string } };

/**
 * Runs `job`, which reports progress through `send`, and streams its lines. A client that
 * goes away mid-stream does not stop the job (a diagnosis is still saved): its lines are
 * dropped and one log line says so.
 */
export function streamNdjson(route: string, inputs: unknown, job: (send: (line: StreamLine) => void) => Promise<StreamLine>): Response {
  const encoder = new TextEncoder();
  let gone = false;
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (line: StreamLine) => {
        if (gone) return;
        const bytes = encoder.encode(`${JSON.stringify(line)}\n`);
        try {
          controller.enqueue(bytes);
        } catch (error) {
          // NOTE: enqueue throws once the consumer cancelled; the job goes on without it.
          gone = true;
          if (!(error instanceof TypeError)) throw error;
        }
      };
      let last: StreamLine;
      try {
        last = await job(send);
      } catch (error) {
        const response = toErrorResponse(error, route, inputs);
        const body: unknown = await response.json();
        last = { type: 'error', error: readError(body) };
      }
      send(last);
      if (gone) {
        console.warn(JSON.stringify({ level: 'warn', route, message: `the client went away before the ${last.type} line; the job ran to its end${last.type === 'result' ? ' and its result was kept' : ''}` }));
        return;
      }
      controller.close();
    },
    cancel() {
      gone = true;
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
