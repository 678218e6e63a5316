import type { Metadata } from 'next';

import { AppHeader } from '@/components/app-header';
import { NamespaceAudit } from '@/components/audit/namespace-audit';
import { auditStrings } from '@/components/audit/strings';

export const metadata: Metadata = { title: `${auditStrings.pageTitle} · ACS Egress Doctor` };

type SearchParams = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined): string | null => (Array.isArray(value) ? (value[0] ?? null) : (value ?? null)) || null;
const all = (value: string | string[] | undefined): string[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** `/namespaces?cluster=&namespace=&to=…`: the audit of a namespace (or all) toward one or more destinations. */
export default async function NamespacesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  return (
    <>
      <AppHeader />
      <main className="mx-auto max-w-7xl space-y-4 p-3 sm:p-4">
        <h1 className="text-lg font-semibold">{auditStrings.pageTitle}</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">{auditStrings.pageIntro}</p>
        <NamespaceAudit initial={{ cluster: first(params.cluster), namespace: first(params.namespace), destinations: all(params.to) }} />
      </main>
    </>
  );
}
