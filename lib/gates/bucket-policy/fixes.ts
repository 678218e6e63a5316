/**
 * Fixes of the bucketPolicy hop: the policy document to put back (PutBucketPolicy replaces the
 * whole policy, so the fix is the current document with the change made) as JSON, with its
 * `aliyun oss` and ossutil lines; and the respectful path first when a Deny blocks. Pure.
 */
import { z } from 'zod';

import type { Fix, FactRef } from '@/lib/analysis/model';
import { manualFix } from '@/lib/fixes/cloud-fixes';

import type { BucketPolicy, OssEndpoint } from './facts';

/** The CLI lines that put `policy.json` on the bucket (ossutil 1.x, which `aliyun oss` wraps; ossutil 2.x). */
export function putPolicyCommands(bucket: string): string[] {
  return [`aliyun oss bucket-policy --method put oss://${bucket} policy.json`, `ossutil api put-bucket-policy --bucket ${bucket} --body file://policy.json`];
}

/** The statement that lets the source in: by VPC on the internal endpoint, by address (and "not from a VPC", as OSS requires) on the public one. */
export function allowStatement(endpoint: OssEndpoint, ownerId: string | null, source: { vpcId: string | null; addresses: string[] }): Record<string, unknown> {
  const condition: Record<string, Record<string, string[]>> = endpoint.internal
    ? { StringEquals: { 'acs:SourceVpc': source.vpcId === null ? [] : [source.vpcId] } }
    : { IpAddress: { 'acs:SourceIp': source.addresses }, StringNotLike: { 'acs:SourceVpc': ['vpc-*'] } };
  return {
    Sid: `AllowEgressDoctor${endpoint.internal ? 'Vpc' : 'Ip'}`,
    Effect: 'Allow',
    Principal: ['*'],
    Action: ['oss:GetObject', 'oss:PutObject'],
    Resource: [`acs:oss:*:${ownerId ?? '*'}:${endpoint.bucket}/*`],
    Condition: condition,
  };
}

const documentSchema = z.looseObject({ Version: z.string().optional(), Statement: z.unknown().optional() });

/** The policy document with `statement` appended (the document OSS holds is the base: PutBucketPolicy replaces it). */
export function withStatement(policy: BucketPolicy | null, statement: Record<string, unknown>): string {
  const parsed = documentSchema.safeParse(policy === null ? {} : JSON.parse(policy.document));
  const document = parsed.success ? parsed.data : {};
  const existing = document.Statement;
  const statements = Array.isArray(existing) ? existing : existing === undefined ? [] : [existing];
  return JSON.stringify({ ...document, Version: document.Version ?? '1', Statement: [...statements, statement] }, null, 2);
}

/** A fix that puts `document` on the bucket. */
export function putPolicyFix(input: { id: string; title: string; description: string; risk: string; bucket: string; document: string; exception?: { blastRadius: string } }): Fix {
  return manualFix({
    id: input.id,
    title: input.title,
    description: input.description,
    risk: input.risk,
    target: { kind: 'ossBucket', id: input.bucket, label: `OSS bucket ${input.bucket}` },
    ...(input.exception ? { exception: input.exception } : {}),
    steps: [
      'Save the whole policy below as policy.json (PutBucketPolicy replaces the bucket policy, so it keeps every statement the bucket has):',
      input.document,
      ...putPolicyCommands(input.bucket),
    ],
  });
}

/** The respectful path when a Deny blocks: reach the bucket the way the Deny permits, or ask its owner. */
export function respectDenyFix(bucket: string, statement: FactRef, way: string): Fix {
  return manualFix({
    id: 'bucketPolicy-respect-deny',
    title: `Reach ${bucket} the way its policy permits`,
    description: `${statement.label} is an explicit Deny: the bucket owner meant it. ${way}`,
    risk: 'None to the bucket: nothing in its policy changes.',
    target: statement,
    steps: [way, `If this workload should be an exception, ask the owner of ${bucket} to change ${statement.label}.`],
  });
}

/** When the endpoint is wrong for the source or the bucket: the endpoint to use instead. */
export function endpointFix(bucket: string, reason: string, host: string): Fix {
  return manualFix({
    id: 'bucketPolicy-endpoint',
    title: `Use ${bucket}.${host}`,
    description: reason,
    risk: 'None to the bucket; the client configuration changes.',
    target: { kind: 'ossBucket', id: bucket, label: `OSS bucket ${bucket}` },
    steps: [`Point the client at https://${bucket}.${host} (its endpoint setting, e.g. ALIBABA_CLOUD_OSS_ENDPOINT or the SDK's endpoint option).`],
  });
}
