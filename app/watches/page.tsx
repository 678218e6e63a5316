import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';

import { getEnv, isDiagnosisListEnabled } from '@/lib/env';
import { watchListSchema } from '@/lib/schemas/watch';
import { ensureWatchScheduler, WATCH_HISTORY_LIMIT } from '@/lib/watch/watch-service';
import { getWatchStore } from '@/lib/watch/watch-store';

import { AppHeader } from '@/components/app-header';
import { WatchListView } from '@/components/watches/watch-list';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Watches · ACS Egress Doctor' };

/** Every watch with its history; a notice instead while the list of saved diagnoses is off (it names share links). */
export default async function WatchesPage() {
  const t = await getTranslations();
  ensureWatchScheduler();
  const enabled = isDiagnosisListEnabled(getEnv());
  const store = getWatchStore();
  const watches = enabled ? await Promise.all((await store.list(100)).map(async (watch) => ({ ...watch, events: await store.events(watch.id, WATCH_HISTORY_LIMIT) }))) : [];
  return (
    <>
      <AppHeader />
      <main className="mx-auto max-w-7xl space-y-4 p-3 sm:p-4">
        <h1 className="text-lg font-semibold">{t('watchesPage.pageTitle')}</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">{t('watchesPage.pageIntro')}</p>
        {enabled ? (
          <WatchListView watches={watchListSchema.parse({ watches }).watches} />
        ) : (
          <p role="status" className="rounded border border-slate-300 p-3 text-sm dark:border-slate-700">
            {t('watchesPage.listDisabled', { listDiagnoses: 'EGRESS_DOCTOR_LIST_DIAGNOSES=true' })}
          </p>
        )}
      </main>
    </>
  );
}
