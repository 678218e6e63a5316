import { describe, expect, it } from 'vitest';

import { readJsonBody } from './body';

/** A POST whose body arrives in chunks, without Content-Length (as a chunked upload does). */
function chunked(chunks: string[], headers: Record<string, string> = {}): Request {
  const encoder = new TextEncoder();
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[pulled];
      pulled += 1;
      if (chunk === undefined) controller.close();
      else controller.enqueue(encoder.encode(chunk));
    },
  });
  return new Request('http://127.0.0.1/api/diagnoses', { method: 'POST', body, headers, duplex: 'half' } as RequestInit);
}

async function outcome(request: Request, limit: number): Promise<unknown> {
  try {
    return { ok: await readJsonBody(request, limit, '{}') };
  } catch (error) {
    return error instanceof Error && 'status' in error && 'code' in error ? { status: error.status, code: error.code } : String(error);
  }
}

describe('readJsonBody', () => {
  it('parses a body within the limit', async () => {
    expect(await outcome(chunked(['{"a":', '1}']), 100)).toStrictEqual({ ok: { a: 1 } });
  });

  it('reads an empty body as {}', async () => {
    expect(await outcome(new Request('http://127.0.0.1/x', { method: 'POST' }), 100)).toStrictEqual({ ok: {} });
  });

  it('refuses a declared Content-Length over the limit without reading', async () => {
    expect(await outcome(new Request('http://127.0.0.1/x', { method: 'POST', body: 'x'.repeat(200), headers: { 'content-length': '200' } }), 100)).toStrictEqual({ status: 413, code: 'payload_too_large' });
  });

  it('stops a chunked body at the limit, leaving the rest unread', async () => {
    const chunks = Array.from({ length: 1000 }, () => 'x'.repeat(1024));
    let read = 0;
    const request = chunked(chunks);
    const counting = new Request(request.url, {
      method: 'POST',
      duplex: 'half',
      body: request.body?.pipeThrough(new TransformStream<Uint8Array, Uint8Array>({ transform: (chunk, controller) => { read += chunk.byteLength; controller.enqueue(chunk); } })),
    } as RequestInit);
    expect(await outcome(counting, 8 * 1024)).toStrictEqual({ status: 413, code: 'payload_too_large' });
    expect(read).toBeLessThan(64 * 1024);
  });

  it('answers 400 invalid_json for a body that is not JSON', async () => {
    expect(await outcome(chunked(['not json']), 100)).toStrictEqual({ status: 400, code: 'invalid_json' });
  });
});
