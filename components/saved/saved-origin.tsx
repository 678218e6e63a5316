import { useTranslations } from 'next-intl';

import type { DiagnosisOrigin } from '@/lib/schemas/saved-diagnosis';

import { formatSavedAt } from '@/components/diagnosis/format';

export interface SavedOriginProps {
  origin: DiagnosisOrigin;
  /** When the facts were read. */
  takenAt: string;
  expiresAt: string;
}

/** When and against which cluster and account a saved diagnosis was taken. */
export function SavedOrigin({ origin, takenAt, expiresAt }: SavedOriginProps) {
  const t = useTranslations();
  return (
    <dl aria-label={t('savedPage.originLabel')} className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-xs text-slate-600 sm:grid-cols-[auto_1fr_auto_1fr] dark:text-slate-400">
      <dt className="font-medium">{t('savedPage.taken')}</dt>
      <dd>
        <time dateTime={takenAt}>{formatSavedAt(takenAt)}</time>
      </dd>
      <dt className="font-medium">{t('savedPage.cluster')}</dt>
      <dd className="font-mono">
        {origin.cluster}
        {origin.clusterServer ? <span className="text-slate-500 dark:text-slate-400"> ({origin.clusterServer})</span> : null}
      </dd>
      <dt className="font-medium">{t('savedPage.region')}</dt>
      <dd className="font-mono">{origin.region ?? t('savedPage.regionUnknown')}</dd>
      <dt className="font-medium">{t('savedPage.account')}</dt>
      <dd className="font-mono">{origin.accountId ?? t('savedPage.accountNone')}</dd>
      <dt className="font-medium">{t('savedPage.expires')}</dt>
      <dd>
        <time dateTime={expiresAt}>{formatSavedAt(expiresAt)}</time>
      </dd>
    </dl>
  );
}
