import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';

import { PROXY_BODY_BUFFER } from './lib/http/api-routes';
import { securityHeaders } from './lib/http/security-headers';

const nextConfig: NextConfig = {
  // A self-contained server (.next/standalone/server.js) with only the traced node_modules: what deploy/Dockerfile ships.
  output: 'standalone',
  // Native or Node-only packages stay outside the server bundle.
  serverExternalPackages: [
    'better-sqlite3',
    'pg',
    '@kubernetes/client-node',
    '@alicloud/credentials',
    '@alicloud/openapi-core',
    '@alicloud/ecs20140526',
    '@alicloud/vpc20160428',
    '@alicloud/rds20140815',
    '@alicloud/r-kvstore20150101',
    'ali-oss',
  ],
  poweredByHeader: false,
  experimental: {
    // With proxy.ts, Next.js buffers each request body for it, up to this size, then silently
    // passes on nothing more. API bodies never get that far (lib/http/node-guard.ts refuses
    // chunked and oversized ones first); this bounds what any other POST can make it hold.
    proxyClientMaxBodySize: PROXY_BODY_BUFFER,
  },
  // Security headers on every response: pages, API, static files and errors (lib/http/security-headers.ts).
  async headers() {
    const headers = Object.entries(securityHeaders(process.env.NODE_ENV === 'development')).map(([key, value]) => ({ key, value }));
    return [{ source: '/:path*', headers }];
  },
};

// next-intl without i18n routing: the locale comes from a cookie or Accept-Language (lib/i18n/request.ts).
export default createNextIntlPlugin('./lib/i18n/request.ts')(nextConfig);
