import { NextResponse } from 'next/server';
import { z } from 'zod';

import { BadRequestError } from '@/lib/errors';
import { withErrors } from '@/lib/http/route';
import { diagnosisSchema } from '@/lib/schemas/diagnosis';
import { getDiagnosisStore } from '@/lib/store/diagnosis-store';

export const dynamic = 'force-dynamic';

const paramsSchema = z.object({ id: z.string().min(1).max(64) });

/** A saved diagnosis, as it was. */
export const GET = withErrors('GET /api/diagnoses/[id]', async (_request: Request, context: { params: Promise<unknown> }) => {
  const { id } = paramsSchema.parse(await context.params);
  const diagnosis = await getDiagnosisStore().get(id);
  if (!diagnosis) throw new BadRequestError('diagnosis_not_found', `No saved diagnosis has the id “${id}”. It may have expired.`, 404);
  return NextResponse.json(diagnosisSchema.parse(diagnosis));
});
