import { queryOptions } from '@tanstack/react-query';

import { applyResponseSchema, auditListSchema, fixesConfigSchema, previewResponseSchema, type ApplyResponse, type ChangePreview } from '@/lib/audit/schemas';

import { fetchJson } from './api-error';
import { shouldRetry } from './query-client';

/** Query keys of fix applying: the configuration and the audit log. */
export const fixesKeys = {
  all: ['fixes'] as const,
  config: () => ['fixes', 'config'] as const,
  audit: () => ['fixes', 'audit'] as const,
};

/** Whether applying is enabled, and the CSRF token (the answer also sets its cookie). */
export const fixesConfigQueryOptions = () =>
  queryOptions({
    queryKey: fixesKeys.config(),
    queryFn: async () => fixesConfigSchema.parse(await fetchJson('/api/fixes/config')),
    staleTime: Infinity,
    retry: shouldRetry,
  });

/** The audit log, newest first. */
export const auditLogQueryOptions = () =>
  queryOptions({
    queryKey: fixesKeys.audit(),
    queryFn: async () => auditListSchema.parse(await fetchJson('/api/fixes/audit')).entries,
    staleTime: 0,
    retry: shouldRetry,
  });

async function postJson(url: string, csrfToken: string, body: unknown): Promise<unknown> {
  return fetchJson(url, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken },
    body: JSON.stringify(body),
  });
}

/** A change the dialog previews and confirms: a fix of a diagnosis, or the undo of an audited change. */
export type ChangeTarget = { kind: 'fix'; diagnosisId: string; fixId: string } | { kind: 'undo'; auditId: string };

/** POSTs the preview of `target`; throws `ApiError` (403 `fixes_disabled`, 404, …). */
export async function previewChange(target: ChangeTarget, csrfToken: string): Promise<ChangePreview> {
  const body =
    target.kind === 'fix'
      ? await postJson('/api/fixes/preview', csrfToken, { diagnosisId: target.diagnosisId, fixId: target.fixId })
      : await postJson(`/api/fixes/audit/${encodeURIComponent(target.auditId)}/undo/preview`, csrfToken, {});
  return previewResponseSchema.parse(body).preview;
}

/** POSTs the confirmed change; throws `ApiError` with the cloud's or cluster's words on failure. */
export async function confirmChange(target: ChangeTarget, confirmationToken: string, csrfToken: string): Promise<ApplyResponse> {
  const body =
    target.kind === 'fix'
      ? await postJson('/api/fixes/apply', csrfToken, { diagnosisId: target.diagnosisId, fixId: target.fixId, confirmationToken })
      : await postJson(`/api/fixes/audit/${encodeURIComponent(target.auditId)}/undo`, csrfToken, { confirmationToken });
  return applyResponseSchema.parse(body);
}
