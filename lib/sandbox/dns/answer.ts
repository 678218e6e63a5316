/**
 * Pure DNS answering over a world's records: which records answer a question, and
 * with which response code. Kept apart from the socket code so it is easy to test.
 */
import type { DnsRecord } from '@/lib/schemas/world';

/** The record types the sandbox answers from the world. */
export type AnsweredType = 'A' | 'AAAA' | 'CNAME';

/** What to send back for one question. */
export interface DnsLookupResult {
  /** `NOERROR` when the name exists (even with no record of the asked type), `NXDOMAIN` otherwise. */
  rcode: 'NOERROR' | 'NXDOMAIN';
  /**
   * The CNAME records followed, in chain order, then the final records of the asked
   * type. Each record's `name` is spelled as it was asked for (the question's name, or
   * the previous CNAME's target), as clients that randomize case expect.
   */
  answers: DnsRecord[];
}

/** Longest CNAME chain followed before giving up (real resolvers use a similar small bound). */
const MAX_CNAME_HOPS = 8;

/** Lower-cases a name and drops its trailing dot, the form used to compare names. */
export function normalizeName(name: string): string {
  const lower = name.toLowerCase();
  return lower.endsWith('.') ? lower.slice(0, -1) : lower;
}

/** Indexes records by normalized name. */
export function indexRecords(records: ReadonlyArray<DnsRecord>): Map<string, DnsRecord[]> {
  const byName = new Map<string, DnsRecord[]>();
  for (const record of records) {
    const key = normalizeName(record.name);
    const list = byName.get(key) ?? [];
    list.push(record);
    byName.set(key, list);
  }
  return byName;
}

/**
 * Answers `name`/`type` from the indexed records. CNAMEs inside the world are
 * followed (loops and chains longer than eight stop the walk); a chain that ends at
 * a name the world does not hold gives NXDOMAIN with the CNAMEs found, as a
 * recursive resolver reports it. For any other query type an existing name gives
 * NOERROR with no answers.
 */
export function lookup(
  byName: ReadonlyMap<string, ReadonlyArray<DnsRecord>>,
  name: string,
  type: AnsweredType | 'OTHER',
): DnsLookupResult {
  const answers: DnsRecord[] = [];
  const visited = new Set<string>();
  let owner = name.endsWith('.') ? name.slice(0, -1) : name;
  let current = normalizeName(owner);
  for (let hop = 0; hop <= MAX_CNAME_HOPS; hop += 1) {
    const records = byName.get(current);
    if (records === undefined) return { rcode: 'NXDOMAIN', answers };
    visited.add(current);
    const spelled = (record: DnsRecord): DnsRecord => ({ ...record, name: owner });
    const matching = records.filter((record) => record.type === type).map(spelled);
    if (matching.length > 0 || type === 'CNAME' || type === 'OTHER') return { rcode: 'NOERROR', answers: [...answers, ...matching] };
    const alias = records.find((record) => record.type === 'CNAME');
    if (alias === undefined) return { rcode: 'NOERROR', answers };
    answers.push(spelled(alias));
    owner = alias.value.endsWith('.') ? alias.value.slice(0, -1) : alias.value;
    current = normalizeName(owner);
    if (visited.has(current)) return { rcode: 'NOERROR', answers };
  }
  return { rcode: 'NOERROR', answers };
}
