/**
 * The gates every fix route passes: applying enabled by configuration, and (for POSTs) the
 * CSRF check. Also who is asking, from the identity header a trusted proxy in front sets.
 */
import 'server-only';

import { getEnv } from '@/lib/env';
import { BadRequestError } from '@/lib/errors';
import { BODY_LIMITS } from '@/lib/http/api-routes';
import { readJsonBody as readLimitedJsonBody } from '@/lib/http/body';
import { requireCsrf } from '@/lib/http/csrf';
import { actorOf } from '@/lib/http/identity';

/** The 403 answered while `EGRESS_DOCTOR_FIXES_ENABLED` is off. */
export function fixesDisabledError(): BadRequestError {
  return new BadRequestError(
    'fixes_disabled',
    'Applying fixes is turned off on this dashboard: fixes can be copied and run by hand. To apply them from here, set EGRESS_DOCTOR_FIXES_ENABLED=true and grant the write permissions listed in the README (“Applying fixes”).',
    403,
  );
}

/** Whether applying is enabled. */
export function areFixesEnabled(): boolean {
  return getEnv().EGRESS_DOCTOR_FIXES_ENABLED;
}

/** Throws 403 `fixes_disabled` unless applying is enabled, then 403 `csrf_rejected` unless the request passes the CSRF check. */
export function guardFixRequest(request: Request): void {
  if (!areFixesEnabled()) throw fixesDisabledError();
  requireCsrf(request);
}

/** The user the trusted proxy named (lib/http/identity.ts), or `anonymous`. */
export function identityOf(request: Request): string {
  return actorOf(request, getEnv());
}

/** Reads a JSON body of at most `BODY_LIMITS.change` bytes; 413 past it, 400 `invalid_json` naming the expected shape otherwise. */
export async function readJsonBody(request: Request, shape: string): Promise<unknown> {
  return readLimitedJsonBody(request, BODY_LIMITS.change, shape);
}
