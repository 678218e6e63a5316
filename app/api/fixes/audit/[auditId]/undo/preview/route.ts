import { z } from 'zod';

import { previewResponseSchema } from '@/lib/audit/schemas';
import { previewUndo } from '@/lib/fixes/apply/flow';
import { guardFixRequest } from '@/lib/fixes/apply/guard';
import { noStoreJson, withChangeErrors } from '@/lib/fixes/apply/http';

export const dynamic = 'force-dynamic';

const paramsSchema = z.object({ auditId: z.string().min(1).max(64) });

/** What undoing an audited change will do, with its confirmation token. */
export const POST = withChangeErrors('POST /api/fixes/audit/[auditId]/undo/preview', async (request: Request, context: { params: Promise<unknown> }) => {
  guardFixRequest(request);
  const { auditId } = paramsSchema.parse(await context.params);
  return noStoreJson(previewResponseSchema.parse({ preview: await previewUndo(auditId) }));
});
