import type { Metadata } from 'next';

import { savedDiagnosisListQuerySchema } from '@/lib/schemas/saved-diagnosis';
import { getDiagnosisStore } from '@/lib/store/diagnosis-store';

import { AppHeader } from '@/components/app-header';
import { SavedDiagnosisFilters } from '@/components/saved/saved-diagnosis-filters';
import { SavedDiagnosisTable } from '@/components/saved/saved-diagnosis-table';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Saved diagnoses · ACS Egress Doctor' };

/** Empty filter fields (the form sends `cluster=`) mean "any". */
const emptyToUndefined = (value: unknown) => (value === '' ? undefined : value);

/** Recent saved diagnoses, newest first, filtered by `?cluster=&namespace=`. */
export default async function SavedDiagnosesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const query = savedDiagnosisListQuerySchema.parse({ cluster: emptyToUndefined(params.cluster), namespace: emptyToUndefined(params.namespace), limit: emptyToUndefined(params.limit) });
  const diagnoses = await getDiagnosisStore().list(query);
  return (
    <>
      <AppHeader />
      <main className="mx-auto max-w-7xl space-y-4 p-3 sm:p-4">
        <h1 className="text-lg font-semibold">Saved diagnoses</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">Every diagnosis is saved with the facts it read, newest first. Each link shows it as it was.</p>
        <SavedDiagnosisFilters cluster={query.cluster} namespace={query.namespace} />
        <SavedDiagnosisTable diagnoses={diagnoses} />
      </main>
    </>
  );
}
