/**
 * The OSS bucket-policy gate's registry entry (lib/gates/registry.ts): its label, place in the
 * path and pure parts. Its reader is read.ts (lib/gates/readers.ts), its sandbox part sandbox.ts
 * (lib/gates/sandbox.ts). Pure. Semantics: docs/gates/oss-bucket-policy.md.
 */
import { describeFactError, skipHop, unknownHop } from '@/lib/analysis/hop-helpers';
import { msg } from '@/lib/analysis/message';
import type { Hop, PathContext, PathFacts } from '@/lib/analysis/model';

import type { GateDefinition } from '../types';
import { parseOssEndpoint } from './endpoint';
import { evaluateBucketPolicy } from './evaluate';
import { bucketPolicyToWorld, diffBucketPolicy } from './world';
import { bucketPolicyWorldSchema } from './world-schema';

/** The hop from the path's facts: skip for a destination that is no OSS endpoint; unknown when the bucket was not read. */
export function evaluateBucketPolicyHop(facts: PathFacts, path: PathContext): Hop {
  const endpoint = parseOssEndpoint(facts.request.host, facts.request.destination);
  if (endpoint === null) return skipHop('bucketPolicy', msg('analysis.bucketPolicy.notOssEndpoint'));
  const fact = facts.cloud.gates?.bucketPolicy;
  if (fact === undefined) return unknownHop('bucketPolicy', msg('analysis.bucketPolicy.notRead', { bucket: endpoint.bucket }));
  if (fact.kind === 'missing') return unknownHop('bucketPolicy', describeFactError(fact.error));
  if (fact.value === null) return unknownHop('bucketPolicy', msg('analysis.bucketPolicy.notRead', { bucket: endpoint.bucket }));
  return evaluateBucketPolicy(fact.value, facts, path);
}

export const bucketPolicyGate: GateDefinition<'bucketPolicy'> = {
  kind: 'bucketPolicy',
  label: 'OSS bucket policy',
  description: 'For OSS endpoints: the endpoint’s region, then the bucket policy (explicit Deny first, acs:SourceIp / acs:SourceVpc as OSS sees them), then the bucket ACL.',
  // The service's own access control, after the network has delivered the request (like whitelist).
  after: 'whitelist',
  kindsThatChange: [],
  evaluate: evaluateBucketPolicyHop,
  worldSchema: bucketPolicyWorldSchema,
  toWorld: bucketPolicyToWorld,
  diff: diffBucketPolicy,
};
