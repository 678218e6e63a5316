/**
 * Who is asking. The identity header (`EGRESS_DOCTOR_IDENTITY_HEADER`, default
 * `x-forwarded-user`) is believed only when `EGRESS_DOCTOR_TRUSTED_PROXY` says an
 * authenticating proxy in front sets it (and strips what clients send); otherwise any client
 * could name itself, so nobody is identified.
 *
 * No `server-only` import: proxy.ts runs it too.
 */

/** The settings this reads (a subset of `Env`). */
export interface IdentitySettings {
  EGRESS_DOCTOR_TRUSTED_PROXY: boolean;
  EGRESS_DOCTOR_IDENTITY_HEADER: string;
}

/** The user the trusted proxy named, or null (no trusted proxy, or no usable header). */
export function identityOf(request: { headers: Headers }, settings: IdentitySettings): string | null {
  if (!settings.EGRESS_DOCTOR_TRUSTED_PROXY) return null;
  // Control characters would forge lines in logs; 200 characters is plenty for a user name.
  const raw = request.headers.get(settings.EGRESS_DOCTOR_IDENTITY_HEADER) ?? '';
  const value = [...raw].filter((character) => character >= ' ' && character !== '\u007f').join('').trim();
  return value ? value.slice(0, 200) : null;
}

/** The actor the audit log records: the identity, or `anonymous`. */
export function actorOf(request: { headers: Headers }, settings: IdentitySettings): string {
  return identityOf(request, settings) ?? 'anonymous';
}
