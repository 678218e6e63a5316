'use client';

import { RouteError } from '@/components/ui/route-error';

export default function WatchesError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <RouteError error={error} reset={reset} heading="The watches could not be listed" title="Reading the watches failed" back={{ href: '/watches', label: 'Show the watches' }} />;
}
