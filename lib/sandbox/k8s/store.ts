/**
 * The objects of one world cluster, indexed by resource type, with the defaults a real
 * kube-apiserver would have filled in.
 */
import { createHash } from 'node:crypto';

import type { WorldCluster } from '@/lib/schemas/world';

import { isJsonObject, stringAt, stringMapAt, type JsonObject } from './json';
import { allResourceTypes, groupVersionOf, resourceTypeForObject, type ResourceType } from './resources';

export interface StoredObject {
  resource: ResourceType;
  /** null for cluster-scoped objects. */
  namespace: string | null;
  name: string;
  labels: Record<string, string>;
  /** The object as served (defaults filled in). */
  body: JsonObject;
}

export interface ClusterStore {
  clusterName: string;
  /** The resourceVersion of every list (the highest object resourceVersion; grows with every write). */
  readonly resourceVersion: string;
  /** Resource types served by this cluster (optional ones only when objects exist). */
  resources: ResourceType[];
  /** Objects of one resource type, sorted by namespace then name (kube-apiserver's key order). */
  objectsOf(resource: ResourceType): StoredObject[];
  /** The object with this identity, if stored. */
  find(resource: ResourceType, namespace: string | null, name: string): StoredObject | undefined;
  /** Advances the store's resourceVersion and returns it (for an object being written). */
  nextResourceVersion(): string;
  /** Stores `body` (already normalized) in place of the object with the same identity, or adds it. */
  put(resource: ResourceType, body: JsonObject): StoredObject;
  /** Removes an object; false when there was none. */
  remove(resource: ResourceType, namespace: string | null, name: string): boolean;
}

/**
 * Builds the store of one cluster. Fills `metadata.uid` (stable per object), `resourceVersion`
 * (increasing from `firstResourceVersion`) and `creationTimestamp` (`createdAt`) where missing,
 * puts namespaced objects without a namespace into `default`, creates the namespaces that
 * objects refer to but the world does not declare, and labels every namespace with
 * `kubernetes.io/metadata.name` as kube-apiserver ≥ 1.21 does. Objects of kinds the sandbox
 * does not serve are ignored.
 */
export function buildClusterStore(cluster: WorldCluster | undefined, clusterName: string, createdAt: Date, firstResourceVersion: number): ClusterStore {
  const creationTimestamp = createdAt.toISOString().replace(/\.\d{3}Z$/, 'Z');
  let nextResourceVersion = firstResourceVersion;
  const byResource = new Map<ResourceType, StoredObject[]>();

  const add = (resource: ResourceType, raw: JsonObject) => {
    const body = structuredClone(raw);
    const metadata = isJsonObject(body.metadata) ? body.metadata : {};
    body.metadata = metadata;
    const name = typeof metadata.name === 'string' ? metadata.name : '';
    let namespace: string | null = null;
    if (resource.namespaced) {
      namespace = typeof metadata.namespace === 'string' && metadata.namespace !== '' ? metadata.namespace : 'default';
      metadata.namespace = namespace;
    } else {
      delete metadata.namespace;
    }
    if (resource.kind === 'Namespace') {
      metadata.labels = { 'kubernetes.io/metadata.name': name, ...stringMapAt(metadata, ['labels']) };
      if (!isJsonObject(body.status)) body.status = { phase: 'Active' };
    }
    metadata.uid ??= stableUid(clusterName, resource, namespace, name);
    metadata.creationTimestamp ??= creationTimestamp;
    if (typeof metadata.resourceVersion !== 'string') {
      metadata.resourceVersion = String(nextResourceVersion);
      nextResourceVersion += 1;
    }
    const list = byResource.get(resource) ?? [];
    list.push({ resource, namespace, name, labels: stringMapAt(metadata, ['labels']), body });
    byResource.set(resource, list);
  };

  for (const object of cluster?.objects ?? []) {
    const resource = resourceTypeForObject(object.apiVersion, object.kind);
    if (resource) add(resource, object);
  }
  addImpliedNamespaces(byResource, add);

  for (const list of byResource.values()) list.sort(compareByKey);
  const resources = allResourceTypes().filter((resource) => !resource.optional || byResource.has(resource));
  const highest = Math.max(
    nextResourceVersion - 1,
    ...[...byResource.values()].flat().map((object) => Number(stringAt(object.body, ['metadata', 'resourceVersion'])) || 0),
  );

  let current = highest;
  const find = (resource: ResourceType, namespace: string | null, name: string) =>
    (byResource.get(resource) ?? []).find((object) => object.namespace === namespace && object.name === name);

  return {
    clusterName,
    get resourceVersion() {
      return String(current);
    },
    resources,
    objectsOf: (resource) => byResource.get(resource) ?? [],
    find,
    nextResourceVersion() {
      current += 1;
      return String(current);
    },
    put(resource, body) {
      const name = stringAt(body, ['metadata', 'name']) ?? '';
      const namespace = resource.namespaced ? (stringAt(body, ['metadata', 'namespace']) ?? 'default') : null;
      const stored: StoredObject = { resource, namespace, name, labels: stringMapAt(body, ['metadata', 'labels']), body };
      const list = (byResource.get(resource) ?? []).filter((object) => !(object.namespace === namespace && object.name === name));
      list.push(stored);
      list.sort(compareByKey);
      byResource.set(resource, list);
      return stored;
    },
    remove(resource, namespace, name) {
      const list = byResource.get(resource) ?? [];
      const kept = list.filter((object) => !(object.namespace === namespace && object.name === name));
      byResource.set(resource, kept);
      return kept.length !== list.length;
    },
  };
}

/** Namespaces every cluster has, plus those objects live in. */
function addImpliedNamespaces(byResource: Map<ResourceType, StoredObject[]>, add: (resource: ResourceType, raw: JsonObject) => void): void {
  const namespaceType = resourceTypeForObject('v1', 'Namespace');
  if (!namespaceType) throw new Error('invariant: the Namespace resource type is registered');
  const declared = new Set((byResource.get(namespaceType) ?? []).map((object) => object.name));
  const referenced = new Set(['default', 'kube-system']);
  for (const list of byResource.values()) {
    for (const object of list) if (object.namespace !== null) referenced.add(object.namespace);
  }
  for (const name of [...referenced].sort()) {
    if (!declared.has(name)) add(namespaceType, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  }
}

function compareByKey(left: StoredObject, right: StoredObject): number {
  const byNamespace = compareStrings(left.namespace ?? '', right.namespace ?? '');
  return byNamespace !== 0 ? byNamespace : compareStrings(left.name, right.name);
}

/** A UUID-shaped id derived from the object's identity, so it is the same on every start. */
function stableUid(clusterName: string, resource: ResourceType, namespace: string | null, name: string): string {
  const hex = createHash('sha256')
    .update(`${clusterName}/${groupVersionOf(resource)}/${resource.kind}/${namespace ?? ''}/${name}`)
    .digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Byte-order comparison, like etcd keys (not locale-aware). */
function compareStrings(left: string, right: string): number {
  if (left === right) return 0;
  return left < right ? -1 : 1;
}
