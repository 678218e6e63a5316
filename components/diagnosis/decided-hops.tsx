import { useTranslations } from 'next-intl';

import type { HopView } from '@/lib/schemas/diagnosis';

import { useText } from '@/components/i18n/use-text';
import { VerdictLabel } from '@/components/path-graph/verdict';

/** Hops already decided while the rest of the diagnosis runs (the cluster-side ones come first). */
export function DecidedHops({ hops }: { hops: HopView[] }) {
  const t = useTranslations();
  const text = useText();
  return (
    <section aria-labelledby="decided-hops-title" aria-live="polite">
      <h3 id="decided-hops-title" className="mb-2 text-sm font-semibold">
        {t('diagnoseForm.decidedSoFar')}
      </h3>
      {hops.length === 0 ? (
        <p className="text-xs text-slate-500 dark:text-slate-400">{t('diagnoseForm.decidedHint')}</p>
      ) : (
        <ul className="space-y-1.5">
          {hops.map((hop) => (
            <li key={hop.kind} data-testid={`early-hop-${hop.kind}`} data-verdict={hop.verdict} className="text-sm">
              <span className="font-medium">{t(`hops.${hop.kind}`)}</span> <VerdictLabel verdict={hop.verdict} />
              <span className="block truncate text-xs text-slate-600 dark:text-slate-300">{text(hop.summary, hop.summaryMessage)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
