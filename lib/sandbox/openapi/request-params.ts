/** Typed reads of an OpenAPI request's parameters (query string and form body merged). */
import { invalidParameter, missingParameter } from './fault';

/** The parameters of one request, with the readers the action handlers need. */
export class RequestParams {
  private readonly values: Map<string, string>;

  constructor(pairs: Iterable<[string, string]>) {
    this.values = new Map(pairs);
  }

  /** All parameters as name/value pairs. */
  entries(): Array<[string, string]> {
    return [...this.values.entries()];
  }

  /** The value, or undefined when absent or empty. */
  get(name: string): string | undefined {
    const value = this.values.get(name);
    return value === undefined || value === '' ? undefined : value;
  }

  /** The value; throws MissingParameter when absent. */
  require(name: string): string {
    const value = this.get(name);
    if (value === undefined) throw missingParameter(name);
    return value;
  }

  /** A RepeatList parameter: `Name.1`, `Name.2`, … in index order. */
  list(name: string): string[] {
    const indexed: Array<[number, string]> = [];
    for (const [key, value] of this.values) {
      const match = new RegExp(`^${name.replace(/\./g, '\\.')}\\.(\\d+)$`).exec(key);
      if (match?.[1] !== undefined && value !== '') indexed.push([Number(match[1]), value]);
    }
    return indexed.sort(([a], [b]) => a - b).map(([, value]) => value);
  }

  /** A comma-separated parameter (`a,b,c`), empty when absent. */
  commaList(name: string): string[] {
    return (this.get(name) ?? '').split(',').map((value) => value.trim()).filter((value) => value !== '');
  }

  /** A JSON array of strings (`["sg-1","sg-2"]`), undefined when absent. */
  jsonList(name: string): string[] | undefined {
    const raw = this.get(name);
    if (raw === undefined) return undefined;
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch (error) {
      throw Object.assign(invalidParameter(name, raw), { cause: error });
    }
    if (!Array.isArray(parsed) || !parsed.every((item): item is string => typeof item === 'string')) {
      throw invalidParameter(name, raw);
    }
    return parsed;
  }

  /** An integer in [min, max], `fallback` when absent; InvalidParameter otherwise. */
  integer(name: string, fallback: number, min: number, max: number): number {
    const raw = this.get(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) throw invalidParameter(name, raw);
    return value;
  }
}
