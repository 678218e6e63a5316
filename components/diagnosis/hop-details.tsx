import { HOP_LABELS } from '@/lib/analysis/graph';
import { errorsOfHop } from '@/lib/fixes/grants';
import { intentSentence } from '@/lib/fixes/intent';
import { verifyCommands } from '@/lib/fixes/verify';
import type { DiagnosisView, HopView } from '@/lib/schemas/diagnosis';

import { Card, CardHeader, CardTitle } from '@/components/ui/card';
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
  const { evidence } = hop;
  const checks = diagnosis ? verifyCommands(diagnosis.request, hop.kind) : [];
  // An undecided hop's error is said once: by the summary, or by the help naming the failed read.
  const explained = hop.verdict === 'unknown' && diagnosis !== undefined && errorsOfHop(hop, diagnosis.errors).length > 0;
  const reasonShown = hop.reason !== null && !hop.summary.includes(hop.reason) && !explained;
  return (
    <Card aria-labelledby="hop-details-title" data-testid="hop-details" data-hop={hop.kind}>
      <CardHeader>
        <CardTitle id="hop-details-title">
          {HOP_LABELS[hop.kind]} <span className="font-normal text-slate-500 dark:text-slate-400">· hop details</span>
        </CardTitle>
        <span className="flex items-center gap-2">
          {blocking ? <span className="rounded bg-red-600 px-1.5 py-px text-[10px] font-bold text-white uppercase">Blocks here</span> : null}
          <VerdictLabel verdict={hop.verdict} />
        </span>
      </CardHeader>
      <div className="space-y-4 p-4">
        <div className="space-y-1">
          <p className="text-sm font-medium">{hop.summary}</p>
          {reasonShown ? <p className="text-xs text-slate-600 dark:text-slate-300">Reason: {hop.reason}</p> : null}
        </div>
        {evidence.intent ? (
          <p role="note" className="rounded border border-sky-300 bg-sky-50 px-2.5 py-1.5 text-xs text-sky-950 dark:border-sky-800 dark:bg-sky-950/50 dark:text-sky-100">
            {intentSentence(evidence.intent)} The option that respects it comes first; removing or bypassing it is an exception.
          </p>
        ) : null}
        {hop.verdict === 'unknown' && diagnosis ? <UnknownHelp hop={hop} diagnosis={diagnosis} region={region} /> : null}
        {evidence.decidedBy ? (
          <Section title="Decided by">
            <FactRefChip fact={evidence.decidedBy} region={region} className="border-sky-300 bg-sky-50 dark:border-sky-800 dark:bg-sky-950/50" />
          </Section>
        ) : null}
        {evidence.facts.length > 0 ? (
          <Section title={`Facts read (${evidence.facts.length})`}>
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
          <Section title="Notes">
            <ul className="list-disc space-y-0.5 pl-4 text-xs text-slate-700 dark:text-slate-300">
              {evidence.notes.map((note) => (
                <li key={note}>{note}</li>
              ))}
            </ul>
          </Section>
        ) : null}
        {hop.fixes.length > 0 ? (
          <Section title={`Fixes (${hop.fixes.length})`}>
            <div className="space-y-3">
              {hop.fixes.map((fix) => (
                <FixCard key={fix.id} fix={fix} region={region} checks={checks} />
              ))}
            </div>
          </Section>
        ) : hop.verdict === 'block' ? (
          <p className="text-xs text-slate-500 dark:text-slate-400">No automatic fix for this hop; the evidence above names what to change.</p>
        ) : null}
      </div>
    </Card>
  );
}
