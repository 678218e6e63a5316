import { NextResponse } from 'next/server';
import { z } from 'zod';

import { BODY_LIMITS } from '@/lib/http/api-routes';
import { readJsonBody } from '@/lib/http/body';
import { withErrors } from '@/lib/http/route';
import { whatIfRequestSchema, whatIfResponseSchema } from '@/lib/schemas/what-if';
import { getDiagnosisStore } from '@/lib/store/diagnosis-store';
import { whatIfSavedDiagnosis } from '@/lib/what-if/what-if-service';

export const dynamic = 'force-dynamic';

const paramsSchema = z.object({ id: z.string().min(1).max(64) });
const BODY_SHAPE = '{ "edits": [{ "kind": "addSecurityGroupRule", … }], "save"?: boolean }';

/**
 * Evaluates hypothetical edits on the saved facts of diagnosis `id` (no cloud or cluster call,
 * nothing changed): `{ hypothetical, baseId, diagnosis, changes, fixes, evaluationMs }`. With
 * `"save": true` the hypothetical is saved under its own link (201), marked as a what-if.
 */
export const POST = withErrors('POST /api/diagnoses/[id]/what-if', async (request: Request, context: { params: Promise<unknown> }) => {
  const { id } = paramsSchema.parse(await context.params);
  const body = whatIfRequestSchema.parse(await readJsonBody(request, BODY_LIMITS.whatIf, BODY_SHAPE));
  const result = whatIfResponseSchema.parse(await whatIfSavedDiagnosis(getDiagnosisStore(), id, body));
  const headers: Record<string, string> = { 'cache-control': 'no-store', ...(body.save ? { location: `/api/diagnoses/${result.diagnosis.id ?? ''}` } : {}) };
  return NextResponse.json(result, { status: body.save ? 201 : 200, headers });
});
