'use client';

import { useTranslations } from 'next-intl';

import { RouteError } from '@/components/ui/route-error';

export default function NamespacesError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations();
  return <RouteError error={error} reset={reset} heading={t('errors.namespacesHeading')} title={t('errors.namespacesTitle')} back={{ href: '/', label: t('errors.backToPicker') }} />;
}
