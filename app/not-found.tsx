import Link from 'next/link';

import { AppHeader } from '@/components/app-header';

export default function NotFound() {
  return (
    <>
      <AppHeader />
      <main className="mx-auto max-w-xl p-8 text-center">
        <h1 className="text-xl font-semibold">Page not found</h1>
        <p className="mt-2 text-sm text-slate-600 dark:text-slate-300">There is nothing at this address.</p>
        <Link href="/" className="mt-4 inline-block text-sm text-sky-700 underline dark:text-sky-300">
          Back to the pod browser
        </Link>
      </main>
    </>
  );
}
