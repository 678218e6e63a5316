import { NextResponse } from 'next/server';

import { withErrors } from '@/lib/http/route';
import { listClusters } from '@/lib/k8s/clusters';
import { clustersResponseSchema } from '@/lib/schemas/api';

export const dynamic = 'force-dynamic';

/** The kubeconfig's contexts. */
export const GET = withErrors('GET /api/clusters', async () => {
  const body = clustersResponseSchema.parse({ clusters: listClusters() });
  return NextResponse.json(body, { headers: { 'cache-control': 'no-store' } });
});
