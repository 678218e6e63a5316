/** Small readers for the loosely typed (PascalCase, wrapped-list) world records. */

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The array at a wrapped path, e.g. `arrayAt(eni, 'PrivateIpSets', 'PrivateIpSet')`; empty when absent. */
export function arrayAt(value: unknown, ...path: string[]): unknown[] {
  let current = value;
  for (const key of path) {
    if (!isRecord(current)) return [];
    current = current[key];
  }
  return Array.isArray(current) ? current : [];
}

/** The string at `key` of a record, undefined otherwise. */
export function stringAt(value: unknown, key: string): string | undefined {
  if (!isRecord(value)) return undefined;
  const field = value[key];
  return typeof field === 'string' ? field : undefined;
}

/** A shallow copy without the given keys (world-only joins the real list actions do not return). */
export function omit(record: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([key]) => !keys.includes(key)));
}

/** True when the filter is absent or the value matches it. */
export function matches(filter: string | undefined, value: string | undefined): boolean {
  return filter === undefined || filter === value;
}

/** True when the filter list is empty or contains the value. */
export function within(filter: readonly string[] | undefined, value: string | undefined): boolean {
  return filter === undefined || filter.length === 0 || (value !== undefined && filter.includes(value));
}
