import { NextResponse } from 'next/server';
import { z } from 'zod';

import { withErrors } from '@/lib/http/route';
import { watchDetailSchema } from '@/lib/schemas/watch';
import { watchDetail } from '@/lib/watch/watch-service';
import { getWatchStore } from '@/lib/watch/watch-store';

export const dynamic = 'force-dynamic';

const paramsSchema = z.object({ id: z.string().min(1).max(64) });

/** One watch and its history, newest first (404 `watch_not_found`). */
export const GET = withErrors('GET /api/watches/[id]', async (_request: Request, context: { params: Promise<unknown> }) => {
  const { id } = paramsSchema.parse(await context.params);
  return NextResponse.json(watchDetailSchema.parse(await watchDetail(getWatchStore(), id)), { headers: { 'cache-control': 'no-store' } });
});
