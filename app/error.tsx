'use client';

import { useTranslations } from 'next-intl';

import { Button } from '@/components/ui/button';
import { withSlot } from '@/components/i18n/slot';

export default function RootError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations();
  return (
    <main className="mx-auto max-w-xl p-8">
      <div role="alert" className="rounded-md border border-red-300 bg-red-50 p-4 text-sm text-red-900 dark:border-red-900 dark:bg-red-950/50 dark:text-red-200">
        <h1 className="font-semibold">{t('errors.pageFailed')}</h1>
        <p className="mt-1">
          {error.digest ? withSlot((slot) => t('errors.logged', { digest: slot }), <span data-verbatim className="font-mono">{error.digest}</span>) : <span data-verbatim>{error.message}</span>}
        </p>
        <Button variant="secondary" size="sm" className="mt-3" onClick={reset}>
          {t('errors.tryAgain')}
        </Button>
      </div>
    </main>
  );
}
