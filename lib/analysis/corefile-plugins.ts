/**
 * What a parsed Corefile configures for name resolution, per server block: the zones and
 * port it serves and the plugins that decide an answer — `rewrite` (name rules), `template`,
 * `hosts` (inline entries), `kubernetes`, `forward` (targets and policy) — plus `cache` and
 * `reload`. Syntax as the CoreDNS plugin docs give it (coredns.io/plugins). Pure.
 */
import type { CorefileDirective, CorefileServerBlock } from './corefile';
import { isIp } from './ip';

export type RewriteMatch = 'exact' | 'prefix' | 'suffix' | 'substring' | 'regex';

/** One `rewrite … name …` rule (other fields — type, class, ttl, edns0 — leave the name alone). */
export interface CorednsRewrite {
  /** `stop` (the default) ends rewriting after this rule matched; `continue` goes on. */
  mode: 'continue' | 'stop';
  match: RewriteMatch;
  from: string;
  to: string;
  line: number;
}

export interface CorednsForward {
  /** The zone it forwards (`.` for every name). */
  from: string;
  /** Targets as written: `/etc/resolv.conf`, `10.0.0.53`, `10.0.0.53:5353`, `dns://…`, `tls://…`. */
  to: string[];
  /** Names it does not forward (`except`). */
  except: string[];
  policy: 'random' | 'round_robin' | 'sequential';
  preferUdp: boolean;
  forceTcp: boolean;
  line: number;
}

export interface CorednsHosts {
  /** The hosts file, `/etc/hosts` when none is named (inline entries are read, the file is not). */
  file: string;
  /** Zones it answers; the server block's when none are named. */
  zones: string[];
  entries: Array<{ address: string; names: string[]; line: number }>;
  /** Zones it passes on when it has no entry; null without `fallthrough`, `[]` for every zone. */
  fallthrough: string[] | null;
  line: number;
}

export interface CorednsTemplate {
  recordClass: string;
  recordType: string;
  zones: string[];
  /** Regular expressions on the query name (with its trailing dot); none matches every name. */
  matches: string[];
  /** Answer records as written (`{{ .Name }} 60 IN A 10.0.0.1`). */
  answers: string[];
  rcode: string | null;
  fallthrough: string[] | null;
  line: number;
}

export interface CorednsKubernetes {
  zones: string[];
  fallthrough: string[] | null;
  line: number;
}

/** One server block as CoreDNS serves it. */
export interface CorednsServer {
  /** `idc.example.internal:53`, the keys as written joined. */
  label: string;
  /** Zones without trailing dot; `.` is the root. */
  zones: string[];
  port: number;
  line: number;
  endLine: number;
  rewrites: CorednsRewrite[];
  templates: CorednsTemplate[];
  hosts: CorednsHosts | null;
  kubernetes: CorednsKubernetes | null;
  forward: CorednsForward | null;
  cache: { ttl: number | null } | null;
  reload: boolean;
  /** Every directive name, in the order written. */
  plugins: string[];
  /** The directives not read above (`file`, `etcd`, `k8s_external`, …), for the plugins that may answer a name. */
  others: Array<{ name: string; args: string[]; line: number }>;
}

/** A zone written in a Corefile, lower-case without trailing dot; `.` stays the root. */
export function normalizeZone(zone: string): string {
  const lower = zone.toLowerCase();
  if (lower === '.' || lower === '') return '.';
  return lower.replace(/\.+$/, '');
}

/** True when `name` is `zone` or below it (the root holds every name). */
export function inCorefileZone(name: string, zone: string): boolean {
  const z = normalizeZone(zone);
  const n = normalizeZone(name);
  return z === '.' || n === z || n.endsWith(`.${z}`);
}

