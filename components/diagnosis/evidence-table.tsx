import { useTranslations } from 'next-intl';

import { cn } from '@/lib/cn';
import type { HopView } from '@/lib/schemas/diagnosis';

import { useTerm, useText } from '@/components/i18n/use-text';

type EvidenceTableView = HopView['evidence']['tables'][number];

/**
 * An evaluated table (rules in evaluation order, routes, names tried) with the deciding row
 * highlighted and named. A table that numbers its rows itself (a first `#` column) keeps its
 * numbers in the row-number column instead of a second `#`.
 */
export function EvidenceTable({ table }: { table: EvidenceTableView }) {
  const t = useTranslations();
  const text = useText();
  const term = useTerm();
  const numbered = table.columns[0] === '#';
  const columns = numbered ? table.columns.slice(1) : table.columns;
  const title = text(table.title, table.titleMessage);
  return (
    <div className="overflow-hidden rounded-md border border-slate-200 dark:border-slate-800">
      {/* A wide table scrolls sideways: focusable, so the keyboard can scroll it too (axe: scrollable-region-focusable). */}
      <div tabIndex={0} role="region" aria-label={title} className="overflow-x-auto focus-visible:outline-2 focus-visible:outline-sky-600">
        <table className="w-full border-collapse text-left text-xs">
          <caption className="bg-slate-50 px-2.5 py-1.5 text-left text-[11px] font-semibold text-slate-700 dark:bg-slate-900 dark:text-slate-200">{title}</caption>
          <thead>
            <tr className="border-y border-slate-200 bg-slate-50 text-[11px] text-slate-500 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-400">
              <th scope="col" className="w-6 px-2 py-1 font-medium">
                <span className="sr-only">{t('evidence.row')}</span>#
              </th>
              {columns.map((column) => (
                <th key={column} scope="col" className="px-2 py-1 font-medium whitespace-nowrap">
                  {term(column)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row, index) => {
              const deciding = index === table.decidingRow;
              const cells = numbered ? row.slice(1) : row;
              return (
                <tr
                  key={index}
                  aria-current={deciding ? 'true' : undefined}
                  className={cn(
                    'border-b border-slate-100 last:border-b-0 dark:border-slate-800',
                    deciding && 'bg-sky-50 font-medium outline-2 -outline-offset-2 outline-sky-500 dark:bg-sky-950/50',
                  )}
                >
                  <td className="px-2 py-1 text-slate-400 tabular-nums">
                    {deciding ? (
                      <span className="inline-flex items-center gap-0.5 text-sky-700 dark:text-sky-300">
                        <span aria-hidden>▶</span>
                        <span className="sr-only">{t('evidence.decidingRow')}</span>
                      </span>
                    ) : numbered ? (
                      row[0]
                    ) : (
                      index + 1
                    )}
                  </td>
                  {cells.map((cell, cellIndex) => {
                    const shown = term(cell);
                    // A value read from the cloud (an id, a CIDR, a rule's own description) is shown as it is.
                    return (
                      <td key={cellIndex} data-verbatim={shown === cell ? true : undefined} className="px-2 py-1 font-mono whitespace-nowrap">
                        {shown}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {table.decidingRow !== null ? (
        <p className="border-t border-slate-200 px-2.5 py-1 text-[11px] text-slate-500 dark:border-slate-800 dark:text-slate-400">
          <span aria-hidden className="text-sky-700 dark:text-sky-300">▶</span> {t('evidence.rowDecided', { row: numbered ? (table.rows[table.decidingRow]?.[0] ?? String(table.decidingRow + 1)) : String(table.decidingRow + 1) })}
        </p>
      ) : null}
    </div>
  );
}
