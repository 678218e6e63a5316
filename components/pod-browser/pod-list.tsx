import type { UseQueryResult } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';

import type { PodSearchResponse, PodsResponse } from '@/lib/schemas/api';

import { EmptyState, ErrorNotice, MissingSources, Skeleton } from '@/components/ui/states';
import { ErrorText } from '@/components/i18n/error-text';

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
  const t = useTranslations();
  if (query !== '') {
    if (search.isPending) return <Loading />;
    if (search.isError)
      return (
        <div className="p-4">
          <ErrorNotice title={t('podBrowser.cannotSearch')} message={<ErrorText error={search.error} />} onRetry={() => void search.refetch()} />
        </div>
      );
    if (search.data.pods.length === 0) return <EmptyState>{t('podBrowser.noPodMatches', { query })}</EmptyState>;
    return (
      <div className="overflow-x-auto">
        <PodSearchResults hits={search.data.pods} selected={namespace && selectedPod ? { namespace, pod: selectedPod } : null} onSelect={(hit) => onSelect(hit.namespace, hit.name)} />
        {search.data.total > search.data.pods.length ? (
          <p className="px-4 py-2 text-xs text-slate-500 dark:text-slate-400">
            {t('podBrowser.showing', { shown: search.data.pods.length, total: search.data.total })}
          </p>
        ) : null}
      </div>
    );
  }
  if (namespace === null) return <EmptyState>{t('podBrowser.pickHint')}</EmptyState>;
  if (unknownNamespace)
    return (
      <div className="p-4">
        <ErrorNotice title={t('podBrowser.noSuchNamespace')} message={t('podBrowser.noSuchNamespaceMessage', { namespace })} />
      </div>
    );
  if (pods.isPending) return <Loading />;
  if (pods.isError)
    return (
      <div className="p-4">
        <ErrorNotice title={t('podBrowser.cannotListPods')} message={<ErrorText error={pods.error} />} onRetry={() => void pods.refetch()} />
      </div>
    );
  const podMissing = selectedPod !== null && !pods.data.pods.some((pod) => pod.name === selectedPod);
  return (
    <div className="overflow-x-auto">
      <div className="space-y-2 px-4 pt-3 empty:hidden">
        {podMissing ? <ErrorNotice title={t('podBrowser.noSuchPod')} message={t('podBrowser.noSuchPodMessage', { pod: selectedPod, namespace })} /> : null}
        <MissingSources errors={pods.data.errors} />
      </div>
      {pods.data.pods.length === 0 ? (
        <EmptyState>{t('podBrowser.noPods')}</EmptyState>
      ) : (
        <PodTable pods={pods.data.pods} selected={selectedPod} onSelect={(pod) => onSelect(namespace, pod.name)} />
      )}
    </div>
  );
}