function parseKey(key: string): { zone: string; port: number } {
  const withoutScheme = key.replace(/^[a-z+]+:\/\//i, '');
  const scheme = /^([a-z+]+):\/\//i.exec(key)?.[1]?.toLowerCase() ?? 'dns';
  const defaultPort = scheme === 'tls' ? 853 : scheme === 'https' ? 443 : 53;
  const match = /^(.*?)(?::(\d+))?$/.exec(withoutScheme);
  return { zone: normalizeZone(match?.[1] ?? '.'), port: match?.[2] ? Number(match[2]) : defaultPort };
}

const fallthroughOf = (block: CorefileDirective[]): string[] | null => {
  const directive = block.find((item) => item.name === 'fallthrough');
  return directive ? directive.args.map(normalizeZone) : null;
};

function toRewrite(directive: CorefileDirective): CorednsRewrite[] {
  const first = directive.args[0];
  const mode = first === 'continue' ? 'continue' : 'stop';
  const args = first === 'continue' || first === 'stop' ? directive.args.slice(1) : directive.args;
  if (args[0] !== 'name') return [];
  const kinds: RewriteMatch[] = ['exact', 'prefix', 'suffix', 'substring', 'regex'];
  const second = args[1] ?? '';
  const typed = kinds.find((kind) => kind === second);
  const [from, to] = typed ? [args[2], args[3]] : [args[1], args[2]];
  if (from === undefined || to === undefined) return [];
  return [{ mode, match: typed ?? 'exact', from, to, line: directive.line }];
}

function toForward(directive: CorefileDirective): CorednsForward {
  const [from = '.', ...to] = directive.args;
  const option = (name: string) => directive.block.find((item) => item.name === name);
  const policy = option('policy')?.args[0];
  return {
    from: normalizeZone(from),
    to,
    except: option('except')?.args.map(normalizeZone) ?? [],
    policy: policy === 'round_robin' || policy === 'sequential' ? policy : 'random',
    preferUdp: option('prefer_udp') !== undefined,
    forceTcp: option('force_tcp') !== undefined,
    line: directive.line,
  };
}

function toHosts(directive: CorefileDirective, serverZones: string[]): CorednsHosts {
  const [file = '/etc/hosts', ...zones] = directive.args;
  const entries = directive.block
    .filter((item) => isIp(item.name))
    .map((item) => ({ address: item.name, names: item.args.map(normalizeZone), line: item.line }));
  return { file, zones: zones.length > 0 ? zones.map(normalizeZone) : serverZones, entries, fallthrough: fallthroughOf(directive.block), line: directive.line };
}

function toTemplate(directive: CorefileDirective, serverZones: string[]): CorednsTemplate {
  const [recordClass = 'IN', recordType = 'A', ...zones] = directive.args;
  const all = (name: string) => directive.block.filter((item) => item.name === name);
  return {
    recordClass: recordClass.toUpperCase(),
    recordType: recordType.toUpperCase(),
    zones: zones.length > 0 ? zones.map(normalizeZone) : serverZones,
    matches: all('match').flatMap((item) => item.args),
    answers: all('answer').map((item) => item.args.join(' ')),
    rcode: all('rcode')[0]?.args[0]?.toUpperCase() ?? null,
    fallthrough: fallthroughOf(directive.block),
    line: directive.line,
  };
}

function toKubernetes(directive: CorefileDirective, serverZones: string[]): CorednsKubernetes {
  return { zones: directive.args.length > 0 ? directive.args.map(normalizeZone) : serverZones, fallthrough: fallthroughOf(directive.block), line: directive.line };
}

const READ = new Set(['rewrite', 'template', 'hosts', 'kubernetes', 'forward', 'cache', 'reload']);

function toServer(block: CorefileServerBlock): CorednsServer[] {
  const keys = block.keys.map(parseKey);
  const ports = [...new Set(keys.map((key) => key.port))];
  // NOTE: one block may list keys on several ports; each port is served by its own copy of the block.
  return ports.map((port) => {
    const zones = keys.filter((key) => key.port === port).map((key) => key.zone);
    const find = (name: string) => block.directives.find((item) => item.name === name);
    const forward = find('forward');
    const hosts = find('hosts');
    const kubernetes = find('kubernetes');
    const cache = find('cache');
    const ttl = cache?.args[0] !== undefined && /^\d+$/.test(cache.args[0]) ? Number(cache.args[0]) : null;
    return {
      label: block.keys.join(' '),
      zones,
      port,
      line: block.line,
      endLine: block.endLine,
      rewrites: block.directives.filter((item) => item.name === 'rewrite').flatMap(toRewrite),
      templates: block.directives.filter((item) => item.name === 'template').map((item) => toTemplate(item, zones)),
      hosts: hosts ? toHosts(hosts, zones) : null,
      kubernetes: kubernetes ? toKubernetes(kubernetes, zones) : null,
      forward: forward ? toForward(forward) : null,
      cache: cache ? { ttl } : null,
      reload: find('reload') !== undefined,
      plugins: block.directives.map((item) => item.name),
      others: block.directives.filter((item) => !READ.has(item.name)).map(({ name, args, line }) => ({ name, args, line })),
    };
  });
}

/** The servers a parsed Corefile runs, one per server block and port. */
export function corednsServers(blocks: CorefileServerBlock[]): CorednsServer[] {
  return blocks.flatMap(toServer);
}
