/**
 * The Alibaba Cloud SDK clients the adapters call, one set per region and configuration.
 *
 * Credentials come from @alicloud/credentials' default chain unless given (environment
 * `ALIBABA_CLOUD_ACCESS_KEY_ID`/`_SECRET`, ECS RAM role, OIDC/RRSA). Endpoints come from
 * `ALIBABA_CLOUD_ENDPOINT_<PRODUCT>` (the sandbox sets `http://127.0.0.1:PORT`), else the
 * public endpoints over HTTPS.
 */
import 'server-only';

import { createHash } from 'node:crypto';

import Credential, { Config as CredentialConfig, OIDCRoleArnCredentialsProvider } from '@alicloud/credentials';
import Ecs from '@alicloud/ecs20140526';
import OpenApi, { $OpenApiUtil } from '@alicloud/openapi-core';
import RKvstore from '@alicloud/r-kvstore20150101';
import Rds from '@alicloud/rds20140815';
import Vpc from '@alicloud/vpc20160428';
import { RuntimeOptions } from '@darabonba/typescript';

import { getEnv, productEndpoint, type Env } from '@/lib/env';
import { countedCloudCall } from '@/lib/metrics/registry';
import { retryRead } from '@/lib/read-retries';

import { classifyCloudAttempt } from './errors';
import { memoizedRead } from './read-memo';

export type CloudProduct = 'ecs' | 'vpc' | 'slb' | 'rds' | 'rKvstore' | 'pvtz' | 'polardb' | 'dds';

/** SDK clients of one region. Classic SLB has no SDK package here: `slb` is the generic client. */
export interface CloudClients {
  region: string;
  ecs: Ecs;
  vpc: Vpc;
  /** Generic OpenAPI client for SLB 2014-05-15 (see `callSlb` in load-balancers.ts). */
  slb: OpenApi;
  rds: Rds;
  rKvstore: RKvstore;
  /** Generic OpenAPI client for PrivateZone 2018-01-01 (see pvtz.ts), which has no SDK package here. */
  pvtz: OpenApi;
  /** Generic OpenAPI client for PolarDB 2017-08-01 (see service-whitelists.ts): one action does not justify its SDK. */
  polardb: OpenApi;
  /** Generic OpenAPI client for ApsaraDB for MongoDB (dds 2015-12-01), which has no SDK package here. */
  dds: OpenApi;
  /** The credential the clients sign with, for clients outside OpenAPI (OSS, see oss.ts). */
  credential: Credential;
  /** The per-read budget of these clients, retries included (for OSS reads, which do not go through OpenAPI). */
  timeoutMs: number;
  /**
   * The generic OpenAPI client of a product a gate reads (lib/gates/<gate>/read.ts), created on
   * first use with the same credential, timeout and read retries; endpoint from
   * `ALIBABA_CLOUD_ENDPOINT_<CODE>`, else `product.publicEndpoint(region)`.
   */
  product(product: GenericProduct): OpenApi;
}

/** A product reached through the generic client (no SDK package on the registry). */
export interface GenericProduct {
  /** Endpoint code: `cloudfw` → `ALIBABA_CLOUD_ENDPOINT_CLOUDFW`. */
  code: string;
  /** The public endpoint for a region, `host` (HTTPS). */
  publicEndpoint(region: string): string;
}

export interface CloudClientOptions {
  region: string;
  /** Static access key; the default credential chain when absent. */
  credentials?: { accessKeyId: string; accessKeySecret: string };
  /** Per-product endpoint, `host[:port]` (HTTPS) or `http(s)://host[:port]`. */
  endpoints?: Partial<Record<CloudProduct, string>>;
  /** Read and connect timeout; `EGRESS_DOCTOR_TIMEOUT_MS` when absent. */
  timeoutMs?: number;
  /** Endpoints of the gates' products by code (`cloudfw`), ahead of `ALIBABA_CLOUD_ENDPOINT_<CODE>`. */
  productEndpoints?: Record<string, string>;
}

const endpointEnv = {
  ecs: 'ALIBABA_CLOUD_ENDPOINT_ECS',
  vpc: 'ALIBABA_CLOUD_ENDPOINT_VPC',
  slb: 'ALIBABA_CLOUD_ENDPOINT_SLB',
  rds: 'ALIBABA_CLOUD_ENDPOINT_RDS',
  rKvstore: 'ALIBABA_CLOUD_ENDPOINT_R_KVSTORE',
  pvtz: 'ALIBABA_CLOUD_ENDPOINT_PVTZ',
  polardb: 'ALIBABA_CLOUD_ENDPOINT_POLARDB',
  dds: 'ALIBABA_CLOUD_ENDPOINT_DDS',
} as const;

