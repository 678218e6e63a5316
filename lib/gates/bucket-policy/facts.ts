/**
 * The facts the OSS bucket-policy gate reads (hop kind `bucketPolicy`): which bucket the
 * destination names, and that bucket's information, policy and ACL as OSS answers them.
 * Pure data, converted from the OSS REST API by lib/alicloud/oss.ts.
 */
import type { Fact } from '@/lib/analysis/model';

import type { BucketPolicyWorld } from './world-schema';

/** A destination that is an OSS endpoint, as read from its host name and URL. */
export interface OssEndpoint {
  bucket: string;
  /** Region of the endpoint, e.g. `cn-hangzhou` (from `oss-cn-hangzhou[-internal]`). */
  region: string;
  /** `oss-<region>-internal`: reachable only from VPCs of the same region. */
  internal: boolean;
  /** `virtualHosted`: `<bucket>.oss-…`; `path`: `oss-…/<bucket>/…`. */
  style: 'virtualHosted' | 'path';
  /** The object key the URL names, null when none. */
  objectKey: string | null;
}

/** One `Condition` test of a statement: `{ "<operator>": { "<key>": [values] } }`. */
export interface PolicyCondition {
  /** `IpAddress`, `NotIpAddress`, `StringEquals`, `StringNotEquals`, `StringLike`, `StringNotLike`, … as written. */
  operator: string;
  /** `acs:SourceIp`, `acs:SourceVpc`, … as written. */
  key: string;
  values: string[];
}

/** One statement of a bucket policy. */
export interface PolicyStatement {
  /** `Sid` when present, else `#<index>` (1-based). */
  sid: string;
  effect: 'Allow' | 'Deny';
  /** `Principal` as a list (`*`, account or RAM ids, `arn:sts::…`). */
  principals: string[];
  /** `Action`, e.g. `oss:GetObject`, `oss:*`. */
  actions: string[];
  /** `NotAction` when the statement uses it instead of `Action`. */
  notActions: string[];
  /** `Resource`, e.g. `acs:oss:*:1583…:bucket/*`. */
  resources: string[];
  conditions: PolicyCondition[];
}

/** A bucket policy (GetBucketPolicy): its statements in written order, and the JSON as OSS returned it. */
export interface BucketPolicy {
  version: string;
  statements: PolicyStatement[];
  /** The policy document (JSON text), kept for the fix, which must put the whole document back. */
  document: string;
}

/** The bucket ACL (GetBucketAcl `AccessControlList.Grant`). */
export type BucketAcl = 'private' | 'public-read' | 'public-read-write';

/** GetBucketInfo: the bucket's region and owner. */
export interface BucketInfo {
  name: string;
  /** Region id, e.g. `cn-hangzhou` (OSS's `Location` is `oss-cn-hangzhou`). */
  region: string;
  /** Owner's account id, null when not reported. */
  ownerId: string | null;
  /** `ExtranetEndpoint`, e.g. `oss-cn-hangzhou.aliyuncs.com`. */
  extranetEndpoint: string | null;
  /** `IntranetEndpoint`, e.g. `oss-cn-hangzhou-internal.aliyuncs.com`. */
  intranetEndpoint: string | null;
}

/** What the gate read about the bucket the destination names. */
export interface BucketFacts {
  endpoint: OssEndpoint;
  /** Null when OSS answered NoSuchBucket. */
  info: Fact<BucketInfo | null>;
  /** Null when the bucket has no policy (NoSuchBucketPolicy). */
  policy: Fact<BucketPolicy | null>;
  acl: Fact<BucketAcl>;
}

declare module '../types' {
  interface GateFactsMap {
    /** Null when the destination is no OSS endpoint. */
    bucketPolicy: BucketFacts | null;
  }
  interface GateWorldMap {
    bucketPolicy: BucketPolicyWorld;
  }
}
