/**
 * Watches in the server: creating one from a saved diagnosis, the live run the scheduler
 * makes, and the process's scheduler (started with the server unless
 * `EGRESS_DOCTOR_WATCH_SCHEDULER=false`). The code the routes call, and the tests.
 */
import 'server-only';

import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

import { diagnoseWithFacts } from '@/lib/diagnose/diagnose';
import { getEnv } from '@/lib/env';
import { BadRequestError } from '@/lib/errors';
import { recordWatchRun } from '@/lib/metrics/registry';
import type { CreateWatch, WatchDetail, WatchEvent, WatchView } from '@/lib/schemas/watch';
import { getDiagnosisStore, newDiagnosisId, type DiagnosisStore } from '@/lib/store/diagnosis-store';
import { diagnosisNotFound, saveDiagnosisRun } from '@/lib/store/saved-diagnoses';

import { createWatchScheduler, type WatchRunResult, type WatchScheduler } from './scheduler';
import { sendWebhook, webhookPayload } from './webhook';
import type { WatchStore } from './watch-store';
import { getWatchStore } from './watch-store';
import { describeWatchState, watchStateOf } from './watch-state';

/** History lines shown per watch. */
export const WATCH_HISTORY_LIMIT = 50;

/** 404 for an unknown watch id. */
export function watchNotFound(id: string): BadRequestError {
  return new BadRequestError('watch_not_found', `No watch has the id “${id}”.`, 404);
}

/**
 * Watches saved diagnosis `body.diagnosisId`: its verdict and blocking rule are the baseline, the
 * first run is due one interval from `now`. 404 for an unknown diagnosis; 409 for a what-if
 * (a hypothetical has nothing live to watch: watch the diagnosis it edits).
 */
export async function createWatch(watches: WatchStore, diagnoses: DiagnosisStore, body: CreateWatch, now = new Date()): Promise<WatchDetail> {
  const stored = await diagnoses.get(body.diagnosisId);
  if (!stored) throw diagnosisNotFound(body.diagnosisId);
  if (stored.whatIf) throw new BadRequestError('hypothetical_diagnosis', `Diagnosis ${body.diagnosisId} is a what-if: there is nothing live to watch. Watch the diagnosis it edits (${stored.whatIf.baseId}).`, 409);
  const state = watchStateOf(stored.diagnosis);
  const baseline: WatchEvent = { at: now.toISOString(), kind: 'baseline', state, previous: null, diagnosisId: body.diagnosisId, message: `Watching from ${describeWatchState(state)}`, notification: 'none', attempts: 0 };
  const intervalMs = body.intervalMinutes * 60_000;
  const watch = await watches.create(
    { id: newDiagnosisId(), diagnosisId: body.diagnosisId, request: stored.diagnosis.request, intervalMs, webhook: body.webhook, state, nextRunAt: now.getTime() + intervalMs },
    baseline,
  );
  return { watch, events: [baseline] };
}

/** A watch and its history, newest first; 404 when unknown. */
export async function watchDetail(watches: WatchStore, id: string): Promise<WatchDetail> {
  const watch = await watches.get(id);
  if (!watch) throw watchNotFound(id);
  return { watch, events: await watches.events(id, WATCH_HISTORY_LIMIT) };
}

/** Diagnoses the watched request live; the run is saved only when the scheduler finds it changed. */
export async function runWatchLive(watch: WatchView, diagnoses: DiagnosisStore = getDiagnosisStore()): Promise<WatchRunResult> {
  const run = await diagnoseWithFacts(watch.request);
  return {
    state: watchStateOf(run.diagnosis),
    save: async () => (await saveDiagnosisRun(diagnoses, run)).diagnosis.id ?? '',
  };
}

/** The link to a saved diagnosis in a webhook message: absolute on the first public origin, else the path. */
export function diagnosisLink(id: string): string {
  const origin = getEnv().EGRESS_DOCTOR_PUBLIC_ORIGIN?.[0];
  return `${origin ?? ''}/d/${id}`;
}

/** A scheduler with the live run and the real webhook, over `store`. */
export function createLiveWatchScheduler(store: WatchStore, options: { owner?: string; tickMs?: number; leaseMs?: number; diagnoses?: DiagnosisStore } = {}): WatchScheduler {
  return createWatchScheduler({
    store,
    owner: options.owner ?? `${hostname()}-${process.pid}-${randomBytes(4).toString('hex')}`,
    run: (watch) => runWatchLive(watch, options.diagnoses),
    notify: (watch, change) => sendWebhook(watch.webhook?.url ?? '', webhookPayload(watch.webhook?.format ?? 'json', change)),
    diagnosisUrl: diagnosisLink,
    tickMs: options.tickMs,
    leaseMs: options.leaseMs,
    onRun: (_watch, outcome) => recordWatchRun(outcome),
  });
}

declare global {
  var acsEgressDoctorWatchScheduler: WatchScheduler | undefined;
}

/** The process's scheduler over the process's store (created on first use, not started). */
export function getWatchScheduler(): WatchScheduler {
  globalThis.acsEgressDoctorWatchScheduler ??= createLiveWatchScheduler(getWatchStore());
  return globalThis.acsEgressDoctorWatchScheduler;
}

/**
 * Starts the process's scheduler (once; later calls do nothing) unless
 * `EGRESS_DOCTOR_WATCH_SCHEDULER=false`; true when it runs. Called when the server starts
 * (instrumentation.ts) and, as a lazy singleton, by the watch, metrics and health routes.
 */
export function ensureWatchScheduler(): boolean {
  if (!getEnv().EGRESS_DOCTOR_WATCH_SCHEDULER) return false;
  getWatchScheduler().start();
  return true;
}
