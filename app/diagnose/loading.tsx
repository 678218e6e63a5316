import { AppHeader } from '@/components/app-header';
import { Skeleton } from '@/components/ui/states';

export default function DiagnoseLoading() {
  return (
    <>
      <AppHeader />
      <main className="mx-auto max-w-7xl space-y-4 p-3 sm:p-4" aria-busy="true">
        <p className="sr-only">Loading the diagnosis…</p>
        <Skeleton className="h-[118px] w-full rounded-lg" />
        <Skeleton className="h-[84px] w-full rounded-lg" />
        <Skeleton className="h-[300px] w-full rounded-lg" />
      </main>
    </>
  );
}
