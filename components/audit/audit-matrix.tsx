import Link from 'next/link';
import { useTranslations } from 'next-intl';

import type { AuditMatrix } from '@/lib/fleet/matrix';

import { Card } from '@/components/ui/card';

import { VerdictBadge } from './verdict-badge';

/** Rows workloads, columns destinations; each cell links to the diagnosis of the pod with the cell's verdict. */
export function AuditMatrixView({ matrix }: { matrix: AuditMatrix }) {
  const t = useTranslations();
  return (
    <Card className="space-y-2 p-4">
      <h2 className="font-semibold">{t('namespaceAudit.matrixTitle')}</h2>
      <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={t('namespaceAudit.matrixTitle')}>
        <table className="w-full text-left text-sm">
          <caption className="pb-2 text-left text-xs text-slate-600 dark:text-slate-400">{t('namespaceAudit.matrixCaption')}</caption>
          <thead>
            <tr className="text-xs text-slate-600 dark:text-slate-400">
              <th scope="col" className="py-1 pr-3 font-medium">
                {t('namespaceAudit.workload')}
              </th>
              {matrix.destinations.map((destination) => (
                <th key={destination} scope="col" data-verbatim className="py-1 pr-3 font-mono font-medium">
                  {destination}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {matrix.rows.map((row) => (
              <tr key={row.workload} className="border-t border-slate-100 dark:border-slate-800">
                <th scope="row" data-verbatim className="py-1 pr-3 font-mono text-xs font-normal">
                  {row.workload} <span className="text-slate-500">({row.pods})</span>
                </th>
                {row.cells.map((cell, index) => (
                  <td key={matrix.destinations[index]} className="py-1 pr-3">
                    <Link href={cell.diagnosisUrl} aria-label={`${row.workload} → ${matrix.destinations[index]}: ${t(`verdict.${cell.verdict}`)}`} className="inline-flex items-center gap-1 focus-visible:outline-2 focus-visible:outline-sky-600">
                      <VerdictBadge verdict={cell.verdict} />
                      {cell.reachable > 0 && cell.reachable < cell.total ? <span className="text-xs">{t('namespaceAudit.matrixReachableOf', { reachable: cell.reachable, total: cell.total })}</span> : null}
                    </Link>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}
