import type { NextConfig } from 'next';

import { PROXY_BODY_BUFFER } from './lib/http/api-routes';
import { securityHeaders } from './lib/http/security-headers';

const nextConfig: NextConfig = {
  // Native or Node-only packages stay outside the server bundle.
  serverExternalPackages: [
    'better-sqlite3',
    '@kubernetes/client-node',
    '@alicloud/credentials',
    '@alicloud/openapi-core',
    '@alicloud/ecs20140526',
    '@alicloud/vpc20160428',
    '@alicloud/rds20140815',
    '@alicloud/r-kvstore20150101',
  ],
  poweredByHeader: false,
  experimental: {
    // With proxy.ts, Next.js buffers each request body for it, up to this size, then passes on
    // nothing more. NOTE: a socket chunk past the size is dropped whole, so the size must be well
    // above one chunk (64 KB) or a large chunked body would reach proxy and route as empty; at
    // 1 MB the proxy always sees more than the route limit and answers 413 (lib/http/gate.ts).
    proxyClientMaxBodySize: PROXY_BODY_BUFFER,
  },
  // Security headers on every response: pages, API, static files and errors (lib/http/security-headers.ts).
  async headers() {
    const headers = Object.entries(securityHeaders(process.env.NODE_ENV === 'development')).map(([key, value]) => ({ key, value }));
    return [{ source: '/:path*', headers }];
  },
};

export default nextConfig;
