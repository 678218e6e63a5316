import { useCallback } from 'react';

import { useLocale } from 'next-intl';

import { catalogFor } from '@/lib/i18n/catalogs';
import { DEFAULT_LOCALE, isLocale, type Locale } from '@/lib/i18n/locales';
import { renderText } from '@/lib/i18n/sentences';
import type { MessageView } from '@/lib/schemas/diagnosis';

/** The page's locale (English when next-intl reports one we do not serve). */
export function usePageLocale(): Locale {
  const locale = useLocale();
  return isLocale(locale) ? locale : DEFAULT_LOCALE;
}

/**
 * Renders a sentence of a diagnosis in the page's language: its message when it has one that
 * still says its English text, else the English text (older saved diagnoses, hops not converted yet).
 */
export function useText(): (text: string, message?: MessageView | null) => string {
  const locale = usePageLocale();
  return useCallback((text: string, message?: MessageView | null) => renderText(locale, text, message), [locale]);
}

/** A column header or cell word of an evidence table (`yes`, `next hop`) in the page's language; anything else as it is. */
export function useTerm(): (word: string) => string {
  const locale = usePageLocale();
  return useCallback(
    (word: string) => {
      const terms = catalogFor(locale).terms;
      const translated = typeof terms === 'object' ? terms[word] : undefined;
      return typeof translated === 'string' ? translated : word;
    },
    [locale],
  );
}
