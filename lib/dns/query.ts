/**
 * The DNS adapter: asks a DNS server for a name the way the pod's resolver would,
 * for names outside the cluster domain (cluster names are answered from Services).
 *
 * The server is EGRESS_DOCTOR_DNS_SERVER (`ip[:port]`, e.g. the VPC DNS 100.100.2.136
 * when the dashboard runs in the VPC), else the system resolver's servers.
 */
import 'server-only';

import { Resolver } from 'node:dns/promises';

import type { DnsAnswer, DnsRcode } from '@/lib/analysis/model';
import { getEnv } from '@/lib/env';

export interface DnsQueryOptions {
  /** `ip[:port]`; the system resolver's servers when absent. */
  server?: string;
  timeoutMs?: number;
}

function hasCode(error: unknown): error is { code: string } {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string';
}

/** Maps c-ares error codes to the rcode the pod would see. */
function toRcode(error: unknown): DnsRcode | 'NODATA' {
  const code = hasCode(error) ? error.code : '';
  switch (code) {
    case 'ENOTFOUND':
      return 'NXDOMAIN';
    case 'ENODATA':
      return 'NODATA';
    case 'ESERVFAIL':
      return 'SERVFAIL';
    case 'EREFUSED':
      return 'REFUSED';
    case 'ETIMEOUT':
    case 'ECONNREFUSED':
    case 'ECANCELLED':
      return 'TIMEOUT';
    default:
      throw new Error(`DNS query failed with an unexpected error (${code || String(error)})`, { cause: error });
  }
}

type Lookup = { kind: 'ok'; values: string[] } | { kind: 'error'; rcode: DnsRcode | 'NODATA' };

async function lookup(run: () => Promise<string[]>): Promise<Lookup> {
  try {
    const values = await run();
    // NOTE: c-ares answers an alias without records of the asked type with an empty list, not ENODATA.
    return values.length > 0 ? { kind: 'ok', values } : { kind: 'error', rcode: 'NODATA' };
  } catch (error) {
    return { kind: 'error', rcode: toRcode(error) };
  }
}

/** Longest CNAME chain followed, as recursive resolvers bound it. */
const MAX_CNAME_HOPS = 8;

/**
 * The CNAME chain starting at `name`, target by target, stopping at a name with no CNAME, at a
 * name already in the chain (a loop: that name is the last element) or after eight hops.
 */
async function cnameChain(resolver: Resolver, name: string): Promise<string[]> {
  const chain: string[] = [];
  const seen = new Set([name.toLowerCase()]);
  let current = name;
  for (let hop = 0; hop < MAX_CNAME_HOPS; hop += 1) {
    const cname = await lookup(() => resolver.resolveCname(current));
    const target = cname.kind === 'ok' ? cname.values[0]?.replace(/\.$/, '') : undefined;
    if (target === undefined) return chain;
    chain.push(target);
    if (seen.has(target.toLowerCase())) return chain;
    seen.add(target.toLowerCase());
    current = target;
  }
  return chain;
}

/** Creates a resolver bound to the configured server. */
export function createDnsResolver(options: DnsQueryOptions = {}): { server: string; query: (name: string) => Promise<DnsAnswer> } {
  const server = options.server ?? getEnv().EGRESS_DOCTOR_DNS_SERVER;
  const resolver = new Resolver({ timeout: options.timeoutMs ?? 2_000, tries: 2 });
  if (server) resolver.setServers([server]);
  const label = server ?? resolver.getServers().join(', ');

  return {
    server: label,
    /** A (then AAAA) records and the whole CNAME chain of one absolute name. */
    async query(name: string): Promise<DnsAnswer> {
      const [v4, cnames] = await Promise.all([lookup(() => resolver.resolve4(name)), cnameChain(resolver, name)]);
      if (v4.kind === 'ok') return { name, answeredBy: label, rcode: 'NOERROR', addresses: v4.values, cnames };
      if (v4.rcode !== 'NODATA') return { name, answeredBy: label, rcode: v4.rcode, addresses: [], cnames };
      const v6 = await lookup(() => resolver.resolve6(name));
      if (v6.kind === 'ok') return { name, answeredBy: label, rcode: 'NOERROR', addresses: v6.values, cnames };
      return { name, answeredBy: label, rcode: v6.rcode === 'NODATA' ? 'NOERROR' : v6.rcode, addresses: [], cnames };
    },
  };
}
