'use client';

import { useTransition } from 'react';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';

import { LOCALE_COOKIE, LOCALE_NAMES, LOCALES, isLocale } from '@/lib/i18n/locales';

import { usePageLocale } from './use-text';

/**
 * The language menu of the header. The choice is a cookie (a year, the whole site) and the
 * page re-renders in place: same URL, same diagnosis.
 */
export function LocaleSwitcher() {
  const t = useTranslations();
  const locale = usePageLocale();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <label className="flex items-center gap-1.5 text-xs text-slate-600 dark:text-slate-300">
      <span className="sr-only">{t('header.language')}</span>
      {/* An icon drawn here, not the 🌐 emoji: a machine without an emoji font shows that as an empty box. */}
      <svg aria-hidden viewBox="0 0 16 16" className="size-3.5" fill="none" stroke="currentColor" strokeWidth="1.3">
        <circle cx="8" cy="8" r="6.5" />
        <path d="M1.5 8h13M8 1.5c-2.2 2.4-2.2 10.6 0 13M8 1.5c2.2 2.4 2.2 10.6 0 13" />
      </svg>
      <select
        value={locale}
        disabled={pending}
        aria-label={t('header.language')}
        onChange={(event) => {
          const next = event.target.value;
          if (!isLocale(next)) return;
          document.cookie = `${LOCALE_COOKIE}=${next}; path=/; max-age=31536000; samesite=lax`;
          startTransition(() => router.refresh());
        }}
        className="rounded border border-slate-300 bg-white px-1 py-0.5 text-xs text-slate-800 focus-visible:outline-2 focus-visible:outline-sky-600 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
      >
        {LOCALES.map((code) => (
          <option key={code} value={code} lang={code}>
            {LOCALE_NAMES[code]}
          </option>
        ))}
      </select>
    </label>
  );
}
