import Link from 'next/link';
import { useTranslations } from 'next-intl';

import type { WhatIfResponse } from '@/lib/schemas/what-if';

import { Badge } from '@/components/ui/badge';

import { useText } from '@/components/i18n/use-text';

const verdictTone = { reachable: 'pass', blocked: 'block', unknown: 'unknown' } as const;
const changeTone = { added: 'pass', removed: 'block', changed: 'warn' } as const;

/** The hypothetical verdict, what changed against the diagnosis, and the fixes that make the edits. */
export function WhatIfResult({ result }: { result: WhatIfResponse }) {
  const t = useTranslations();
  const text = useText();
  const { diagnosis } = result;
  return (
    <section aria-label={t('whatIf.result')} className="space-y-2 rounded-md border border-dashed border-amber-500 p-3 text-sm">
      <p role="status" className="font-semibold text-amber-800 dark:text-amber-300">
        {t('whatIf.banner')}
      </p>
      <p>
        {t('whatIf.verdict')}:{' '}
        <Badge tone={verdictTone[diagnosis.verdict]} aria-label={t('whatIf.hypotheticalVerdict', { verdict: t('savedList.verdictWord', { verdict: diagnosis.verdict }) })}>
          {diagnosis.blockingHop ? t('savedList.verdictAt', { verdict: diagnosis.verdict, hop: t(`hops.${diagnosis.blockingHop}`) }) : t('savedList.verdictWord', { verdict: diagnosis.verdict })}
        </Badge>{' '}
        <span className="text-xs text-slate-600 dark:text-slate-400">({t('whatIf.evaluatedIn', { ms: result.evaluationMs.toFixed(1) })})</span>
      </p>
      <h4 className="text-xs font-semibold">{t('whatIf.changes')}</h4>
      {result.changes.length === 0 ? (
        <p>{t('whatIf.noChanges')}</p>
      ) : (
        <ul aria-label={t('whatIf.changes')} className="space-y-1">
          {result.changes.map((change) => (
            <li key={`${change.scope}-${change.message}`} className="flex items-start gap-2">
              <Badge tone={changeTone[change.change]}>{t('whatIf.change', { change: change.change })}</Badge>
              {/* NOTE: the change's sentence is the server's (English): shown as it is. */}
              <span data-verbatim>{change.message}</span>
            </li>
          ))}
        </ul>
      )}
      {result.fixes.length > 0 ? (
        <>
          <h4 className="text-xs font-semibold">{t('whatIf.fixes')}</h4>
          <p className="text-xs text-slate-600 dark:text-slate-400">{t('whatIf.fixesIntro')}</p>
          <ul className="list-disc pl-5">
            {result.fixes.map((link) => (
              <li key={`${link.edit}-${link.fixId}`}>
                <Link href={link.href} className="text-sky-700 underline underline-offset-2 dark:text-sky-400">
                  {text(link.title, link.titleMessage)}
                </Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {diagnosis.id ? (
        <p>
          {t('whatIf.saved')}{' '}
          <Link href={`/d/${diagnosis.id}`} className="font-medium text-sky-700 underline underline-offset-2 dark:text-sky-400">
            /d/{diagnosis.id}
          </Link>
        </p>
      ) : null}
    </section>
  );
}
