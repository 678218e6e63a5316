/**
 * Writes of the sandbox Kubernetes API, the way kube-apiserver answers them, for every
 * writable resource type (namespaced or cluster-scoped; see `ResourceType.writable`):
 *
 * - `POST .../<plural>`: create (409 AlreadyExists when present);
 * - `PATCH .../<plural>/<name>` with `application/apply-patch+yaml`: server-side apply,
 *   create-or-update with the manifest's fields (`fieldManager` required);
 *   `application/merge-patch+json` (and `strategic-merge-patch+json`, treated as a merge):
 *   RFC 7386 merge patch of an existing object;
 * - `DELETE .../<plural>/<name>` (deleting a Namespace deletes the objects in it);
 * - `dryRun=All`: validated and computed, nothing persists.
 *
 * NOTE: apply is a deep merge of the manifest (maps merged, lists replaced). Real
 * server-side apply also removes fields the same manager applied before and dropped now;
 * the fixes never drop fields, so the sandbox does not track field ownership.
 */
import { randomUUID } from 'node:crypto';

import { parse } from 'yaml';

import { isJsonObject, stringAt, stringMapAt, valueAt, type JsonObject } from './json';
import { groupVersionOf, qualifiedName, type ResourceType } from './resources';
import { ApiStatusError } from './status';
import type { ClusterStore } from './store';

export interface WriteTarget {
  resource: ResourceType;
  /** null for cluster-scoped kinds. */
  namespace: string | null;
  /** Absent for a POST to the collection. */
  name: string | undefined;
}

export interface WriteRequest {
  method: string;
  query: URLSearchParams;
  contentType: string | undefined;
  body: string;
}

export interface WriteContext {
  store: ClusterStore;
  user: { name: string; mayWrite: boolean };
  /** Epoch milliseconds, for creationTimestamp and managedFields. */
  now: number;
}

type Verb = 'create' | 'patch' | 'delete';

/** Answers one write. Throws `ApiStatusError` for every failure. */
export function handleWrite(target: WriteTarget, request: WriteRequest, context: WriteContext): { status: number; body: unknown } {
  const verb = verbOf(request.method, target.name);
  const { resource } = target;
  if (!resource.writable) {
    throw new ApiStatusError(405, 'MethodNotAllowed', `the sandbox API server does not ${verb ?? 'write'} ${qualifiedName(resource)}`);
  }
  if (!verb) throw new ApiStatusError(405, 'MethodNotAllowed', `${request.method} is not supported on this path`);
  authorizeWrite(context.user, resource, verb, target.namespace, target.name);
  const dryRun = parseDryRun(request.query);
  switch (verb) {
    case 'create':
      return create(target, request, context, dryRun);
    case 'patch':
      return patch(target, request, context, dryRun);
    case 'delete':
      return remove(target, context, dryRun);
    default: {
      const exhaustive: never = verb;
      throw new Error(`unhandled verb ${String(exhaustive)}`);
    }
  }
}

function verbOf(method: string, name: string | undefined): Verb | undefined {
  if (method === 'POST' && name === undefined) return 'create';
  if (method === 'PATCH' && name !== undefined) return 'patch';
  if (method === 'DELETE' && name !== undefined) return 'delete';
  return undefined;
}

function authorizeWrite(user: WriteContext['user'], resource: ResourceType, verb: Verb, namespace: string | null, name: string | undefined): void {
  if (user.mayWrite) return;
  const target = name === undefined ? qualifiedName(resource) : `${qualifiedName(resource)} "${name}"`;
  const scope = namespace === null ? 'at the cluster scope' : `in the namespace "${namespace}"`;
  throw new ApiStatusError(
    403,
    'Forbidden',
    `${target} is forbidden: User "${user.name}" cannot ${verb} resource "${resource.plural}" in API group "${resource.group}" ${scope}`,
    { ...(name === undefined ? {} : { name }), group: resource.group, kind: resource.plural },
  );
}

function parseDryRun(query: URLSearchParams): boolean {
  const values = query.getAll('dryRun');
  if (values.length === 0) return false;
  const bad = values.find((value) => value !== 'All');
  if (bad !== undefined) throw new ApiStatusError(400, 'BadRequest', `Invalid dryRun value: ${bad}; the only valid value is All`);
  return true;
}

