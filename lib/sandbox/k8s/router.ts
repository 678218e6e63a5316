/**
 * Request routing of the sandbox Kubernetes API: discovery, list and get, the way
 * kube-apiserver answers them, and the writes of write.ts. Pure apart from the store it
 * reads and writes: takes the parsed request, returns the HTTP status and JSON body.
 */
import { apiGroups, sandboxVersion, toApiResource } from './discovery';
import { encodeContinue, parseContinue, parseIncludeObject, parseLimit, requestedTableVersion } from './list-query';
import { failureStatus, ApiStatusError } from './status';
import { groupVersionOf, qualifiedName, type ResourceType } from './resources';
import { matchesFields, matchesLabels, parseFieldSelector, parseLabelSelector } from './selectors';
import { stringAt, valueAt } from './json';
import type { ClusterStore, StoredObject } from './store';
import { toTable } from './table';
import { handleWrite } from './write';

import type { KubernetesFault } from '@/lib/schemas/world';

import type { KubernetesReadTarget } from '../world/faults';

/** Who is calling, decided by the bearer token. */
export interface ApiUser {
  name: string;
  /** Resources (plural names) this user may not get or list. */
  forbiddenResources: ReadonlySet<string>;
  /** Whether RBAC lets this user create, patch and delete (the writable resources). */
  mayWrite: boolean;
}

export interface ApiRequest {
  method: string;
  /** Path and query, e.g. `/api/v1/namespaces/default/pods?limit=5`. */
  url: string;
  accept: string | undefined;
  /** Content-Type and body of a write. */
  contentType?: string;
  body?: string;
}

export interface ApiResponse {
  status: number;
  body: unknown;
  /** A world fault that gives no HTTP answer: hold the request (`timeout`) or cut the connection (`reset`). */
  drop?: 'timeout' | 'reset';
}

/** A read the world's faults answer without a body (see `ApiResponse.drop`). */
class DroppedRead extends Error {
  readonly mode: 'timeout' | 'reset';

  constructor(mode: 'timeout' | 'reset') {
    super(`sandbox connection fault: ${mode}`);
    this.name = 'DroppedRead';
    this.mode = mode;
  }
}

export interface RouteContext {
  store: ClusterStore;
  user: ApiUser;
  /** `host:port` the clients reach this server at. */
  serverAddress: string;
  /** Clock for the AGE column of tables. */
  now: number;
  /** An injected failure for reads of some resources (see `KubernetesFaults`). */
  failure?: InjectedFailure;
  /** The world fault (`faults.kubernetes`) a read meets, if any; without `cluster` in the target. */
  readFault?: (target: Omit<KubernetesReadTarget, 'cluster'>) => KubernetesFault | undefined;
  /** Told about every authorized get and list, before a fault is applied. */
  onRead?: (target: Omit<KubernetesReadTarget, 'cluster'>) => void;
}

/** Answer reads of `resources` (plural names; every resource when absent) with this status. */
export interface InjectedFailure {
  status: 429 | 500 | 503;
  resources?: string[];
}

/** Answers one authenticated request. Failures come back as `Status` bodies, never as throws. */
export function routeRequest(request: ApiRequest, context: RouteContext): ApiResponse {
  try {
    const url = new URL(request.url, 'https://sandbox.invalid');
    const segments = url.pathname.split('/').filter((segment) => segment !== '').map(decodeURIComponent);
    if (request.method !== 'GET') return routeWrite(segments, url.searchParams, request, context);
    return { status: 200, body: route(segments, url.searchParams, request, context) };
  } catch (error) {
    if (error instanceof ApiStatusError) return { status: error.code, body: failureStatus(error) };
    if (error instanceof DroppedRead) return { status: 0, body: null, drop: error.mode };
    throw error;
  }
}

