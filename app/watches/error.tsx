'use client';

import { useTranslations } from 'next-intl';

import { RouteError } from '@/components/ui/route-error';

export default function WatchesError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations();
  return <RouteError error={error} reset={reset} heading={t('errors.watchesHeading')} title={t('errors.watchesTitle')} back={{ href: '/watches', label: t('errors.showWatches') }} />;
}
