'use client';

import { RouteError } from '@/components/ui/route-error';

export default function DiagnoseError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <RouteError error={error} reset={reset} heading="The diagnosis page failed" title="Something went wrong while showing this diagnosis" back={{ href: '/', label: 'Back to the pod picker' }} />;
}
