/**
 * The languages the dashboard and the CLI speak, and how one is chosen: the `NEXT_LOCALE`
 * cookie set by the header's switcher, else the browser's `Accept-Language`, else English;
 * for the CLI, `LC_ALL` / `LC_MESSAGES` / `LANG`. URLs do not carry the language. Pure.
 */

export const LOCALES = ['en', 'ja', 'zh'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

/** The cookie the switcher writes (next-intl's own name for it). */
export const LOCALE_COOKIE = 'NEXT_LOCALE';

/** Each language in its own words, for the switcher. */
export const LOCALE_NAMES: Readonly<Record<Locale, string>> = { en: 'English', ja: '日本語', zh: '简体中文' };

/** True for a supported locale code. */
export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** `ja-JP` → `ja`, `zh-Hans-CN` → `zh`; null for a language we do not serve. */
function localeOfTag(tag: string): Locale | null {
  const language = tag.trim().toLowerCase().split(/[-_.@]/)[0] ?? '';
  return isLocale(language) ? language : null;
}

/**
 * The best supported locale for an `Accept-Language` header (q-values respected, ties in
 * header order); English when none matches or the header is absent.
 */
export function negotiateLocale(acceptLanguage: string | null | undefined): Locale {
  if (!acceptLanguage) return DEFAULT_LOCALE;
  const ranked = acceptLanguage
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.split(';');
      const q = params.map((param) => /^\s*q=([0-9.]+)\s*$/.exec(param)?.[1]).find((value) => value !== undefined);
      return { locale: localeOfTag(tag), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry): entry is { locale: Locale; q: number; index: number } => entry.locale !== null && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked[0]?.locale ?? DEFAULT_LOCALE;
}

/** The CLI's locale from the POSIX variables (`LC_ALL` wins over `LC_MESSAGES` over `LANG`); English unless one says ja or zh. */
export function localeFromEnvironment(env: Record<string, string | undefined>): Locale {
  const value = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((candidate) => candidate !== undefined && candidate !== '');
  return value === undefined ? DEFAULT_LOCALE : (localeOfTag(value) ?? DEFAULT_LOCALE);
}
