/** The retry policy of idempotent reads, with a fake clock and random source. */
import { describe, expect, it } from 'vitest';

import { MAX_READ_ATTEMPTS, attemptsOf, collectReadRetries, retryRead } from './read-retries';

class Failure extends Error {
  constructor(readonly code: string, readonly retryable: boolean) {
    super(code);
  }
}

/** Runs a read whose attempts fail with `failures` (then succeed), on a clock that advances `costMs` per attempt. */
async function run(failures: Failure[], budgetMs = 1000, costMs = 10) {
  let clock = 0;
  let calls = 0;
  const budgets: number[] = [];
  const outcome = await collectReadRetries(() =>
    retryRead({
      source: 'alicloud',
      resource: 'DescribeNatGateways vpc-1',
      budgetMs,
      now: () => clock,
      random: () => 0,
      attempt: async (remainingMs) => {
        budgets.push(remainingMs);
        calls += 1;
        clock += costMs;
        const failure = failures[calls - 1];
        if (failure) throw failure;
        return 'read';
      },
      classify: (error) => (error instanceof Failure ? { retryable: error.retryable, code: error.code } : { retryable: false, code: 'error' }),
    }).then(
      (value) => ({ value, attempts: calls }),
      (error: unknown) => ({ value: error instanceof Failure ? `failed ${error.code}` : 'bug', attempts: attemptsOf(error) }),
    ),
  );
  return { ...outcome.result, calls, budgets, retries: outcome.retries };
}

const reset = new Failure('ECONNRESET', true);
const throttled = new Failure('Throttling.User', true);
const forbidden = new Failure('Forbidden.RAM', false);

describe('retryRead', () => {
  it.each([
    { name: 'a read that succeeds is read once and not recorded', failures: [], expected: { value: 'read', attempts: 1, calls: 1, recorded: [] } },
    {
      name: 'a reset then a throttle are retried and the read succeeds',
      failures: [reset, throttled],
      expected: { value: 'read', attempts: 3, calls: 3, recorded: [{ attempts: 3, codes: ['ECONNRESET', 'Throttling.User'], succeeded: true }] },
    },
    { name: 'a 4xx other than throttling is final at once', failures: [forbidden], expected: { value: 'failed Forbidden.RAM', attempts: 1, calls: 1, recorded: [] } },
    {
      name: 'retries stop at the attempt limit',
      failures: Array.from({ length: 10 }, () => reset),
      expected: {
        value: 'failed ECONNRESET',
        attempts: MAX_READ_ATTEMPTS,
        calls: MAX_READ_ATTEMPTS,
        recorded: [{ attempts: MAX_READ_ATTEMPTS, codes: Array.from({ length: MAX_READ_ATTEMPTS }, () => 'ECONNRESET'), succeeded: false }],
      },
    },
  ])('$name', async ({ failures, expected }) => {
    const result = await run(failures);
    expect({ value: result.value, attempts: result.attempts, calls: result.calls, recorded: result.retries.map(({ attempts, codes, succeeded }) => ({ attempts, codes, succeeded })) }).toStrictEqual(expected);
  });

  it('never starts an attempt that the budget cannot hold, and gives each attempt what is left', async () => {
    const result = await run([reset, reset, reset], 100, 40);
    // 100 ms: attempt 1 ends at 40, attempt 2 at 80; 20 ms left is less than a quarter of the budget.
    expect({ calls: result.calls, budgets: result.budgets, value: result.value, attempts: result.attempts }).toStrictEqual({ calls: 2, budgets: [100, 60], value: 'failed ECONNRESET', attempts: 2 });
  });

  it('records the read with its source and resource', async () => {
    const result = await run([reset]);
    expect(result.retries).toStrictEqual([{ source: 'alicloud', resource: 'DescribeNatGateways vpc-1', attempts: 2, codes: ['ECONNRESET'], succeeded: true }]);
  });
});
