/**
 * The process's counters for `/api/metrics`: diagnoses by verdict and their durations (a
 * histogram), cloud calls and their errors by action, watch runs by outcome. In memory, on
 * globalThis so every route bundle of the server counts into one registry; each replica
 * exposes its own (Prometheus sums them).
 */

/** Upper bounds (seconds) of the diagnosis-duration histogram buckets. */
export const DIAGNOSIS_SECONDS_BUCKETS = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] as const;

export interface MetricsRegistry {
  diagnoses: Map<string, number>;
  /** Cumulative counts per bucket (same order as DIAGNOSIS_SECONDS_BUCKETS), the sum and the count. */
  diagnosisSeconds: { buckets: number[]; sum: number; count: number };
  cloudCalls: Map<string, number>;
  /** Keyed `action code`. */
  cloudCallErrors: Map<string, { action: string; code: string; count: number }>;
  watchRuns: Map<string, number>;
  whatIfs: { count: number; sum: number };
}

declare global {
  var acsEgressDoctorMetrics: MetricsRegistry | undefined;
}

/** The process-wide registry. */
export function getMetrics(): MetricsRegistry {
  globalThis.acsEgressDoctorMetrics ??= {
    diagnoses: new Map(),
    diagnosisSeconds: { buckets: DIAGNOSIS_SECONDS_BUCKETS.map(() => 0), sum: 0, count: 0 },
    cloudCalls: new Map(),
    cloudCallErrors: new Map(),
    watchRuns: new Map(),
    whatIfs: { count: 0, sum: 0 },
  };
  return globalThis.acsEgressDoctorMetrics;
}

const increment = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);

/** Counts one finished diagnosis. */
export function recordDiagnosis(verdict: string, seconds: number): void {
  const metrics = getMetrics();
  increment(metrics.diagnoses, verdict);
  const histogram = metrics.diagnosisSeconds;
  DIAGNOSIS_SECONDS_BUCKETS.forEach((bound, index) => {
    if (seconds <= bound) histogram.buckets[index] = (histogram.buckets[index] ?? 0) + 1;
  });
  histogram.sum += seconds;
  histogram.count += 1;
}

/** Counts one cloud API call (each attempt of a retried read is a call); `errorCode` when it failed. */
export function recordCloudCall(action: string, errorCode: string | null): void {
  const metrics = getMetrics();
  increment(metrics.cloudCalls, action);
  if (errorCode === null) return;
  const key = `${action} ${errorCode}`;
  const entry = metrics.cloudCallErrors.get(key) ?? { action, code: errorCode, count: 0 };
  entry.count += 1;
  metrics.cloudCallErrors.set(key, entry);
}

/** Counts one watch run by outcome. */
export function recordWatchRun(outcome: 'unchanged' | 'changed' | 'error'): void {
  increment(getMetrics().watchRuns, outcome);
}

/** Counts one what-if evaluation. */
export function recordWhatIf(milliseconds: number): void {
  const { whatIfs } = getMetrics();
  whatIfs.count += 1;
  whatIfs.sum += milliseconds / 1000;
}

/** `call`, counted per call with its action and, when it throws, its error code. */
export function countedCloudCall<A extends [{ action: string }, ...unknown[]], R>(call: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  return async (...args: A) => {
    const action = args[0].action;
    try {
      const result = await call(...args);
      recordCloudCall(action, null);
      return result;
    } catch (error) {
      const code = typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' && error.code !== '' ? error.code : 'error';
      recordCloudCall(action, code.slice(0, 64));
      throw error;
    }
  };
}
