/**
 * Pieces of the pod resolver emulation: merging `dnsConfig`-like additions the way kubelet
 * does, and reading the ACS `network.alibabacloud.com/custom-dnsconfig` annotation. Pure.
 */
import type { DnsConfig } from './model';

/** The ACS annotation carrying `{"servers":[…],"searches":[…],"options":["ndots:2","edns0"]}`. */
export const CUSTOM_DNS_ANNOTATION = 'network.alibabacloud.com/custom-dnsconfig';

/** Resolver settings while they are being assembled. */
export interface ResolverParts {
  nameservers: string[];
  searches: string[];
  options: Array<{ name: string; value: string | null }>;
}

const unique = (values: string[]): string[] => [...new Set(values)];

/**
 * Appends `addition` as kubelet appends `pod.spec.dnsConfig`: nameservers and searches are
 * added after the policy's (duplicates dropped), options replace same-named ones.
 */
export function mergeResolverParts(base: ResolverParts, addition: DnsConfig): ResolverParts {
  const names = new Set(addition.options.map((option) => option.name));
  return {
    nameservers: unique([...base.nameservers, ...addition.nameservers]),
    searches: unique([...base.searches, ...addition.searches.map((search) => search.replace(/\.$/, ''))]),
    options: [...base.options.filter((option) => !names.has(option.name)), ...addition.options],
  };
}

const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string');

function readStrings(record: Record<string, unknown>, key: string): string[] | null {
  const value = record[key];
  if (value === undefined) return [];
  return isStringArray(value) ? value : null;
}

function toOption(text: string): { name: string; value: string | null } {
  const index = text.indexOf(':');
  return index === -1 ? { name: text, value: null } : { name: text.slice(0, index), value: text.slice(index + 1) };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The ACS custom DNS annotation as a `DnsConfig`, `null` when absent, or an error message when
 * it is not the documented JSON shape (options are `name` or `name:value` strings).
 */
export function parseCustomDnsAnnotation(annotations: Record<string, string>): { kind: 'absent' } | { kind: 'ok'; config: DnsConfig } | { kind: 'invalid'; message: string } {
  const text = annotations[CUSTOM_DNS_ANNOTATION];
  if (text === undefined) return { kind: 'absent' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { kind: 'invalid', message: `${CUSTOM_DNS_ANNOTATION} is not valid JSON (${error instanceof Error ? error.message : String(error)}); ignored` };
  }
  if (!isRecord(parsed)) return { kind: 'invalid', message: `${CUSTOM_DNS_ANNOTATION} is not a JSON object; ignored` };
  const servers = readStrings(parsed, 'servers');
  const searches = readStrings(parsed, 'searches');
  const options = readStrings(parsed, 'options');
  if (!servers || !searches || !options) {
    return { kind: 'invalid', message: `${CUSTOM_DNS_ANNOTATION} must hold string arrays servers, searches and options; ignored` };
  }
  return { kind: 'ok', config: { nameservers: servers, searches, options: options.map(toOption) } };
}