function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

function parseDocument(body: string, json: boolean): JsonObject {
  let parsed: unknown;
  try {
    parsed = json ? JSON.parse(body) : parse(body);
  } catch (error) {
    const detail = error instanceof Error ? error.message : 'unparseable';
    throw new ApiStatusError(400, 'BadRequest', `the body of the request was in an unknown format: ${detail}`);
  }
  if (!isJsonObject(parsed)) throw new ApiStatusError(400, 'BadRequest', 'the body of the request must be a JSON or YAML object');
  return parsed;
}

function notFound(resource: ResourceType, name: string): ApiStatusError {
  return new ApiStatusError(404, 'NotFound', `${qualifiedName(resource)} "${name}" not found`, {
    name,
    ...(resource.group === '' ? {} : { group: resource.group }),
    kind: resource.plural,
  });
}

/** Checks apiVersion, kind, name and namespace of a body against the URL. */
function checkIdentity(document: JsonObject, target: WriteTarget, name: string | undefined): string {
  const { resource } = target;
  if (document.apiVersion !== groupVersionOf(resource) || document.kind !== resource.kind) {
    throw new ApiStatusError(400, 'BadRequest', `the API version in the data (${String(document.apiVersion)}) and kind (${String(document.kind)}) do not match ${groupVersionOf(resource)}, Kind=${resource.kind}`);
  }
  const bodyName = stringAt(document, ['metadata', 'name']);
  if (name !== undefined && bodyName !== undefined && bodyName !== name) {
    throw new ApiStatusError(400, 'BadRequest', `the name of the object (${bodyName}) does not match the name on the URL (${name})`);
  }
  const bodyNamespace = stringAt(document, ['metadata', 'namespace']);
  if (target.namespace !== null && bodyNamespace !== undefined && bodyNamespace !== target.namespace) {
    throw new ApiStatusError(400, 'BadRequest', 'the namespace of the provided object does not match the namespace sent on the request');
  }
  const finalName = name ?? bodyName;
  if (finalName === undefined || finalName === '') {
    throw invalid(resource, '', 'metadata.name: Required value: name or generateName is required');
  }
  return finalName;
}

function invalid(resource: ResourceType, name: string, cause: string): ApiStatusError {
  return new ApiStatusError(422, 'Invalid', `${resource.kind} "${name}" is invalid: ${cause}`, {
    name,
    ...(resource.group === '' ? {} : { group: resource.group }),
    kind: resource.kind,
  });
}

const dns1123Label = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const dns1123Subdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** kube-apiserver's name rule of the kind: an RBAC path segment, a DNS label, or (most kinds) a DNS subdomain. */
function checkName(resource: ResourceType, name: string): void {
  if (resource.group === 'rbac.authorization.k8s.io') {
    if (name === '.' || name === '..' || /[/%]/.test(name)) {
      throw invalid(resource, name, `metadata.name: Invalid value: "${name}": may not be '.' or '..' and may not contain '/' or '%'`);
    }
    return;
  }
  if (resource.kind === 'Service' || resource.kind === 'Namespace' || resource.kind === 'NetworkPolicy') {
    if (dns1123Label.test(name) && name.length <= 63) return;
    throw invalid(resource, name, `metadata.name: Invalid value: "${name}": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character`);
  }
  if (dns1123Subdomain.test(name) && name.length <= 253) return;
  throw invalid(resource, name, `metadata.name: Invalid value: "${name}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character`);
}

/** The validation kube-apiserver would fail the written objects on, and its defaults. */
function validateAndDefault(resource: ResourceType, object: JsonObject): void {
  const name = stringAt(object, ['metadata', 'name']) ?? '';
  checkName(resource, name);
  if (resource.kind === 'Namespace') {
    const metadata = isJsonObject(object.metadata) ? object.metadata : {};
    metadata.labels = { ...stringMapAt(metadata, ['labels']), 'kubernetes.io/metadata.name': name };
    object.status = { phase: 'Active' };
  }
  // Kinds like ServiceAccount, ClusterRole and their bindings have no spec.
  if (!kindsWithSpec.has(resource.kind)) return;
  const spec = isJsonObject(object.spec) ? object.spec : {};
  object.spec = spec;
  if (resource.kind === 'NetworkPolicy') {
    if (!isJsonObject(spec.podSelector)) spec.podSelector = {};
    const types = valueAt(spec, ['policyTypes']);
    if (types !== undefined && (!Array.isArray(types) || types.some((type) => type !== 'Ingress' && type !== 'Egress'))) {
      throw invalid(resource, name, `spec.policyTypes: Unsupported value: ${JSON.stringify(types)}: supported values: "Egress", "Ingress"`);
    }
  }
}

