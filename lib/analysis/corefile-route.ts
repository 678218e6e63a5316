/**
 * Which plugin of which Corefile server block answers a name the pod asks CoreDNS for (an
 * address question on port 53). CoreDNS picks the server block with the most specific zone
 * holding the name, then runs its plugins in CoreDNS's compiled order (plugin.cfg), not the
 * order written: rewrite → template → hosts → kubernetes → file/etcd/… → forward. Pure.
 */
import { inCorefileZone, normalizeZone, type CorednsForward, type CorednsRewrite, type CorednsServer, type CorednsTemplate } from './corefile-plugins';
import { isIp } from './ip';

/** The server block a route went through, as evidence shows it. */
export interface CorednsServerRef {
  label: string;
  line: number;
  /** Whether it has the `reload` plugin (a ConfigMap change is picked up without a restart). */
  reload: boolean;
}

/** A change to the name on the way (a `rewrite` rule). */
export interface CorednsStep {
  line: number;
  text: string;
}

type RouteBase = {
  /** The name as the deciding plugin sees it (after rewrites). */
  name: string;
  server: CorednsServerRef;
  steps: CorednsStep[];
};

export type CorednsRoute =
  /** The kubernetes plugin answers from Services; `next` is where its `fallthrough` sends a name it lacks. */
  | (RouteBase & { kind: 'kubernetes'; line: number; next: CorednsRoute | null })
  | (RouteBase & { kind: 'hosts'; line: number; addresses: string[] })
  | (RouteBase & { kind: 'template'; line: number; rcode: 'NOERROR' | 'NXDOMAIN' | 'SERVFAIL' | 'REFUSED'; addresses: string[] })
  /** `forward`: to the node's resolver (`/etc/resolv.conf`: the VPC DNS) or to the servers named. */
  | (RouteBase & { kind: 'forward'; forward: CorednsForward; upstream: 'resolvConf' | 'servers'; servers: Array<{ ip: string; port: number }> })
  /** CoreDNS answers an error: no block or no plugin takes the name, or `hosts` has no entry and no fallthrough. */
  | (Omit<RouteBase, 'server'> & { kind: 'fail'; server: CorednsServerRef | null; rcode: 'SERVFAIL' | 'REFUSED'; reason: string })
  /** A plugin this model does not evaluate may answer (a regex it cannot run, `file`, `etcd`, a hosts file). */
  | (RouteBase & { kind: 'unmodelled'; reason: string });

/** Plugins that may answer a name, in CoreDNS's order after `kubernetes`, with the zones they serve. */
const OTHER_ANSWERERS: ReadonlyArray<{ name: string; zones: (args: string[], server: string[]) => string[] }> = [
  { name: 'route53', zones: (args) => args.map((arg) => arg.split(':')[0] ?? '') },
  { name: 'azure', zones: (args) => args.map((arg) => arg.split(':')[0] ?? '') },
  { name: 'clouddns', zones: (args) => args.map((arg) => arg.split(':')[0] ?? '') },
  { name: 'k8s_external', zones: (args, server) => (args.length > 0 ? args : server) },
  { name: 'file', zones: (args, server) => (args.length > 1 ? args.slice(1) : server) },
  { name: 'auto', zones: (args, server) => (args.length > 0 ? args : server) },
  { name: 'secondary', zones: (args, server) => (args.length > 0 ? args : server) },
  { name: 'etcd', zones: (args, server) => (args.length > 0 ? args : server) },
];
const AFTER_FORWARD = ['grpc', 'erratic', 'whoami'];

const toServerRef = (server: CorednsServer): CorednsServerRef => ({ label: server.label, line: server.line, reload: server.reload });
const bare = (name: string): string => normalizeZone(name);
const inAny = (name: string, zones: string[]): boolean => zones.some((zone) => inCorefileZone(name, zone));
const covers = (fallthrough: string[] | null, name: string): boolean => fallthrough !== null && (fallthrough.length === 0 || inAny(name, fallthrough));

