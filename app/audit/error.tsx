'use client';

import Link from 'next/link';

import { ErrorNotice } from '@/components/ui/states';

export default function AuditError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="mx-auto max-w-3xl space-y-3 p-4">
      <h1 className="text-lg font-semibold">The audit log could not be shown</h1>
      <ErrorNotice title="Reading the audit log failed" message={error.digest ? `${error.message} (ref ${error.digest})` : error.message} onRetry={reset} />
      <Link href="/" className="text-sm text-sky-700 underline underline-offset-2 dark:text-sky-400">
        Back to the pod picker
      </Link>
    </main>
  );
}
