import type { Metadata } from 'next';
import { useTranslations } from 'next-intl';

import { AppHeader } from '@/components/app-header';
import { Card, CardHeader, CardTitle } from '@/components/ui/card';
import { AuditLog } from '@/components/fix-apply/audit-log';

export const metadata: Metadata = { title: 'Audit log · ACS Egress Doctor' };

export default function AuditPage() {
  const t = useTranslations();
  return (
    <>
      <AppHeader />
      <main className="mx-auto max-w-7xl space-y-4 p-3 sm:p-4">
        <h1 className="text-lg font-semibold">{t('auditLog.title')}</h1>
        <Card>
          <CardHeader>
            <CardTitle>{t('auditLog.cardTitle')}</CardTitle>
          </CardHeader>
          <AuditLog />
        </Card>
      </main>
    </>
  );
}
