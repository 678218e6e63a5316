import Link from 'next/link';
import { useTranslations } from 'next-intl';

import type { WhatIfOrigin } from '@/lib/schemas/what-if';

import { EditLine } from './edit-line';

/** The banner of a saved what-if: it is a hypothetical, which diagnosis it edits, and how. */
export function HypotheticalBanner({ whatIf }: { whatIf: WhatIfOrigin }) {
  const t = useTranslations();
  return (
    <section role="status" aria-label={t('whatIf.banner')} className="space-y-1 rounded-md border-2 border-dashed border-amber-500 bg-amber-50 p-3 text-sm dark:bg-amber-950/40">
      <p className="font-semibold text-amber-900 dark:text-amber-200">{t('whatIf.banner')}</p>
      <p>
        {t('whatIf.bannerOf')}{' '}
        <Link href={`/d/${whatIf.baseId}`} className="font-medium text-sky-700 underline underline-offset-2 dark:text-sky-400">
          {t('whatIf.bannerDiagnosis', { id: whatIf.baseId })}
        </Link>
        , {t('whatIf.bannerEdits')}
      </p>
      <ol className="list-decimal pl-5 font-mono text-xs">
        {whatIf.edits.map((edit, index) => (
          <li key={`${index}-${edit.kind}`}>
            <EditLine edit={edit} />
          </li>
        ))}
      </ol>
    </section>
  );
}