const kindsWithSpec: ReadonlySet<string> = new Set(['Namespace', 'Service', 'NetworkPolicy', 'Ingress', 'Deployment', 'PodDisruptionBudget']);

/** RFC 7386: objects merge recursively, `null` deletes, anything else replaces. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isJsonObject(patch)) return structuredClone(patch);
  const result: JsonObject = isJsonObject(target) ? structuredClone(target) : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key], value);
  }
  return result;
}

function withoutBookkeeping(object: JsonObject): string {
  const metadata = isJsonObject(object.metadata) ? { ...object.metadata } : {};
  delete metadata.resourceVersion;
  delete metadata.managedFields;
  delete metadata.generation;
  return JSON.stringify({ ...object, metadata });
}

function timestamp(now: number): string {
  return new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function recordManager(metadata: JsonObject, manager: string | null, operation: 'Apply' | 'Update', apiVersion: string, now: number): void {
  if (manager === null) return;
  const entries = Array.isArray(metadata.managedFields) ? metadata.managedFields.filter(isJsonObject) : [];
  const others = entries.filter((entry) => !(entry.manager === manager && entry.operation === operation));
  metadata.managedFields = [...others, { manager, operation, apiVersion, time: timestamp(now), fieldsType: 'FieldsV1' }];
}

/** Stores (unless dry run) the new state of an object, keeping identity and bumping versions on change. */
function commit(
  target: WriteTarget,
  context: WriteContext,
  existing: JsonObject | undefined,
  next: JsonObject,
  manager: { name: string | null; operation: 'Apply' | 'Update' },
  dryRun: boolean,
): JsonObject {
  const { resource } = target;
  const metadata = isJsonObject(next.metadata) ? next.metadata : {};
  next.metadata = metadata;
  next.apiVersion = groupVersionOf(resource);
  next.kind = resource.kind;
  if (target.namespace === null) delete metadata.namespace;
  else metadata.namespace = target.namespace;
  const old = existing && isJsonObject(existing.metadata) ? existing.metadata : undefined;
  if (old) {
    for (const key of ['name', 'uid', 'creationTimestamp', 'resourceVersion', 'generation']) metadata[key] = old[key];
  } else {
    metadata.uid = randomUUID();
    metadata.creationTimestamp = timestamp(context.now);
    metadata.generation = 1;
  }
  validateAndDefault(resource, next);
  const changed = !existing || withoutBookkeeping(existing) !== withoutBookkeeping(next);
  if (!changed) return existing;
  recordManager(metadata, manager.name, manager.operation, groupVersionOf(resource), context.now);
  if (existing && JSON.stringify(existing.spec) !== JSON.stringify(next.spec)) {
    metadata.generation = (typeof old?.generation === 'number' ? old.generation : 1) + 1;
  }
  if (dryRun) {
    // NOTE: a dry-run create has no resourceVersion yet, as with kube-apiserver.
    if (!existing) delete metadata.resourceVersion;
    return next;
  }
  metadata.resourceVersion = context.store.nextResourceVersion();
  context.store.put(resource, next);
  return next;
}

function create(target: WriteTarget, request: WriteRequest, context: WriteContext, dryRun: boolean): { status: number; body: unknown } {
  const document = parseDocument(request.body, mediaType(request.contentType).endsWith('json'));
  const name = checkIdentity(document, target, undefined);
  if (context.store.find(target.resource, target.namespace, name)) {
    throw new ApiStatusError(409, 'AlreadyExists', `${qualifiedName(target.resource)} "${name}" already exists`, {
      name,
      ...(target.resource.group === '' ? {} : { group: target.resource.group }),
      kind: target.resource.plural,
    });
  }
  requireNamespace(target, context.store);
  const next = structuredClone(document);
  const manager = request.query.get('fieldManager');
  return { status: 201, body: commit(target, context, undefined, next, { name: manager, operation: 'Update' }, dryRun) };
}

