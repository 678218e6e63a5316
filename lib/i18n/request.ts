/**
 * next-intl's request configuration ("without i18n routing": URLs carry no language). The
 * locale is the switcher's cookie, else the best match of `Accept-Language`, else English.
 */
import { cookies, headers } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';

import { catalogFor } from './catalogs';
import { isLocale, LOCALE_COOKIE, negotiateLocale } from './locales';

export default getRequestConfig(async () => {
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  const chosen = cookieStore.get(LOCALE_COOKIE)?.value;
  const locale = isLocale(chosen) ? chosen : negotiateLocale(headerList.get('accept-language'));
  return { locale, messages: catalogFor(locale) };
});
