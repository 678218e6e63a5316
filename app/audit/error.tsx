'use client';

import { RouteError } from '@/components/ui/route-error';

export default function AuditError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <RouteError error={error} reset={reset} heading="The audit log could not be shown" title="Reading the audit log failed" back={{ href: '/', label: 'Back to the pod picker' }} />;
}
