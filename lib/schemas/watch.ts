/**
 * Watches as our API takes and sends them: a saved diagnosis re-run on a schedule, its history
 * of verdict changes, and the webhook told about each change.
 */
import { z } from 'zod';

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

/** Body of `POST /api/watches`. */
export const createWatchSchema = z.object({
  diagnosisId: z.string().trim().min(1).max(64),
  intervalMinutes: z.number().int().min(MIN_WATCH_INTERVAL_MINUTES).max(7 * 24 * 60).default(DEFAULT_WATCH_INTERVAL_MINUTES),
  webhook: z.object({ url: webhookUrlSchema, format: webhookFormatSchema.default('json') }).nullable().default(null),
});
export type CreateWatch = z.infer<typeof createWatchSchema>;

/** What a watch compares run to run: the verdict, the first blocking hop and the rule that decided it. */
export const watchStateSchema = z.object({
  verdict: verdictSchema,
  blockingHop: hopKindSchema.nullable(),
  /** The id of the rule, entry or policy that decided the blocking hop, when one did. */
  blockingRule: z.string().nullable(),
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

export const watchSchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  /** The diagnosis the watch was created from. */
  diagnosisId: z.string(),
  request: z.object({ cluster: z.string(), namespace: z.string(), pod: z.string(), destination: z.string(), host: z.string(), port: z.number().int(), protocol: z.enum(['tcp', 'udp', 'sctp']) }),
  intervalMinutes: z.number().int(),
  webhook: z.object({ url: z.string(), format: webhookFormatSchema }).nullable(),
  /** The state the last run (or the baseline) saw. */
  state: watchStateSchema,
  lastDiagnosisId: z.string(),
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
