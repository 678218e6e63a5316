/**
 * The resource types the sandbox Kubernetes API serves, with what discovery reports about them.
 */

export interface ResourceType {
  /** API group; `''` for the core group. */
  group: string;
  version: string;
  /** URL segment, e.g. `networkpolicies`. */
  plural: string;
  singular: string;
  kind: string;
  namespaced: boolean;
  shortNames: string[];
  /** Field labels `fieldSelector` accepts besides `metadata.name` (and `metadata.namespace` when namespaced). */
  selectableFields: string[];
  /** Served only when the cluster holds at least one object of this kind (custom resources). */
  optional: boolean;
}

const resourceTypes: readonly ResourceType[] = [
  core('namespaces', 'namespace', 'Namespace', false, ['ns'], ['status.phase']),
  core('nodes', 'node', 'Node', false, ['no'], ['spec.unschedulable']),
  core('pods', 'pod', 'Pod', true, ['po'], ['spec.nodeName', 'status.phase', 'status.podIP']),
  core('services', 'service', 'Service', true, ['svc'], []),
  core('configmaps', 'configmap', 'ConfigMap', true, ['cm'], []),
  {
    group: 'discovery.k8s.io',
    version: 'v1',
    plural: 'endpointslices',
    singular: 'endpointslice',
    kind: 'EndpointSlice',
    namespaced: true,
    shortNames: [],
    selectableFields: [],
    optional: false,
  },
  {
    group: 'networking.k8s.io',
    version: 'v1',
    plural: 'networkpolicies',
    singular: 'networkpolicy',
    kind: 'NetworkPolicy',
    namespaced: true,
    shortNames: ['netpol'],
    selectableFields: [],
    optional: false,
  },
  {
    group: 'apps',
    version: 'v1',
    plural: 'deployments',
    singular: 'deployment',
    kind: 'Deployment',
    namespaced: true,
    shortNames: ['deploy'],
    selectableFields: [],
    optional: false,
  },
  {
    // Terway's PodNetworking CRD (domain doc §4.2); cluster-scoped.
    group: 'network.alibabacloud.com',
    version: 'v1beta1',
    plural: 'podnetworkings',
    singular: 'podnetworking',
    kind: 'PodNetworking',
    namespaced: false,
    shortNames: [],
    selectableFields: [],
    optional: true,
  },
];

function core(
  plural: string,
  singular: string,
  kind: string,
  namespaced: boolean,
  shortNames: string[],
  selectableFields: string[],
): ResourceType {
  return { group: '', version: 'v1', plural, singular, kind, namespaced, shortNames, selectableFields, optional: false };
}

/** All resource types the sandbox knows, served or not. */
export function allResourceTypes(): readonly ResourceType[] {
  return resourceTypes;
}

/** `v1` for the core group, `group/version` otherwise (the objects' `apiVersion`). */
export function groupVersionOf(resource: Pick<ResourceType, 'group' | 'version'>): string {
  return resource.group === '' ? resource.version : `${resource.group}/${resource.version}`;
}

/** `pods`, `networkpolicies.networking.k8s.io`: how kube-apiserver names a resource in messages. */
export function qualifiedName(resource: Pick<ResourceType, 'group' | 'plural'>): string {
  return resource.group === '' ? resource.plural : `${resource.plural}.${resource.group}`;
}

/** The resource type whose objects carry this `apiVersion` and `kind`, if any. */
export function resourceTypeForObject(apiVersion: string, kind: string): ResourceType | undefined {
  return resourceTypes.find((resource) => groupVersionOf(resource) === apiVersion && resource.kind === kind);
}
