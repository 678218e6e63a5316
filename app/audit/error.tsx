'use client';

import { useTranslations } from 'next-intl';

import { RouteError } from '@/components/ui/route-error';

export default function AuditError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations();
  return <RouteError error={error} reset={reset} heading={t('errors.auditHeading')} title={t('errors.auditTitle')} back={{ href: '/', label: t('errors.backToPicker') }} />;
}
