import { NextResponse } from 'next/server';

import { defaultCluster, requireCluster } from '@/lib/diagnose/clusters';
import { diagnoseWithFacts, type DiagnoseOptions } from '@/lib/diagnose/diagnose';
import { getEnv, isDiagnosisListEnabled } from '@/lib/env';
import { BODY_LIMITS } from '@/lib/http/api-routes';
import { readJsonBody } from '@/lib/http/body';
import { streamNdjson } from '@/lib/http/ndjson';
import { diagnosisListDisabledError } from '@/lib/http/access';
import { withErrors } from '@/lib/http/route';
import { diagnosisRequestSchema } from '@/lib/schemas/destination';
import { diagnosisSchema } from '@/lib/schemas/diagnosis';
import { savedDiagnosisListQuerySchema, savedDiagnosisListSchema } from '@/lib/schemas/saved-diagnosis';
import { getDiagnosisStore } from '@/lib/store/diagnosis-store';
import { saveDiagnosisRun } from '@/lib/store/saved-diagnoses';

export const dynamic = 'force-dynamic';

const BODY_SHAPE = '{ "cluster", "namespace", "pod", "destination", "port"?, "protocol"? }';

/**
 * Diagnoses a pod → destination path and saves it with the facts it read (as a world
 * fragment): 201 with the Diagnosis and its id.
 * With `?stream=1` the answer is NDJSON: progress lines and hops as they are decided, then
 * the result (or an error).
 */
export const POST = withErrors('POST /api/diagnoses', async (request: Request) => {
  const body = diagnosisRequestSchema.parse(await readJsonBody(request, BODY_LIMITS.diagnosis, BODY_SHAPE));
  const cluster = body.cluster ?? defaultCluster();
  requireCluster(cluster);
  const input = { cluster, namespace: body.namespace, pod: body.pod, destination: body.destination, host: body.host, port: body.port, protocol: body.protocol };
  const run = async (options: DiagnoseOptions = {}) => diagnosisSchema.parse((await saveDiagnosisRun(getDiagnosisStore(), await diagnoseWithFacts(input, options))).diagnosis);

  if (new URL(request.url).searchParams.get('stream') === '1') {
    return streamNdjson('POST /api/diagnoses?stream=1', input, async (send) => ({
      type: 'result',
      diagnosis: await run({ onProgress: (progress) => send({ type: 'progress', ...progress }), onHop: (hop) => send({ type: 'hop', hop }) }),
    }));
  }
  const saved = await run();
  return NextResponse.json(saved, { status: 201, headers: { location: `/api/diagnoses/${saved.id}` } });
});

/**
 * Recent saved diagnoses, newest first: `?cluster=&namespace=&limit=` (limit 1–200, default 50).
 * 403 `listing_disabled` unless the list is enabled (README, “Access”): it names every share link.
 */
export const GET = withErrors('GET /api/diagnoses', async (request: Request) => {
  if (!isDiagnosisListEnabled(getEnv())) throw diagnosisListDisabledError();
  const query = savedDiagnosisListQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const diagnoses = await getDiagnosisStore().list(query);
  return NextResponse.json(savedDiagnosisListSchema.parse({ diagnoses }), { headers: { 'cache-control': 'no-store' } });
});
