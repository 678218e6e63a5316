/**
 * What the sandbox serves for the bucketPolicy gate: OSS speaks its own REST API, not OpenAPI, so
 * the gate brings a server of its own (lib/sandbox/oss/server.ts) serving `cloud.bucketPolicy`'s
 * buckets; `ALIBABA_CLOUD_ENDPOINT_OSS` points at it.
 */
import { startOssServer } from '@/lib/sandbox/oss/server';

import type { GateSandbox } from '../sandbox';

export const bucketPolicySandbox: GateSandbox = {
  endpointCode: 'oss',
  productName: 'Oss',
  version: 'oss',
  actions: {},
  server: (context) =>
    startOssServer({
      world: context.world,
      bucketsOf: (world) => world.cloud.bucketPolicy?.buckets ?? [],
      secretOf: context.secretOf,
      checkSecurityToken: context.checkSecurityToken,
    }),
};
