import { NextResponse } from 'next/server';
import { z } from 'zod';

import { BadRequestError } from '@/lib/errors';
import { BODY_LIMITS } from '@/lib/http/api-routes';
import { readJsonBody } from '@/lib/http/body';
import { withErrors } from '@/lib/http/route';
import { watchDetailSchema } from '@/lib/schemas/watch';
import { getWatchScheduler, watchDetail, watchNotFound } from '@/lib/watch/watch-service';
import { getWatchStore } from '@/lib/watch/watch-store';

export const dynamic = 'force-dynamic';

const paramsSchema = z.object({ id: z.string().min(1).max(64) });

/**
 * Runs the watch now (live reads; the webhook is told when the verdict or blocking rule
 * changed) and answers it with its history. 409 `watch_busy` while a run holds its lease.
 */
export const POST = withErrors('POST /api/watches/[id]/run', async (request: Request, context: { params: Promise<unknown> }) => {
  const { id } = paramsSchema.parse(await context.params);
  await readJsonBody(request, BODY_LIMITS.change, '{} (or no body)');
  const store = getWatchStore();
  if (!(await store.get(id))) throw watchNotFound(id);
  const ran = await getWatchScheduler().runNow(id);
  if (!ran) throw new BadRequestError('watch_busy', `Watch ${id} is running already (another request or replica holds its lease); try again in a moment.`, 409);
  return NextResponse.json(watchDetailSchema.parse(await watchDetail(store, id)), { headers: { 'cache-control': 'no-store' } });
});
