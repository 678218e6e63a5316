import type { Metadata } from 'next';
import Link from 'next/link';

import { AppHeader } from '@/components/app-header';
import { Card } from '@/components/ui/card';

import { DiagnoseScreen } from './_components/diagnose-screen';
import { parseRequestParams } from './_components/request-params';

export const metadata: Metadata = { title: 'Diagnosis · ACS Egress Doctor' };

export default async function DiagnosePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const result = parseRequestParams(await searchParams);
  return (
    <>
      <AppHeader />
      <main className="mx-auto max-w-7xl space-y-4 p-3 sm:p-4">
        <h1 className="sr-only">Egress diagnosis</h1>
        {result.ok ? (
          <DiagnoseScreen key={JSON.stringify(result.request)} request={result.request} />
        ) : (
          <Card role="alert" className="space-y-2 p-4 text-sm">
            <p className="font-semibold">This diagnosis link is incomplete</p>
            <ul className="list-disc pl-5 text-slate-700 dark:text-slate-300">
              {result.problems.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
            <p>
              A diagnosis URL looks like <code className="font-mono text-xs">/diagnose?cluster=…&amp;namespace=…&amp;pod=…&amp;to=api.example.com&amp;port=443&amp;protocol=tcp</code>.{' '}
              <Link href="/" className="font-medium text-sky-700 underline underline-offset-2 dark:text-sky-400">
                Pick a pod and a destination on the home page
              </Link>
              .
            </p>
          </Card>
        )}
      </main>
    </>
  );
}
