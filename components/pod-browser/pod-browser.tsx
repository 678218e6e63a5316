'use client';

import { useMemo, useState } from 'react';

import { useQuery } from '@tanstack/react-query';

import { clustersQueryOptions, namespacesQueryOptions, podsQueryOptions } from '@/lib/queries/clusters';
import type { PodSummary } from '@/lib/schemas/api';

import { Card, CardHeader, CardTitle } from '@/components/ui/card';
import { Input, Select } from '@/components/ui/input';
import { EmptyState, ErrorNotice, MissingSources, Skeleton } from '@/components/ui/states';

import { PodTable } from './pod-table';

export interface PodSelection {
  cluster: string;
  namespace: string;
  pod: PodSummary;
}

export interface PodBrowserProps {
  cluster: string | null;
  namespace: string | null;
  selectedPod: string | null;
  onClusterChange: (cluster: string) => void;
  onNamespaceChange: (namespace: string) => void;
  onSelectPod: (selection: PodSelection) => void;
}

/** Browse cluster → namespace → pod. Container: it calls the query hooks. */
export function PodBrowser({ cluster, namespace, selectedPod, onClusterChange, onNamespaceChange, onSelectPod }: PodBrowserProps) {
  const [search, setSearch] = useState('');
  const clusters = useQuery(clustersQueryOptions());
  const activeCluster = cluster ?? clusters.data?.clusters.find((item) => item.current)?.name ?? clusters.data?.clusters[0]?.name ?? null;
  const namespaces = useQuery({ ...namespacesQueryOptions(activeCluster ?? ''), enabled: activeCluster !== null });
  const pods = useQuery({ ...podsQueryOptions(activeCluster ?? '', namespace ?? ''), enabled: activeCluster !== null && namespace !== null });

  const visiblePods = useMemo(() => {
    const needle = search.trim().toLowerCase();
    const all = pods.data?.pods ?? [];
    return needle === '' ? all : all.filter((pod) => pod.name.includes(needle) || (pod.ip ?? '').includes(needle));
  }, [pods.data, search]);

  return (
    <div className="grid gap-4 md:grid-cols-[16rem_1fr]">
      <Card className="h-fit">
        <CardHeader>
          <CardTitle>Source</CardTitle>
        </CardHeader>
        <div className="space-y-3 p-4">
          <label className="block text-xs font-medium text-slate-600 dark:text-slate-300">
            Cluster
            {clusters.isPending ? (
              <Skeleton className="mt-1 h-9" />
            ) : clusters.isError ? (
              <ErrorNotice title="Cannot list clusters" message={clusters.error.message} onRetry={() => void clusters.refetch()} />
            ) : (
              <Select className="mt-1" value={activeCluster ?? ''} onChange={(event) => onClusterChange(event.target.value)}>
                {clusters.data.clusters.map((item) => (
                  <option key={item.name} value={item.name}>
                    {item.name}
                  </option>
                ))}
              </Select>
            )}
          </label>
          <nav aria-label="Namespaces">
            <p className="text-xs font-medium text-slate-600 dark:text-slate-300">Namespace</p>
            {namespaces.isPending && activeCluster !== null ? (
              <div className="mt-1 space-y-1">
                {[0, 1, 2, 3].map((index) => (
                  <Skeleton key={index} className="h-7" />
                ))}
              </div>
            ) : namespaces.isError ? (
              <ErrorNotice title="Cannot list namespaces" message={namespaces.error.message} onRetry={() => void namespaces.refetch()} />
            ) : (
              <ul className="mt-1 space-y-0.5">
                {(namespaces.data?.namespaces ?? []).map((item) => (
                  <li key={item.name}>
                    <button
                      type="button"
                      aria-current={item.name === namespace ? 'true' : undefined}
                      onClick={() => onNamespaceChange(item.name)}
                      className="w-full rounded px-2 py-1 text-left font-mono text-[13px] hover:bg-slate-100 aria-[current=true]:bg-sky-100 aria-[current=true]:text-sky-900 dark:hover:bg-slate-800 dark:aria-[current=true]:bg-sky-950 dark:aria-[current=true]:text-sky-200"
                    >
                      {item.name}
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </nav>
        </div>
      </Card>

      <Card className="min-w-0">
        <CardHeader>
          <CardTitle>{namespace ? `Pods in ${namespace}` : 'Pods'}</CardTitle>
          <Input aria-label="Search pods" placeholder="Search by name or IP" value={search} onChange={(event) => setSearch(event.target.value)} className="h-8 max-w-60" />
        </CardHeader>
        {namespace === null ? (
          <EmptyState>Pick a namespace to list its pods.</EmptyState>
        ) : pods.isPending ? (
          <div className="space-y-2 p-4">
            {[0, 1, 2].map((index) => (
              <Skeleton key={index} className="h-6" />
            ))}
          </div>
        ) : pods.isError ? (
          <div className="p-4">
            <ErrorNotice title="Cannot list pods" message={pods.error.message} onRetry={() => void pods.refetch()} />
          </div>
        ) : (
          <div className="overflow-x-auto">
            <div className="px-4 pt-3 empty:hidden">
              <MissingSources errors={pods.data.errors} />
            </div>
            {visiblePods.length === 0 ? (
              <EmptyState>{search ? `No pod matches “${search}”.` : 'This namespace has no pods.'}</EmptyState>
            ) : (
              <PodTable pods={visiblePods} selected={selectedPod} onSelect={(pod) => activeCluster && onSelectPod({ cluster: activeCluster, namespace: namespace, pod })} />
            )}
          </div>
        )}
      </Card>
    </div>
  );
}
