import type { UseQueryResult } from '@tanstack/react-query';

import type { PodSearchResponse, PodsResponse } from '@/lib/schemas/api';

import { EmptyState, ErrorNotice, MissingSources, Skeleton } from '@/components/ui/states';

import { PodSearchResults } from './pod-search-results';
import { PodTable } from './pod-table';

export interface PodListProps {
  /** The settled search text; '' when not searching. */
  query: string;
  namespace: string | null;
  /** True when the namespace of the URL does not exist in the cluster. */
  unknownNamespace: boolean;
  selectedPod: string | null;
  search: UseQueryResult<PodSearchResponse>;
  pods: UseQueryResult<PodsResponse>;
  onSelect: (namespace: string, pod: string) => void;
}

function Loading() {
  return (
    <div className="space-y-2 p-4">
      {[0, 1, 2].map((index) => (
        <Skeleton key={index} className="h-6" />
      ))}
    </div>
  );
}

/** The right-hand list: search results across the cluster, or the pods of the chosen namespace. */
export function PodList({ query, namespace, unknownNamespace, selectedPod, search, pods, onSelect }: PodListProps) {
  if (query !== '') {
    if (search.isPending) return <Loading />;
    if (search.isError)
      return (
        <div className="p-4">
          <ErrorNotice title="Cannot search pods" message={search.error.message} onRetry={() => void search.refetch()} />
        </div>
      );
    if (search.data.pods.length === 0) return <EmptyState>No pod matches “{query}”.</EmptyState>;
    return (
      <div className="overflow-x-auto">
        <PodSearchResults hits={search.data.pods} selected={namespace && selectedPod ? { namespace, pod: selectedPod } : null} onSelect={(hit) => onSelect(hit.namespace, hit.name)} />
        {search.data.total > search.data.pods.length ? (
          <p className="px-4 py-2 text-xs text-slate-500 dark:text-slate-400">
            Showing {search.data.pods.length} of {search.data.total} matches: type more to narrow.
          </p>
        ) : null}
      </div>
    );
  }
  if (namespace === null) return <EmptyState>Search the whole cluster by pod, workload, IP or node, or pick a namespace.</EmptyState>;
  if (unknownNamespace)
    return (
      <div className="p-4">
        <ErrorNotice title="No such namespace" message={`Namespace “${namespace}” does not exist in this cluster. Pick one from the list or search the cluster.`} />
      </div>
    );
  if (pods.isPending) return <Loading />;
  if (pods.isError)
    return (
      <div className="p-4">
        <ErrorNotice title="Cannot list pods" message={pods.error.message} onRetry={() => void pods.refetch()} />
      </div>
    );
  const podMissing = selectedPod !== null && !pods.data.pods.some((pod) => pod.name === selectedPod);
  return (
    <div className="overflow-x-auto">
      <div className="space-y-2 px-4 pt-3 empty:hidden">
        {podMissing ? <ErrorNotice title="No such pod" message={`Pod “${selectedPod}” was not found in namespace ${namespace}. It may have been replaced: pick one below.`} /> : null}
        <MissingSources errors={pods.data.errors} />
      </div>
      {pods.data.pods.length === 0 ? (
        <EmptyState>This namespace has no pods.</EmptyState>
      ) : (
        <PodTable pods={pods.data.pods} selected={selectedPod} onSelect={(pod) => onSelect(namespace, pod.name)} />
      )}
    </div>
  );
}
