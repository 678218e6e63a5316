import { NextResponse } from 'next/server';
import { z } from 'zod';

import { BODY_LIMITS } from '@/lib/http/api-routes';
import { readJsonBody } from '@/lib/http/body';
import { withErrors } from '@/lib/http/route';
import { getWatchStore } from '@/lib/watch/watch-store';
import { watchNotFound } from '@/lib/watch/watch-service';

export const dynamic = 'force-dynamic';

const paramsSchema = z.object({ id: z.string().min(1).max(64) });

/** Stops watching: deletes the watch and its history (the saved diagnoses stay). */
export const POST = withErrors('POST /api/watches/[id]/delete', async (request: Request, context: { params: Promise<unknown> }) => {
  const { id } = paramsSchema.parse(await context.params);
  await readJsonBody(request, BODY_LIMITS.change, '{} (or no body)');
  if (!(await getWatchStore().remove(id))) throw watchNotFound(id);
  return NextResponse.json({ deleted: id }, { headers: { 'cache-control': 'no-store' } });
});
