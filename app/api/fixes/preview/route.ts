import { fixRefBodySchema, previewResponseSchema } from '@/lib/audit/schemas';
import { previewFix } from '@/lib/fixes/apply/flow';
import { guardFixRequest, readJsonBody } from '@/lib/fixes/apply/guard';
import { noStoreJson, withChangeErrors } from '@/lib/fixes/apply/http';

export const dynamic = 'force-dynamic';

/**
 * What applying a fix of a saved diagnosis will change — Kubernetes: the server-side dry
 * run's diff; cloud: the request and the state before/after — with a single-use
 * confirmation token (10 minutes). 403 when applying is disabled or the request is cross-site.
 */
export const POST = withChangeErrors('POST /api/fixes/preview', async (request: Request) => {
  guardFixRequest(request);
  const body = fixRefBodySchema.parse(await readJsonBody(request, '{ "diagnosisId", "fixId" }'));
  return noStoreJson(previewResponseSchema.parse({ preview: await previewFix(body.diagnosisId, body.fixId) }));
});
