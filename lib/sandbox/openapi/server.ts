/**
 * The sandbox Alibaba Cloud OpenAPI endpoint: plain node:http on loopback, serving the
 * resources of a world file to the real SDK clients.
 *
 * It checks what the real gateway checks (access key, ACS3-HMAC-SHA256 or RPC v2 signature,
 * RAM deny list, required parameters, resource existence), answers in the real wrapped
 * PascalCase shapes with pagination, and can inject latency and errors deterministically.
 * Write actions (actions/*-write.ts) change the server's own copy of the world until the
 * next `setWorld`; a `ClientToken` makes a retried write return the first answer.
 * Started by scripts and tests only, never imported by app/ or the other lib/ folders.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

import { GATE_SANDBOX_LIST } from '@/lib/gates/sandbox';
import { worldCloudSchema, type World, type WorldCloud, type WorldFaults } from '@/lib/schemas/world';

import type { TlsMaterial } from '../tls';
import { cloudFaultAnswer, createFaultPlan, type FaultPlan } from '../world/faults';

import { findAction } from './actions';
import { createStsSessions, type OidcTrust } from './actions/sts';
import type { ActionDefinition } from './actions/types';
import { OpenApiFault } from './fault';
import { createPrng } from './prng';
import { RequestParams } from './request-params';
import { verifyAcs3Signature, verifyRpcSignature } from './signature';

/** Errors and latency to inject. */
export interface Faults {
  /** Delay before answering, in milliseconds. */
  latencyMs?: number;
  /** Share of calls (0..1) answered with `errorCode`. */
  errorRate?: number;
  errorCode?: 'Throttling.User' | 'ServiceUnavailable' | 'InternalError';
  /** Limit faults to these actions; all actions when absent. */
  actions?: string[];
  /** Seed of the deterministic generator deciding which calls fail. */
  seed?: number;
}

/** One call the endpoint answered (for benchmarks counting calls and sequential rounds). */
export interface CallRecord {
  action: string;
  version: string;
  /** Epoch milliseconds (fractional) when the request arrived. */
  startedAt: number;
  /** Epoch milliseconds (fractional) when the answer was written. */
  endedAt: number;
  /** HTTP status; 0 when the world's faults held the call unanswered (`timeout`) or cut it (`reset`). */
  status: number;
  /** Error code when the call failed (`timeout` / `reset` for the connection faults). */
  code?: string;
  /** Ids and addresses the request names (its resource ids, `PrivateIpAddress.N`, `Address`, …). */
  targets: string[];
}

export interface OpenApiSandbox {
  /** `http://127.0.0.1:PORT`. */
  endpoint: string;
  /** The secret of an AccessKey the endpoint accepts (permanent, or an STS session it issued). */
  secretOf(accessKeyId: string): string | undefined;
  /** Throws when an STS AccessKey comes without its token or expired (for the gates' own servers). */
  checkSecurityToken(accessKeyId: string, securityToken: string | undefined, now: number): void;
  /** `127.0.0.1:PORT` of the same endpoint over HTTPS (with `tls`), as STS clients need it. */
  httpsEndpoint?: string;
  /** Serves a copy of `world` from now on (earlier writes and ClientTokens are forgotten). */
  setWorld(world: World): void;
  /** The cloud as the writes left it (a copy). */
  currentCloud(): WorldCloud;
  setFaults(faults: Faults): void;
  /** Replaces the world's `faults.cloud` (a fresh count for `times`) until the next `setWorld`. */
  setWorldFaults(faults: WorldFaults | undefined): void;
  calls(): CallRecord[];
  resetCalls(): void;
  close(): Promise<void>;
}

export interface OpenApiServerOptions {
  world: World;
  /** The access keys the endpoint accepts. */
  credentials: Array<{ accessKeyId: string; accessKeySecret: string }>;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0 (any free port). */
  port?: number;
  faults?: Faults;
  /** Also serve HTTPS with this certificate (@alicloud/credentials calls STS over HTTPS only). */
  tls?: TlsMaterial;
  /** The OIDC tokens STS `AssumeRoleWithOIDC` accepts (RRSA); none when absent. */
  oidcTrust?: OidcTrust[];
}

const faultAnswers = {
  'Throttling.User': { status: 400, message: 'Request was denied due to user flow control.' },
  ServiceUnavailable: { status: 503, message: 'The request has failed due to a temporary failure of the server.' },
  InternalError: { status: 500, message: 'The request processing has failed due to some unknown error, exception or failure.' },
} as const;