function route(segments: string[], query: URLSearchParams, request: ApiRequest, context: RouteContext): unknown {
  const [root, ...rest] = segments;
  if (root === 'version' && rest.length === 0) return sandboxVersion;
  if (root === 'api') {
    if (rest.length === 0) {
      return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: context.serverAddress }] };
    }
    const [version, ...resourcePath] = rest;
    if (version === 'v1') return routeGroupVersion('', 'v1', resourcePath, query, request, context);
  }
  if (root === 'apis') {
    const [group, version, ...resourcePath] = rest;
    if (group === undefined) return { kind: 'APIGroupList', apiVersion: 'v1', groups: apiGroups(context.store) };
    if (version === undefined) {
      const apiGroup = apiGroups(context.store).find((candidate) => candidate.name === group);
      if (apiGroup) return { kind: 'APIGroup', apiVersion: 'v1', ...apiGroup };
    } else {
      return routeGroupVersion(group, version, resourcePath, query, request, context);
    }
  }
  throw pathNotFound();
}

function routeGroupVersion(
  group: string,
  version: string,
  path: string[],
  query: URLSearchParams,
  request: ApiRequest,
  context: RouteContext,
): unknown {
  const served = context.store.resources.filter((resource) => resource.group === group && resource.version === version);
  if (served.length === 0) throw pathNotFound();
  const find = (plural: string | undefined) => served.find((resource) => resource.plural === plural);

  if (path.length === 0) {
    return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: groupVersionOf({ group, version }), resources: served.map(toApiResource) };
  }
  const [first, second, third, fourth, ...extra] = path;
  if (extra.length > 0) throw pathNotFound();

  // /namespaces/<ns>/<plural>[/<name>]
  if (first === 'namespaces' && second !== undefined && third !== undefined) {
    const resource = find(third);
    if (!resource?.namespaced) throw pathNotFound();
    authorize(context.user, resource, fourth === undefined ? 'list' : 'get', second, fourth);
    injectFailure(context.failure, resource);
    applyWorldFault(context, resource, { verb: fourth === undefined ? 'list' : 'get', namespace: second, name: fourth ?? null });
    return fourth === undefined
      ? listObjects(resource, second, query, request, context)
      : getObject(resource, second, fourth, query, request, context);
  }
  // /<plural>[/<name>]: cluster-wide list, or get of a cluster-scoped object.
  const resource = find(first);
  if (!resource || third !== undefined) throw pathNotFound();
  if (second === undefined) {
    authorize(context.user, resource, 'list', null, undefined);
    injectFailure(context.failure, resource);
    applyWorldFault(context, resource, { verb: 'list', namespace: null, name: null });
    return listObjects(resource, null, query, request, context);
  }
  if (resource.namespaced) throw pathNotFound();
  authorize(context.user, resource, 'get', null, second);
  injectFailure(context.failure, resource);
  applyWorldFault(context, resource, { verb: 'get', namespace: null, name: second });
  return getObject(resource, null, second, query, request, context);
}

/**
 * POST, PATCH and DELETE on `/api(s)/<group>/<version>/namespaces/<ns>/<plural>[/<name>]`
 * and, for cluster-scoped kinds, on `/api(s)/<group>/<version>/<plural>[/<name>]`.
 */
function routeWrite(segments: string[], query: URLSearchParams, request: ApiRequest, context: RouteContext): ApiResponse {
  const [root, ...rest] = segments;
  const [group, version, ...path] = root === 'api' ? ['', ...rest] : root === 'apis' ? rest : [];
  if (group === undefined || version === undefined) throw pathNotFound();
  const served = context.store.resources.filter((resource) => resource.group === group && resource.version === version);
  if (served.length === 0) throw pathNotFound();
  const namespacedPath = path[0] === 'namespaces' && path.length >= 3;
  const [first, second, third, ...extra] = namespacedPath ? path.slice(1) : path;
  const namespace = namespacedPath ? (first ?? null) : null;
  const [plural, name] = namespacedPath ? [second, third] : [first, second];
  if (!namespacedPath && third !== undefined) extra.push(third);
  const resource = served.find((candidate) => candidate.plural === plural);
  if (!resource) throw pathNotFound();
  if (extra.length > 0 || resource.namespaced !== namespacedPath) {
    throw new ApiStatusError(405, 'MethodNotAllowed', `${request.method} is not supported on this path`);
  }
  return handleWrite(
    { resource, namespace, name },
    { method: request.method, query, contentType: request.contentType, body: request.body ?? '' },
    { store: context.store, user: context.user, now: context.now },
  );
}

