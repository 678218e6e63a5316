/**
 * The message catalogs (messages/<locale>.json), each completed by the English one so a
 * sentence not translated yet shows in English rather than as its id. Pure data.
 */
import type { Catalog } from '@/lib/analysis/message';
import en from '@/messages/en.json';
import ja from '@/messages/ja.json';
import zh from '@/messages/zh.json';

import { DEFAULT_LOCALE, type Locale } from './locales';

/** `base` with every leaf of `over` laid on top. */
function overlay(base: Catalog, over: Catalog): Catalog {
  const result: Catalog = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const under = result[key];
    result[key] = typeof value === 'object' && typeof under === 'object' ? overlay(under, value) : value;
  }
  return result;
}

const RAW: Readonly<Record<Locale, Catalog>> = { en, ja, zh };
const COMPLETE: Readonly<Record<Locale, Catalog>> = { en, ja: overlay(en, ja), zh: overlay(en, zh) };

/** The catalog of `locale` as written (for the catalog tests). */
export function rawCatalog(locale: Locale): Catalog {
  return RAW[locale];
}

/** The catalog of `locale`, English filling whatever it lacks. */
export function catalogFor(locale: Locale): Catalog {
  return COMPLETE[locale] ?? COMPLETE[DEFAULT_LOCALE];
}
