'use client';

import { useTranslations } from 'next-intl';

import { RouteError } from '@/components/ui/route-error';

export default function SavedDiagnosesError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations();
  return <RouteError error={error} reset={reset} heading={t('errors.savedHeading')} title={t('errors.savedTitle')} back={{ href: '/diagnoses', label: t('errors.showSaved') }} />;
}
