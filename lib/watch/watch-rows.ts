/**
 * Rows of the watch store, shared by the SQLite and PostgreSQL engines: the columns, the row
 * read back (parsed: it is input) and the conversions both ways.
 */
import { z } from 'zod';

import { hopKindSchema, verdictSchema } from '@/lib/schemas/diagnosis';
import { watchEventSchema, webhookFormatSchema, watchSchema, type WatchEvent, type WatchState, type WatchView } from '@/lib/schemas/watch';

/** A watch to create: what `POST /api/watches` and the diagnosis it names give. */
export interface NewWatch {
  id: string;
  diagnosisId: string;
  request: WatchView['request'];
  intervalMs: number;
  webhook: WatchView['webhook'];
  state: WatchState;
  /** First run time (epoch ms). */
  nextRunAt: number;
}

/** What a finished run writes back: the state it saw and when the next run is due. */
export interface WatchRunUpdate {
  state: WatchState;
  lastDiagnosisId: string;
  lastRunAt: number;
  nextRunAt: number;
  lastError: string | null;
}

export const watchRowSchema = z.object({
  id: z.string(),
  created_at: z.number().int(),
  diagnosis_id: z.string(),
  request_json: z.string(),
  interval_ms: z.number().int(),
  webhook_url: z.string().nullable(),
  webhook_format: webhookFormatSchema.nullable(),
  verdict: verdictSchema,
  blocking_hop: hopKindSchema.nullable(),
  blocking_rule: z.string().nullable(),
  last_diagnosis_id: z.string(),
  last_run_at: z.number().int().nullable(),
  next_run_at: z.number().int(),
  last_error: z.string().nullable(),
});

const iso = (ms: number) => new Date(ms).toISOString();

export function toWatchView(raw: unknown): WatchView {
  const row = watchRowSchema.parse(raw);
  const request: unknown = JSON.parse(row.request_json);
  return watchSchema.parse({
    id: row.id,
    createdAt: iso(row.created_at),
    diagnosisId: row.diagnosis_id,
    request,
    intervalMinutes: Math.round(row.interval_ms / 60_000),
    webhook: row.webhook_url === null ? null : { url: row.webhook_url, format: row.webhook_format ?? 'json' },
    state: { verdict: row.verdict, blockingHop: row.blocking_hop, blockingRule: row.blocking_rule },
    lastDiagnosisId: row.last_diagnosis_id,
    lastRunAt: row.last_run_at === null ? null : iso(row.last_run_at),
    nextRunAt: iso(row.next_run_at),
    lastError: row.last_error,
  });
}

/** The row to insert for a new watch created at `createdAt` (epoch ms). */
export function toWatchRow(watch: NewWatch, createdAt: number) {
  return {
    id: watch.id,
    created_at: createdAt,
    diagnosis_id: watch.diagnosisId,
    request_json: JSON.stringify(watch.request),
    interval_ms: watch.intervalMs,
    webhook_url: watch.webhook?.url ?? null,
    webhook_format: watch.webhook?.format ?? null,
    verdict: watch.state.verdict,
    blocking_hop: watch.state.blockingHop,
    blocking_rule: watch.state.blockingRule,
    last_diagnosis_id: watch.diagnosisId,
    last_run_at: null,
    next_run_at: watch.nextRunAt,
    last_error: null,
  };
}

/** The columns a finished run sets. */
export function toRunColumns(update: WatchRunUpdate) {
  return {
    verdict: update.state.verdict,
    blocking_hop: update.state.blockingHop,
    blocking_rule: update.state.blockingRule,
    last_diagnosis_id: update.lastDiagnosisId,
    last_run_at: update.lastRunAt,
    next_run_at: update.nextRunAt,
    last_error: update.lastError,
  };
}

export function toWatchEvent(json: string): WatchEvent {
  return watchEventSchema.parse(JSON.parse(json));
}
