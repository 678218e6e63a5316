import { queryOptions } from '@tanstack/react-query';

import { clustersResponseSchema, namespacesResponseSchema, podSearchResponseSchema, podsResponseSchema } from '@/lib/schemas/api';

import { fetchJson } from './api-error';

/** Query keys for the cluster browser. */
export const clusterKeys = {
  all: ['clusters'] as const,
  namespaces: (cluster: string) => ['clusters', cluster, 'namespaces'] as const,
  pods: (cluster: string, namespace: string) => ['clusters', cluster, 'namespaces', namespace, 'pods'] as const,
  search: (cluster: string, query: string) => ['clusters', cluster, 'pod-search', query] as const,
};

export const clustersQueryOptions = () =>
  queryOptions({
    queryKey: clusterKeys.all,
    queryFn: async () => clustersResponseSchema.parse(await fetchJson('/api/clusters')),
  });

export const namespacesQueryOptions = (cluster: string) =>
  queryOptions({
    queryKey: clusterKeys.namespaces(cluster),
    queryFn: async () => namespacesResponseSchema.parse(await fetchJson(`/api/clusters/${encodeURIComponent(cluster)}/namespaces`)),
  });

export const podsQueryOptions = (cluster: string, namespace: string) =>
  queryOptions({
    queryKey: clusterKeys.pods(cluster, namespace),
    queryFn: async () =>
      podsResponseSchema.parse(await fetchJson(`/api/clusters/${encodeURIComponent(cluster)}/namespaces/${encodeURIComponent(namespace)}/pods`)),
  });

/** Pods of every namespace of `cluster` matching `query` (server-side search). */
export const podSearchQueryOptions = (cluster: string, query: string) =>
  queryOptions({
    queryKey: clusterKeys.search(cluster, query),
    queryFn: async ({ signal }) =>
      podSearchResponseSchema.parse(await fetchJson(`/api/clusters/${encodeURIComponent(cluster)}/pods?${new URLSearchParams({ q: query, limit: '50' }).toString()}`, { signal })),
    staleTime: 10_000,
  });
