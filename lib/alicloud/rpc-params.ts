/** The generic OpenAPI call shape shared by the SLB reads and the fix writes. */
import 'server-only';

import { $OpenApiUtil } from '@alicloud/openapi-core';

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
