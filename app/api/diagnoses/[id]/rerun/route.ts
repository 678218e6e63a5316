import { NextResponse } from 'next/server';
import { z } from 'zod';

import { diagnoseWithFacts } from '@/lib/diagnose/diagnose';
import { BODY_LIMITS } from '@/lib/http/api-routes';
import { readJsonBody } from '@/lib/http/body';
import { withErrors } from '@/lib/http/route';
import { rerunResponseSchema } from '@/lib/schemas/saved-diagnosis';
import { getDiagnosisStore } from '@/lib/store/diagnosis-store';
import { rerunSavedDiagnosis } from '@/lib/store/saved-diagnoses';

export const dynamic = 'force-dynamic';

const paramsSchema = z.object({ id: z.string().min(1).max(64) });

/**
 * Diagnoses the saved request again against the live cluster and cloud, saves it as a new
 * diagnosis (201, `location` of the new one) and answers `{ diagnosis, previousId, changes }`.
 */
export const POST = withErrors('POST /api/diagnoses/[id]/rerun', async (request: Request, context: { params: Promise<unknown> }) => {
  const { id } = paramsSchema.parse(await context.params);
  await readJsonBody(request, BODY_LIMITS.change, '{} (or no body)');
  const { saved, ...result } = await rerunSavedDiagnosis(getDiagnosisStore(), id, (request) => diagnoseWithFacts(request));
  return NextResponse.json(rerunResponseSchema.parse(result), { status: 201, headers: { location: `/api/diagnoses/${saved.diagnosis.id ?? ''}` } });
});
