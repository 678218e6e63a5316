/**
 * Watches in the server: creating one from a saved diagnosis or an audit, the live run the
 * scheduler makes, and the process's scheduler (started with the server unless
 * `EGRESS_DOCTOR_WATCH_SCHEDULER=false`). The code the routes call, and the tests.
 */
import 'server-only';

import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

import { defaultCluster, requireCluster } from '@/lib/diagnose/clusters';
import { diagnoseWithFacts } from '@/lib/diagnose/diagnose';
import { getEnv } from '@/lib/env';
import { BadRequestError } from '@/lib/errors';
import { runAudit } from '@/lib/fleet/run-audit';
import { recordWatchRun } from '@/lib/metrics/registry';
import type { CreateWatch, WatchDetail, WatchedAudit, WatchEvent, WatchState, WatchTarget, WatchView } from '@/lib/schemas/watch';
import { getDiagnosisStore, newDiagnosisId, type DiagnosisStore } from '@/lib/store/diagnosis-store';
import { diagnosisNotFound, saveDiagnosisRun } from '@/lib/store/saved-diagnoses';

import { createWatchScheduler, type WatchRunResult, type WatchScheduler } from './scheduler';
import { sendWebhook, webhookPayload } from './webhook';
import { webhookUrlRefusal } from './webhook-hosts';
import type { WatchStore } from './watch-store';
import { getWatchStore } from './watch-store';
import { auditWatchStateOf, describeWatchState, watchStateOf } from './watch-state';
import { auditPagePath } from './watch-target';

/** History lines shown per watch. */
export const WATCH_HISTORY_LIMIT = 50;

/** 404 for an unknown watch id. */
export function watchNotFound(id: string): BadRequestError {
  return new BadRequestError('watch_not_found', `No watch has the id “${id}”.`, 404);
}

/** Runs watched audit `audit` live: the state of its one destination. */
async function auditStateOf(audit: WatchedAudit): Promise<WatchState> {
  const result = await runAudit({ cluster: audit.cluster, scope: audit.scope, destinations: [audit.destination] });
  const [answer] = result.destinations;
  if (!answer) throw new Error(`invariant: the audit of ${audit.destination.destination} has no answer`);
  return auditWatchStateOf(answer);
}

/** What `body` watches and its state now: the saved diagnosis's (404 unknown, 409 what-if) or a live run of the audit. */
async function targetOf(diagnoses: DiagnosisStore, body: CreateWatch): Promise<{ target: WatchTarget; state: WatchState }> {
  if (body.audit) {
    const cluster = body.audit.cluster ?? defaultCluster();
    requireCluster(cluster);
    const [destination] = body.audit.destinations;
    if (!destination) throw new BadRequestError('invalid_request', 'A watched audit has exactly one destination.', 400);
    const audit: WatchedAudit = { cluster, scope: body.audit.scope, destination };
    return { target: { kind: 'audit', audit }, state: await auditStateOf(audit) };
  }
  const diagnosisId = body.diagnosisId ?? '';
  const stored = await diagnoses.get(diagnosisId);
  if (!stored) throw diagnosisNotFound(diagnosisId);
  if (stored.whatIf) throw new BadRequestError('hypothetical_diagnosis', `Diagnosis ${diagnosisId} is a what-if: there is nothing live to watch. Watch the diagnosis it edits (${stored.whatIf.baseId}).`, 409);
  return { target: { kind: 'diagnosis', diagnosisId, request: stored.diagnosis.request }, state: watchStateOf(stored.diagnosis) };
}

/**
 * Watches saved diagnosis `body.diagnosisId` (its verdict and blocking rule are the baseline) or
 * audit `body.audit` (run now for the baseline); the first run is due one interval from `now`.
 * 400 `webhook_host_not_allowed` for a webhook host outside `EGRESS_DOCTOR_WEBHOOK_HOSTS` or at a
 * link-local or metadata address.
 */
export async function createWatch(watches: WatchStore, diagnoses: DiagnosisStore, body: CreateWatch, now = new Date()): Promise<WatchDetail> {
  const refusal = body.webhook ? webhookUrlRefusal(body.webhook.url, getEnv().EGRESS_DOCTOR_WEBHOOK_HOSTS) : null;
  if (refusal !== null) throw new BadRequestError('webhook_host_not_allowed', refusal, 400);
  const { target, state } = await targetOf(diagnoses, body);
  const baseline: WatchEvent = { at: now.toISOString(), kind: 'baseline', state, previous: null, diagnosisId: target.kind === 'diagnosis' ? target.diagnosisId : null, message: `Watching from ${describeWatchState(state)}`, notification: 'none', attempts: 0 };
  const intervalMs = body.intervalMinutes * 60_000;
  const watch = await watches.create({ id: newDiagnosisId(), target, intervalMs, webhook: body.webhook, state, nextRunAt: now.getTime() + intervalMs }, baseline);
  return { watch, events: [baseline] };
}

/** A watch and its history, newest first; 404 when unknown. */
export async function watchDetail(watches: WatchStore, id: string): Promise<WatchDetail> {
  const watch = await watches.get(id);
  if (!watch) throw watchNotFound(id);
  return { watch, events: await watches.events(id, WATCH_HISTORY_LIMIT) };
}

/** Diagnoses the watched request (or runs the audit) live; a diagnosis is saved only when the scheduler finds it changed. */
export async function runWatchLive(watch: WatchView, diagnoses: DiagnosisStore = getDiagnosisStore()): Promise<WatchRunResult> {
  const { target } = watch;
  if (target.kind === 'audit') return { state: await auditStateOf(target.audit), save: async () => null, link: publicLink(auditPagePath(target.audit)) };
  const run = await diagnoseWithFacts(target.request);
  return {
    state: watchStateOf(run.diagnosis),
    save: async () => (await saveDiagnosisRun(diagnoses, run)).diagnosis.id ?? '',
  };
}

/** A path of the dashboard in a webhook message: absolute on the first public origin, else the path. */
function publicLink(pathname: string): string {
  const origin = getEnv().EGRESS_DOCTOR_PUBLIC_ORIGIN?.[0];
  return `${origin ?? ''}${pathname}`;
}

/** The link to a saved diagnosis in a webhook message. */
export function diagnosisLink(id: string): string {
  return publicLink(`/d/${id}`);
}

/** A scheduler with the live run and the real webhook, over `store`. */
export function createLiveWatchScheduler(store: WatchStore, options: { owner?: string; tickMs?: number; leaseMs?: number; diagnoses?: DiagnosisStore } = {}): WatchScheduler {
  return createWatchScheduler({
    store,
    owner: options.owner ?? `${hostname()}-${process.pid}-${randomBytes(4).toString('hex')}`,
    run: (watch) => runWatchLive(watch, options.diagnoses),
    notify: (watch, change) => sendWebhook(watch.webhook?.url ?? '', webhookPayload(watch.webhook?.format ?? 'json', change), { allowedHosts: getEnv().EGRESS_DOCTOR_WEBHOOK_HOSTS }),
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
