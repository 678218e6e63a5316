/**
 * Sentences as message ids with parameters. The analysis says what it concluded as a
 * `Message` (an id of the catalogs in messages/<locale>.json and its parameters) beside the
 * English text it always carried, so the dashboard and the CLI can render it in the reader's
 * language while old saved diagnoses (text only) still show. Pure: the English text is the
 * English catalog's rendering of the message, so both always agree.
 */
import { IntlMessageFormat } from 'intl-messageformat';

import en from '@/messages/en.json';

/** A parameter: a value shown as it is (ids, addresses, commands), a count, or a nested sentence. */
export type MessageParam = string | number | Message;

/** A sentence of the catalogs: `id` is a dotted path into messages/<locale>.json (`analysis.securityGroup.dropped`). */
export interface Message {
  id: string;
  /** ICU arguments by name; strings are inserted verbatim, numbers only feed `plural`/`select`. */
  params?: Record<string, MessageParam>;
}

/** A sentence either as plain English (not converted yet, or from another source) or as a message. */
export type Text = string | Message;

/** A catalog: nested objects whose leaves are ICU message patterns. */
export interface Catalog {
  [key: string]: string | Catalog;
}

/** Builds a message; drops an empty parameter list so the JSON stays small. */
export function msg(id: string, params?: Record<string, MessageParam>): Message {
  return params && Object.keys(params).length > 0 ? { id, params } : { id };
}

/** The pattern of `id` in `catalog`, or null when the catalog has no such sentence. */
export function patternOf(catalog: Catalog, id: string): string | null {
  let node: string | Catalog | undefined = catalog;
  for (const part of id.split('.')) {
    if (typeof node !== 'object') return null;
    node = node[part];
  }
  return typeof node === 'string' ? node : null;
}

const formats = new Map<string, IntlMessageFormat>();

/**
 * `message` rendered from `catalog` for `locale`, nested messages first; null when the
 * catalog lacks the id (or a nested one). Tags are not markup here: `<PROXY_HOST>` stays text.
 */
export function formatMessage(catalog: Catalog, locale: string, message: Message): string | null {
  const pattern = patternOf(catalog, message.id);
  if (pattern === null) return null;
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(message.params ?? {})) {
    if (typeof value !== 'object') {
      values[name] = value;
      continue;
    }
    const nested = formatMessage(catalog, locale, value);
    if (nested === null) return null;
    values[name] = nested;
  }
  const key = `${locale}\u0000${pattern}`;
  let format = formats.get(key);
  if (!format) {
    format = new IntlMessageFormat(pattern, locale, undefined, { ignoreTag: true });
    formats.set(key, format);
  }
  return String(format.format(values));
}

/** The English catalog (messages/en.json). */
export const englishCatalog: Catalog = en;

/** The English sentence of a message; an id missing from the English catalog is a broken invariant. */
export function english(message: Message): string {
  const text = formatMessage(englishCatalog, 'en', message);
  if (text === null) throw new Error(`message ${message.id} (or a nested one) is not in messages/en.json`);
  return text;
}

/**
 * Items joined with `, ` (each language's own list comma): one item as it is, several as
 * nested `analysis.common.listPair` messages, `empty` for none.
 */
export function listText(items: Text[], empty: Text = msg('analysis.common.none')): Text {
  const [first, ...rest] = items;
  if (first === undefined) return empty;
  if (rest.length === 0) return first;
  return msg('analysis.common.listPair', { first, rest: listText(rest, empty) });
}

/** The English text of a sentence given either way. */
export function textOf(text: Text): string {
  return typeof text === 'string' ? text : english(text);
}

/** The message of a sentence given as one, else undefined (plain English). */
export function messageOf(text: Text): Message | undefined {
  return typeof text === 'string' ? undefined : text;
}
