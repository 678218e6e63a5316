import { z } from 'zod';

import { withErrors } from '@/lib/http/route';
import { getAuditStore } from '@/lib/audit';
import { auditListSchema } from '@/lib/audit/schemas';
import { noStoreJson } from '@/lib/fixes/apply/http';

export const dynamic = 'force-dynamic';

const querySchema = z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) });

/** The audit log of applied fixes and undos, newest first (`?limit=`, default 100). Readable even while applying is disabled. */
export const GET = withErrors('GET /api/fixes/audit', async (request: Request) => {
  const { limit } = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return noStoreJson(auditListSchema.parse({ entries: (await getAuditStore().list(limit)).map((record) => record.entry) }));
});
