import Link from 'next/link';
import { useTranslations } from 'next-intl';

import { buttonVariants } from '@/components/ui/button';
import { Input } from '@/components/ui/input';

/** Cluster and namespace filters of the saved-diagnosis list: a plain GET form (query params). */
export function SavedDiagnosisFilters({ cluster, namespace }: { cluster?: string; namespace?: string }) {
  const t = useTranslations();
  return (
    <form method="get" action="/diagnoses" role="search" aria-label={t('savedList.filterLabel')} className="flex flex-wrap items-end gap-2">
      <label className="space-y-1 text-xs font-medium">
        <span>{t('savedList.cluster')}</span>
        <Input name="cluster" defaultValue={cluster ?? ''} placeholder={t('savedList.any')} className="w-48" />
      </label>
      <label className="space-y-1 text-xs font-medium">
        <span>{t('savedList.namespace')}</span>
        <Input name="namespace" defaultValue={namespace ?? ''} placeholder={t('savedList.any')} className="w-48" />
      </label>
      <button type="submit" className={buttonVariants({ variant: 'primary', size: 'md' })}>
        {t('savedList.filter')}
      </button>
      <Link href="/diagnoses" className={buttonVariants({ variant: 'ghost', size: 'md' })}>
        {t('savedList.clear')}
      </Link>
    </form>
  );
}
