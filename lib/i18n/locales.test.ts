import { describe, expect, it } from 'vitest';

import { localeFromEnvironment, negotiateLocale } from './locales';

describe('negotiateLocale', () => {
  it.each([
    { name: 'no header: English', header: null, locale: 'en' },
    { name: 'Japanese browser', header: 'ja-JP,ja;q=0.9,en-US;q=0.8,en;q=0.7', locale: 'ja' },
    { name: 'Simplified Chinese browser', header: 'zh-CN,zh;q=0.9', locale: 'zh' },
    { name: 'script subtag', header: 'zh-Hans-CN', locale: 'zh' },
    { name: 'q-values decide, not order', header: 'en;q=0.5, ja;q=0.9', locale: 'ja' },
    { name: 'an unserved language falls through to the next', header: 'fr-FR, zh;q=0.8, en;q=0.5', locale: 'zh' },
    { name: 'only unserved languages: English', header: 'fr, de;q=0.9', locale: 'en' },
    { name: 'q=0 refuses a language', header: 'ja;q=0, en;q=0.1', locale: 'en' },
    { name: 'wildcard alone: English', header: '*', locale: 'en' },
  ])('$name', ({ header, locale }) => {
    expect(negotiateLocale(header)).toBe(locale);
  });
});

describe('localeFromEnvironment', () => {
  it.each([
    { name: 'nothing set: English', env: {}, locale: 'en' },
    { name: 'LANG=C.UTF-8: English', env: { LANG: 'C.UTF-8' }, locale: 'en' },
    { name: 'LANG=ja_JP.UTF-8', env: { LANG: 'ja_JP.UTF-8' }, locale: 'ja' },
    { name: 'LANG=zh_CN.UTF-8', env: { LANG: 'zh_CN.UTF-8' }, locale: 'zh' },
    { name: 'LC_ALL wins over LANG', env: { LANG: 'ja_JP.UTF-8', LC_ALL: 'en_US.UTF-8' }, locale: 'en' },
    { name: 'LC_MESSAGES wins over LANG', env: { LANG: 'en_US.UTF-8', LC_MESSAGES: 'zh_CN.UTF-8' }, locale: 'zh' },
    { name: 'an empty LC_ALL is unset', env: { LC_ALL: '', LANG: 'ja_JP.UTF-8' }, locale: 'ja' },
  ])('$name', ({ env, locale }) => {
    expect(localeFromEnvironment(env)).toBe(locale);
  });
});
