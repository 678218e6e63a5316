import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';

import { getEnv, isDiagnosisListEnabled } from '@/lib/env';
import { savedDiagnosisListQuerySchema, type SavedDiagnosisListQuery } from '@/lib/schemas/saved-diagnosis';
import { getDiagnosisStore } from '@/lib/store/diagnosis-store';

import { AppHeader } from '@/components/app-header';
import { SavedDiagnosisFilters } from '@/components/saved/saved-diagnosis-filters';
import { SavedDiagnosisTable } from '@/components/saved/saved-diagnosis-table';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Saved diagnoses · ACS Egress Doctor' };

type SearchParams = Record<string, string | string[] | undefined>;

/** The first value of a parameter given once or repeated; empty filter fields (the form sends `cluster=`) mean "any". */
function firstValue(value: string | string[] | undefined): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return first === '' ? undefined : first;
}

/**
 * The page's query: a filter that is not valid is dropped, and the limit is clamped to 1–200
 * (a page answers what it can; the API answers 400 instead).
 */
function pageQuery(params: SearchParams): SavedDiagnosisListQuery {
  const field = (key: 'cluster' | 'namespace') => savedDiagnosisListQuerySchema.shape[key].safeParse(firstValue(params[key])).data;
  const limit = Number.parseInt(firstValue(params.limit) ?? '', 10);
  return { cluster: field('cluster'), namespace: field('namespace'), limit: Number.isNaN(limit) ? 50 : Math.min(200, Math.max(1, limit)) };
}

/** Recent saved diagnoses, newest first, filtered by `?cluster=&namespace=`; a notice instead while the list is off. */
export default async function SavedDiagnosesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const t = await getTranslations();
  const query = pageQuery(await searchParams);
  const enabled = isDiagnosisListEnabled(getEnv());
  const diagnoses = enabled ? await getDiagnosisStore().list(query) : [];
  return (
    <>
      <AppHeader />
      <main className="mx-auto max-w-7xl space-y-4 p-3 sm:p-4">
        <h1 className="text-lg font-semibold">{t('savedList.title')}</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">{t('savedList.intro')}</p>
        {enabled ? (
          <>
            <SavedDiagnosisFilters cluster={query.cluster} namespace={query.namespace} />
            <SavedDiagnosisTable diagnoses={diagnoses} />
          </>
        ) : (
          <p role="status" className="rounded border border-slate-300 p-3 text-sm dark:border-slate-700">
            {t('savedList.listOff', { requireIdentity: 'EGRESS_DOCTOR_REQUIRE_IDENTITY', listDiagnoses: 'EGRESS_DOCTOR_LIST_DIAGNOSES=true' })}
          </p>
        )}
      </main>
    </>
  );
}
