import { queryOptions } from '@tanstack/react-query';

import { rerunResponseSchema, savedDiagnosisListSchema, type RerunResponse, type SavedDiagnosisListQuery } from '@/lib/schemas/saved-diagnosis';

import { fetchJson } from './api-error';
import { shouldRetry } from './query-client';

/** Query keys of the saved-diagnosis list, by filter. */
export const savedDiagnosisKeys = {
  all: ['saved-diagnoses'] as const,
  list: (query: Partial<SavedDiagnosisListQuery>) => ['saved-diagnoses', 'list', query] as const,
};

/** The URL of the world file (YAML download) of a saved diagnosis. */
export function savedWorldHref(id: string): string {
  return `/api/diagnoses/${encodeURIComponent(id)}/world`;
}

/** Recent saved diagnoses, newest first (`GET /api/diagnoses`). */
export const savedDiagnosisListQueryOptions = (query: Partial<SavedDiagnosisListQuery>) =>
  queryOptions({
    queryKey: savedDiagnosisKeys.list(query),
    queryFn: async () => {
      const params = new URLSearchParams(Object.entries(query).flatMap(([key, value]) => (value === undefined ? [] : [[key, String(value)]])));
      return savedDiagnosisListSchema.parse(await fetchJson(`/api/diagnoses?${params.toString()}`));
    },
    retry: shouldRetry,
  });

/**
 * Re-runs a saved diagnosis live (`POST /api/diagnoses/{id}/rerun`): the new diagnosis,
 * saved under a new id, and what changed. Throws `ApiError` (404 for an unknown or expired id).
 */
export async function rerunSavedDiagnosis(id: string): Promise<RerunResponse> {
  return rerunResponseSchema.parse(await fetchJson(`/api/diagnoses/${encodeURIComponent(id)}/rerun`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }));
}
