import type { Metadata } from 'next';

import { AppHeader } from '@/components/app-header';
import { Card, CardHeader, CardTitle } from '@/components/ui/card';
import { AuditLog } from '@/components/fix-apply/audit-log';

export const metadata: Metadata = { title: 'Audit log · ACS Egress Doctor' };

export default function AuditPage() {
  return (
    <>
      <AppHeader />
      <main className="mx-auto max-w-7xl space-y-4 p-3 sm:p-4">
        <h1 className="text-lg font-semibold">Audit log</h1>
        <Card>
          <CardHeader>
            <CardTitle>Fixes applied from this dashboard, and their undos</CardTitle>
          </CardHeader>
          <AuditLog />
        </Card>
      </main>
    </>
  );
}
