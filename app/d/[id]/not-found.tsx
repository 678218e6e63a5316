import Link from 'next/link';
import { useTranslations } from 'next-intl';

import { AppHeader } from '@/components/app-header';
import { Card } from '@/components/ui/card';

export default function SavedDiagnosisNotFound() {
  const t = useTranslations();
  return (
    <>
      <AppHeader />
      <main className="mx-auto max-w-3xl p-4">
        <Card className="space-y-2 p-4 text-sm">
          <h1 className="text-base font-semibold">{t('errors.noSavedTitle')}</h1>
          <p className="text-slate-700 dark:text-slate-300">{t('errors.noSavedBody')}</p>
          <Link href="/" className="font-medium text-sky-700 underline underline-offset-2 dark:text-sky-400">
            {t('errors.runNew')}
          </Link>
        </Card>
      </main>
    </>
  );
}
