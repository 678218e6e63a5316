/** The HTTP edge of the fix routes: error answers that carry the audit id of a recorded failure. */
import 'server-only';

import { NextResponse } from 'next/server';

import { withErrors } from '@/lib/http/route';

import { ChangeFailedError } from './failure';

/**
 * `withErrors`, plus: a `ChangeFailedError` answers its status with
 * `{ error: { code, message, auditId } }` (the cloud's or cluster's words).
 */
export function withChangeErrors<Args extends unknown[]>(route: string, handler: (...args: Args) => Promise<Response>): (...args: Args) => Promise<Response> {
  return withErrors(route, async (...args: Args) => {
    try {
      return await handler(...args);
    } catch (error) {
      if (!(error instanceof ChangeFailedError)) throw error;
      return NextResponse.json({ error: { code: error.code, message: error.message, auditId: error.auditId } }, { status: error.status, headers: { 'cache-control': 'no-store' } });
    }
  });
}

/** A JSON answer that is never cached. */
export function noStoreJson(body: unknown, status = 200): NextResponse {
  return NextResponse.json(body, { status, headers: { 'cache-control': 'no-store' } });
}
