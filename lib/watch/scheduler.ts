/**
 * The watch scheduler: every tick it takes the lease of each due watch (one replica wins it),
 * re-runs the diagnosis, and when the verdict or the blocking rule changed, saves the run,
 * records the change and tells the webhook. The run and the webhook are passed in, so the
 * same loop runs in the server (run-watch.ts) and in tests.
 */
import type { WatchEvent, WatchState, WatchView } from '@/lib/schemas/watch';

import type { WebhookDelivery, WatchChange } from './webhook';
import type { WatchStore } from './watch-store';
import { describeWatchState, hasWatchStateChanged } from './watch-state';

/**
 * One run's outcome: the state it saw, and how to save the diagnosis (only done when it
 * changed; null when the run saves nothing, an audit); `link` is the page that shows such a run.
 */
export interface WatchRunResult {
  state: WatchState;
  save: () => Promise<string | null>;
  link?: string;
}

export interface WatchSchedulerOptions {
  store: WatchStore;
  /** This process's name in the lease (host, pid, random suffix). */
  owner: string;
  /** Re-runs the watched diagnosis (live reads). */
  run: (watch: WatchView) => Promise<WatchRunResult>;
  /** Tells the watch's webhook; called only for a watch with one, once per change. */
  notify: (watch: WatchView, change: WatchChange) => Promise<WebhookDelivery>;
  /** The link to a saved diagnosis in a webhook message (absolute when the public origin is known). */
  diagnosisUrl: (id: string) => string;
  now?: () => Date;
  /** How long a lease holds before another replica may take the watch over (default 5 minutes: longer than any run). */
  leaseMs?: number;
  /** How often `start` looks for due watches (default 30 s). */
  tickMs?: number;
  /** Called after each run (metrics). */
  onRun?: (watch: WatchView, outcome: 'unchanged' | 'changed' | 'error') => void;
}

export interface WatchScheduler {
  /** Runs every due watch this process can lease; resolves to the number it ran. */
  tick(): Promise<number>;
  /** Runs watch `id` now if nobody else holds its lease; the watch after the run, or null when it was leased elsewhere or does not exist. */
  runNow(id: string): Promise<WatchView | null>;
  start(): void;
  stop(): void;
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 500);

/** Creates a scheduler over `options.store`; nothing runs until `tick`, `runNow` or `start`. */
export function createWatchScheduler(options: WatchSchedulerOptions): WatchScheduler {
  const now = options.now ?? (() => new Date());
  const leaseMs = options.leaseMs ?? 5 * 60_000;
  let timer: ReturnType<typeof setInterval> | null = null;
  let ticking = false;

  async function runLeased(watch: WatchView): Promise<void> {
    const startedAt = now();
    const next = (at: Date) => at.getTime() + watch.intervalMinutes * 60_000;
    let event: WatchEvent | null = null;
    let state = watch.state;
    let lastDiagnosisId = watch.lastDiagnosisId;
    let lastError: string | null = null;
    let outcome: 'unchanged' | 'changed' | 'error' = 'unchanged';
    try {
      const result = await options.run(watch);
      if (hasWatchStateChanged(watch.state, result.state)) {
        outcome = 'changed';
        const savedId = await result.save();
        lastDiagnosisId = savedId ?? lastDiagnosisId;
        state = result.state;
        const at = now().toISOString();
        const url = savedId === null ? (result.link ?? '') : options.diagnosisUrl(savedId);
        const delivery = watch.webhook ? await options.notify(watch, { watch, previous: watch.state, current: result.state, diagnosisId: savedId, diagnosisUrl: url, at }) : null;
        event = {
          at,
          kind: 'changed',
          state: result.state,
          previous: watch.state,
          diagnosisId: savedId,
          message: `${describeWatchState(watch.state)} → ${describeWatchState(result.state)}${delivery?.error ? `; webhook failed: ${delivery.error}` : ''}`,
          notification: delivery?.outcome ?? 'none',
          attempts: delivery?.attempts ?? 0,
        };
      }
    } catch (error) {
      outcome = 'error';
      lastError = errorText(error);
      // One history line per distinct failure, not one every interval.
      if (lastError !== watch.lastError) event = { at: now().toISOString(), kind: 'error', state: null, previous: watch.state, diagnosisId: null, message: `The run failed: ${lastError}`, notification: 'none', attempts: 0 };
    }
    const finishedAt = now();
    await options.store.finish(watch.id, options.owner, { state, lastDiagnosisId, lastRunAt: finishedAt.getTime(), nextRunAt: next(startedAt), lastError }, event);
    options.onRun?.(watch, outcome);
  }

  async function claimAndRun(id: string, force: boolean): Promise<boolean> {
    const watch = await options.store.claim(id, options.owner, now(), leaseMs, force);
    if (!watch) return false;
    await runLeased(watch);
    return true;
  }

  const scheduler: WatchScheduler = {
    async tick() {
      let ran = 0;
      for (const id of await options.store.due(now())) if (await claimAndRun(id, false)) ran += 1;
      return ran;
    },
    async runNow(id) {
      return (await claimAndRun(id, true)) ? options.store.get(id) : null;
    },
    start() {
      if (timer) return;
      timer = setInterval(() => {
        if (ticking) return;
        ticking = true;
        scheduler
          .tick()
          .catch((error: unknown) => console.error(JSON.stringify({ level: 'error', task: 'watch scheduler tick', error: errorText(error) })))
          .finally(() => {
            ticking = false;
          });
      }, options.tickMs ?? 30_000);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
  return scheduler;
}
