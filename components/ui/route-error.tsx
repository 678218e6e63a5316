'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';

import { withSlot } from '@/components/i18n/slot';

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
  const t = useTranslations();
  // The error's own text is the server's (English, or Next.js's generic production message): shown as it is.
  const message = <span data-verbatim>{error.message}</span>;
  return (
    <main className="mx-auto max-w-3xl space-y-3 p-4">
      <h1 className="text-lg font-semibold">{heading}</h1>
      <ErrorNotice title={title} message={error.digest ? withSlot((slot) => t('errors.withRef', { message: slot, digest: error.digest ?? '' }), message) : message} onRetry={reset} />
      <Link href={back.href} className="text-sm text-sky-700 underline underline-offset-2 dark:text-sky-400">
        {back.label}
      </Link>
    </main>
  );
}
