import type { PodSearchHit } from '@/lib/schemas/api';
import { cn } from '@/lib/cn';

import { Badge } from '@/components/ui/badge';

const MATCHED_LABEL: Record<PodSearchHit['matched'], string> = { ip: 'IP', name: 'name', workload: 'workload', node: 'node' };

export interface PodSearchResultsProps {
  hits: PodSearchHit[];
  selected: { namespace: string; pod: string } | null;
  onSelect: (hit: PodSearchHit) => void;
}

/** Pods of every namespace found by a search; a row is a button that selects the pod. */
export function PodSearchResults({ hits, selected, onSelect }: PodSearchResultsProps) {
  return (
    <table className="w-full text-left text-sm">
      <thead className="text-xs text-slate-500 uppercase dark:text-slate-400">
        <tr>
          <th scope="col" className="px-4 py-2 font-medium">Pod</th>
          <th scope="col" className="px-2 py-2 font-medium">Namespace</th>
          <th scope="col" className="px-2 py-2 font-medium">IP</th>
          <th scope="col" className="hidden px-2 py-2 font-medium md:table-cell">Node</th>
          <th scope="col" className="hidden px-2 py-2 font-medium sm:table-cell">Matched</th>
          <th scope="col" className="px-2 py-2 font-medium">Phase</th>
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
                  className="text-left font-mono text-[13px] text-sky-800 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-sky-600 dark:text-sky-300"
                >
                  {hit.name}
                </button>
              </td>
              <td className="px-2 py-1.5 font-mono text-xs">{hit.namespace}</td>
              <td className="px-2 py-1.5 font-mono text-xs">{hit.ips.length > 0 ? hit.ips.join(', ') : (hit.ip ?? '—')}</td>
              <td className="hidden px-2 py-1.5 text-xs md:table-cell">{hit.nodeName ?? '—'}</td>
              <td className="hidden px-2 py-1.5 text-xs sm:table-cell">
                {MATCHED_LABEL[hit.matched]}
                {hit.matched === 'workload' && hit.workload ? <span className="text-slate-500"> · {hit.workload}</span> : null}
              </td>
              <td className="px-2 py-1.5">
                <Badge tone={hit.phase === 'Running' && hit.ready ? 'pass' : 'warn'}>{hit.ready ? hit.phase : `${hit.phase}, not ready`}</Badge>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