/** Go's regexp syntax as JavaScript's: named groups `(?P<n>…)` → `(?<n>…)`; null when it does not compile. */
function goRegExp(pattern: string): RegExp | null {
  try {
    return new RegExp(pattern.replace(/\(\?P</g, '(?<'), 'i');
  } catch {
    return null;
  }
}

/** The rewritten name, `null` when the rule does not match, `undefined` when it cannot be evaluated. */
function applyRewrite(rule: CorednsRewrite, name: string): string | null | undefined {
  const from = rule.from.toLowerCase();
  switch (rule.match) {
    case 'exact':
      return name === bare(from) ? bare(rule.to) : null;
    case 'prefix':
      return name.startsWith(from) ? bare(rule.to + name.slice(from.length)) : null;
    case 'suffix': {
      const suffix = from.replace(/\.$/, '');
      return name.endsWith(suffix) ? bare(name.slice(0, name.length - suffix.length) + rule.to) : null;
    }
    case 'substring':
      return name.includes(from) ? bare(name.replace(from, rule.to)) : null;
    case 'regex': {
      const regex = goRegExp(rule.from);
      if (regex === null) return undefined;
      const match = regex.exec(`${name}.`);
      if (match === null) return null;
      // NOTE: CoreDNS writes groups as {1}, {2} in the replacement.
      return bare(rule.to.replace(/\{(\d+)\}/g, (_, index: string) => match[Number(index)] ?? ''));
    }
    default: {
      const unreachable: never = rule.match;
      throw new Error(`unknown rewrite match ${String(unreachable)}`);
    }
  }
}

function rewrite(server: CorednsServer, name: string): { name: string; steps: CorednsStep[] } | { unmodelled: string; steps: CorednsStep[] } {
  const steps: CorednsStep[] = [];
  let current = name;
  for (const rule of server.rewrites) {
    const next = applyRewrite(rule, current);
    if (next === undefined) return { unmodelled: `the rewrite regex ${rule.from} (line ${rule.line}) is not a pattern this model can run`, steps };
    if (next === null) continue;
    steps.push({ line: rule.line, text: `rewrite name ${rule.match} ${rule.from} ${rule.to}: ${current} → ${next}` });
    current = next;
    if (rule.mode === 'stop') break;
  }
  return { name: current, steps };
}

type TemplateOutcome = { kind: 'next' } | { kind: 'answer'; rcode: 'NOERROR' | 'NXDOMAIN' | 'SERVFAIL' | 'REFUSED'; addresses: string[] } | { kind: 'unmodelled'; reason: string };

const RCODES = new Set(['NOERROR', 'NXDOMAIN', 'SERVFAIL', 'REFUSED']);
const isRcode = (value: string): value is 'NOERROR' | 'NXDOMAIN' | 'SERVFAIL' | 'REFUSED' => RCODES.has(value);

/** One template for an address question: `next` when it does not apply or falls through. */
function runTemplate(template: CorednsTemplate, name: string): TemplateOutcome {
  if (!inAny(name, template.zones)) return { kind: 'next' };
  if (!['IN', 'ANY'].includes(template.recordClass) || !['A', 'AAAA', 'ANY'].includes(template.recordType)) return { kind: 'next' };
  const regexes = template.matches.map(goRegExp);
  if (regexes.some((regex) => regex === null)) return { kind: 'unmodelled', reason: `a match pattern of the template at line ${template.line} is not a pattern this model can run` };
  const matched = regexes.length === 0 || regexes.some((regex) => regex?.test(`${name}.`));
  if (!matched) return covers(template.fallthrough, name) ? { kind: 'next' } : { kind: 'answer', rcode: 'NXDOMAIN', addresses: [] };
  const addresses: string[] = [];
  for (const answer of template.answers) {
    const tokens = answer.split(/\s+/);
    const typeIndex = tokens.findIndex((token) => token === 'A' || token === 'AAAA');
    const address = typeIndex === -1 ? undefined : tokens[typeIndex + 1];
    if (address === undefined || !isIp(address)) return { kind: 'unmodelled', reason: `the template answer "${answer}" (line ${template.line}) is not a literal A/AAAA record` };
    addresses.push(address);
  }
  const rcode = template.rcode ?? 'NOERROR';
  return { kind: 'answer', rcode: isRcode(rcode) ? rcode : 'SERVFAIL', addresses };
}

function forwardTargets(forward: CorednsForward): { upstream: 'resolvConf' | 'servers'; servers: Array<{ ip: string; port: number }> } {
  const servers = forward.to
    .filter((target) => !target.startsWith('/'))
    .map((target) => {
      const plain = target.replace(/^[a-z+]+:\/\//i, '');
      const match = /^\[?([^\]]+?)\]?(?::(\d+))?$/.exec(plain);
      const ip = match?.[1] ?? plain;
      return { ip, port: match?.[2] ? Number(match[2]) : target.startsWith('tls://') ? 853 : 53 };
    });
  return { upstream: servers.length === 0 ? 'resolvConf' : 'servers', servers };
}

/** The plugins after `kubernetes` for `name` in `server`. */
function afterKubernetes(server: CorednsServer, name: string, base: RouteBase): CorednsRoute {
  for (const other of OTHER_ANSWERERS) {
    const directive = server.others.find((item) => item.name === other.name);
    if (directive && inAny(name, other.zones(directive.args, server.zones))) {
      return { ...base, kind: 'unmodelled', reason: `the ${other.name} plugin (line ${directive.line}) serves ${name}; what it answers is not read` };
    }
  }
  const forward = server.forward;
  if (forward && inCorefileZone(name, forward.from) && !inAny(name, forward.except)) return { ...base, kind: 'forward', forward, ...forwardTargets(forward) };
  const later = server.others.find((item) => AFTER_FORWARD.includes(item.name));
  if (later) return { ...base, kind: 'unmodelled', reason: `the ${later.name} plugin (line ${later.line}) may answer ${name}; it is not modelled` };
  return { ...base, kind: 'fail', rcode: 'SERVFAIL', reason: `no plugin of the server block ${server.label} answers ${name}` };
}

function routeInServer(server: CorednsServer, asked: string): CorednsRoute {
  const rewritten = rewrite(server, asked);
  const ref = toServerRef(server);
  if ('unmodelled' in rewritten) return { kind: 'unmodelled', name: asked, server: ref, steps: rewritten.steps, reason: rewritten.unmodelled };
  const { name, steps } = rewritten;
  const base: RouteBase = { name, server: ref, steps };
  for (const template of server.templates) {
    const outcome = runTemplate(template, name);
    if (outcome.kind === 'unmodelled') return { ...base, kind: 'unmodelled', reason: outcome.reason };
    if (outcome.kind === 'answer') return { ...base, kind: 'template', line: template.line, rcode: outcome.rcode, addresses: outcome.addresses };
  }
  const hosts = server.hosts;
  if (hosts && inAny(name, hosts.zones)) {
    const entries = hosts.entries.filter((entry) => entry.names.includes(name));
    if (entries.length > 0) return { ...base, kind: 'hosts', line: entries[0]?.line ?? hosts.line, addresses: entries.map((entry) => entry.address) };
    if (hosts.file !== '/etc/hosts') return { ...base, kind: 'unmodelled', reason: `the hosts file ${hosts.file} (line ${hosts.line}) is not read` };
    if (!covers(hosts.fallthrough, name)) {
      return { ...base, kind: 'fail', rcode: 'SERVFAIL', reason: `the hosts plugin (line ${hosts.line}) serves ${hosts.zones.join(' ')} without fallthrough and has no entry for ${name}, so CoreDNS answers SERVFAIL` };
    }
  }
  const kubernetes = server.kubernetes;
  if (kubernetes && inAny(name, kubernetes.zones)) {
    const next = covers(kubernetes.fallthrough, name) ? afterKubernetes(server, name, base) : null;
    return { ...base, kind: 'kubernetes', line: kubernetes.line, next };
  }
  return afterKubernetes(server, name, base);
}

/**
 * How CoreDNS answers an address question for `name` on `port` (53 for pods): the server block
 * with the longest zone holding the name, then its plugins in compiled order. `fail` REFUSED
 * when no block serves the name.
 */
export function routeCorefile(name: string, servers: CorednsServer[], port = 53): CorednsRoute {
  const asked = bare(name);
  let best: { server: CorednsServer; length: number } | null = null;
  for (const server of servers.filter((candidate) => candidate.port === port)) {
    for (const zone of server.zones) {
      if (!inCorefileZone(asked, zone)) continue;
      const length = zone === '.' ? 0 : zone.length;
      if (best === null || length > best.length) best = { server, length };
    }
  }
  if (best === null) return { kind: 'fail', name: asked, server: null, steps: [], rcode: 'REFUSED', reason: `no server block of the Corefile serves ${asked} on port ${port}` };
  return routeInServer(best.server, asked);
}
