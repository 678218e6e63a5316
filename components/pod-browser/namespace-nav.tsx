import { useMemo, useState, type ReactNode } from 'react';

import { useTranslations } from 'next-intl';

import type { NamespacesResponse } from '@/lib/schemas/api';

import { Input } from '@/components/ui/input';
import { ErrorNotice, Skeleton } from '@/components/ui/states';

export interface NamespaceNavProps {
  state: { kind: 'pending' } | { kind: 'error'; message: ReactNode; retry: () => void } | { kind: 'ready'; namespaces: NamespacesResponse['namespaces'] };
  selected: string | null;
  onSelect: (namespace: string) => void;
}

/** The namespaces of the cluster, filterable as typed. */
export function NamespaceNav({ state, selected, onSelect }: NamespaceNavProps) {
  const t = useTranslations();
  const [filter, setFilter] = useState('');
  const visible = useMemo(() => {
    if (state.kind !== 'ready') return [];
    const needle = filter.trim().toLowerCase();
    return needle === '' ? state.namespaces : state.namespaces.filter((item) => item.name.includes(needle));
  }, [state, filter]);

  return (
    <nav aria-label={t('podBrowser.namespaces')}>
      <p className="text-xs font-medium text-slate-600 dark:text-slate-300">{t('podBrowser.namespace')}</p>
      {state.kind === 'pending' ? (
        <div className="mt-1 space-y-1">
          {[0, 1, 2, 3].map((index) => (
            <Skeleton key={index} className="h-7" />
          ))}
        </div>
      ) : state.kind === 'error' ? (
        <ErrorNotice title={t('podBrowser.cannotListNamespaces')} message={state.message} onRetry={state.retry} />
      ) : (
        <>
          <Input aria-label={t('podBrowser.filterNamespaces')} placeholder={t('podBrowser.filter')} value={filter} onChange={(event) => setFilter(event.target.value)} className="mt-1 h-8" />
          <ul className="mt-1 max-h-[60vh] space-y-0.5 overflow-y-auto">
            {visible.map((item) => (
              <li key={item.name}>
                <button
                  type="button"
                  aria-current={item.name === selected ? 'true' : undefined}
                  onClick={() => onSelect(item.name)}
                  data-verbatim
                  className="w-full rounded px-2 py-1 text-left font-mono text-[13px] hover:bg-slate-100 aria-[current=true]:bg-sky-100 aria-[current=true]:text-sky-900 dark:hover:bg-slate-800 dark:aria-[current=true]:bg-sky-950 dark:aria-[current=true]:text-sky-200"
                >
                  {item.name}
                </button>
              </li>
            ))}
            {visible.length === 0 ? <li className="px-2 py-1 text-xs text-slate-500 dark:text-slate-400">{t('podBrowser.noNamespaceMatches')}</li> : null}
          </ul>
        </>
      )}
    </nav>
  );
}
