import { NextResponse } from 'next/server';

import { diagnose } from '@/lib/diagnose/diagnose';
import { withErrors } from '@/lib/http/route';
import { defaultCluster, requireCluster } from '@/lib/diagnose/clusters';
import { diagnosisSchema } from '@/lib/schemas/diagnosis';
import { diagnosisRequestSchema } from '@/lib/schemas/destination';
import { BadRequestError } from '@/lib/errors';
import { getDiagnosisStore } from '@/lib/store/diagnosis-store';

export const dynamic = 'force-dynamic';

async function readBody(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    throw new BadRequestError('invalid_json', 'The body must be JSON: { "cluster", "namespace", "pod", "destination", "port"?, "protocol"? }.');
  }
}

/** Diagnoses a pod → destination path and saves it; 201 with the Diagnosis and its id. */
export const POST = withErrors('POST /api/diagnoses', async (request: Request) => {
  const body = diagnosisRequestSchema.parse(await readBody(request));
  const cluster = body.cluster ?? defaultCluster();
  requireCluster(cluster);
  const diagnosis = await diagnose({ cluster, namespace: body.namespace, pod: body.pod, destination: body.destination, host: body.host, port: body.port, protocol: body.protocol });
  const saved = await getDiagnosisStore().save(diagnosis);
  return NextResponse.json(diagnosisSchema.parse(saved), { status: 201, headers: { location: `/api/diagnoses/${saved.id}` } });
});
