import Link from 'next/link';

import { buttonVariants } from '@/components/ui/button';
import { Input } from '@/components/ui/input';

/** Cluster and namespace filters of the saved-diagnosis list: a plain GET form (query params). */
export function SavedDiagnosisFilters({ cluster, namespace }: { cluster?: string; namespace?: string }) {
  return (
    <form method="get" action="/diagnoses" role="search" aria-label="Filter saved diagnoses" className="flex flex-wrap items-end gap-2">
      <label className="space-y-1 text-xs font-medium">
        <span>Cluster</span>
        <Input name="cluster" defaultValue={cluster ?? ''} placeholder="any" className="w-48" />
      </label>
      <label className="space-y-1 text-xs font-medium">
        <span>Namespace</span>
        <Input name="namespace" defaultValue={namespace ?? ''} placeholder="any" className="w-48" />
      </label>
      <button type="submit" className={buttonVariants({ variant: 'primary', size: 'md' })}>
        Filter
      </button>
      <Link href="/diagnoses" className={buttonVariants({ variant: 'ghost', size: 'md' })}>
        Clear
      </Link>
    </form>
  );
}
