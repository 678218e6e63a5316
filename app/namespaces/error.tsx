'use client';

import { RouteError } from '@/components/ui/route-error';

export default function NamespacesError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <RouteError error={error} reset={reset} heading="The namespace audit could not be shown" title="Loading the audit page failed" back={{ href: '/', label: 'Back to the pod picker' }} />;
}
