import { whatIfResponseSchema, type WhatIfEdit, type WhatIfResponse } from '@/lib/schemas/what-if';

import { fetchJson } from './api-error';

/**
 * Evaluates `edits` on the saved facts of diagnosis `id` (`POST /api/diagnoses/{id}/what-if`);
 * with `save`, the hypothetical is saved under its own link. Throws `ApiError` (422 for an edit that cannot apply).
 */
export async function requestWhatIf(id: string, edits: WhatIfEdit[], save = false): Promise<WhatIfResponse> {
  const body = JSON.stringify({ edits, save });
  return whatIfResponseSchema.parse(await fetchJson(`/api/diagnoses/${encodeURIComponent(id)}/what-if`, { method: 'POST', headers: { 'content-type': 'application/json' }, body }));
}
