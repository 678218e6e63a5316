'use client';

import Link from 'next/link';

import { ErrorNotice } from '@/components/ui/states';

export default function SavedDiagnosesError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="mx-auto max-w-3xl space-y-3 p-4">
      <h1 className="text-lg font-semibold">The saved diagnoses could not be listed</h1>
      <ErrorNotice title="Reading the saved diagnoses failed" message={error.digest ? `${error.message} (ref ${error.digest})` : error.message} onRetry={reset} />
      <Link href="/diagnoses" className="text-sm text-sky-700 underline underline-offset-2 dark:text-sky-400">
        Show all saved diagnoses
      </Link>
    </main>
  );
}
