import { useTranslations } from 'next-intl';

import type { PodSummary } from '@/lib/schemas/api';
import { cn } from '@/lib/cn';

import { Badge } from '@/components/ui/badge';

import { PhaseText } from './phase-text';

export interface PodTableProps {
  pods: PodSummary[];
  selected: string | null;
  onSelect: (pod: PodSummary) => void;
}

/** The pods of a namespace with their network facts; a row is a button that selects the pod. */
export function PodTable({ pods, selected, onSelect }: PodTableProps) {
  const t = useTranslations();
  return (
    <table className="w-full text-left text-sm">
      <thead className="text-xs text-slate-500 uppercase dark:text-slate-400">
        <tr>
          <th scope="col" className="px-4 py-2 font-medium">{t('podBrowser.columnPod')}</th>
          <th scope="col" className="px-2 py-2 font-medium">{t('podBrowser.columnIp')}</th>
          <th scope="col" className="hidden px-2 py-2 font-medium md:table-cell">{t('podBrowser.columnNode')}</th>
          <th scope="col" className="hidden px-2 py-2 font-medium lg:table-cell">{t('podBrowser.columnNetwork')}</th>
          <th scope="col" className="px-2 py-2 font-medium">{t('podBrowser.columnPhase')}</th>
        </tr>
      </thead>
      <tbody>
        {pods.map((pod) => {
          const isSelected = pod.name === selected;
          return (
            <tr
              key={pod.name}
              className={cn('border-t border-slate-100 dark:border-slate-800', isSelected ? 'bg-sky-50 dark:bg-sky-950/40' : 'hover:bg-slate-50 dark:hover:bg-slate-800/50')}
            >
              <td className="px-4 py-1.5">
                <button
                  type="button"
                  aria-pressed={isSelected}
                  onClick={() => onSelect(pod)}
                  data-verbatim
                  className="text-left font-mono text-[13px] text-sky-800 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-sky-600 dark:text-sky-300"
                >
                  {pod.name}
                </button>
                {pod.eip ? (
                  <Badge data-verbatim className="ml-2">
                    EIP {pod.eip}
                  </Badge>
                ) : null}
              </td>
              <td data-verbatim className="px-2 py-1.5 font-mono text-xs">{pod.ip ?? '—'}</td>
              <td data-verbatim className="hidden px-2 py-1.5 text-xs md:table-cell">{pod.nodeName ?? '—'}</td>
              <td data-verbatim className="hidden px-2 py-1.5 font-mono text-xs lg:table-cell">
                {pod.vSwitchId ?? '—'}
                {pod.securityGroupIds.length > 0 ? <span className="text-slate-500"> · {pod.securityGroupIds.join(', ')}</span> : null}
              </td>
              <td className="px-2 py-1.5">
                <Badge tone={pod.phase === 'Running' && pod.ready ? 'pass' : 'warn'}>
                  <PhaseText phase={pod.phase} ready={pod.ready} />
                </Badge>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
