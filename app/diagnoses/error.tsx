'use client';

import { RouteError } from '@/components/ui/route-error';

export default function SavedDiagnosesError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <RouteError error={error} reset={reset} heading="The saved diagnoses could not be listed" title="Reading the saved diagnoses failed" back={{ href: '/diagnoses', label: 'Show all saved diagnoses' }} />;
}
