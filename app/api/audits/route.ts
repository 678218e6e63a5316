import { NextResponse } from 'next/server';

import { defaultCluster, requireCluster } from '@/lib/diagnose/clusters';
import { runAudit, type AuditDeps } from '@/lib/fleet/run-audit';
import { BODY_LIMITS } from '@/lib/http/api-routes';
import { readJsonBody } from '@/lib/http/body';
import { streamNdjson } from '@/lib/http/ndjson';
import { withErrors } from '@/lib/http/route';
import { auditRequestSchema, auditResultSchema } from '@/lib/schemas/audit';

export const dynamic = 'force-dynamic';

const BODY_SHAPE = '{ "cluster"?, "namespace" | "workload" | "all": true, "destination" | "destinations", "port"?, "protocol"? }';

/**
 * Audits which pods of a namespace, a workload or the cluster reach one or more destinations:
 * 200 with the result (pods grouped by verdict and blocking rule, the single change that
 * unblocks the most). With `?stream=1` the answer is NDJSON: progress lines (classes done of
 * the total), then the result (or an error). Nothing is saved.
 */
export const POST = withErrors('POST /api/audits', async (request: Request) => {
  const body = auditRequestSchema.parse(await readJsonBody(request, BODY_LIMITS.audit, BODY_SHAPE));
  const cluster = body.cluster ?? defaultCluster();
  requireCluster(cluster);
  const input = { cluster, scope: body.scope, destinations: body.destinations };
  const run = async (deps: AuditDeps = {}) => auditResultSchema.parse(await runAudit(input, deps));

  if (new URL(request.url).searchParams.get('stream') === '1') {
    return streamNdjson('POST /api/audits?stream=1', input, async (send) => ({
      type: 'result',
      audit: await run({ onProgress: (progress) => send({ type: 'progress', ...progress }) }),
    }));
  }
  return NextResponse.json(await run(), { headers: { 'cache-control': 'no-store' } });
});
