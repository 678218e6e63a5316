import { NextResponse } from 'next/server';
import { z } from 'zod';

import { withErrors } from '@/lib/http/route';
import { requireCluster } from '@/lib/diagnose/clusters';
import { listNamespaces } from '@/lib/k8s/read';
import { clusterNameSchema, namespacesResponseSchema } from '@/lib/schemas/api';

export const dynamic = 'force-dynamic';

const paramsSchema = z.object({ cluster: clusterNameSchema });

export const GET = withErrors('GET /api/clusters/[cluster]/namespaces', async (_request: Request, context: { params: Promise<unknown> }) => {
  const { cluster } = paramsSchema.parse(await context.params);
  requireCluster(cluster);
  const namespaces = await listNamespaces(cluster);
  const body = namespacesResponseSchema.parse({ cluster, namespaces });
  return NextResponse.json(body, { headers: { 'cache-control': 'no-store' } });
});
