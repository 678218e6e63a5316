import { NextResponse } from 'next/server';

export const dynamic = 'force-dynamic';

/** Liveness: the server answers. It reads neither the cluster nor the cloud. */
export function GET(): NextResponse {
  return NextResponse.json({ status: 'ok' }, { headers: { 'cache-control': 'no-store' } });
}
