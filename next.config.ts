import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // A self-contained server (.next/standalone/server.js) with only the traced node_modules: what deploy/Dockerfile ships.
  output: 'standalone',
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
};

export default nextConfig;
