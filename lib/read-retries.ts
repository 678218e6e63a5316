/**
 * Retries of idempotent reads (every Describe/List/Get of the cloud and the cluster): a
 * connection reset, a 5xx or throttling is tried again with exponential backoff and full
 * jitter, within the per-call timeout budget (EGRESS_DOCTOR_TIMEOUT_MS); any other failure,
 * a timeout included, is final at once.
 *
 * The retries of one diagnosis are collected through `collectReadRetries` (an
 * AsyncLocalStorage log, so the adapters need no extra parameter), and the attempts behind
 * a final failure travel with the error (`attemptsOf`) into its `FactError`.
 */
import 'server-only';

import { AsyncLocalStorage } from 'node:async_hooks';

import type { FactSource, RetriedRead } from '@/lib/analysis/model';

/** Backoff of the n-th retry: a random delay in [0, min(cap, base·2ⁿ)) ("full jitter"). */
export const RETRY_BASE_DELAY_MS = 50;
const RETRY_MAX_DELAY_MS = 1_000;
/** At most this many attempts of one read, whatever the budget. */
export const MAX_READ_ATTEMPTS = 4;

/** What one failed attempt says about trying again. */
export interface AttemptFailure {
  /** True for a connection reset, a 5xx or throttling. */
  retryable: boolean;
  /** A short code for the record: `ECONNRESET`, `503`, `Throttling.User`. */
  code: string;
}

export interface RetryReadOptions<T> {
  source: FactSource;
  /** What is read, as in the fact error (`DescribeNatGateways vpc-…`, `services in all namespaces of c`). */
  resource: string;
  /** Total time for every attempt and wait together, in milliseconds. */
  budgetMs: number;
  /** One attempt, given the milliseconds left of the budget (its own timeout). */
  attempt: (remainingMs: number) => Promise<T>;
  classify: (error: unknown) => AttemptFailure;
  /** For tests: the random source in [0, 1) and the clock. */
  random?: () => number;
  now?: () => number;
}

const log = new AsyncLocalStorage<RetriedRead[]>();
const attemptBudget = new AsyncLocalStorage<number>();
const attempts = new WeakMap<object, number>();

/**
 * Milliseconds left of the budget for the attempt running in this async context, for
 * clients whose timeout is set elsewhere (client-node's per-request middleware).
 */
export function currentAttemptBudgetMs(): number | undefined {
  return attemptBudget.getStore();
}

/** Attempts made before `error` was given up on (1 when it was not retried). */
export function attemptsOf(error: unknown): number {
  return typeof error === 'object' && error !== null ? (attempts.get(error) ?? 1) : 1;
}

/**
 * Runs `read` and returns its result with every read that needed more than one attempt
 * while it ran (in the order they finished).
 */
export async function collectReadRetries<T>(read: () => Promise<T>): Promise<{ result: T; retries: RetriedRead[] }> {
  const retries: RetriedRead[] = [];
  const result = await log.run(retries, read);
  return { result, retries };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs one idempotent read, retrying retryable failures while the next wait and a useful
 * attempt still fit in the budget. Throws the last failure (its attempts: `attemptsOf`).
 */
export async function retryRead<T>(options: RetryReadOptions<T>): Promise<T> {
  const now = options.now ?? (() => performance.now());
  const random = options.random ?? Math.random;
  const started = now();
  const codes: string[] = [];
  for (let attempt = 1; ; attempt += 1) {
    const remaining = options.budgetMs - (now() - started);
    try {
      const budget = Math.max(1, Math.floor(remaining));
      const value = await attemptBudget.run(budget, () => options.attempt(budget));
      if (attempt > 1) record(options, attempt, codes, true);
      return value;
    } catch (error) {
      const failure = options.classify(error);
      codes.push(failure.code);
      const delay = random() * Math.min(RETRY_MAX_DELAY_MS, RETRY_BASE_DELAY_MS * 2 ** (attempt - 1));
      const left = options.budgetMs - (now() - started);
      // NOTE: a retry needs time for an answer too; a quarter of the budget is the least we give it.
      const fits = left - delay >= options.budgetMs / 4;
      if (!failure.retryable || attempt >= MAX_READ_ATTEMPTS || !fits) {
        if (attempt > 1) record(options, attempt, codes, false);
        if (typeof error === 'object' && error !== null) attempts.set(error, attempt);
        throw error;
      }
      await sleep(delay);
    }
  }
}

function record(options: { source: FactSource; resource: string }, attemptCount: number, codes: string[], succeeded: boolean): void {
  log.getStore()?.push({ source: options.source, resource: options.resource, attempts: attemptCount, codes: [...codes], succeeded });
}
