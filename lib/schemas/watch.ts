/**
 * Watches as our API takes and sends them: a saved diagnosis re-run on a schedule, its history
 * of verdict changes, and the webhook told about each change.
 */
import { z } from 'zod';

import { auditDestinationSchema, auditRequestSchema, auditScopeSchema } from './audit';
import { hopKindSchema, verdictSchema } from './diagnosis';

/** Payload shapes a webhook can receive: our JSON, DingTalk's markdown message, Slack's text message. */
export const webhookFormatSchema = z.enum(['json', 'dingtalk', 'slack']);
export type WebhookFormat = z.infer<typeof webhookFormatSchema>;

/** A webhook URL: http or https only, no credentials in it, at most 2 048 characters. */
export const webhookUrlSchema = z
  .string()
  .trim()
  .max(2048)
  .superRefine((value, context) => {
    // One check at a time: a value that is no URL must not reach `new URL` (it throws).
    if (!URL.canParse(value)) return void context.addIssue({ code: 'custom', message: 'must be an absolute URL' });
    const url = new URL(value);
    if (!/^https?:$/.test(url.protocol)) return void context.addIssue({ code: 'custom', message: 'must be an http:// or https:// URL' });
    if (url.username !== '' || url.password !== '') context.addIssue({ code: 'custom', message: 'must not carry a user name or password' });
  });

export const MIN_WATCH_INTERVAL_MINUTES = 1;
export const DEFAULT_WATCH_INTERVAL_MINUTES = 15;

/**
 * Body of `POST /api/watches`: a saved diagnosis (`diagnosisId`) or an audit (`audit`: the body
 * of `POST /api/audits` with one destination) to watch, exactly one of them.
 */
export const createWatchSchema = z
  .object({
    diagnosisId: z.string().trim().min(1).max(64).optional(),
    audit: auditRequestSchema.optional(),
    intervalMinutes: z.number().int().min(MIN_WATCH_INTERVAL_MINUTES).max(7 * 24 * 60).default(DEFAULT_WATCH_INTERVAL_MINUTES),
    webhook: z.object({ url: webhookUrlSchema, format: webhookFormatSchema.default('json') }).nullable().default(null),
  })
  .superRefine((body, context) => {
    if ((body.diagnosisId === undefined) === (body.audit === undefined)) context.addIssue({ code: 'custom', path: ['diagnosisId'], message: 'give diagnosisId or audit (one of them)' });
    if (body.audit && body.audit.destinations.length !== 1) context.addIssue({ code: 'custom', path: ['audit', 'destinations'], message: 'a watched audit has exactly one destination' });
  });
export type CreateWatch = z.infer<typeof createWatchSchema>;
export type CreateWatchInput = z.input<typeof createWatchSchema>;

/** What a watched audit compares run to run besides its verdict: the pods per group (verdict, hop, rule) and the single change. */
export const auditWatchSummarySchema = z.object({
  counts: z.object({ reachable: z.number().int(), blocked: z.number().int(), unknown: z.number().int() }),
  groups: z.array(z.object({ verdict: verdictSchema, hop: hopKindSchema.nullable(), rule: z.string().nullable(), title: z.string(), pods: z.number().int() })),
  /** The change that unblocks the most pods (its fix id and title), when there is one. */
  singleChange: z.object({ fixId: z.string(), title: z.string(), unblocks: z.number().int() }).nullable(),
});
export type AuditWatchSummary = z.infer<typeof auditWatchSummarySchema>;

/**
 * What a watch compares run to run: the verdict, the first blocking hop and the rule that
 * decided it; for an audit (verdict blocked when any pod is) also its groups and single change.
 */
export const watchStateSchema = z.object({
  verdict: verdictSchema,
  blockingHop: hopKindSchema.nullable(),
  /** The id of the rule, entry or policy that decided the blocking hop, when one did. */
  blockingRule: z.string().nullable(),
  audit: auditWatchSummarySchema.optional(),
});
export type WatchState = z.infer<typeof watchStateSchema>;

/** One line of a watch's history. */
export const watchEventSchema = z.object({
  at: z.string(),
  /** `baseline`: the diagnosis the watch started from; `changed`: a run saw another verdict or blocking rule; `error`: a run failed. */
  kind: z.enum(['baseline', 'changed', 'error']),
  state: watchStateSchema.nullable(),
  previous: watchStateSchema.nullable(),
  /** The saved diagnosis of that run (a share link), when one was saved. */
  diagnosisId: z.string().nullable(),
  message: z.string(),
  /** What became of the webhook call: `none` (no webhook or nothing to tell), `sent`, `failed` after `attempts`. */
  notification: z.enum(['none', 'sent', 'failed']),
  attempts: z.number().int().nonnegative(),
});
export type WatchEvent = z.infer<typeof watchEventSchema>;

export const watchedRequestSchema = z.object({ cluster: z.string(), namespace: z.string(), pod: z.string(), destination: z.string(), host: z.string(), port: z.number().int(), protocol: z.enum(['tcp', 'udp', 'sctp']) });

/** An audit to watch: the cluster, the scope and one destination. */
export const watchedAuditSchema = z.object({ cluster: z.string(), scope: auditScopeSchema, destination: auditDestinationSchema });
export type WatchedAudit = z.infer<typeof watchedAuditSchema>;

/** What a watch re-runs: a saved diagnosis's request, or an audit. */
export const watchTargetSchema = z.discriminatedUnion('kind', [
  /** `diagnosisId`: the diagnosis the watch was created from. */
  z.object({ kind: z.literal('diagnosis'), diagnosisId: z.string(), request: watchedRequestSchema }),
  z.object({ kind: z.literal('audit'), audit: watchedAuditSchema }),
]);
export type WatchTarget = z.infer<typeof watchTargetSchema>;

export const watchSchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  target: watchTargetSchema,
  intervalMinutes: z.number().int(),
  webhook: z.object({ url: z.string(), format: webhookFormatSchema }).nullable(),
  /** The state the last run (or the baseline) saw. */
  state: watchStateSchema,
  /** The diagnosis saved by the last run that saw a change (or the one watched); null for an audit (audits are not saved). */
  lastDiagnosisId: z.string().nullable(),
  lastRunAt: z.string().nullable(),
  nextRunAt: z.string(),
  lastError: z.string().nullable(),
});
export type WatchView = z.infer<typeof watchSchema>;

/** `GET /api/watches`: each watch with its newest history first. */
export const watchListSchema = z.object({ watches: z.array(watchSchema.extend({ events: z.array(watchEventSchema) })) });
export type WatchList = z.infer<typeof watchListSchema>;

/** `GET /api/watches/{id}` and the answer of the create and run routes. */
export const watchDetailSchema = z.object({ watch: watchSchema, events: z.array(watchEventSchema) });
export type WatchDetail = z.infer<typeof watchDetailSchema>;
