/**
 * Helpers that turn adapter calls into `Fact`s: an `UpstreamError` becomes a missing
 * fact that travels beside the data; anything else is a bug and propagates.
 */
import 'server-only';

import type { Fact, FactError } from '@/lib/analysis/model';
import { UpstreamError } from '@/lib/errors';

/** Runs one read; an UpstreamError becomes `{ kind: 'missing' }`. */
export async function readFact<T>(read: () => Promise<T>): Promise<Fact<T>> {
  try {
    return { kind: 'ok', value: await read() };
  } catch (error) {
    if (error instanceof UpstreamError) return { kind: 'missing', error: error.toFactError() };
    throw error;
  }
}

/** A read that depends on another fact: missing when the prerequisite is missing. */
export async function readAfter<A, T>(prerequisite: Fact<A>, read: (value: A) => Promise<T>): Promise<Fact<T>> {
  if (prerequisite.kind === 'missing') return prerequisite;
  return readFact(() => read(prerequisite.value));
}

/** A fact already known. */
export function known<T>(value: T): Fact<T> {
  return { kind: 'ok', value };
}

/** A fact that cannot be read because something it needs is unknown. */
export function missing<T>(error: FactError): Fact<T> {
  return { kind: 'missing', error };
}

/** Joins several facts of lists into one; missing when any is missing. */
export function joinFacts<T>(facts: Array<Fact<T[]>>): Fact<T[]> {
  const values: T[] = [];
  for (const fact of facts) {
    if (fact.kind === 'missing') return fact;
    values.push(...fact.value);
  }
  return { kind: 'ok', value: values };
}

/** The value of a fact, or a fallback when it is missing. */
export function valueOr<T>(fact: Fact<T>, fallback: T): T {
  return fact.kind === 'ok' ? fact.value : fallback;
}
