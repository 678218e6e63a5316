/**
 * Reads the bucketPolicy gate's facts: when the destination is an OSS endpoint, the bucket's
 * information, policy and ACL (lib/alicloud/oss.ts, ali-oss), in parallel, each its own fact so
 * one failed read leaves the others. Server only.
 */
import 'server-only';

import { getBucketAcl, getBucketInfo, getBucketPolicy } from '@/lib/alicloud/oss';
import { known, readFact } from '@/lib/diagnose/facts';

import type { GateReadContext } from '../readers';
import type { GateFacts } from '../types';
import { parseOssEndpoint } from './endpoint';
import type { BucketFacts } from './facts';

/** `{ bucketPolicy }`: null when the destination is no OSS endpoint. */
export async function readBucketPolicyFacts({ clients, request }: GateReadContext): Promise<GateFacts> {
  const endpoint = parseOssEndpoint(request.host, request.destination);
  if (endpoint === null) return { bucketPolicy: known<BucketFacts | null>(null) };
  const target = { bucket: endpoint.bucket, region: endpoint.region };
  const [info, policy, acl] = await Promise.all([
    readFact(() => getBucketInfo(clients, target)),
    readFact(() => getBucketPolicy(clients, target)),
    readFact(() => getBucketAcl(clients, target)),
  ]);
  return { bucketPolicy: known<BucketFacts | null>({ endpoint, info, policy, acl }) };
}
