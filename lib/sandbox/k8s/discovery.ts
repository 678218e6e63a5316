/**
 * Discovery documents of the sandbox API (`/version`, `/apis`, `APIResourceList`s).
 */
import type { ResourceType } from './resources';
import type { ClusterStore } from './store';

/** The version the sandbox reports at `/version` (an ACK-style build string). */
export const sandboxVersion = {
  major: '1',
  minor: '31',
  gitVersion: 'v1.31.1-aliyun.1',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2024-10-01T00:00:00Z',
  goVersion: 'go1.22.7',
  compiler: 'gc',
  platform: 'linux/amd64',
} as const;

/** The API groups (besides core) the cluster serves, for `/apis`. */
export function apiGroups(store: ClusterStore): Array<{ name: string; versions: unknown[]; preferredVersion: unknown }> {
  const groups = new Map<string, string>();
  for (const resource of store.resources) if (resource.group !== '') groups.set(resource.group, resource.version);
  return [...groups].map(([name, version]) => {
    const groupVersion = { groupVersion: `${name}/${version}`, version };
    return { name, versions: [groupVersion], preferredVersion: groupVersion };
  });
}

/** One entry of an `APIResourceList`. */
export function toApiResource(resource: ResourceType): Record<string, unknown> {
  return {
    name: resource.plural,
    singularName: resource.singular,
    namespaced: resource.namespaced,
    kind: resource.kind,
    verbs: resource.writable ? ['create', 'delete', 'get', 'list', 'patch'] : ['get', 'list'],
    ...(resource.shortNames.length > 0 ? { shortNames: resource.shortNames } : {}),
  };
}
