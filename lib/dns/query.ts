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
    return { kind: 'ok', values: await run() };
  } catch (error) {
    return { kind: 'error', rcode: toRcode(error) };
  }
}

/** Creates a resolver bound to the configured server. */
export function createDnsResolver(options: DnsQueryOptions = {}): { server: string; query: (name: string) => Promise<DnsAnswer> } {
  const server = options.server ?? getEnv().EGRESS_DOCTOR_DNS_SERVER;
  const resolver = new Resolver({ timeout: options.timeoutMs ?? 2_000, tries: 2 });
  if (server) resolver.setServers([server]);
  const label = server ?? resolver.getServers().join(', ');

  return {
    server: label,
    /** A (then AAAA) records and the CNAME chain of one absolute name. */
    async query(name: string): Promise<DnsAnswer> {
      const [v4, cname] = await Promise.all([lookup(() => resolver.resolve4(name)), lookup(() => resolver.resolveCname(name))]);
      const cnames = cname.kind === 'ok' ? cname.values : [];
      if (v4.kind === 'ok') return { name, answeredBy: label, rcode: 'NOERROR', addresses: v4.values, cnames };
      if (v4.rcode !== 'NODATA') return { name, answeredBy: label, rcode: v4.rcode, addresses: [], cnames };
      const v6 = await lookup(() => resolver.resolve6(name));
      if (v6.kind === 'ok') return { name, answeredBy: label, rcode: 'NOERROR', addresses: v6.values, cnames };
      return { name, answeredBy: label, rcode: v6.rcode === 'NODATA' ? 'NOERROR' : v6.rcode, addresses: [], cnames };
    },
  };
}
