import Link from 'next/link';
import { useTranslations } from 'next-intl';

import { LocaleSwitcher } from '@/components/i18n/locale-switcher';

/** The top bar shown on every page, with the language menu. */
export function AppHeader() {
  const t = useTranslations();
  return (
    <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <div className="mx-auto flex h-12 max-w-7xl items-center gap-3 px-4">
        <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight focus-visible:outline-2 focus-visible:outline-sky-600">
          <span aria-hidden className="grid size-6 place-items-center rounded bg-sky-700 text-xs text-white">E</span>
          <span data-verbatim>ACS Egress Doctor</span>
        </Link>
        <span className="hidden text-xs text-slate-500 sm:inline dark:text-slate-400">{t('header.tagline')}</span>
        <nav aria-label={t('header.nav')} className="ml-auto flex items-center gap-4 text-sm">
          <Link href="/diagnoses" className="text-slate-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-sky-600 dark:text-slate-200">
            {t('header.saved')}
          </Link>
          <Link href="/namespaces" className="text-slate-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-sky-600 dark:text-slate-200">
            {t('navigation.namespaceAudit')}
          </Link>
          <Link href="/watches" className="text-slate-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-sky-600 dark:text-slate-200">
            {t('navigation.watches')}
          </Link>
          <Link href="/audit" className="text-slate-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-sky-600 dark:text-slate-200">
            {t('header.audit')}
          </Link>
          <LocaleSwitcher />
        </nav>
      </div>
    </header>
  );
}
