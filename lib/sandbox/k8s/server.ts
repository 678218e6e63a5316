/**
 * The sandbox Kubernetes API server: one HTTPS listener per world cluster, serving the
 * cluster's objects (discovery, list, get, and the writes of write.ts for NetworkPolicies
 * and Services) behind bearer-token authentication. Writes last until the next `setWorld`.
 *
 * Two identities: `admin` reads and writes everything; `restricted` gets 403 on
 * networkpolicies, configmaps and nodes and on every write (what a namespace-viewer RBAC
 * role would give), so the app's partial-failure paths can be exercised against a real HTTPS API.
 */
import { timingSafeEqual } from 'node:crypto';
import { once } from 'node:events';
import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';

import type { World, WorldFaults } from '@/lib/schemas/world';

import type { TlsMaterial } from '../tls';
import { createFaultPlan, type FaultPlan, type KubernetesReadTarget } from '../world/faults';

import { routeRequest, type ApiUser, type InjectedFailure, type RouteContext } from './router';
import { ApiStatusError, failureStatus } from './status';
import { buildClusterStore, type ClusterStore } from './store';

export interface KubernetesApiServerOptions {
  world: World;
  tls: TlsMaterial;
  /** Bearer tokens of the two identities. */
  tokens: { admin: string; restricted: string };
  /** Listen address; `127.0.0.1` by default (the certificate's SAN). */
  host?: string;
}

/** Fault knobs, for testing how clients handle a slow or failing API server. */
export interface KubernetesFaults {
  /** Answer reads of some resources (or all) with 429, 500 or 503. */
  failure?: InjectedFailure;
  /** Delay every answer by this many milliseconds. */
  latencyMs?: number;
}

export interface KubernetesSandbox {
  /** One entry per world cluster: its name (kubeconfig context) and `https://host:port`. */
  clusters: Array<{ name: string; server: string }>;
  /**
   * Serves another world from now on, on the same ports. Clusters are matched by name:
   * a cluster missing from the new world serves an empty cluster; a new cluster
   * name gets no listener (start a new sandbox for that).
   */
  setWorld(world: World): void;
  /** Replaces the fault knobs (`{}` turns them off). */
  setFaults(faults: KubernetesFaults): void;
  /** Replaces the world's `faults.kubernetes` (a fresh count for `times`) until the next `setWorld`. */
  setWorldFaults(faults: WorldFaults | undefined): void;
  /** Every get and list the server authorized since the last `resetCalls`, in arrival order. */
  calls(): KubernetesReadTarget[];
  resetCalls(): void;
  close(): Promise<void>;
}

/** Resources the restricted identity may not read (RBAC would deny them). */
const restrictedForbiddenResources: ReadonlySet<string> = new Set(['networkpolicies', 'configmaps', 'nodes']);

/**
 * Starts one HTTPS listener per world cluster on a free port of `host` and resolves once
 * all of them listen.
 */
