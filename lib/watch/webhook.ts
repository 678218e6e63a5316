/**
 * Telling a webhook that a watched path changed: the payload in the receiver's shape (our JSON,
 * DingTalk's markdown message, Slack's text message) and the POST, retried a bounded number of
 * times with a per-attempt timeout, only to an allowed host and never to a link-local or
 * metadata address (webhook-hosts.ts).
 */
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';

import type { WatchState, WatchView, WebhookFormat } from '@/lib/schemas/watch';

import { guardedLookup, webhookUrlRefusal } from './webhook-hosts';
import { describeWatchState } from './watch-state';
import { describeWatchTarget } from './watch-target';

/** What changed, for the payload. */
export interface WatchChange {
  watch: Pick<WatchView, 'id' | 'target'>;
  previous: WatchState;
  current: WatchState;
  /** The saved diagnosis of the run that saw the change; null for an audit (not saved). */
  diagnosisId: string | null;
  /** Absolute link to it (an audit: to the namespace page that runs it) when the public origin is known, else the path. */
  diagnosisUrl: string;
  at: string;
}

/** The JSON body for `format`. Pure. */
export function webhookPayload(format: WebhookFormat, change: WatchChange): unknown {
  const { target } = change.watch;
  const path = describeWatchTarget(target);
  const line = `${describeWatchState(change.previous)} → ${describeWatchState(change.current)}`;
  const [what, open] = target.kind === 'audit' ? ['Egress audit changed', 'Open the audit'] : ['Egress path changed', 'Open the diagnosis'];
  switch (format) {
    case 'json':
      return target.kind === 'audit'
        ? { type: 'watch.changed', watchId: change.watch.id, audit: target.audit, previous: change.previous, current: change.current, auditUrl: change.diagnosisUrl, at: change.at }
        : { type: 'watch.changed', watchId: change.watch.id, request: target.request, previous: change.previous, current: change.current, diagnosisId: change.diagnosisId, diagnosisUrl: change.diagnosisUrl, at: change.at };
    case 'dingtalk':
      return {
        msgtype: 'markdown',
        markdown: { title: `${what}: ${change.current.verdict}`, text: `### ${what}\n\n**${path}**\n\n${line}\n\n[${open}](${change.diagnosisUrl})` },
      };
    case 'slack':
      return { text: `${what}: ${path}\n${line}\n<${change.diagnosisUrl}|${open}>` };
    default: {
      const exhaustive: never = format;
      throw new Error(`invariant: unknown webhook format ${String(exhaustive)}`);
    }
  }
}

export interface WebhookDelivery {
  outcome: 'sent' | 'failed';
  attempts: number;
  /** Why the last attempt failed, when it did. */
  error: string | null;
}

export interface SendOptions {
  /** Attempts in all, the first included (default 3). */
  attempts?: number;
  /** Timeout of one attempt (default 5 s). */
  timeoutMs?: number;
  /** Wait before retry n (1-based); default 500 ms × 2^(n-1). */
  backoffMs?: (retry: number) => number;
  /** `EGRESS_DOCTOR_WEBHOOK_HOSTS`: the hosts a webhook may name; any when unset. */
  allowedHosts?: readonly string[];
  /** How names are resolved (tests); default: the system resolver, refusing link-local and metadata addresses. */
  lookup?: LookupFunction;
}

/** One POST of `body` to `url`; resolves to the status once the headers are in (the body is discarded), redirects not followed. */
function postOnce(url: URL, body: string, timeoutMs: number, lookup: LookupFunction): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = (url.protocol === 'https:' ? https : http).request(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'user-agent': 'acs-egress-doctor-watch' },
        lookup,
        signal: AbortSignal.timeout(timeoutMs),
      },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

/**
 * POSTs `payload` to `url`: a 2xx is delivered; a 5xx, 429, timeout or network error is tried
 * again up to `attempts`; any other 4xx is final (the receiver refused it).
 */
export async function sendWebhook(url: string, payload: unknown, options: SendOptions = {}): Promise<WebhookDelivery> {
  const attempts = options.attempts ?? 3;
  const backoff = options.backoffMs ?? ((retry) => 500 * 2 ** (retry - 1));
  const refusal = webhookUrlRefusal(url, options.allowedHosts);
  if (refusal !== null) return { outcome: 'failed', attempts: 0, error: refusal };
  const lookup = options.lookup ?? guardedLookup();
  const body = JSON.stringify(payload);
  let error: string | null = null;
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, backoff(attempt - 1)));
    try {
      const status = await postOnce(new URL(url), body, options.timeoutMs ?? 5_000, lookup);
      if (status >= 200 && status < 300) return { outcome: 'sent', attempts: attempt, error: null };
      error = `HTTP ${status}`;
      if (status < 500 && status !== 429) return { outcome: 'failed', attempts: attempt, error };
    } catch (cause) {
      error = cause instanceof Error ? cause.message : String(cause);
      // A name that resolves to a forbidden address is final: retrying would not change it.
      if (typeof cause === 'object' && cause !== null && 'code' in cause && cause.code === 'EWEBHOOKFORBIDDEN') return { outcome: 'failed', attempts: attempt, error };
    }
  }
  return { outcome: 'failed', attempts, error };
}
