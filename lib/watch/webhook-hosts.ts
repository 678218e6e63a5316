/**
 * Where a webhook may be sent (SSRF hardening). `EGRESS_DOCTOR_WEBHOOK_HOSTS`, when set, lists
 * the host names (`hooks.slack.com`, `127.0.0.1`) and suffixes (`.dingtalk.com`: any name
 * below it) a watch's webhook may name; others are refused when the watch is created (400)
 * and when it is sent. Set or not, a webhook never reaches a link-local or cloud metadata
 * address (169.254.0.0/16, 100.100.100.200, fe80::/10, fd00:ec2::254): a literal address is
 * refused, and a name is resolved when sending and refused when any of its addresses is one
 * (the connection then uses the addresses that were checked).
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';

import { specialAddress } from '@/lib/analysis/special-addresses';

/** AWS's IPv6 instance metadata address (the IPv4 one is link-local already), for a dashboard that sends from there. */
const OTHER_METADATA = new Set(['fd00:ec2::254']);

/** True for a link-local or cloud metadata address (an IPv4-mapped IPv6 address as its IPv4). */
export function isForbiddenWebhookAddress(address: string): boolean {
  const plain = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1] ?? address.toLowerCase();
  const kind = specialAddress(plain)?.kind;
  return kind === 'linkLocal' || kind === 'metadata' || OTHER_METADATA.has(plain);
}

/** The host of `url` as a name or a bare address (IPv6 without brackets), lower case. */
export function webhookHostOf(url: string): string {
  return new URL(url).hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
}

/** Whether `host` is in `allowed` (exact, or below an entry starting with a dot); any host when `allowed` is unset. */
export function isWebhookHostAllowed(host: string, allowed: readonly string[] | undefined): boolean {
  if (allowed === undefined) return true;
  const name = host.toLowerCase().replace(/\.$/, '');
  return allowed.some((entry) => (entry.startsWith('.') ? name.endsWith(entry) && name.length > entry.length : name === entry));
}

/** Why a webhook to `url` is refused before anything is resolved or sent, or null. */
export function webhookUrlRefusal(url: string, allowed: readonly string[] | undefined): string | null {
  const host = webhookHostOf(url);
  if (!isWebhookHostAllowed(host, allowed)) return `The webhook host ${host} is not in EGRESS_DOCTOR_WEBHOOK_HOSTS (${(allowed ?? []).join(', ')}).`;
  if (isForbiddenWebhookAddress(host)) return `The webhook host ${host} is a link-local or cloud metadata address; webhooks are never sent there.`;
  return null;
}

type Resolve = (hostname: string, callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) => void;
const resolveAll: Resolve = (hostname, callback) => dnsLookup(hostname, { all: true }, callback);

/**
 * A `lookup` for an HTTP request: resolves the name and fails when any of its addresses is
 * link-local or metadata, so the connection goes only to addresses that were checked.
 */
export function guardedLookup(resolve: Resolve = resolveAll): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, (error, addresses) => {
      if (error) return callback(error, '', 4);
      const bad = addresses.find((entry) => isForbiddenWebhookAddress(entry.address));
      if (bad) return callback(Object.assign(new Error(`${hostname} resolves to ${bad.address}, a link-local or cloud metadata address; webhooks are never sent there.`), { code: 'EWEBHOOKFORBIDDEN' }), '', 4);
      const wanted = addresses.filter((entry) => !options.family || entry.family === options.family);
      const first = wanted[0];
      if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '', 4);
      // NOTE: Node calls lookup with `all: true` when it tries the families in turn (autoSelectFamily).
      if (options.all) return callback(null, wanted);
      return callback(null, first.address, first.family);
    });
  };
}
