/**
 * Safe access to the untyped JSON of Kubernetes objects stored in a world.
 */

export type JsonObject = { [key: string]: unknown };

/** True for a plain JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value at `path` (e.g. `['status', 'podIP']`), or undefined when any step is missing. */
export function valueAt(object: unknown, path: readonly string[]): unknown {
  let current: unknown = object;
  for (const key of path) {
    if (!isJsonObject(current)) return undefined;
    current = current[key];
  }
  return current;
}

/** The string at `path`, or undefined when absent or not a string. */
export function stringAt(object: unknown, path: readonly string[]): string | undefined {
  const value = valueAt(object, path);
  return typeof value === 'string' ? value : undefined;
}

/** The array at `path`, or `[]`. */
export function arrayAt(object: unknown, path: readonly string[]): unknown[] {
  const value = valueAt(object, path);
  return Array.isArray(value) ? value : [];
}

/** A string-to-string map at `path` (labels, annotations); non-string values are dropped. */
export function stringMapAt(object: unknown, path: readonly string[]): Record<string, string> {
  const value = valueAt(object, path);
  if (!isJsonObject(value)) return {};
  const result: Record<string, string> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (typeof entry === 'string') result[key] = entry;
  }
  return result;
}
