/**
 * Every API route and the methods it answers: proxy.ts answers 405 with `Allow` for any
 * other method (Next.js itself answers TRACE and unknown methods with a 500), refuses
 * cross-site POSTs and oversized bodies before a handler runs, and the attack suite walks this
 * list. A unit test keeps it equal to the `app/api/**\/route.ts` exports.
 *
 * No `server-only` import: proxy.ts runs it too.
 */

export type ApiMethod = 'GET' | 'POST';

export interface ApiRoute {
  /** Path pattern, `[name]` for a dynamic segment (as the app folder names it). */
  pattern: string;
  methods: readonly ApiMethod[];
  /** Largest request body a POST accepts (bytes). */
  bodyLimit?: number;
}

/** Body limits in bytes: a diagnosis request is a handful of short fields; the change routes carry ids and a token; a what-if up to 50 edits (NetworkPolicies included); an audit up to 50 destinations. */
export const BODY_LIMITS = { diagnosis: 8 * 1024, change: 4 * 1024, whatIf: 32 * 1024, audit: 32 * 1024 } as const;

export const API_ROUTES: readonly ApiRoute[] = [
  { pattern: '/api/healthz', methods: ['GET'] },
  { pattern: '/api/clusters', methods: ['GET'] },
  { pattern: '/api/clusters/[cluster]/pods', methods: ['GET'] },
  { pattern: '/api/clusters/[cluster]/namespaces', methods: ['GET'] },
  { pattern: '/api/clusters/[cluster]/namespaces/[namespace]/pods', methods: ['GET'] },
  { pattern: '/api/diagnoses', methods: ['GET', 'POST'], bodyLimit: BODY_LIMITS.diagnosis },
  { pattern: '/api/diagnoses/[id]', methods: ['GET'] },
  { pattern: '/api/diagnoses/[id]/world', methods: ['GET'] },
  { pattern: '/api/diagnoses/[id]/rerun', methods: ['POST'], bodyLimit: BODY_LIMITS.change },
  { pattern: '/api/diagnoses/[id]/what-if', methods: ['POST'], bodyLimit: BODY_LIMITS.whatIf },
  { pattern: '/api/audits', methods: ['POST'], bodyLimit: BODY_LIMITS.audit },
  { pattern: '/api/watches', methods: ['GET', 'POST'], bodyLimit: BODY_LIMITS.change },
  { pattern: '/api/watches/[id]', methods: ['GET'] },
  { pattern: '/api/watches/[id]/run', methods: ['POST'], bodyLimit: BODY_LIMITS.change },
  { pattern: '/api/watches/[id]/delete', methods: ['POST'], bodyLimit: BODY_LIMITS.change },
  { pattern: '/api/metrics', methods: ['GET'] },
  { pattern: '/api/fixes/config', methods: ['GET'] },
  { pattern: '/api/fixes/audit', methods: ['GET'] },
  { pattern: '/api/fixes/preview', methods: ['POST'], bodyLimit: BODY_LIMITS.change },
  { pattern: '/api/fixes/apply', methods: ['POST'], bodyLimit: BODY_LIMITS.change },
  { pattern: '/api/fixes/audit/[auditId]/undo/preview', methods: ['POST'], bodyLimit: BODY_LIMITS.change },
  { pattern: '/api/fixes/audit/[auditId]/undo', methods: ['POST'], bodyLimit: BODY_LIMITS.change },
];

/** The largest body any route accepts. */
export const LARGEST_BODY = Math.max(...API_ROUTES.map((route) => route.bodyLimit ?? 0));

/** How much of a request body Next.js buffers for proxy.ts (next.config.ts explains the size). */
export const PROXY_BODY_BUFFER = Math.max(64 * 1024, LARGEST_BODY * 4);

function matches(pattern: string, pathname: string): boolean {
  const want = pattern.split('/');
  const got = pathname.replace(/\/+$/, '').split('/');
  return want.length === got.length && want.every((segment, index) => (segment.startsWith('[') ? (got[index] ?? '') !== '' : segment === got[index]));
}

/** The route a path names, or null. */
export function findApiRoute(pathname: string): ApiRoute | null {
  return API_ROUTES.find((route) => matches(route.pattern, pathname)) ?? null;
}

/** The `Allow` header of a route: its methods plus the HEAD and OPTIONS Next.js answers itself. */
export function allowHeader(route: ApiRoute): string {
  return [...route.methods, ...(route.methods.includes('GET') ? ['HEAD'] : []), 'OPTIONS'].join(', ');
}
