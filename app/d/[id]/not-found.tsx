import Link from 'next/link';

import { AppHeader } from '@/components/app-header';
import { Card } from '@/components/ui/card';

export default function SavedDiagnosisNotFound() {
  return (
    <>
      <AppHeader />
      <main className="mx-auto max-w-3xl p-4">
        <Card className="space-y-2 p-4 text-sm">
          <h1 className="text-base font-semibold">No saved diagnosis at this link</h1>
          <p className="text-slate-700 dark:text-slate-300">The link may be mistyped, or the diagnosis expired (saved diagnoses are kept for a limited time) or was removed from this dashboard&apos;s store.</p>
          <Link href="/" className="font-medium text-sky-700 underline underline-offset-2 dark:text-sky-400">
            Run a new diagnosis
          </Link>
        </Card>
      </main>
    </>
  );
}
