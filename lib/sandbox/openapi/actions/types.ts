/** What an action handler of the sandbox OpenAPI endpoint is given and declares. */
import type { WorldCloud } from '@/lib/schemas/world';

import type { RequestParams } from '../request-params';
import type { StsSessions } from './sts';

/** RAM service prefix of a built-in action (`ecs:DescribeInstances`). */
export type Product = 'ecs' | 'vpc' | 'slb' | 'rds' | 'kvstore' | 'sts' | 'pvtz' | 'polardb' | 'dds';

export interface ActionContext {
  params: RequestParams;
  /** The world's resources, or an empty region when the request names another region. */
  cloud: WorldCloud;
  /** The endpoint's STS sessions (temporary credentials handed out by AssumeRoleWithOIDC). */
  sessions: StsSessions;
}

export interface ActionDefinition {
  /** RAM service prefix: a built-in `Product`, or a gate's (`yundun-cloudfirewall`, lib/gates/sandbox.ts). */
  product: string;
  /** Resource type in the RAM ARN, e.g. `securitygroup` (used in the Forbidden.RAM message). */
  resourceType: string;
  /** Whether the real action requires `RegionId`. */
  regional: boolean;
  /** Called without a signature (STS AssumeRoleWithOIDC: the OIDC token is the proof). */
  anonymous?: boolean;
  /** A write: it changes the world, and a `ClientToken` makes retries idempotent. */
  write?: boolean;
  /** The response body without `RequestId`. */
  handle(context: ActionContext): Record<string, unknown>;
}

/** Actions of one API version, by name. */
export type ActionTable = Record<string, ActionDefinition>;
