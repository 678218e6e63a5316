'use client';

import Link from 'next/link';

import { ErrorNotice } from './states';

export interface RouteErrorProps {
  error: Error & { digest?: string };
  reset: () => void;
  /** The page's heading, e.g. "The audit log could not be shown". */
  heading: string;
  /** The notice's title, e.g. "Reading the audit log failed". */
  title: string;
  /** Where to go instead. */
  back: { href: string; label: string };
}

/** The body of a route segment's error.tsx: what failed, the server's reference, a retry, a way out. */
export function RouteError({ error, reset, heading, title, back }: RouteErrorProps) {
  return (
    <main className="mx-auto max-w-3xl space-y-3 p-4">
      <h1 className="text-lg font-semibold">{heading}</h1>
      <ErrorNotice title={title} message={error.digest ? `${error.message} (ref ${error.digest})` : error.message} onRetry={reset} />
      <Link href={back.href} className="text-sm text-sky-700 underline underline-offset-2 dark:text-sky-400">
        {back.label}
      </Link>
    </main>
  );
}
