import { NextResponse } from 'next/server';
import { z } from 'zod';

import { describePodNetworks } from '@/lib/diagnose/pod-networks';
import { withErrors } from '@/lib/http/route';
import { requireCluster } from '@/lib/diagnose/clusters';
import { listPods, readClusterInfo } from '@/lib/k8s/read';
import { clusterNameSchema, namespaceNameSchema, podsResponseSchema } from '@/lib/schemas/api';

export const dynamic = 'force-dynamic';

const paramsSchema = z.object({ cluster: clusterNameSchema, namespace: namespaceNameSchema });

/** Pods of a namespace with their network facts (ENI, vSwitch, security groups, EIP) where they can be read. */
export const GET = withErrors('GET /api/clusters/[cluster]/namespaces/[namespace]/pods', async (_request: Request, context: { params: Promise<unknown> }) => {
  const { cluster, namespace } = paramsSchema.parse(await context.params);
  requireCluster(cluster);
  const [pods, clusterInfo] = await Promise.all([listPods(cluster, namespace), readClusterInfo(cluster)]);
  const { pods: summaries, errors } = await describePodNetworks(cluster, clusterInfo, pods);
  const body = podsResponseSchema.parse({ cluster, namespace, pods: summaries, errors });
  return NextResponse.json(body, { headers: { 'cache-control': 'no-store' } });
});
