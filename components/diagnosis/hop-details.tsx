import { useTranslations } from 'next-intl';

import { errorsOfHop } from '@/lib/fixes/grants';
import { intentMessage, intentSentence } from '@/lib/fixes/intent';
import { verifyCommands } from '@/lib/fixes/verify';
import type { DiagnosisView, HopView } from '@/lib/schemas/diagnosis';

import { Card, CardHeader, CardTitle } from '@/components/ui/card';
import { useText } from '@/components/i18n/use-text';
import { VerdictLabel } from '@/components/path-graph/verdict';

import { EvidenceTable } from './evidence-table';
import { FactRefChip } from './fact-ref';
import { FixCard } from './fix-card';
import { UnknownHelp } from './unknown-help';

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="space-y-1.5">
      <h3 className="text-[11px] font-semibold tracking-wide text-slate-500 uppercase dark:text-slate-400">{title}</h3>
      {children}
    </section>
  );
}

export interface HopDetailsProps {
  hop: HopView;
  /** True for the first blocking hop. */
  blocking: boolean;
  /** Region for console links, null when unknown. */
  region: string | null;
  /** What was asked (for the checks the fixes carry), and the facts that could not be read. */
  diagnosis?: Pick<DiagnosisView, 'request' | 'errors'>;
}

/** Everything one hop read and decided: summary, reason, facts, evaluated tables, notes and fixes. */
export function HopDetails({ hop, blocking, region, diagnosis }: HopDetailsProps) {
  const t = useTranslations();
  const text = useText();
  const { evidence } = hop;
  const checks = diagnosis ? verifyCommands(diagnosis.request, hop.kind) : [];
  // An undecided hop's error is said once: by the summary, or by the help naming the failed read.
  const explained = hop.verdict === 'unknown' && diagnosis !== undefined && errorsOfHop(hop, diagnosis.errors).length > 0;
  const reasonShown = hop.reason !== null && !hop.summary.includes(hop.reason) && !explained;
  return (
    <Card aria-labelledby="hop-details-title" data-testid="hop-details" data-hop={hop.kind}>
      <CardHeader>
        <CardTitle id="hop-details-title">
          {t(`hops.${hop.kind}`)} <span className="font-normal text-slate-500 dark:text-slate-400">· {t('hopDetails.suffix')}</span>
        </CardTitle>
        <span className="flex items-center gap-2">
          {blocking ? <span className="rounded bg-red-600 px-1.5 py-px text-[10px] font-bold text-white uppercase">{t('hopDetails.blocksHere')}</span> : null}
          <VerdictLabel verdict={hop.verdict} />
        </span>
      </CardHeader>
      <div className="space-y-4 p-4">
        <div className="space-y-1">
          <p className="text-sm font-medium">{text(hop.summary, hop.summaryMessage)}</p>
          {reasonShown && hop.reason !== null ? <p className="text-xs text-slate-600 dark:text-slate-300">{t('hopDetails.reason', { reason: text(hop.reason, hop.reasonMessage) })}</p> : null}
        </div>
        {evidence.intent ? (
          <p role="note" className="rounded border border-sky-300 bg-sky-50 px-2.5 py-1.5 text-xs text-sky-950 dark:border-sky-800 dark:bg-sky-950/50 dark:text-sky-100">
            {text(intentSentence(evidence.intent), intentMessage(evidence.intent))} {t('hopDetails.intentTrailer')}
          </p>
        ) : null}
        {hop.verdict === 'unknown' && diagnosis ? <UnknownHelp hop={hop} diagnosis={diagnosis} region={region} /> : null}
        {evidence.decidedBy ? (
          <Section title={t('hopDetails.decidedBy')}>
            <FactRefChip fact={evidence.decidedBy} region={region} className="border-sky-300 bg-sky-50 dark:border-sky-800 dark:bg-sky-950/50" />
          </Section>
        ) : null}
        {evidence.facts.length > 0 ? (
          <Section title={t('hopDetails.factsRead', { count: String(evidence.facts.length) })}>
            <ul className="flex flex-wrap gap-1.5">
              {evidence.facts.map((fact) => (
                <li key={`${fact.kind}:${fact.id}`} className="max-w-full">
                  <FactRefChip fact={fact} region={region} />
                </li>
              ))}
            </ul>
          </Section>
        ) : null}
        {evidence.tables.map((table) => (
          <EvidenceTable key={table.title} table={table} />
        ))}
        {evidence.notes.length > 0 ? (
          <Section title={t('hopDetails.notes')}>
            <ul className="list-disc space-y-0.5 pl-4 text-xs text-slate-700 dark:text-slate-300">
              {evidence.notes.map((note, index) => (
                <li key={note}>{text(note, evidence.noteMessages?.[index])}</li>
              ))}
            </ul>
          </Section>
        ) : null}
        {hop.fixes.length > 0 ? (
          <Section title={t('hopDetails.fixes', { count: String(hop.fixes.length) })}>
            <div className="space-y-3">
              {hop.fixes.map((fix) => (
                <FixCard key={fix.id} fix={fix} region={region} checks={checks} />
              ))}
            </div>
          </Section>
        ) : hop.verdict === 'block' ? (
          <p className="text-xs text-slate-500 dark:text-slate-400">{t('hopDetails.noFix')}</p>
        ) : null}
      </div>
    </Card>
  );
}