function listObjects(resource: ResourceType, namespace: string | null, query: URLSearchParams, request: ApiRequest, context: RouteContext): unknown {
  if (query.get('watch') === 'true' || query.get('watch') === '1') {
    throw new ApiStatusError(405, 'MethodNotAllowed', 'the sandbox API server does not support watch');
  }
  const labelRequirements = parseLabelSelector(query.get('labelSelector') ?? '');
  const fieldRequirements = parseFieldSelector(query.get('fieldSelector') ?? '', selectableFields(resource));
  const matching = context.store
    .objectsOf(resource)
    .filter((object) => namespace === null || object.namespace === namespace)
    .filter((object) => matchesLabels(labelRequirements, object.labels))
    .filter((object) => matchesFields(fieldRequirements, (field) => fieldValue(object, field)));

  const { resourceVersion } = context.store;
  const start = parseContinue(query.get('continue'), resourceVersion);
  const limit = parseLimit(query.get('limit'));
  const end = limit === null ? matching.length : Math.min(matching.length, start + limit);
  const page = matching.slice(start, end);
  const hasMore = end < matching.length;
  const filtered = labelRequirements.length > 0 || fieldRequirements.length > 0;
  const metadata: Record<string, unknown> = {
    resourceVersion,
    ...(hasMore ? { continue: encodeContinue(resourceVersion, end) } : {}),
    // kube-apiserver only counts the rest when no selector filters the list.
    ...(hasMore && !filtered ? { remainingItemCount: matching.length - end } : {}),
  };

  const tableVersion = requestedTableVersion(request.accept);
  if (tableVersion !== null) {
    return toTable(page, { apiVersion: tableVersion, kind: resource.kind, includeObject: parseIncludeObject(query), now: context.now, metadata });
  }
  return { kind: `${resource.kind}List`, apiVersion: groupVersionOf(resource), metadata, items: page.map((object) => object.body) };
}

function getObject(
  resource: ResourceType,
  namespace: string | null,
  name: string,
  query: URLSearchParams,
  request: ApiRequest,
  context: RouteContext,
): unknown {
  const object = context.store.objectsOf(resource).find((candidate) => candidate.name === name && candidate.namespace === namespace);
  if (!object) {
    throw new ApiStatusError(404, 'NotFound', `${qualifiedName(resource)} "${name}" not found`, {
      name,
      ...(resource.group === '' ? {} : { group: resource.group }),
      kind: resource.plural,
    });
  }
  const tableVersion = requestedTableVersion(request.accept);
  if (tableVersion !== null) {
    return toTable([object], {
      apiVersion: tableVersion,
      kind: resource.kind,
      includeObject: parseIncludeObject(query),
      now: context.now,
      metadata: { resourceVersion: context.store.resourceVersion },
    });
  }
  return object.body;
}

/** 403 with kube-apiserver's RBAC wording when the user may not touch the resource. */
function authorize(user: ApiUser, resource: ResourceType, verb: 'get' | 'list', namespace: string | null, name: string | undefined): void {
  if (!user.forbiddenResources.has(resource.plural)) return;
  const target = name === undefined ? qualifiedName(resource) : `${qualifiedName(resource)} "${name}"`;
  const scope = namespace === null ? 'at the cluster scope' : `in the namespace "${namespace}"`;
  throw new ApiStatusError(
    403,
    'Forbidden',
    `${target} is forbidden: User "${user.name}" cannot ${verb} resource "${resource.plural}" in API group "${resource.group}" ${scope}`,
    { ...(name === undefined ? {} : { name }), group: resource.group, kind: resource.plural },
  );
}

