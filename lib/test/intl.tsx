/** Test helper: render a component inside next-intl's provider, in English unless told. */
import { render, type RenderResult } from '@testing-library/react';
import { NextIntlClientProvider } from 'next-intl';

import { catalogFor } from '@/lib/i18n/catalogs';
import type { Locale } from '@/lib/i18n/locales';

export function renderIntl(ui: React.ReactElement, locale: Locale = 'en'): RenderResult {
  return render(ui, {
    wrapper: ({ children }) => (
      <NextIntlClientProvider locale={locale} messages={catalogFor(locale)} timeZone="UTC">
        {children}
      </NextIntlClientProvider>
    ),
  });
}