const productNames: Readonly<Record<string, string>> = {
  ecs: 'Ecs', vpc: 'Vpc', slb: 'Slb', rds: 'Rds', kvstore: 'R-kvstore', sts: 'Sts', pvtz: 'pvtz', polardb: 'polardb', dds: 'Dds',
  ...Object.fromEntries(GATE_SANDBOX_LIST.flatMap((gate) => Object.values(gate.actions).map((action) => [action.product, gate.productName]))),
};

function now(): number {
  return performance.timeOrigin + performance.now();
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function headerText(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Ids a request names, for matching `world.ram.deny` resources. */
function requestResourceIds(params: RequestParams): string[] {
  const ignored = new Set(['RegionId', 'AccessKeyId', 'OwnerId', 'ResourceOwnerId', 'ResourceGroupId']);
  return params
    .entries()
    .filter(([key]) => !ignored.has(key) && /(Id|Ids)(\.\d+)?$/.test(key))
    .flatMap(([key, value]) => {
      const list = value.trim().startsWith('[') ? params.jsonList(key) ?? [] : value.split(',');
      return list.map((id) => id.trim()).filter((id) => id !== '');
    });
}

function checkRam(world: World, definition: ActionDefinition, action: string, params: RequestParams): void {
  const ids = requestResourceIds(params);
  const rule = world.ram.deny.find((deny) => deny.action === action && (deny.resource === undefined || ids.includes(deny.resource)));
  if (!rule) return;
  const account = world.cloud.accountId ?? '*';
  const resource = `acs:${definition.product}:${world.cloud.regionId}:${account}:${definition.resourceType}/${rule.resource ?? '*'}`;
  throw new OpenApiFault(
    403,
    'Forbidden.RAM',
    `User not authorized to operate on the specified resource, or this API doesn't support RAM. ` +
      `Action: ${definition.product}:${action}, Resource: ${resource}`,
  );
}

/** Parameters that never name a resource. */
const nonTargetParams = new Set(['RegionId', 'AccessKeyId', 'OwnerId', 'ResourceOwnerId', 'ResourceGroupId', 'Action', 'Version', 'Format', 'SignatureNonce', 'Timestamp', 'Signature', 'SignatureMethod', 'SignatureVersion', 'SignatureType', 'SecurityToken', 'ClientToken']);

/** Every value the request names (lists split), for matching `faults.cloud[].resource`. */
function requestValues(params: RequestParams): string[] {
  return params
    .entries()
    .filter(([key]) => !nonTargetParams.has(key))
    .flatMap(([, value]) => (value.trim().startsWith('[') ? safeJsonList(value) : value.split(',')))
    .map((value) => value.trim())
    .filter((value) => value !== '');
}

function safeJsonList(value: string): string[] {
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? parsed.filter((item): item is string => typeof item === 'string') : [value];
  } catch {
    // Not a JSON list after all: match the raw value.
    return [value];
  }
}

/** The ids and addresses among the request's values (what a call record names). */
function requestTargets(params: RequestParams): string[] {
  return [...new Set(requestValues(params).filter((value) => /^[a-z]+-[A-Za-z0-9]+$/.test(value) || /^[0-9.]+$|:/.test(value)))];
}

/** A world fault that answers with no HTTP response: hold the call (`timeout`) or cut the connection (`reset`). */
class ConnectionFault extends Error {
  readonly mode: 'timeout' | 'reset';

  constructor(mode: 'timeout' | 'reset') {
    super(`sandbox connection fault: ${mode}`);
    this.name = 'ConnectionFault';
    this.mode = mode;
  }
}

/** Parameters that are not part of what a ClientToken stands for (signing and protocol fields). */
const unsignedParams = new Set(['ClientToken', 'Signature', 'SignatureMethod', 'SignatureVersion', 'SignatureNonce', 'SignatureType', 'Timestamp', 'AccessKeyId', 'SecurityToken', 'Format', 'Version', 'Action']);

interface TokenRecord {
  action: string;
  fingerprint: string;
  answer: Record<string, unknown>;
}

/**
 * Runs a write once per ClientToken: the same token, action and parameters give the first
 * answer again without applying twice; the same token with anything else is
 * `IdempotentParameterMismatch`. Failed writes are not remembered (a retry may succeed).
 */
function once(tokens: Map<string, TokenRecord>, action: string, params: RequestParams, run: () => Record<string, unknown>): Record<string, unknown> {
  const token = params.get('ClientToken');
  if (token === undefined) return run();
  const fingerprint = JSON.stringify(params.entries().filter(([key]) => !unsignedParams.has(key)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const seen = tokens.get(token);
  if (seen) {
    if (seen.action !== action || seen.fingerprint !== fingerprint) {
      throw new OpenApiFault(400, 'IdempotentParameterMismatch', 'The request uses the same client token as a previous, but non-identical request.');
    }
    return structuredClone(seen.answer);
  }
  const answer = run();
  tokens.set(token, { action, fingerprint, answer: structuredClone(answer) });
  return answer;
}

/**
 * `reset` destroys the socket (the client sees ECONNRESET / socket hang up); `timeout` never
 * answers and waits until the client gives up (or the server closes).
 */
async function dropConnection(request: IncomingMessage, response: ServerResponse, mode: 'timeout' | 'reset'): Promise<void> {
  if (mode === 'reset') {
    request.socket.destroy();
    return;
  }
  if (response.destroyed) return;
  await new Promise<void>((resolve) => response.once('close', () => resolve()));
}

function send(response: ServerResponse, status: number, body: Record<string, unknown>): void {
  if (response.destroyed) return;
  response.writeHead(status, { 'content-type': 'application/json;charset=utf-8' });
  response.end(JSON.stringify(body));
}

/**
 * Starts the sandbox OpenAPI endpoint on loopback and resolves once it listens.
 * One endpoint serves every product (ECS, VPC, SLB, RDS, R-KVStore), routed by action and version.
 */
export async function startOpenApiServer(options: OpenApiServerOptions): Promise<OpenApiSandbox> {
  // NOTE: a copy, since writes change it in place and the caller's world is shared.
  let world = structuredClone(options.world);
  const tokens = new Map<string, TokenRecord>();
  let faults: Faults = options.faults ?? {};
  let faultPlan: FaultPlan = createFaultPlan(world.faults);
  let random = createPrng(faults.seed ?? 1);
  const secrets = new Map(options.credentials.map((key) => [key.accessKeyId, key.accessKeySecret]));
  const sessions = createStsSessions(options.oidcTrust ?? []);
  const secretOf = (accessKeyId: string) => secrets.get(accessKeyId) ?? sessions.secretOf(accessKeyId);
  let records: CallRecord[] = [];
  const pendingDelays = new Set<() => void>();
  /** Action and version of the requests in flight, by request id. */
  const current = new Map<string, { action: string; version: string; targets: string[] }>();

  const delay = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        pendingDelays.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      pendingDelays.add(done);
    });

  const applyFaults = async (action: string): Promise<void> => {
    if (faults.actions !== undefined && !faults.actions.includes(action)) return;
    if (faults.latencyMs !== undefined && faults.latencyMs > 0) await delay(faults.latencyMs);
    if (faults.errorRate !== undefined && faults.errorRate > 0 && random() < faults.errorRate) {
      const code = faults.errorCode ?? 'ServiceUnavailable';
      throw new OpenApiFault(faultAnswers[code].status, code, faultAnswers[code].message);
    }
  };

  const applyWorldFault = (action: string, params: RequestParams): void => {
    const fault = faultPlan.cloud(action, requestValues(params));
    if (fault === undefined) return;
    if (fault.error === 'timeout' || fault.error === 'reset') throw new ConnectionFault(fault.error);
    const { status, code, message } = cloudFaultAnswer(fault);
    throw new OpenApiFault(status, code, message);
  };

  const answer = async (request: IncomingMessage, requestId: string): Promise<Record<string, unknown>> => {
    const body = await readBody(request);
    const url = new URL(request.url ?? '/', 'http://sandbox.invalid');
    const query = [...url.searchParams.entries()];
    const isForm = (headerText(request, 'content-type') ?? '').startsWith('application/x-www-form-urlencoded');
    const form = isForm ? [...new URLSearchParams(body.toString('utf8')).entries()] : [];
    const params = new RequestParams([...query, ...form]);
    const method = request.method ?? 'POST';
    const isAcs3 = (headerText(request, 'authorization') ?? '').startsWith('ACS3-');
    const action = (isAcs3 ? headerText(request, 'x-acs-action') : params.get('Action')) ?? '';
    const version = (isAcs3 ? headerText(request, 'x-acs-version') : params.get('Version')) ?? '';
    current.set(requestId, { action, version, targets: requestTargets(params) });
    const definition = findAction(version, action);
    if (!definition?.anonymous) {
      const accessKeyId = isAcs3
        ? verifyAcs3Signature({ method, pathname: url.pathname, query, headers: request.headers, body }, secretOf)
        : verifyRpcSignature(method, [...query, ...form], secretOf);
      sessions.checkSecurityToken(accessKeyId, isAcs3 ? headerText(request, 'x-acs-security-token') : params.get('SecurityToken'), Date.now());
    }
    if (!definition) {
      throw new OpenApiFault(404, 'InvalidAction.NotFound', `Specified api "${action}" (version ${version}) is not found, please check your url and method.`);
    }
    await applyFaults(action);
    applyWorldFault(action, params);
    checkRam(world, definition, action, params);
    const regionId = definition.regional ? params.require('RegionId') : params.get('RegionId');
    const cloud: WorldCloud =
      regionId === undefined || regionId === world.cloud.regionId ? world.cloud : worldCloudSchema.parse({ regionId });
    if (definition.write) return once(tokens, action, params, () => definition.handle({ params, cloud, sessions }));
    return definition.handle({ params, cloud, sessions });
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const startedAt = now();
    const requestId = randomUUID().toUpperCase();
    let status = 200;
    let code: string | undefined;
    try {
      send(response, status, { RequestId: requestId, ...(await answer(request, requestId)) });
    } catch (error) {
      if (error instanceof ConnectionFault) {
        status = 0;
        code = error.mode;
        await dropConnection(request, response, error.mode);
        return;
      }
      const fault =
        error instanceof OpenApiFault ? error : new OpenApiFault(500, 'InternalError', faultAnswers.InternalError.message);
      status = fault.status;
      code = fault.code;
      const product = findAction(current.get(requestId)?.version ?? '', current.get(requestId)?.action ?? '')?.product;
      send(response, status, {
        RequestId: requestId,
        HostId: `${product ?? 'openapi'}.${world.cloud.regionId}.aliyuncs.com`,
        Code: fault.code,
        Message: fault.message,
        Recommend: `https://api.aliyun.com/troubleshoot?q=${fault.code}&product=${product ? (productNames[product] ?? product) : ''}&requestId=${requestId}`,
      });
    } finally {
      const call = current.get(requestId) ?? { action: '', version: '', targets: [] };
      current.delete(requestId);
      records.push({ ...call, startedAt, endedAt: now(), status, ...(code === undefined ? {} : { code }) });
    }
  };

  const server = createServer((request, response) => {
    void handle(request, response);
  });
  const tlsServer = options.tls
    ? createHttpsServer({ key: options.tls.keyPem, cert: options.tls.certPem }, (request, response) => {
        void handle(request, response);
      })
    : undefined;
  const host = options.host ?? '127.0.0.1';
  const listen = (listener: typeof server, port: number) =>
    new Promise<number>((resolve, reject) => {
      listener.once('error', reject);
      listener.listen(port, host, () => {
        const address: AddressInfo | string | null = listener.address();
        if (address === null || typeof address === 'string') reject(new Error('invariant: the OpenAPI sandbox listens on a TCP port'));
        else resolve(address.port);
      });
    });
  const port = await listen(server, options.port ?? 0);
  const tlsPort = tlsServer ? await listen(tlsServer, 0) : undefined;

  return {
    endpoint: `http://${host}:${port}`,
    secretOf,
    checkSecurityToken: (accessKeyId, securityToken, at) => sessions.checkSecurityToken(accessKeyId, securityToken, at),
    ...(tlsPort === undefined ? {} : { httpsEndpoint: `${host}:${tlsPort}` }),
    setWorld(next) {
      world = structuredClone(next);
      faultPlan = createFaultPlan(world.faults);
      tokens.clear();
    },
    setWorldFaults(next) {
      faultPlan = createFaultPlan(next);
    },
    currentCloud: () => structuredClone(world.cloud),
    setFaults(next) {
      faults = next;
      random = createPrng(next.seed ?? 1);
    },
    calls: () => [...records],
    resetCalls() {
      records = [];
    },
    close: async () => {
      for (const finish of [...pendingDelays]) finish();
      await Promise.all(
        [server, ...(tlsServer ? [tlsServer] : [])].map(
          (listener) =>
            new Promise<void>((resolve, reject) => {
              listener.close((error) => (error ? reject(error) : resolve()));
              listener.closeAllConnections();
            }),
        ),
      );
    },
  };
}
