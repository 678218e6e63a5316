/**
 * One Alibaba Cloud OpenAPI write, called generically (RPC style, signed like the reads)
 * with a ClientToken. See write.ts.
 */
import 'server-only';

import { $OpenApiUtil, OpenApiUtil } from '@alicloud/openapi-core';
import type OpenApi from '@alicloud/openapi-core';
import { RuntimeOptions } from '@darabonba/typescript';

import type { Fix } from '@/lib/analysis/model';
import { UpstreamError } from '@/lib/errors';

import type { CloudClients } from './clients';
import { toUpstreamError } from './errors';
import { rpcParams } from './rpc-params';

/** A Fix of kind `alicloud`. */
export type AlicloudFix = Extract<Fix, { kind: 'alicloud' }>;

/** The products a fix can call. */
export type CloudWriteProduct = AlicloudFix['product'];

/** One OpenAPI request, as a fix carries it. */
export interface CloudActionCall {
  product: CloudWriteProduct;
  /** OpenAPI version, e.g. `2014-05-26`. */
  version: string;
  action: string;
  /** Request parameters (RPC style, flat: `EgressAclEntries.1.Policy`). `RegionId` defaults to the clients' region. */
  parameters: Record<string, string>;
}

/** What the cloud answered. */
export interface CloudCallResult {
  requestId: string;
  /** The response body as sent (PascalCase), without being interpreted. */
  body: Record<string, unknown>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function clientFor(clients: CloudClients, product: CloudWriteProduct): OpenApi {
  switch (product) {
    case 'Ecs':
      return clients.ecs;
    case 'Vpc':
      return clients.vpc;
    case 'Slb':
      return clients.slb;
    case 'Rds':
      return clients.rds;
    case 'R-kvstore':
      return clients.rKvstore;
    case 'Polardb':
      return clients.polardb;
    case 'Dds':
      return clients.dds;
    case 'Cloudfw':
      // NOTE: Cloud Firewall fixes are shown, not applied: lib/fixes/apply/flow.ts refuses them before this.
      throw new Error('invariant: a Cloud Firewall fix reached the applier');
    default: {
      const exhaustive: never = product;
      throw new Error(`unhandled product ${String(exhaustive)}`);
    }
  }
}

/**
 * Calls `call.action` of `call.product`/`call.version` with `call.parameters` and
 * `ClientToken` (idempotency: a retry with the same token and parameters returns the first
 * answer instead of applying twice; actions without ClientToken support ignore it).
 * Throws `UpstreamError` (e.g. reason `forbidden` for `Forbidden.RAM`).
 */
export async function callCloudAction(clients: CloudClients, call: CloudActionCall, options: { clientToken: string }): Promise<CloudCallResult> {
  const resource = `${call.action} ${Object.entries(call.parameters)
    .filter(([key]) => /Id$/.test(key) && key !== 'RegionId')
    .map(([, value]) => value)
    .join(',')}`.trim();
  const params = rpcParams(call.action, call.version);
  const query = { RegionId: clients.region, ...call.parameters, ClientToken: options.clientToken };
  const request = new $OpenApiUtil.OpenApiRequest({ query: OpenApiUtil.query(query) });
  let body: unknown;
  try {
    const response = await clientFor(clients, call.product).callApi(params, request, new RuntimeOptions({}));
    body = response['body'];
  } catch (error) {
    throw toUpstreamError(error, resource);
  }
  if (!isRecord(body)) {
    throw new UpstreamError({ source: 'alicloud', reason: 'error', resource, message: `${call.action} answered without a JSON body` });
  }
  const requestId = typeof body.RequestId === 'string' ? body.RequestId : '';
  return { requestId, body };
}
