import { Suspense } from 'react';

import { AppHeader } from '@/components/app-header';
import { HomeScreen } from '@/components/home/home-screen';

export default function HomePage() {
  return (
    <>
      <AppHeader />
      <main className="mx-auto max-w-7xl space-y-4 p-4">
        <h1 className="sr-only">Pick a source pod</h1>
        <Suspense>
          <HomeScreen />
        </Suspense>
      </main>
    </>
  );
}