export async function startKubernetesApiServer(options: KubernetesApiServerOptions): Promise<KubernetesSandbox> {
  const host = options.host ?? '127.0.0.1';
  const users: Array<{ token: Buffer; user: ApiUser }> = [
    { token: Buffer.from(options.tokens.admin), user: { name: 'sandbox-admin', forbiddenResources: new Set(), mayWrite: true } },
    { token: Buffer.from(options.tokens.restricted), user: { name: 'restricted', forbiddenResources: restrictedForbiddenResources, mayWrite: false } },
  ];
  const clusterNames = options.world.clusters.map((cluster) => cluster.name);
  let stores = buildStores(options.world, clusterNames);
  let faults: KubernetesFaults = {};
  let faultPlan: FaultPlan = createFaultPlan(options.world.faults);
  let records: KubernetesReadTarget[] = [];

  const servers = clusterNames.map((clusterName) => {
    const server = https.createServer({ key: options.tls.keyPem, cert: options.tls.certPem }, (request, response) => {
      const store = stores.get(clusterName);
      if (!store) throw new Error(`invariant: a store exists for every listened cluster (${clusterName})`);
      void readBody(request).then(
        (body) => {
          const world = {
            failure: faults.failure,
            readFault: (target: Omit<KubernetesReadTarget, 'cluster'>) => faultPlan.kubernetes({ cluster: clusterName, ...target }),
            onRead: (target: Omit<KubernetesReadTarget, 'cluster'>) => records.push({ cluster: clusterName, ...target }),
          };
          // NOTE: the server may have closed while a delayed answer waited.
          const respond = () => (server.listening ? handle(request, body, response, store, users, `${host}:${portOf(server)}`, world) : response.destroy());
          if (faults.latencyMs) setTimeout(respond, faults.latencyMs);
          else respond();
        },
        () => response.destroy(),
      );
    });
    return server;
  });

  try {
    await Promise.all(
      servers.map(async (server) => {
        server.listen(0, host);
        await once(server, 'listening');
      }),
    );
  } catch (error) {
    await Promise.all(servers.map((server) => closeServer(server)));
    throw new Error(`could not start the sandbox Kubernetes API on ${host}`, { cause: error });
  }

  return {
    clusters: clusterNames.map((name, index) => {
      const server = servers[index];
      if (!server) throw new Error('invariant: one server per cluster');
      return { name, server: `https://${formatHost(host)}:${portOf(server)}` };
    }),
    setWorld(world) {
      stores = buildStores(world, clusterNames);
      faultPlan = createFaultPlan(world.faults);
    },
    setFaults(next) {
      faults = { ...next };
    },
    setWorldFaults(next) {
      faultPlan = createFaultPlan(next);
    },
    calls: () => [...records],
    resetCalls() {
      records = [];
    },
    async close() {
      await Promise.all(servers.map((server) => closeServer(server)));
    },
  };
}

function buildStores(world: World, clusterNames: readonly string[]): Map<string, ClusterStore> {
  const createdAt = new Date();
  // resourceVersions keep growing across worlds, so a continue token from an older world expires.
  const firstResourceVersion = nextResourceVersionBase();
  return new Map(
    clusterNames.map((name) => [
      name,
      buildClusterStore(
        world.clusters.find((cluster) => cluster.name === name),
        name,
        createdAt,
        firstResourceVersion,
      ),
    ]),
  );
}

let resourceVersionBase = 1000;
function nextResourceVersionBase(): number {
  resourceVersionBase += 100_000;
  return resourceVersionBase;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function handle(
  request: IncomingMessage,
  body: string,
  response: ServerResponse,
  store: ClusterStore,
  users: ReadonlyArray<{ token: Buffer; user: ApiUser }>,
  serverAddress: string,
  faultContext: Pick<RouteContext, 'failure' | 'readFault' | 'onRead'>,
): void {
  // The client may have given up (timed out) while the answer was delayed.
  if (response.destroyed) return;
  const user = authenticate(request.headers.authorization, users);
  if (!user) {
    send(response, 401, failureStatus(new ApiStatusError(401, 'Unauthorized', 'Unauthorized')));
    return;
  }
  try {
    const result = routeRequest(
      { method: request.method ?? 'GET', url: request.url ?? '/', accept: request.headers.accept, contentType: request.headers['content-type'], body },
      { store, user, serverAddress, now: Date.now(), ...faultContext },
    );
    if (result.drop === 'reset') request.socket.destroy();
    // A `timeout` fault never answers: the client gives up, or close() cuts the connection.
    if (result.drop !== undefined) return;
    send(response, result.status, result.body);
  } catch (error) {
    // A bug in the sandbox: answer like kube-apiserver's panic handler and keep serving.
    const message = error instanceof Error ? error.message : 'unknown error';
    send(response, 500, failureStatus(new ApiStatusError(500, 'InternalError', `Internal error occurred: ${message}`)));
  }
}

function authenticate(header: string | undefined, users: ReadonlyArray<{ token: Buffer; user: ApiUser }>): ApiUser | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!match?.[1]) return undefined;
  const presented = Buffer.from(match[1]);
  return users.find(({ token }) => token.length === presented.length && timingSafeEqual(token, presented))?.user;
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-cache, private',
  });
  response.end(text);
}

function portOf(server: https.Server): number {
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('invariant: the server listens on a TCP port');
  return address.port;
}

function formatHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

async function closeServer(server: https.Server): Promise<void> {
  if (!server.listening) return;
  const closed = once(server, 'close');
  server.close();
  // Keep-alive connections of clients would hold the server open.
  server.closeAllConnections();
  await closed;
}
