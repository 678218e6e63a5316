/**
 * The security headers every response carries (pages, API, static files, errors), set by
 * next.config.ts for the routes Next.js serves and by proxy.ts on the answers it gives itself.
 *
 * NOTE: scripts and styles allow 'unsafe-inline': the App Router streams its payload in inline
 * `<script>` tags and React Flow positions nodes with inline styles. Nonces would make every
 * page dynamic and still need 'unsafe-inline' for styles; what the policy must guarantee here
 * is that nothing is framed (`frame-ancestors 'none'`), loaded or posted from elsewhere.
 */

/** The Content-Security-Policy; `dev` adds 'unsafe-eval', which React's development build needs. */
export function contentSecurityPolicy(dev = false): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Name → value of every security header. */
export function securityHeaders(dev = false): Record<string, string> {
  return {
    'content-security-policy': contentSecurityPolicy(dev),
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
    // NOTE: not `no-referrer`: under it browsers send `Origin: null` on same-origin POSTs,
    // which the cross-site check (lib/http/cross-site.ts) must refuse.
    'referrer-policy': 'same-origin',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
  };
}
