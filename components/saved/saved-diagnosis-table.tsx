import Link from 'next/link';
import { useTranslations } from 'next-intl';

import type { SavedDiagnosisSummary } from '@/lib/schemas/saved-diagnosis';

import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/states';
import { formatSavedAt } from '@/components/diagnosis/format';

const verdictTone = { reachable: 'pass', blocked: 'block', unknown: 'unknown' } as const;

/** Recent saved diagnoses, newest first, each linking to its share page. */
export function SavedDiagnosisTable({ diagnoses }: { diagnoses: SavedDiagnosisSummary[] }) {
  const t = useTranslations();
  if (diagnoses.length === 0) return <EmptyState>{t('savedList.empty')}</EmptyState>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{t('savedList.caption')}</caption>
        <thead className="text-xs text-slate-600 dark:text-slate-400">
          <tr>
            <th scope="col" className="p-2 font-medium">{t('savedList.saved')}</th>
            <th scope="col" className="p-2 font-medium">{t('savedList.source')}</th>
            <th scope="col" className="p-2 font-medium">{t('savedList.destination')}</th>
            <th scope="col" className="p-2 font-medium">{t('savedList.verdict')}</th>
            <th scope="col" className="p-2 font-medium">{t('savedList.blockingHop')}</th>
          </tr>
        </thead>
        <tbody>
          {diagnoses.map((item) => (
            <tr key={item.id} className="border-t border-slate-200 dark:border-slate-800">
              <td className="p-2 whitespace-nowrap">
                <Link href={`/d/${item.id}`} className="text-sky-700 underline underline-offset-2 dark:text-sky-400">
                  <time dateTime={item.savedAt}>{formatSavedAt(item.savedAt)}</time>
                </Link>
              </td>
              <td data-verbatim className="p-2 font-mono text-xs">
                {item.cluster} · {item.namespace}/{item.pod}
              </td>
              <td data-verbatim className="p-2 font-mono text-xs">
                {item.destination} ({item.port}/{item.protocol})
              </td>
              <td className="p-2">
                <Badge tone={verdictTone[item.verdict]}>{t('savedList.verdictWord', { verdict: item.verdict })}</Badge>
              </td>
              <td className="p-2 text-xs">{item.blockingHop ? t(`hops.${item.blockingHop}`) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
