'use client';

import { useMemo, useState } from 'react';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';

import { clustersQueryOptions, namespacesQueryOptions, podSearchQueryOptions, podsQueryOptions } from '@/lib/queries/clusters';

import { ClusterSelect } from '@/components/cluster-select';
import { Card, CardHeader, CardTitle } from '@/components/ui/card';
import { Input } from '@/components/ui/input';
import { ErrorNotice, Skeleton } from '@/components/ui/states';
import { ErrorText } from '@/components/i18n/error-text';

import { NamespaceNav } from './namespace-nav';
import { PodList } from './pod-list';
import { useDebouncedValue } from './use-debounced-value';

export interface PodSelection {
  cluster: string;
  namespace: string;
  pod: string;
}

export interface PodBrowserProps {
  cluster: string | null;
  namespace: string | null;
  selectedPod: string | null;
  onClusterChange: (cluster: string) => void;
  onNamespaceChange: (namespace: string) => void;
  onSelectPod: (selection: PodSelection) => void;
}

/**
 * Find a pod: search the whole cluster by name, workload, IP or node (server-side, as
 * typed), or browse cluster → namespace → pod. Container: it calls the query hooks.
 */
export function PodBrowser({ cluster, namespace, selectedPod, onClusterChange, onNamespaceChange, onSelectPod }: PodBrowserProps) {
  const t = useTranslations();
  const [search, setSearch] = useState('');
  const query = useDebouncedValue(search.trim(), 200);
  const clusters = useQuery(clustersQueryOptions());
  const known = useMemo(() => clusters.data?.clusters ?? [], [clusters.data]);
  const unknownCluster = cluster !== null && clusters.isSuccess && !known.some((item) => item.name === cluster);
  const activeCluster = unknownCluster ? null : (cluster ?? known.find((item) => item.current)?.name ?? known[0]?.name ?? null);
  const namespaces = useQuery({ ...namespacesQueryOptions(activeCluster ?? ''), enabled: activeCluster !== null });
  const pods = useQuery({ ...podsQueryOptions(activeCluster ?? '', namespace ?? ''), enabled: activeCluster !== null && namespace !== null && query === '' });
  const found = useQuery({ ...podSearchQueryOptions(activeCluster ?? '', query), enabled: activeCluster !== null && query !== '', placeholderData: keepPreviousData });
  const unknownNamespace = namespace !== null && namespaces.isSuccess && !namespaces.data.namespaces.some((item) => item.name === namespace);

  const select = (podNamespace: string, pod: string) => activeCluster && onSelectPod({ cluster: activeCluster, namespace: podNamespace, pod });

  return (
    <div className="space-y-3">
      <Input
        type="search"
        aria-label={t('podBrowser.searchLabel')}
        placeholder={t('podBrowser.searchPlaceholder')}
        value={search}
        onChange={(event) => setSearch(event.target.value)}
        disabled={activeCluster === null}
        className="h-10 text-base md:text-sm"
      />
      <div className="grid gap-4 md:grid-cols-[16rem_1fr]">
        <Card className="h-fit">
          <CardHeader>
            <CardTitle>{t('podBrowser.source')}</CardTitle>
          </CardHeader>
          <div className="space-y-3 p-4">
            <label className="block text-xs font-medium text-slate-600 dark:text-slate-300">
              {t('podBrowser.cluster')}
              {clusters.isPending ? (
                <Skeleton className="mt-1 h-9" />
              ) : clusters.isError ? (
                <ErrorNotice title={t('podBrowser.cannotListClusters')} message={<ErrorText error={clusters.error} />} onRetry={() => void clusters.refetch()} />
              ) : (
                <ClusterSelect className="mt-1" clusters={known} value={activeCluster} onChange={onClusterChange} placeholder={t('podBrowser.chooseCluster')} />
              )}
            </label>
            {unknownCluster ? (
              <ErrorNotice title={t('podBrowser.noSuchCluster')} message={t('podBrowser.noSuchClusterMessage', { cluster, clusters: known.map((item) => item.name).join(', ') || t('podBrowser.none') })} />
            ) : null}
            {activeCluster !== null ? (
              <NamespaceNav
                state={
                  namespaces.isPending
                    ? { kind: 'pending' }
                    : namespaces.isError
                      ? { kind: 'error', message: <ErrorText error={namespaces.error} />, retry: () => void namespaces.refetch() }
                      : { kind: 'ready', namespaces: namespaces.data.namespaces }
                }
                selected={namespace}
                onSelect={onNamespaceChange}
              />
            ) : null}
          </div>
        </Card>

        <Card className="min-w-0">
          <CardHeader>
            <CardTitle>{query !== '' ? t('podBrowser.podsMatching', { query }) : namespace ? t('podBrowser.podsIn', { namespace }) : t('podBrowser.pods')}</CardTitle>
          </CardHeader>
          <PodList
            query={query}
            namespace={namespace}
            unknownNamespace={unknownNamespace}
            selectedPod={selectedPod}
            search={found}
            pods={pods}
            onSelect={select}
          />
        </Card>
      </div>
    </div>
  );
}
