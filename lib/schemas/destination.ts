/**
 * Parsing of a destination as a user types it: a host name, an IP, `host:port`,
 * `[v6]:port` or a URL. Shared by the form (checks as typed) and the API.
 */
import { z } from 'zod';

import { formatIp, isIp, parseCidr } from '@/lib/analysis/ip';
import { english, msg, type Message } from '@/lib/analysis/message';

import { clusterNameSchema, namespaceNameSchema, podNameSchema } from './api';

/** Default ports of URL schemes people paste. */
const schemePorts: Record<string, number> = {
  http: 80,
  https: 443,
  ws: 80,
  wss: 443,
  ftp: 21,
  ssh: 22,
  mysql: 3306,
  postgres: 5432,
  postgresql: 5432,
  redis: 6379,
  rediss: 6379,
  mongodb: 27017,
  amqp: 5672,
  amqps: 5671,
  kafka: 9092,
};

export interface ParsedDestination {
  host: string;
  /** Port found in the text (explicit or the scheme's default); null when none. */
  port: number | null;
  /** Where the port came from, for the form's hint. */
  portSource: 'explicit' | 'scheme' | null;
}

/** A failure says what to change: `message` in English (the API's answer) and `problem`, the same sentence as a message of the catalogs (`destinationInput.*`) for the form. */
export type DestinationParseResult = { ok: true; value: ParsedDestination } | { ok: false; message: string; problem: Message };

function fail(problem: Message): DestinationParseResult {
  return { ok: false, message: english(problem), problem };
}

const LABEL = /^(?!-)[a-z0-9_-]{1,63}(?<!-)$/i;

/** True for a DNS name: labels of letters, digits, dashes (and `_`), at most 253 characters, optional trailing dot. */
export function isHostName(host: string): boolean {
  const name = host.endsWith('.') ? host.slice(0, -1) : host;
  if (name.length === 0 || name.length > 253) return false;
  return name.split('.').every((label) => LABEL.test(label));
}

function parsePort(text: string): number | null {
  if (!/^\d{1,5}$/.test(text)) return null;
  const port = Number(text);
  return port >= 1 && port <= 65535 ? port : null;
}

/** Longest text echoed back in a message, so a huge input is never repeated whole. */
const ECHO_LIMIT = 80;
const echo = (text: string): string => (text.length > ECHO_LIMIT ? `${text.slice(0, ECHO_LIMIT)}…` : text);

function checkHost(host: string): DestinationParseResult | null {
  if (isIp(host) || isHostName(host)) return null;
  return fail(msg('destinationInput.notHost', { host: echo(host) }));
}

/**
 * An internationalised name (`bücher.example`) in its ASCII form (`xn--bcher-kva.example`),
 * as the pod's resolver sends it; the name unchanged when it is ASCII already, null when
 * it cannot be converted. Uses the WHATWG URL host parser (IDNA/UTS #46), in Node and browsers alike.
 */
export function toAsciiHost(host: string): string | null {
  if (/^[\x00-\x7f]*$/.test(host)) return host;
  try {
    const ascii = new URL(`http://${host}/`).hostname;
    return ascii === '' ? null : ascii + (host.endsWith('.') && !ascii.endsWith('.') ? '.' : '');
  } catch {
    return null;
  }
}

/** The message for a CIDR typed as a destination: a range is not one destination. */
function rangeMessage(text: string): Message | null {
  const cidr = /^[0-9a-f:.]+\/\d{1,3}$/i.test(text) ? parseCidr(text) : null;
  if (!cidr) return null;
  const bits = cidr.version === 4 ? 32 : 128;
  const first = cidr.prefix >= bits - 1 ? cidr.network : cidr.network + 1n;
  const example = formatIp({ version: cidr.version, value: first });
  return msg('destinationInput.range', { text: echo(text), example });
}

