import { Suspense } from 'react';

import { useTranslations } from 'next-intl';

import { AppHeader } from '@/components/app-header';
import { HomeScreen } from '@/components/home/home-screen';

export default function HomePage() {
  const t = useTranslations();
  return (
    <>
      <AppHeader />
      <main className="mx-auto max-w-7xl space-y-4 p-4">
        <h1 className="sr-only">{t('home.title')}</h1>
        <Suspense>
          <HomeScreen />
        </Suspense>
      </main>
    </>
  );
}
