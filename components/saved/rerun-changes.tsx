import Link from 'next/link';

import { useTranslations } from 'next-intl';

import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';

import type { DiagnosisSwitch } from './rerun';

const changeTone = { added: 'pass', removed: 'block', changed: 'warn' } as const;

const TITLE = { rerun: 'savedPage.switchRerun', apply: 'savedPage.switchApply', undo: 'savedPage.switchUndo' } as const;
const REGION = { rerun: 'savedPage.regionRerun', apply: 'savedPage.regionApply', undo: 'savedPage.regionUndo' } as const;

/**
 * What the switch to a new diagnosis found (a re-run, or the re-run after a fix applied or
 * undone): "no changes" or the list of changes, and a link back to the previous diagnosis.
 */
export function RerunChanges({ result, actions }: { result: DiagnosisSwitch; actions?: React.ReactNode }) {
  const t = useTranslations();
  const { diagnosis, changes, previousId, cause } = result;
  const outcome = diagnosis.blockingHop ? t('savedPage.outcomeBlockedAt', { hop: t(`hops.${diagnosis.blockingHop}`) }) : t('savedPage.outcome', { verdict: diagnosis.verdict });
  return (
    <Card className="space-y-2 p-3 text-sm" role="region" aria-label={t(REGION[cause])} data-testid="switch-result" data-cause={cause}>
      <h2 className="font-semibold">{t(TITLE[cause], { outcome })}</h2>
      {changes.length === 0 ? (
        <p>{t('savedPage.noChanges')}</p>
      ) : (
        <ul aria-label={t('savedPage.changesLabel')} className="space-y-1">
          {changes.map((change) => (
            <li key={`${change.scope}-${change.message}`} className="flex items-start gap-2">
              <Badge tone={changeTone[change.change]}>{t('savedPage.change', { change: change.change })}</Badge>
              <span>{change.message}</span>
            </li>
          ))}
        </ul>
      )}
      <div className="flex flex-wrap items-center gap-2 text-xs text-slate-600 dark:text-slate-400">
        <p>
          {t('savedPage.nowShows')}{' '}
          {previousId ? (
            <Link href={`/d/${previousId}`} className="font-medium text-sky-700 underline underline-offset-2 dark:text-sky-400">
              {t('savedPage.backToPrevious')}
            </Link>
          ) : null}
        </p>
        {actions}
      </div>
    </Card>
  );
}
