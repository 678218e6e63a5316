import { afterEach, describe, expect, it, vi } from 'vitest';

import { streamNdjson } from './ndjson';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('streamNdjson', () => {
  it('streams progress then the result', async () => {
    const response = streamNdjson('test', null, async (send) => {
      send({ type: 'progress', stage: 'cluster', message: 'reading' });
      return { type: 'result', diagnosis: { id: 'a' } };
    });
    expect((await response.text()).trim().split('\n').map((line) => JSON.parse(line))).toStrictEqual([
      { type: 'progress', stage: 'cluster', message: 'reading' },
      { type: 'result', diagnosis: { id: 'a' } },
    ]);
  });

  it('runs the job to its end when the client goes away mid-stream, and logs one line without a stack', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let finished = false;
    const response = streamNdjson('POST /api/diagnoses?stream=1', null, async (send) => {
      send({ type: 'progress', stage: 'cluster', message: 'reading' });
      await gate;
      send({ type: 'progress', stage: 'cloud', message: 'reading' });
      finished = true;
      return { type: 'result', diagnosis: { id: 'kept' } };
    });
    const reader = response.body?.getReader();
    await reader?.read();
    await reader?.cancel();
    release();
    await vi.waitFor(() => expect(warn).toHaveBeenCalledTimes(1));
    const line = String(warn.mock.calls[0]?.[0]);
    expect([finished, JSON.parse(line), error.mock.calls.length, /\n\s+at /.test(line)]).toStrictEqual([
      true,
      { level: 'warn', route: 'POST /api/diagnoses?stream=1', message: 'the client went away before the result line; the job ran to its end and its result was kept' },
      0,
      false,
    ]);
  });
});
