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
  /**
   * Whether clients may create, patch and delete objects of this kind. Kinds whose objects
   * only controllers make (pods, nodes, endpoint slices) are read-only in the sandbox: it
   * runs no scheduler or kubelet that would give them a status.
   */
  writable: boolean;
}

const resourceTypes: readonly ResourceType[] = [
  core('namespaces', 'namespace', 'Namespace', false, ['ns'], ['status.phase'], true),
  core('nodes', 'node', 'Node', false, ['no'], ['spec.unschedulable'], false),
  core('pods', 'pod', 'Pod', true, ['po'], ['spec.nodeName', 'status.phase', 'status.podIP'], false),
  core('services', 'service', 'Service', true, ['svc'], [], true),
  core('configmaps', 'configmap', 'ConfigMap', true, ['cm'], [], true),
  core('serviceaccounts', 'serviceaccount', 'ServiceAccount', true, ['sa'], [], true),
  grouped('discovery.k8s.io', 'v1', 'endpointslices', 'EndpointSlice', { writable: false }),
  grouped('networking.k8s.io', 'v1', 'networkpolicies', 'NetworkPolicy', { shortNames: ['netpol'] }),
  grouped('networking.k8s.io', 'v1', 'ingresses', 'Ingress', { shortNames: ['ing'] }),
  grouped('apps', 'v1', 'deployments', 'Deployment', { shortNames: ['deploy'] }),
  grouped('apps', 'v1', 'daemonsets', 'DaemonSet', { shortNames: ['ds'] }),
  grouped('policy', 'v1', 'poddisruptionbudgets', 'PodDisruptionBudget', { shortNames: ['pdb'] }),
  grouped('rbac.authorization.k8s.io', 'v1', 'clusterroles', 'ClusterRole', { namespaced: false }),
  grouped('rbac.authorization.k8s.io', 'v1', 'clusterrolebindings', 'ClusterRoleBinding', { namespaced: false }),
  grouped('rbac.authorization.k8s.io', 'v1', 'roles', 'Role', {}),
  grouped('rbac.authorization.k8s.io', 'v1', 'rolebindings', 'RoleBinding', {}),
  // Terway's PodNetworking CRD (domain doc §4.2); cluster-scoped.
  grouped('network.alibabacloud.com', 'v1beta1', 'podnetworkings', 'PodNetworking', { namespaced: false, optional: true }),
];

function core(
  plural: string,
  singular: string,
  kind: string,
  namespaced: boolean,
  shortNames: string[],
  selectableFields: string[],
  writable: boolean,
): ResourceType {
  return { group: '', version: 'v1', plural, singular, kind, namespaced, shortNames, selectableFields, optional: false, writable };
}

/** A resource of a named API group; namespaced and writable unless told otherwise. */
function grouped(
  group: string,
  version: string,
  plural: string,
  kind: string,
  options: Partial<Pick<ResourceType, 'namespaced' | 'shortNames' | 'optional' | 'writable'>>,
): ResourceType {
  return {
    group,
    version,
    plural,
    singular: kind.toLowerCase(),
    kind,
    namespaced: options.namespaced ?? true,
    shortNames: options.shortNames ?? [],
    selectableFields: [],
    optional: options.optional ?? false,
    writable: options.writable ?? true,
  };
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
