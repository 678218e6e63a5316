/**
 * Rows of the watch store, shared by the SQLite and PostgreSQL engines: the columns, the row
 * read back (parsed: it is input) and the conversions both ways.
 *
 * A watched audit (schema version 2: `target_kind` 'audit', `audit_json`) has no diagnosis: its
 * `diagnosis_id`, `last_diagnosis_id` (NOT NULL since version 1) are '' and `request_json` is
 * 'null'; its groups and single change are in `audit_state_json`.
 */
import { z } from 'zod';

import { hopKindSchema, verdictSchema } from '@/lib/schemas/diagnosis';
import { auditWatchSummarySchema, watchEventSchema, webhookFormatSchema, watchSchema, type WatchEvent, type WatchState, type WatchTarget, type WatchView } from '@/lib/schemas/watch';

/** A watch to create: what `POST /api/watches` and the diagnosis or audit it names give. */
export interface NewWatch {
  id: string;
  target: WatchTarget;
  intervalMs: number;
  webhook: WatchView['webhook'];
  state: WatchState;
  /** First run time (epoch ms). */
  nextRunAt: number;
}

/** What a finished run writes back: the state it saw and when the next run is due. */
export interface WatchRunUpdate {
  state: WatchState;
  lastDiagnosisId: string | null;
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
  target_kind: z.enum(['diagnosis', 'audit']),
  audit_json: z.string().nullable(),
  audit_state_json: z.string().nullable(),
});

const iso = (ms: number) => new Date(ms).toISOString();

export function toWatchView(raw: unknown): WatchView {
  const row = watchRowSchema.parse(raw);
  const target: unknown =
    row.target_kind === 'audit' ? { kind: 'audit', audit: JSON.parse(row.audit_json ?? 'null') } : { kind: 'diagnosis', diagnosisId: row.diagnosis_id, request: JSON.parse(row.request_json) };
  const audit = row.audit_state_json === null ? {} : { audit: auditWatchSummarySchema.parse(JSON.parse(row.audit_state_json)) };
  return watchSchema.parse({
    id: row.id,
    createdAt: iso(row.created_at),
    target,
    intervalMinutes: Math.round(row.interval_ms / 60_000),
    webhook: row.webhook_url === null ? null : { url: row.webhook_url, format: row.webhook_format ?? 'json' },
    state: { verdict: row.verdict, blockingHop: row.blocking_hop, blockingRule: row.blocking_rule, ...audit },
    lastDiagnosisId: row.last_diagnosis_id === '' ? null : row.last_diagnosis_id,
    lastRunAt: row.last_run_at === null ? null : iso(row.last_run_at),
    nextRunAt: iso(row.next_run_at),
    lastError: row.last_error,
  });
}

/** The row to insert for a new watch created at `createdAt` (epoch ms). */
export function toWatchRow(watch: NewWatch, createdAt: number) {
  const { target } = watch;
  const diagnosisId = target.kind === 'diagnosis' ? target.diagnosisId : '';
  return {
    id: watch.id,
    created_at: createdAt,
    target_kind: target.kind,
    diagnosis_id: diagnosisId,
    request_json: JSON.stringify(target.kind === 'diagnosis' ? target.request : null),
    audit_json: target.kind === 'audit' ? JSON.stringify(target.audit) : null,
    interval_ms: watch.intervalMs,
    webhook_url: watch.webhook?.url ?? null,
    webhook_format: watch.webhook?.format ?? null,
    verdict: watch.state.verdict,
    blocking_hop: watch.state.blockingHop,
    blocking_rule: watch.state.blockingRule,
    audit_state_json: watch.state.audit ? JSON.stringify(watch.state.audit) : null,
    last_diagnosis_id: diagnosisId,
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
    audit_state_json: update.state.audit ? JSON.stringify(update.state.audit) : null,
    last_diagnosis_id: update.lastDiagnosisId ?? '',
    last_run_at: update.lastRunAt,
    next_run_at: update.nextRunAt,
    last_error: update.lastError,
  };
}

export function toWatchEvent(json: string): WatchEvent {
  return watchEventSchema.parse(JSON.parse(json));
}
