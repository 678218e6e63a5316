import { z } from 'zod';

import { applyResponseSchema, undoBodySchema } from '@/lib/audit/schemas';
import { applyUndo } from '@/lib/fixes/apply/flow';
import { guardFixRequest, identityOf, readJsonBody } from '@/lib/fixes/apply/guard';
import { noStoreJson, withChangeErrors } from '@/lib/fixes/apply/http';

export const dynamic = 'force-dynamic';

const paramsSchema = z.object({ auditId: z.string().min(1).max(64) });

/** Undoes an audited change (`confirmationToken` from its undo preview), records it and re-runs the diagnosis. */
export const POST = withChangeErrors('POST /api/fixes/audit/[auditId]/undo', async (request: Request, context: { params: Promise<unknown> }) => {
  guardFixRequest(request);
  const { auditId } = paramsSchema.parse(await context.params);
  const body = undoBodySchema.parse(await readJsonBody(request, '{ "confirmationToken" }'));
  return noStoreJson(applyResponseSchema.parse(await applyUndo({ auditId, confirmationToken: body.confirmationToken, actor: identityOf(request) })), 201);
});
