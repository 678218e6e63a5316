import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';

import { AppHeader } from '@/components/app-header';
import { NamespaceAudit } from '@/components/audit/namespace-audit';

/** The tab's title in the page's language. */
export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: `${t('namespaceAudit.pageTitle')} · ACS Egress Doctor` };
}

type SearchParams = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined): string | null => (Array.isArray(value) ? (value[0] ?? null) : (value ?? null)) || null;
const all = (value: string | string[] | undefined): string[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** `/namespaces?cluster=&namespace=&to=…`: the audit of a namespace (or all) toward one or more destinations. */
export default async function NamespacesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const t = await getTranslations();
  const params = await searchParams;
  return (
    <>
      <AppHeader />
      <main className="mx-auto max-w-7xl space-y-4 p-3 sm:p-4">
        <h1 className="text-lg font-semibold">{t('namespaceAudit.pageTitle')}</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">{t('namespaceAudit.pageIntro')}</p>
        <NamespaceAudit initial={{ cluster: first(params.cluster), namespace: first(params.namespace), destinations: all(params.to) }} />
      </main>
    </>
  );
}