/** Throws the injected failure when it covers this resource, as an overloaded or broken API server would. */
function injectFailure(failure: InjectedFailure | undefined, resource: ResourceType): void {
  if (!failure || (failure.resources && !failure.resources.includes(resource.plural))) return;
  switch (failure.status) {
    case 429:
      throw new ApiStatusError(429, 'TooManyRequests', 'Too many requests, please try again later.', {});
    case 500:
      throw new ApiStatusError(500, 'InternalError', `Internal error occurred: sandbox fault while reading ${qualifiedName(resource)}`, {});
    case 503:
      throw new ApiStatusError(503, 'ServiceUnavailable', 'The server is currently unable to handle the request', {});
    default: {
      const exhaustive: never = failure.status;
      throw new Error(`unhandled injected status ${String(exhaustive)}`);
    }
  }
}

/** Records the read and throws the world fault it meets, worded like kube-apiserver for that status. */
function applyWorldFault(context: RouteContext, resource: ResourceType, scope: { verb: 'get' | 'list'; namespace: string | null; name: string | null }): void {
  const target = { resource: resource.plural, ...scope };
  context.onRead?.(target);
  const fault = context.readFault?.(target);
  if (fault === undefined) return;
  if (fault.status === 'timeout' || fault.status === 'reset') throw new DroppedRead(fault.status);
  throw faultStatusError(fault.status, resource, scope.verb, scope.namespace, scope.name);
}

function faultStatusError(status: number, resource: ResourceType, verb: 'get' | 'list', namespace: string | null, name: string | null): ApiStatusError {
  const details = { ...(name === null ? {} : { name }), group: resource.group, kind: resource.plural };
  const target = name === null ? qualifiedName(resource) : `${qualifiedName(resource)} "${name}"`;
  switch (status) {
    case 401:
      return new ApiStatusError(401, 'Unauthorized', 'Unauthorized');
    case 403: {
      const scope = namespace === null ? 'at the cluster scope' : `in the namespace "${namespace}"`;
      return new ApiStatusError(403, 'Forbidden', `${target} is forbidden: User "sandbox-admin" cannot ${verb} resource "${resource.plural}" in API group "${resource.group}" ${scope}`, details);
    }
    case 404:
      return new ApiStatusError(404, 'NotFound', `${target} not found`, details);
    case 429:
      return new ApiStatusError(429, 'TooManyRequests', 'Too many requests, please try again later.', {});
    case 503:
      return new ApiStatusError(503, 'ServiceUnavailable', 'The server is currently unable to handle the request', {});
    case 504:
      return new ApiStatusError(504, 'Timeout', `Timeout: request did not complete within the allowed duration (${verb} ${resource.plural})`, {});
    default:
      return status >= 500
        ? new ApiStatusError(status, 'InternalError', `Internal error occurred: sandbox fault while reading ${qualifiedName(resource)}`, {})
        : new ApiStatusError(status, 'BadRequest', `the sandbox world fails ${verb} ${resource.plural} with ${status}`, {});
  }
}

function selectableFields(resource: ResourceType): string[] {
  return ['metadata.name', ...(resource.namespaced ? ['metadata.namespace'] : []), ...resource.selectableFields];
}

function fieldValue(object: StoredObject, field: string): string {
  if (field === 'metadata.name') return object.name;
  if (field === 'metadata.namespace') return object.namespace ?? '';
  // A boolean field: kube-apiserver compares its string form, `false` when unset.
  if (field === 'spec.unschedulable') return String(valueAt(object.body, ['spec', 'unschedulable']) === true);
  return stringAt(object.body, field.split('.')) ?? '';
}

function pathNotFound(): ApiStatusError {
  return new ApiStatusError(404, 'NotFound', 'the server could not find the requested resource', {});
}
