import { withErrors } from '@/lib/http/route';
import { CSRF_COOKIE, csrfCookieHeader, isIssuedCsrfToken, newCsrfToken, readCookie } from '@/lib/http/csrf';
import { fixesConfigSchema } from '@/lib/audit/schemas';
import { areFixesEnabled } from '@/lib/fixes/apply/guard';
import { noStoreJson } from '@/lib/fixes/apply/http';

export const dynamic = 'force-dynamic';

/**
 * Whether applying fixes is enabled, and the CSRF token the browser sends back in
 * `x-csrf-token` (set as the `egress_doctor_csrf` cookie when the browser has none we signed, or an expired one).
 */
export const GET = withErrors('GET /api/fixes/config', async (request: Request) => {
  const existing = readCookie(request.headers.get('cookie'), CSRF_COOKIE);
  const csrfToken = existing && isIssuedCsrfToken(existing) ? existing : newCsrfToken();
  const response = noStoreJson(fixesConfigSchema.parse({ enabled: areFixesEnabled(), csrfToken }));
  if (csrfToken !== existing) response.headers.append('set-cookie', csrfCookieHeader(csrfToken, new URL(request.url).protocol === 'https:' || request.headers.get('x-forwarded-proto') === 'https'));
  return response;
});
