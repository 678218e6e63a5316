'use client';

import { useTranslations } from 'next-intl';

import { addressesLineMessage, hopsOfLineMessage } from '@/lib/analysis/address-summary';
import { english, type Message } from '@/lib/analysis/message';
import type { HopKind } from '@/lib/analysis/model';
import type { DiagnosisView } from '@/lib/schemas/diagnosis';
import { cn } from '@/lib/cn';

import { Card, CardHeader, CardTitle } from '@/components/ui/card';
import { CopyButton } from '@/components/diagnosis/copy-button';
import { useText } from '@/components/i18n/use-text';
import { VerdictLabel } from '@/components/path-graph/verdict';

import { decidedByText, hopTableMarkdown } from './hop-table-markdown';

export interface HopTableProps {
  diagnosis: DiagnosisView;
  selectedHop: HopKind | null;
  onSelectHop: (hop: HopKind) => void;
}

/**
 * Every hop of the path as a step list (what Connectivity Tests and Reachability Analyzer
 * show): verdict, the rule that decided, the summary and how many fixes; a hop's name
 * selects it. "Copy as Markdown" gives the table for a ticket; it prints as it is.
 */
export function HopTable({ diagnosis, selectedHop, onSelectHop }: HopTableProps) {
  const t = useTranslations();
  const text = useText();
  const link = diagnosis.id && typeof window !== 'undefined' ? `${window.location.origin}/d/${diagnosis.id}` : null;
  const say = (message: Message | null) => (message ? text(english(message), message) : null);
  const hopsOf = say(hopsOfLineMessage(diagnosis));
  const addresses = say(addressesLineMessage(diagnosis));
  return (
    <Card className="print:break-inside-avoid">
      <CardHeader>
        <CardTitle id="hop-table-title">{t('hopTable.title')}</CardTitle>
        <CopyButton text={hopTableMarkdown(diagnosis, link)} label={t('hopTable.copy')} description={t('hopTable.copyDescription')} className="print:hidden" />
      </CardHeader>
      {hopsOf ? (
        <p data-testid="hop-table-addresses" className="px-4 pb-2 text-xs text-slate-600 dark:text-slate-300">
          <span className="font-medium">{hopsOf}.</span> {addresses}
        </p>
      ) : null}
      <div tabIndex={0} role="region" aria-labelledby="hop-table-title" className="overflow-x-auto focus-visible:outline-2 focus-visible:outline-sky-600">
        <table aria-labelledby="hop-table-title" className="w-full text-left text-sm">
          <thead className="text-xs text-slate-500 uppercase dark:text-slate-400">
            <tr>
              <th scope="col" className="w-8 px-4 py-2 font-medium">
                #
              </th>
              <th scope="col" className="px-2 py-2 font-medium">{t('hopTable.hop')}</th>
              <th scope="col" className="px-2 py-2 font-medium">{t('hopTable.verdict')}</th>
              <th scope="col" className="px-2 py-2 font-medium">{t('hopTable.decidedBy')}</th>
              <th scope="col" className="hidden px-2 py-2 font-medium md:table-cell">{t('hopTable.summary')}</th>
              <th scope="col" className="px-2 py-2 text-right font-medium">{t('hopTable.fixes')}</th>
            </tr>
          </thead>
          <tbody>
            {diagnosis.hops.map((hop, index) => (
              <tr
                key={hop.kind}
                data-hop={hop.kind}
                data-verdict={hop.verdict}
                aria-current={hop.kind === selectedHop ? 'true' : undefined}
                className={cn('border-t border-slate-100 align-top dark:border-slate-800', hop.kind === selectedHop && 'bg-sky-50 dark:bg-sky-950/40')}
              >
                <td className="px-4 py-1.5 text-xs text-slate-500 tabular-nums dark:text-slate-400">{index + 1}</td>
                <td className="px-2 py-1.5">
                  <button
                    type="button"
                    onClick={() => onSelectHop(hop.kind)}
                    className="text-left font-medium whitespace-nowrap text-sky-800 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-sky-600 dark:text-sky-300"
                  >
                    {t(`hops.${hop.kind}`)}
                  </button>
                </td>
                <td className="px-2 py-1.5 whitespace-nowrap">
                  <VerdictLabel verdict={hop.verdict} className="text-xs" />
                </td>
                <td className="px-2 py-1.5 text-xs [overflow-wrap:anywhere]">{decidedByText(hop)}</td>
                <td className="hidden px-2 py-1.5 text-xs text-slate-700 md:table-cell dark:text-slate-300">{text(hop.summary, hop.summaryMessage)}</td>
                <td className="px-2 py-1.5 text-right text-xs tabular-nums">{hop.fixes.length}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}
