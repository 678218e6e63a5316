/**
 * A value with the message fields the analysis adds beside its English text (`summaryMessage`,
 * `noteMessages`, `titleMessage`, …) taken out: for tests that assert a hop's English whole.
 * That the messages render to the same English is asserted once for all hops
 * (lib/analysis/message-consistency.test.ts).
 */
export function withoutMessages<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutMessages) as T;
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value).filter(([key]) => !/Messages?$/.test(key));
  return Object.fromEntries(entries.map(([key, item]) => [key, withoutMessages(item)])) as T;
}
