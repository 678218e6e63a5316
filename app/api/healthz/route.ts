import { NextResponse } from 'next/server';

import { envProblems } from '@/lib/env';

export const dynamic = 'force-dynamic';

/**
 * Liveness and configuration: 200 `{ status: 'ok' }`, or 503 `{ status: 'invalid_configuration',
 * problems }` naming each setting that does not parse. It reads neither the cluster nor the cloud.
 */
export function GET(): NextResponse {
  const problems = envProblems();
  if (problems.length > 0) return NextResponse.json({ status: 'invalid_configuration', problems }, { status: 503, headers: { 'cache-control': 'no-store' } });
  return NextResponse.json({ status: 'ok' }, { headers: { 'cache-control': 'no-store' } });
}
