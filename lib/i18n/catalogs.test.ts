/**
 * The catalogs agree: the same ids in English, Japanese and Chinese with the same ICU
 * arguments, no markup, and every id the code names (`msg('…')` in lib, `t('…')` in the UI)
 * present in all three.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';

import type { Catalog } from '@/lib/analysis/message';

import { rawCatalog } from './catalogs';
import { LOCALES } from './locales';

function flatten(catalog: Catalog, prefix = ''): Map<string, string> {
  const flat = new Map<string, string>();
  for (const [key, value] of Object.entries(catalog)) {
    const id = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') flat.set(id, value);
    else for (const [inner, text] of flatten(value, id)) flat.set(inner, text);
  }
  return flat;
}

/** The argument names of an ICU pattern, with their kind (`plural`, `select`, plain), nested ones included. */
function argumentsOf(elements: MessageFormatElement[], found = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (element.type === TYPE.argument || element.type === TYPE.number) found.add(`${element.value}`);
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      found.add(`${element.value}:${element.type === TYPE.plural ? 'plural' : 'select'}`);
      for (const option of Object.values(element.options)) argumentsOf(option.value, found);
    }
  }
  return found;
}

const ROOT = path.resolve(__dirname, '../..');
function sourceFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const full = path.join(directory, name);
    if (statSync(full).isDirectory()) return name === 'node_modules' || name.startsWith('.') ? [] : sourceFiles(full);
    return /\.(ts|tsx|mjs)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

const flat = Object.fromEntries(LOCALES.map((locale) => [locale, flatten(rawCatalog(locale))]));
const english = flat.en ?? new Map<string, string>();

describe('message catalogs', () => {
  it.each(LOCALES.filter((locale) => locale !== 'en'))('%s has exactly the English ids', (locale) => {
    expect([...(flat[locale]?.keys() ?? [])].sort()).toStrictEqual([...english.keys()].sort());
  });

  it.each(LOCALES.filter((locale) => locale !== 'en'))('%s uses the same ICU arguments as English in every message', (locale) => {
    const differing = [...english].filter(([id, pattern]) => {
      const other = flat[locale]?.get(id);
      return other === undefined || [...argumentsOf(parse(other))].sort().join() !== [...argumentsOf(parse(pattern))].sort().join();
    });
    expect(differing.map(([id]) => id)).toStrictEqual([]);
  });

  it('holds no tags: text like <PROXY_HOST> goes in as a parameter', () => {
    const tagged = LOCALES.flatMap((locale) => [...(flat[locale] ?? [])].filter(([, pattern]) => /[<>]/.test(pattern)).map(([id]) => `${locale}:${id}`));
    expect(tagged).toStrictEqual([]);
  });

  it('has every id the code names, in every language', () => {
    const files = [...sourceFiles(path.join(ROOT, 'lib')), ...sourceFiles(path.join(ROOT, 'components')), ...sourceFiles(path.join(ROOT, 'app')), ...sourceFiles(path.join(ROOT, 'scripts'))];
    const used = new Set<string>();
    for (const file of files) {
      const source = readFileSync(file, 'utf8');
      for (const match of source.matchAll(/\bmsg\(\s*'([A-Za-z0-9_.]+)'/g)) used.add(match[1] ?? '');
      for (const match of source.matchAll(/\bt\(\s*'([A-Za-z0-9_.]+)'/g)) used.add(match[1] ?? '');
    }
    expect(used.size).toBeGreaterThan(50);
    const missing = [...used].flatMap((id) => LOCALES.filter((locale) => !flat[locale]?.has(id)).map((locale) => `${locale}:${id}`));
    expect(missing).toStrictEqual([]);
  });
});
