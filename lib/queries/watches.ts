import { watchDetailSchema, type CreateWatchInput, type WatchDetail } from '@/lib/schemas/watch';

import { fetchJson } from './api-error';

const post = (url: string, body: unknown) => fetchJson(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** Watches a saved diagnosis or an audit (`POST /api/watches`). */
export async function createWatch(input: CreateWatchInput): Promise<WatchDetail> {
  return watchDetailSchema.parse(await post('/api/watches', input));
}

/** Runs a watch now (`POST /api/watches/{id}/run`); 409 while another run holds its lease. */
export async function runWatchNow(id: string): Promise<WatchDetail> {
  return watchDetailSchema.parse(await post(`/api/watches/${encodeURIComponent(id)}/run`, {}));
}