/** Public endpoints; RDS, R-KVStore, PrivateZone, PolarDB and MongoDB answer every region on their central endpoint. */
function publicEndpoint(product: CloudProduct, region: string): string {
  switch (product) {
    case 'ecs':
      return `ecs.${region}.aliyuncs.com`;
    case 'vpc':
      return `vpc.${region}.aliyuncs.com`;
    case 'slb':
      return `slb.${region}.aliyuncs.com`;
    case 'rds':
      return 'rds.aliyuncs.com';
    case 'rKvstore':
      return 'r-kvstore.aliyuncs.com';
    case 'pvtz':
      return 'pvtz.aliyuncs.com';
    case 'polardb':
      return 'polardb.aliyuncs.com';
    case 'dds':
      return 'mongodb.aliyuncs.com';
    default: {
      const exhaustive: never = product;
      throw new Error(`unhandled product ${String(exhaustive)}`);
    }
  }
}

/** Splits `http://host:port` into protocol and `host:port`; a bare host means HTTPS. */
export function parseEndpoint(value: string): { protocol: 'http' | 'https'; endpoint: string } {
  const match = /^(https?):\/\/(.+?)\/?$/.exec(value.trim());
  if (!match?.[1] || !match[2]) return { protocol: 'https', endpoint: value.trim().replace(/\/$/, '') };
  return { protocol: match[1] === 'http' ? 'http' : 'https', endpoint: match[2] };
}

const cache = new Map<string, CloudClients>();

function cacheKey(options: CloudClientOptions, endpoints: Record<CloudProduct, string>, timeoutMs: number): string {
  // NOTE: the secret only enters the key hashed, so the key never holds a credential.
  const secret = options.credentials
    ? createHash('sha256').update(options.credentials.accessKeySecret).digest('hex')
    : null;
  return JSON.stringify([options.region, options.credentials?.accessKeyId ?? null, secret, endpoints, options.productEndpoints ?? null, timeoutMs]);
}

/** Reads are the actions that change nothing: Describe*, List*, Get*, Query*, Check*. */
function isIdempotentRead(action: string): boolean {
  return /^(Describe|List|Get|Query|Check)[A-Z]/.test(action);
}

