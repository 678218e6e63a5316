import { useTranslations } from 'next-intl';

import type { NodeVerdict } from '@/lib/analysis/graph';

import { VerdictLabel } from './verdict';

const ORDER: NodeVerdict[] = ['pass', 'block', 'warn', 'unknown', 'skip'];

/** What each verdict looks like on the graph. */
export function PathGraphLegend() {
  const t = useTranslations();
  return (
    <ul aria-label={t('graph.legend')} className="flex flex-wrap items-center gap-x-3 gap-y-1">
      {ORDER.map((verdict) => (
        <li key={verdict}>
          <VerdictLabel verdict={verdict} className="font-medium" />
        </li>
      ))}
      <li className="inline-flex items-center gap-1 text-xs font-medium text-slate-600 dark:text-slate-300">
        <span aria-hidden className="inline-block h-3 w-4 rounded-sm bg-white ring-2 ring-red-500 dark:bg-slate-900" />
        {t('hopDetails.blocksHere')}
      </li>
    </ul>
  );
}
