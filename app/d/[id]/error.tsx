'use client';

import { useTranslations } from 'next-intl';

import { RouteError } from '@/components/ui/route-error';

export default function SavedDiagnosisError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations();
  return <RouteError error={error} reset={reset} heading={t('errors.savedDiagnosisHeading')} title={t('errors.savedDiagnosisTitle')} back={{ href: '/', label: t('errors.backToPicker') }} />;
}