function patch(target: WriteTarget, request: WriteRequest, context: WriteContext, dryRun: boolean): { status: number; body: unknown } {
  const name = target.name ?? '';
  const existing = context.store.find(target.resource, target.namespace, name)?.body;
  const type = mediaType(request.contentType);
  const force = request.query.get('force');
  if (type === 'application/apply-patch+yaml') {
    const manager = request.query.get('fieldManager');
    if (manager === null || manager === '') {
      throw new ApiStatusError(422, 'Invalid', 'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch');
    }
    const document = parseDocument(request.body, false);
    checkIdentity(document, target, name);
    if (!existing) requireNamespace(target, context.store);
    const next = existing ? asObject(mergePatch(existing, document)) : structuredClone(document);
    const body = commit(target, context, existing, next, { name: manager, operation: 'Apply' }, dryRun);
    return { status: existing ? 200 : 201, body };
  }
  if (force !== null) throw new ApiStatusError(422, 'Invalid', 'PatchOptions.meta.k8s.io "" is invalid: force: Forbidden: may not be specified for non-apply patch');
  if (type === 'application/merge-patch+json' || type === 'application/strategic-merge-patch+json') {
    const document = parseDocument(request.body, true);
    if (!existing) throw notFound(target.resource, name);
    const wanted = stringAt(document, ['metadata', 'resourceVersion']);
    const current = stringAt(existing, ['metadata', 'resourceVersion']);
    if (wanted !== undefined && wanted !== current) {
      throw new ApiStatusError(409, 'Conflict', `Operation cannot be fulfilled on ${qualifiedName(target.resource)} "${name}": the object has been modified; please apply your changes to the latest version and try again`);
    }
    const next = asObject(mergePatch(existing, document));
    return { status: 200, body: commit(target, context, existing, next, { name: request.query.get('fieldManager'), operation: 'Update' }, dryRun) };
  }
  throw new ApiStatusError(415, 'UnsupportedMediaType', `the sandbox API server does not support the patch type "${type || '(none)'}"`);
}

/** kube-apiserver's NamespaceLifecycle admission: no new objects in a namespace that does not exist. */
function requireNamespace(target: WriteTarget, store: ClusterStore): void {
  if (target.namespace === null) return;
  const namespaceType = store.resources.find((resource) => resource.group === '' && resource.kind === 'Namespace');
  if (namespaceType && store.find(namespaceType, null, target.namespace)) return;
  throw new ApiStatusError(404, 'NotFound', `namespaces "${target.namespace}" not found`, { name: target.namespace, kind: 'namespaces' });
}

/**
 * What the namespace controller does after a Namespace is deleted, done at once (the
 * sandbox has no Terminating phase).
 */
function removeNamespaceContents(store: ClusterStore, namespace: string): void {
  for (const resource of store.resources) {
    if (!resource.namespaced) continue;
    for (const object of store.objectsOf(resource).filter((candidate) => candidate.namespace === namespace)) {
      store.remove(resource, namespace, object.name);
    }
  }
}

function asObject(value: unknown): JsonObject {
  if (!isJsonObject(value)) throw new Error('invariant: merging an object patch into an object gives an object');
  return value;
}

function remove(target: WriteTarget, context: WriteContext, dryRun: boolean): { status: number; body: unknown } {
  const name = target.name ?? '';
  const existing = context.store.find(target.resource, target.namespace, name);
  if (!existing) throw notFound(target.resource, name);
  if (!dryRun) {
    context.store.remove(target.resource, target.namespace, name);
    if (target.resource.kind === 'Namespace') removeNamespaceContents(context.store, name);
    context.store.nextResourceVersion();
  }
  return {
    status: 200,
    body: {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Success',
      details: { name, ...(target.resource.group === '' ? {} : { group: target.resource.group }), kind: target.resource.plural, uid: stringAt(existing.body, ['metadata', 'uid']) ?? '' },
    },
  };
}
