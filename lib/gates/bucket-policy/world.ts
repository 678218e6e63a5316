/**
 * The bucketPolicy facts of a saved diagnosis back in their world section (`cloud.bucketPolicy`),
 * and what changed in it between two worlds (a saved diagnosis and its re-run). Pure.
 */
import type { PathFacts } from '@/lib/analysis/model';
import type { DiagnosisChange } from '@/lib/schemas/saved-diagnosis';
import type { World } from '@/lib/schemas/world';

import type { WorldGateSections } from '../types';
import type { OssBucket } from './world-schema';

/** The bucket as the sandbox would serve it, when its information, policy and ACL were all read. */
export function bucketPolicyToWorld(facts: PathFacts): WorldGateSections {
  const fact = facts.cloud.gates?.bucketPolicy;
  if (fact === undefined || fact.kind === 'missing' || fact.value === null) return {};
  const { info, policy, acl } = fact.value;
  if (info.kind === 'missing' || info.value === null || policy.kind === 'missing' || acl.kind === 'missing') return {};
  const parsed: unknown = policy.value === null ? undefined : JSON.parse(policy.value.document);
  const bucket: OssBucket = {
    Name: info.value.name,
    Location: `oss-${info.value.region}`,
    Acl: acl.value,
    ...(typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? { Policy: Object.fromEntries(Object.entries(parsed)) } : {}),
    ...(info.value.ownerId === null ? {} : { Owner: { ID: info.value.ownerId } }),
  };
  return { bucketPolicy: { buckets: [bucket] } };
}

const stable = (value: unknown): string => JSON.stringify(value, (_key, item: unknown) => (item !== null && typeof item === 'object' && !Array.isArray(item) ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => a.localeCompare(b))) : item));

/** Buckets added or removed, and a bucket whose policy or ACL changed. */
export function diffBucketPolicy(before: World, after: World): DiagnosisChange[] {
  const old = new Map((before.cloud.bucketPolicy?.buckets ?? []).map((bucket) => [bucket.Name, bucket]));
  const next = new Map((after.cloud.bucketPolicy?.buckets ?? []).map((bucket) => [bucket.Name, bucket]));
  const changes: DiagnosisChange[] = [];
  for (const [name, bucket] of old) {
    const now = next.get(name);
    if (now === undefined) changes.push({ scope: 'fact', subject: 'ossBucket', change: 'removed', message: `OSS bucket ${name} removed` });
    else if (stable(now.Policy) !== stable(bucket.Policy)) changes.push({ scope: 'fact', subject: 'ossBucket', change: 'changed', message: `policy of OSS bucket ${name} changed` });
    else if (now.Acl !== bucket.Acl) changes.push({ scope: 'fact', subject: 'ossBucket', change: 'changed', message: `ACL of OSS bucket ${name} changed from ${bucket.Acl} to ${now.Acl}` });
  }
  for (const name of next.keys()) if (!old.has(name)) changes.push({ scope: 'fact', subject: 'ossBucket', change: 'added', message: `OSS bucket ${name} added` });
  return changes;
}
