/**
 * The gates every fix route passes: applying enabled by configuration, and (for POSTs) the
 * CSRF check. Also who is asking, from the identity header a proxy in front sets.
 */
import 'server-only';

import { getEnv } from '@/lib/env';
import { BadRequestError } from '@/lib/errors';
import { requireCsrf } from '@/lib/http/csrf';

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

/** The user named by the identity header (`EGRESS_DOCTOR_IDENTITY_HEADER`), or `anonymous`. */
export function identityOf(request: Request): string {
  const value = request.headers.get(getEnv().EGRESS_DOCTOR_IDENTITY_HEADER)?.trim();
  return value ? value.slice(0, 200) : 'anonymous';
}

/** Reads a JSON body; 400 `invalid_json` naming the expected shape otherwise. */
export async function readJsonBody(request: Request, shape: string): Promise<unknown> {
  try {
    return await request.json();
  } catch (error) {
    throw new BadRequestError('invalid_json', `The body must be JSON: ${shape} (${error instanceof Error ? error.message : 'unreadable'}).`);
  }
}
