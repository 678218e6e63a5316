import Link from 'next/link';
import { useTranslations } from 'next-intl';

import { AppHeader } from '@/components/app-header';

export default function NotFound() {
  const t = useTranslations();
  return (
    <>
      <AppHeader />
      <main className="mx-auto max-w-xl p-8 text-center">
        <h1 className="text-xl font-semibold">{t('errors.notFoundTitle')}</h1>
        <p className="mt-2 text-sm text-slate-600 dark:text-slate-300">{t('errors.notFoundBody')}</p>
        <Link href="/" className="mt-4 inline-block text-sm text-sky-700 underline dark:text-sky-300">
          {t('errors.backToBrowser')}
        </Link>
      </main>
    </>
  );
}
