import { applyFixBodySchema, applyResponseSchema } from '@/lib/audit/schemas';
import { applyFix } from '@/lib/fixes/apply/flow';
import { guardFixRequest, identityOf, readJsonBody } from '@/lib/fixes/apply/guard';
import { noStoreJson, withChangeErrors } from '@/lib/fixes/apply/http';

export const dynamic = 'force-dynamic';

/**
 * Applies a previewed fix (`confirmationToken` from its preview), records it in the audit
 * log, re-runs the diagnosis and answers `{ auditId, result, rerun, rerunError }`. A refused
 * change answers 4xx/5xx with the cloud's or cluster's words and its `auditId`.
 */
export const POST = withChangeErrors('POST /api/fixes/apply', async (request: Request) => {
  guardFixRequest(request);
  const body = applyFixBodySchema.parse(await readJsonBody(request, '{ "diagnosisId", "fixId", "confirmationToken" }'));
  const result = await applyFix({ ...body, actor: identityOf(request) });
  return noStoreJson(applyResponseSchema.parse(result), 201);
});