/** `Action id-or-address` for the retry record, like the adapters name their fact errors. */
function readResource(action: string, query: Record<string, unknown> | undefined): string {
  const values = Object.entries(query ?? {})
    .filter(([key]) => key !== 'RegionId')
    .flatMap(([, value]) => (typeof value === 'string' ? value.replace(/[[\]"]/g, '').split(',') : []));
  const target = values.find((value) => /^[a-z]+-[A-Za-z0-9]+$/.test(value) || /^[0-9a-fA-F.:]+$/.test(value));
  return target === undefined ? action : `${action} ${target}`;
}

/**
 * Routes every read of `client` (all its SDK methods and `callApi` go through `callApi`)
 * through `retryRead`: a reset, 5xx or throttled read is tried again within `budgetMs`,
 * each attempt with the time left as its timeout. Writes pass through untouched.
 */
function withReadRetries<C extends OpenApi>(client: C, budgetMs: number, memoScope: string): C {
  // Every call (each attempt of a retried read) is counted for /api/metrics.
  const callApi = countedCloudCall(client.callApi.bind(client));
  client.callApi = (params, request, runtime) => {
    if (!isIdempotentRead(params.action)) return callApi(params, request, runtime);
    // Inside an audit (lib/alicloud/read-memo.ts) the same read is made once for every pod that needs it.
    return memoizedRead(JSON.stringify([memoScope, params.action, params.version, request.query ?? null, request.body ?? null]), () =>
      retryRead({
        source: 'alicloud',
        resource: readResource(params.action, request.query),
        budgetMs,
        attempt: (remainingMs) => callApi(params, request, new RuntimeOptions({ ...runtime, readTimeout: remainingMs, connectTimeout: remainingMs })),
        classify: classifyCloudAttempt,
      }),
    );
  };
  return client;
}

/**
 * The SDK clients for a region, cached per region and configuration. Every client
 * signs with ACS3-HMAC-SHA256, retries reads (see `withReadRetries`) and never waits
 * longer than the timeout for one read, its retries included.
 */
export function createCloudClients(options: CloudClientOptions): CloudClients {
  const env = getEnv();
  const timeoutMs = options.timeoutMs ?? env.EGRESS_DOCTOR_TIMEOUT_MS;
  const endpointOf = (product: CloudProduct) =>
    options.endpoints?.[product] ?? env[endpointEnv[product]] ?? publicEndpoint(product, options.region);
  const endpoints: Record<CloudProduct, string> = {
    ecs: endpointOf('ecs'),
    vpc: endpointOf('vpc'),
    slb: endpointOf('slb'),
    rds: endpointOf('rds'),
    rKvstore: endpointOf('rKvstore'),
    pvtz: endpointOf('pvtz'),
    polardb: endpointOf('polardb'),
    dds: endpointOf('dds'),
  };
  const key = cacheKey(options, endpoints, timeoutMs);
  const cached = cache.get(key);
  if (cached) return cached;

  const credential = options.credentials
    ? new Credential(new CredentialConfig({ type: 'access_key', ...options.credentials }))
    : defaultCredential(env);
  const configFor = (product: CloudProduct) =>
    new $OpenApiUtil.Config({
      credential,
      regionId: options.region,
      readTimeout: timeoutMs,
      connectTimeout: timeoutMs,
      ...parseEndpoint(endpoints[product]),
    });
  const products = new Map<string, OpenApi>();
  const clients: CloudClients = {
    region: options.region,
    product(product) {
      const endpoint = options.productEndpoints?.[product.code] ?? productEndpoint(product.code) ?? product.publicEndpoint(options.region);
      const cached = products.get(`${product.code} ${endpoint}`);
      if (cached) return cached;
      const client = withReadRetries(new OpenApi(new $OpenApiUtil.Config({ credential, regionId: options.region, readTimeout: timeoutMs, connectTimeout: timeoutMs, ...parseEndpoint(endpoint) })), timeoutMs, `${key}/${product.code}`);
      products.set(`${product.code} ${endpoint}`, client);
      return client;
    },
    ecs: withReadRetries(new Ecs(configFor('ecs')), timeoutMs, `${key}/ecs`),
    vpc: withReadRetries(new Vpc(configFor('vpc')), timeoutMs, `${key}/vpc`),
    slb: withReadRetries(new OpenApi(configFor('slb')), timeoutMs, `${key}/slb`),
    rds: withReadRetries(new Rds(configFor('rds')), timeoutMs, `${key}/rds`),
    rKvstore: withReadRetries(new RKvstore(configFor('rKvstore')), timeoutMs, `${key}/rKvstore`),
    pvtz: withReadRetries(new OpenApi(configFor('pvtz')), timeoutMs, `${key}/pvtz`),
    polardb: withReadRetries(new OpenApi(configFor('polardb')), timeoutMs, `${key}/polardb`),
    dds: withReadRetries(new OpenApi(configFor('dds')), timeoutMs, `${key}/dds`),
    credential,
    timeoutMs,
  };
  cache.set(key, clients);
  return clients;
}

let sharedCredential: Credential | undefined;

/**
 * The process-wide credential of the default chain, shared by every region's clients so that
 * one STS session (RRSA, ECS RAM role) serves them all and is refreshed in one place.
 *
 * NOTE: @alicloud/credentials has no variable for the STS endpoint of RRSA (it derives the
 * host from `ALIBABA_CLOUD_STS_REGION`); with `ALIBABA_CLOUD_STS_ENDPOINT` set and no
 * AccessKey in the environment, the OIDC provider is built here with that endpoint. It still
 * reads `ALIBABA_CLOUD_ROLE_ARN`, `_OIDC_PROVIDER_ARN` and `_OIDC_TOKEN_FILE` itself.
 */
function defaultCredential(env: Env): Credential {
  if (sharedCredential) return sharedCredential;
  const stsEndpoint = env.ALIBABA_CLOUD_STS_ENDPOINT;
  sharedCredential =
    stsEndpoint !== undefined && !process.env.ALIBABA_CLOUD_ACCESS_KEY_ID
      ? new Credential(
          null,
          singleFlight(
            OIDCRoleArnCredentialsProvider.builder()
              .withStsEndpoint(parseEndpoint(stsEndpoint).endpoint)
              .withReadTimeout(env.EGRESS_DOCTOR_TIMEOUT_MS)
              .withConnectTimeout(env.EGRESS_DOCTOR_TIMEOUT_MS)
              .build(),
          ),
        )
      : new Credential();
  return sharedCredential;
}

type CredentialsProvider = Pick<OIDCRoleArnCredentialsProvider, 'getCredentials' | 'getProviderName'>;

/**
 * The provider with concurrent requests for credentials joined: the first diagnosis makes its
 * cloud calls in parallel, and each would otherwise call AssumeRoleWithOIDC on its own.
 */
function singleFlight(provider: CredentialsProvider): CredentialsProvider {
  let inFlight: ReturnType<CredentialsProvider['getCredentials']> | undefined;
  return {
    getProviderName: () => provider.getProviderName(),
    getCredentials: () => {
      inFlight ??= provider.getCredentials().finally(() => {
        inFlight = undefined;
      });
      return inFlight;
    },
  };
}
