/**
 * The world file's section of the bucketPolicy gate, `cloud.bucketPolicy`: the OSS buckets the
 * sandbox serves, in the fields of GetBucketInfo plus the policy document and the ACL grant.
 * See docs/world-format.md#oss-buckets.
 */
import { z } from 'zod';

export const ossBucketSchema = z.looseObject({
  /** The bucket name (3–63 lower-case letters, digits, hyphens). */
  Name: z.string().regex(/^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/, 'a bucket name is 3–63 lower-case letters, digits and hyphens'),
  /** `oss-<region>`, as GetBucketInfo's Location. */
  Location: z.string().regex(/^oss-[a-z0-9-]+$/, 'a Location is oss-<region>, e.g. oss-cn-hangzhou'),
  /** The ACL grant. */
  Acl: z.enum(['private', 'public-read', 'public-read-write']).default('private'),
  /** The bucket policy document (absent: the bucket has none, NoSuchBucketPolicy). */
  Policy: z.record(z.string(), z.unknown()).optional(),
  /** The owner; the world's account when absent. */
  Owner: z.looseObject({ ID: z.string().min(1), DisplayName: z.string().optional() }).optional(),
  CreationDate: z.string().optional(),
  StorageClass: z.string().optional(),
});
export type OssBucket = z.infer<typeof ossBucketSchema>;

/** `cloud.bucketPolicy`. */
export const bucketPolicyWorldSchema = z.object({ buckets: z.array(ossBucketSchema).default([]) });
export type BucketPolicyWorld = z.infer<typeof bucketPolicyWorldSchema>;
