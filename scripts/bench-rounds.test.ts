import { describe, expect, it } from 'vitest';

import { countSequentialRounds } from './bench-rounds';

describe('countSequentialRounds', () => {
  it.each([
    ['no calls', [], 0],
    ['one call', [{ startedAt: 0, endedAt: 50 }], 1],
    ['three parallel calls', [{ startedAt: 0, endedAt: 50 }, { startedAt: 1, endedAt: 52 }, { startedAt: 2, endedAt: 51 }], 1],
    ['two waves', [{ startedAt: 0, endedAt: 50 }, { startedAt: 1, endedAt: 51 }, { startedAt: 52, endedAt: 100 }], 2],
    ['a call overlapping the tail of a wave joins it', [{ startedAt: 0, endedAt: 50 }, { startedAt: 49, endedAt: 99 }, { startedAt: 100, endedAt: 150 }], 2],
    ['unsorted input', [{ startedAt: 104, endedAt: 150 }, { startedAt: 0, endedAt: 50 }, { startedAt: 52, endedAt: 100 }], 3],
  ])('%s → %i rounds', (_name, calls, expected) => {
    expect(countSequentialRounds(calls)).toBe(expected);
  });
});
