import { NextResponse } from 'next/server';
import { z } from 'zod';

import { withErrors } from '@/lib/http/route';
import { diagnosisSchema } from '@/lib/schemas/diagnosis';
import { getDiagnosisStore } from '@/lib/store/diagnosis-store';
import { diagnosisNotFound } from '@/lib/store/saved-diagnoses';

export const dynamic = 'force-dynamic';

const paramsSchema = z.object({ id: z.string().min(1).max(64) });

/** A saved diagnosis, as it was; 404 `diagnosis_not_found` for an unknown or expired id. */
export const GET = withErrors('GET /api/diagnoses/[id]', async (_request: Request, context: { params: Promise<unknown> }) => {
  const { id } = paramsSchema.parse(await context.params);
  const saved = await getDiagnosisStore().get(id);
  if (!saved) throw diagnosisNotFound(id);
  return NextResponse.json(diagnosisSchema.parse(saved.diagnosis));
});