/** Parses what the user typed; the message says what to change when it is not valid. */
export function parseDestination(input: string): DestinationParseResult {
  const text = input.trim();
  if (text === '') return fail(msg('destinationInput.empty'));
  if (/\s/.test(text)) return fail(msg('destinationInput.spaces'));
  const range = rangeMessage(text);
  if (range) return fail(range);

  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text);
  if (scheme) {
    let url: URL;
    try {
      url = new URL(text);
    } catch (error) {
      return fail(msg('destinationInput.badUrl', { detail: error instanceof Error ? error.message : 'parse error' }));
    }
    // NOTE: URL has already turned an internationalised name into punycode.
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (host === '') return fail(msg('destinationInput.urlNoHost'));
    const invalid = checkHost(host);
    if (invalid) return invalid;
    const schemeName = (scheme[1] ?? '').toLowerCase();
    if (url.port !== '') return { ok: true, value: { host, port: Number(url.port), portSource: 'explicit' } };
    const port = schemePorts[schemeName] ?? null;
    return { ok: true, value: { host, port, portSource: port === null ? null : 'scheme' } };
  }

  const bracketed = /^\[([0-9a-f:.]+)\](?::(\d+))?$/i.exec(text);
  if (bracketed) {
    const host = bracketed[1] ?? '';
    if (!isIp(host)) return fail(msg('destinationInput.notIpv6', { host }));
    return withPort(host, bracketed[2]);
  }
  if (isIp(text)) return { ok: true, value: { host: text, port: null, portSource: null } };

  // `host[:port]/path?query` without a scheme: the path and query do not change the network path.
  const authority = text.split(/[/?#]/, 1)[0] ?? '';
  if (authority === '') return fail(msg('destinationInput.pathOnly'));
  const colon = authority.lastIndexOf(':');
  if (colon > 0 && !authority.slice(0, colon).includes(':')) return withPort(authority.slice(0, colon), authority.slice(colon + 1));
  return withPort(authority, undefined);
}

function withPort(typedHost: string, portText: string | undefined): DestinationParseResult {
  const host = toAsciiHost(typedHost);
  if (host === null) return fail(msg('destinationInput.badIdn', { host: echo(typedHost) }));
  const invalid = checkHost(host);
  if (invalid) return invalid;
  if (portText === undefined) return { ok: true, value: { host, port: null, portSource: null } };
  const port = parsePort(portText);
  if (port === null) return fail(msg('destinationInput.badPort', { port: echo(portText) }));
  return { ok: true, value: { host, port, portSource: 'explicit' } };
}

/** Longest destination accepted (a URL with a path fits); checked before any parsing. */
export const DESTINATION_MAX_LENGTH = 2048;

/** A port: a whole number 1–65535, as a JSON number or a string of digits (never `true`, `[443]` or "443abc"). */
export const portSchema = z
  .union([z.number({ error: 'port must be a number' }), z.string().regex(/^\d{1,5}$/, 'port must be a whole number from 1 to 65535').transform(Number)], { error: 'port must be a whole number from 1 to 65535' })
  .pipe(z.number().int('port must be a whole number').min(1, 'port must be 1–65535').max(65535, 'port must be 1–65535'));

/** Body of `POST /api/diagnoses` (also the CLI's batch lines). */
export const diagnosisRequestSchema = z
  .object({
    cluster: clusterNameSchema.optional(),
    namespace: namespaceNameSchema,
    pod: podNameSchema,
    destination: z.string().min(1, 'destination is required (host name, IP, host:port or URL)').max(DESTINATION_MAX_LENGTH, `a destination has at most ${DESTINATION_MAX_LENGTH} characters`),
    port: portSchema.optional(),
    protocol: z.enum(['tcp', 'udp', 'sctp'], { error: 'protocol must be tcp, udp or sctp' }).default('tcp'),
  })
  .transform((body, context) => {
    const parsed = parseDestination(body.destination);
    if (!parsed.ok) {
      context.addIssue({ code: 'custom', path: ['destination'], message: parsed.message });
      return z.NEVER;
    }
    const port = body.port ?? parsed.value.port;
    if (port === null) {
      context.addIssue({ code: 'custom', path: ['port'], message: `add a port: “${body.destination}” has none (e.g. ${parsed.value.host}:443 or https://${parsed.value.host})` });
      return z.NEVER;
    }
    // NOTE: a trailing dot is kept: it makes the name absolute for the pod's resolver.
    return { ...body, host: parsed.value.host, port };
  });
export type DiagnosisRequestInput = z.input<typeof diagnosisRequestSchema>;
export type DiagnosisRequestBody = z.output<typeof diagnosisRequestSchema>;
