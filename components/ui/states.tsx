import type { ReactNode } from 'react';

import { useTranslations } from 'next-intl';

import { cn } from '@/lib/cn';

import { Button } from './button';

/** A skeleton block that keeps the layout while data loads. */
export function Skeleton({ className }: { className?: string }) {
  return <div aria-hidden className={cn('animate-pulse rounded bg-slate-200 dark:bg-slate-800', className)} />;
}

/** An error message with an optional retry. */
export function ErrorNotice({ title, message, onRetry }: { title: string; message: ReactNode; onRetry?: () => void }) {
  const t = useTranslations();
  return (
    <div role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-900 dark:bg-red-950/50 dark:text-red-200">
      <p className="font-medium">{title}</p>
      <p className="mt-0.5">{message}</p>
      {onRetry ? (
        <Button variant="secondary" size="sm" className="mt-2" onClick={onRetry}>
          {t('errors.retry')}
        </Button>
      ) : null}
    </div>
  );
}

/** A warning listing sources that could not be read, shown beside the data. */
export function MissingSources({ errors }: { errors: Array<{ resource: string; message: string }> }) {
  const t = useTranslations();
  if (errors.length === 0) return null;
  return (
    <div role="status" className="rounded-md border border-amber-300 bg-amber-50 p-2.5 text-xs text-amber-900 dark:border-amber-900 dark:bg-amber-950/40 dark:text-amber-200">
      <p className="font-medium">{t('errors.missingFacts')}</p>
      <ul className="mt-1 list-disc pl-4">
        {errors.map((error) => (
          <li key={error.resource}>
            <span data-verbatim className="font-mono">{error.resource}</span>: <span data-verbatim>{error.message}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function EmptyState({ children }: { children: React.ReactNode }) {
  return <p className="px-4 py-6 text-center text-sm text-slate-500 dark:text-slate-400">{children}</p>;
}
