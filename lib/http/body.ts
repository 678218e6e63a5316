/**
 * Request bodies read with a size limit, before any parsing: the `Content-Length` a client
 * declares is checked first, then the stream is read chunk by chunk and dropped at the limit,
 * so an oversized body never sits whole in memory (413 `payload_too_large`).
 */
import 'server-only';

import { BadRequestError } from '@/lib/errors';

function tooLarge(limit: number): BadRequestError {
  return new BadRequestError('payload_too_large', `The body is larger than ${limit} bytes.`, 413);
}

/** The body's bytes as UTF-8 text; throws 413 past `limit` bytes (declared or read). */
export async function readBodyText(request: Request, limit: number): Promise<string> {
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > limit) throw tooLarge(limit);
  if (request.body === null) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return new TextDecoder('utf-8', { fatal: false }).decode(Buffer.concat(chunks));
}

/**
 * The body parsed as JSON (at most `limit` bytes); 400 `invalid_json` naming the expected
 * `shape` otherwise. An empty body reads as `{}` (the bodiless POSTs: re-run, undo preview).
 */
export async function readJsonBody(request: Request, limit: number, shape: string): Promise<unknown> {
  const text = await readBodyText(request, limit);
  if (text.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed;
  } catch (error) {
    throw new BadRequestError('invalid_json', `The body must be JSON: ${shape} (${error instanceof Error ? error.message.slice(0, 120) : 'unreadable'}).`);
  }
}
