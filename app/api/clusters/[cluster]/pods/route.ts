import { NextResponse } from 'next/server';
import { z } from 'zod';

import { withErrors } from '@/lib/http/route';
import { requireCluster } from '@/lib/diagnose/clusters';
import { listAllPods } from '@/lib/k8s/read';
import { clusterNameSchema, podSearchQuerySchema, podSearchResponseSchema } from '@/lib/schemas/api';
import { searchPods } from '@/lib/search/pod-search';

export const dynamic = 'force-dynamic';

const paramsSchema = z.object({ cluster: clusterNameSchema });

/** Pods of every namespace matching `q` (name, workload, app label, IP or node), best first. */
export const GET = withErrors('GET /api/clusters/[cluster]/pods', async (request: Request, context: { params: Promise<unknown> }) => {
  const { cluster } = paramsSchema.parse(await context.params);
  const searchParams = new URL(request.url).searchParams;
  const { q, limit } = podSearchQuerySchema.parse({ q: searchParams.get('q') ?? '', limit: searchParams.get('limit') ?? undefined });
  requireCluster(cluster);
  const { matches, total } = searchPods(await listAllPods(cluster), q, limit);
  const pods = matches.map(({ pod, field, workload }) => ({
    namespace: pod.namespace,
    name: pod.name,
    ip: pod.ip,
    ips: pod.ips,
    nodeName: pod.nodeName,
    phase: pod.phase,
    ready: pod.ready,
    workload,
    matched: field,
  }));
  return NextResponse.json(podSearchResponseSchema.parse({ cluster, query: q, pods, total }), { headers: { 'cache-control': 'no-store' } });
});
