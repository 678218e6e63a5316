import { useTranslations } from 'next-intl';

import type { PodSearchHit } from '@/lib/schemas/api';
import { cn } from '@/lib/cn';

import { Badge } from '@/components/ui/badge';

import { PhaseText } from './phase-text';

const MATCHED_KEY = { ip: 'podBrowser.matchedIp', name: 'podBrowser.matchedName', workload: 'podBrowser.matchedWorkload', node: 'podBrowser.matchedNode' } as const satisfies Record<PodSearchHit['matched'], string>;

export interface PodSearchResultsProps {
  hits: PodSearchHit[];
  selected: { namespace: string; pod: string } | null;
  onSelect: (hit: PodSearchHit) => void;
}

/** Pods of every namespace found by a search; a row is a button that selects the pod. */
export function PodSearchResults({ hits, selected, onSelect }: PodSearchResultsProps) {
  const t = useTranslations();
  return (
    <table className="w-full text-left text-sm">
      <thead className="text-xs text-slate-500 uppercase dark:text-slate-400">
        <tr>
          <th scope="col" className="px-4 py-2 font-medium">{t('podBrowser.columnPod')}</th>
          <th scope="col" className="px-2 py-2 font-medium">{t('podBrowser.columnNamespace')}</th>
          <th scope="col" className="px-2 py-2 font-medium">{t('podBrowser.columnIp')}</th>
          <th scope="col" className="hidden px-2 py-2 font-medium md:table-cell">{t('podBrowser.columnNode')}</th>
          <th scope="col" className="hidden px-2 py-2 font-medium sm:table-cell">{t('podBrowser.columnMatched')}</th>
          <th scope="col" className="px-2 py-2 font-medium">{t('podBrowser.columnPhase')}</th>
        </tr>
      </thead>
      <tbody>
        {hits.map((hit) => {
          const isSelected = selected?.namespace === hit.namespace && selected.pod === hit.name;
          return (
            <tr
              key={`${hit.namespace}/${hit.name}`}
              className={cn('border-t border-slate-100 dark:border-slate-800', isSelected ? 'bg-sky-50 dark:bg-sky-950/40' : 'hover:bg-slate-50 dark:hover:bg-slate-800/50')}
            >
              <td className="px-4 py-1.5">
                <button
                  type="button"
                  aria-pressed={isSelected}
                  onClick={() => onSelect(hit)}
                  data-verbatim
                  className="text-left font-mono text-[13px] text-sky-800 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-sky-600 dark:text-sky-300"
                >
                  {hit.name}
                </button>
              </td>
              <td data-verbatim className="px-2 py-1.5 font-mono text-xs">
                {hit.namespace}
              </td>
              <td data-verbatim className="px-2 py-1.5 font-mono text-xs">{hit.ips.length > 0 ? hit.ips.join(', ') : (hit.ip ?? '—')}</td>
              <td data-verbatim className="hidden px-2 py-1.5 text-xs md:table-cell">{hit.nodeName ?? '—'}</td>
              <td className="hidden px-2 py-1.5 text-xs sm:table-cell">
                {t(MATCHED_KEY[hit.matched])}
                {hit.matched === 'workload' && hit.workload ? (
                  <span data-verbatim className="text-slate-500">
                    {' '}
                    · {hit.workload}
                  </span>
                ) : null}
              </td>
              <td className="px-2 py-1.5">
                <Badge tone={hit.phase === 'Running' && hit.ready ? 'pass' : 'warn'}>
                  <PhaseText phase={hit.phase} ready={hit.ready} />
                </Badge>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
