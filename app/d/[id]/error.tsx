'use client';

import { RouteError } from '@/components/ui/route-error';

export default function SavedDiagnosisError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <RouteError error={error} reset={reset} heading="This saved diagnosis could not be shown" title="Reading the saved diagnosis failed" back={{ href: '/', label: 'Back to the pod picker' }} />;
}
