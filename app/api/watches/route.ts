import { NextResponse } from 'next/server';
import { z } from 'zod';

import { getEnv, isDiagnosisListEnabled } from '@/lib/env';
import { diagnosisListDisabledError } from '@/lib/http/access';
import { BODY_LIMITS } from '@/lib/http/api-routes';
import { readJsonBody } from '@/lib/http/body';
import { withErrors } from '@/lib/http/route';
import { createWatchSchema, watchDetailSchema, watchListSchema } from '@/lib/schemas/watch';
import { getDiagnosisStore } from '@/lib/store/diagnosis-store';
import { createWatch, ensureWatchScheduler, WATCH_HISTORY_LIMIT } from '@/lib/watch/watch-service';
import { getWatchStore } from '@/lib/watch/watch-store';

export const dynamic = 'force-dynamic';

const BODY_SHAPE = '{ "diagnosisId" | "audit": { "cluster"?, "namespace" | "workload" | "all": true, "destination", "port"? }, "intervalMinutes"?: 1–10080 (default 15), "webhook"?: { "url": "https://…", "format"?: "json" | "dingtalk" | "slack" } }';

/** Watches a saved diagnosis or an audit (run once now for its baseline): 201 with the watch and its baseline. */
export const POST = withErrors('POST /api/watches', async (request: Request) => {
  ensureWatchScheduler();
  const body = createWatchSchema.parse(await readJsonBody(request, BODY_LIMITS.change, BODY_SHAPE));
  const detail = watchDetailSchema.parse(await createWatch(getWatchStore(), getDiagnosisStore(), body));
  return NextResponse.json(detail, { status: 201, headers: { location: `/api/watches/${detail.watch.id}`, 'cache-control': 'no-store' } });
});

const querySchema = z.object({ limit: z.coerce.number().int().min(1).max(200).default(100) });

/**
 * Every watch with its recent history, newest first. Each names saved diagnoses (share links),
 * so it is served only when the list of saved diagnoses is (403 `listing_disabled` otherwise).
 */
export const GET = withErrors('GET /api/watches', async (request: Request) => {
  ensureWatchScheduler();
  if (!isDiagnosisListEnabled(getEnv())) throw diagnosisListDisabledError();
  const { limit } = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const store = getWatchStore();
  const watches = await Promise.all((await store.list(limit)).map(async (watch) => ({ ...watch, events: await store.events(watch.id, WATCH_HISTORY_LIMIT) })));
  return NextResponse.json(watchListSchema.parse({ watches }), { headers: { 'cache-control': 'no-store' } });
});
