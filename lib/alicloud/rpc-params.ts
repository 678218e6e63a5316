/** The generic OpenAPI call shape shared by the SLB reads, the fix writes and the generic reads. */
import 'server-only';

import { $OpenApiUtil, OpenApiUtil } from '@alicloud/openapi-core';
import type OpenApi from '@alicloud/openapi-core';
import { RuntimeOptions } from '@darabonba/typescript';

import { toUpstreamError } from './errors';

/**
 * Parameters of an RPC-style action (POST /, form body, JSON answer, AccessKey auth), for
 * `callApi` on any product's client — the way the SLB package, absent from the registry,
 * is reached, and how fixes call actions the typed clients do not wrap.
 */
export function rpcParams(action: string, version: string): $OpenApiUtil.Params {
  return new $OpenApiUtil.Params({
    action,
    version,
    protocol: 'HTTPS',
    pathname: '/',
    method: 'POST',
    authType: 'AK',
    style: 'RPC',
    reqBodyType: 'formData',
    bodyType: 'json',
  });
}

/**
 * One RPC read through a generic client: the raw JSON body (PascalCase, unvalidated), or an
 * `UpstreamError` naming `resource` (`Action id`, as the fact errors name their reads).
 */
export async function callRpc(client: OpenApi, version: string, action: string, query: Record<string, unknown>, resource: string): Promise<unknown> {
  const request = new $OpenApiUtil.OpenApiRequest({ query: OpenApiUtil.query(query) });
  try {
    const response = await client.callApi(rpcParams(action, version), request, new RuntimeOptions({}));
    const body: unknown = response['body'];
    return body;
  } catch (error) {
    throw toUpstreamError(error, resource);
  }
}
