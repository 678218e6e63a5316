/**
 * Whether one Cloud Firewall access control policy matches a flow, and which policy decides
 * (docs/gates/cloud-firewall.md): policies in `Order`, the first that matches decides, no
 * match allows. A policy's 4-tuple part is decided from the facts; its application and
 * domain parts depend on what the firewall identifies in the packets (the TLS SNI or HTTP
 * Host, the protocol), which the dashboard does not see: they are assumed from the request
 * (the host it was asked for, the port's usual application) and otherwise left open. Pure.
 */
import { cidrContains, isIp } from '@/lib/analysis/ip';
import { msg, type Message } from '@/lib/analysis/message';

import type { ControlPolicy } from './facts';

/** The flow as the firewall sees it. */
export interface FirewallFlow {
  /** The source address this firewall sees (private before SNAT, public after). */
  source: string;
  destination: string;
  /** The host name the pod asked for (SNI / Host), null when it asked for an address. */
  host: string | null;
  port: number;
  protocol: 'tcp' | 'udp' | 'sctp';
}

/** `yes` / `no` from the facts, or `maybe` with what the dashboard cannot see. */
export type PolicyMatch = { kind: 'yes'; assumed: Message | null } | { kind: 'no' } | { kind: 'maybe'; why: Message };

const M = 'analysis.cloudFirewall';

/** Sentences joined with `; `, as one message (null for none). */
export function joined(items: Message[]): Message | null {
  const [first, ...rest] = items;
  if (first === undefined) return null;
  const tail = joined(rest);
  return tail === null ? first : msg(`${M}.joinPair`, { first, rest: tail });
}

/** The application a destination port usually carries (what the firewall would identify), null when none is usual. */
const USUAL_APPLICATIONS: Readonly<Record<number, readonly string[]>> = {
  21: ['FTP'],
  22: ['SSH'],
  25: ['SMTP'],
  80: ['HTTP'],
  443: ['HTTPS', 'SSL'],
  465: ['SMTPS', 'SSL'],
  1883: ['MQTT'],
  3306: ['MySQL'],
  3389: ['RDP'],
  5900: ['VNC'],
  6379: ['Redis'],
  11211: ['Memcache'],
  27017: ['MongoDB'],
};

function portMatches(spec: string, port: number): boolean {
  const value = spec.trim();
  if (value === '' || value === '0/0' || value === '-1/-1') return true;
  const [from, to] = value.split('/').map(Number);
  if (from === undefined || !Number.isFinite(from)) return false;
  return port >= from && port <= (to !== undefined && Number.isFinite(to) ? to : from);
}

/** `*.example.com` covers every name below example.com; `example.com` covers itself. */
export function domainCovers(pattern: string, host: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  const domain = pattern.toLowerCase().replace(/\.$/, '');
  if (domain.startsWith('*.')) return name.endsWith(domain.slice(1));
  return name === domain;
}

function addressMatches(type: ControlPolicy['sourceType'], value: string, cidrs: string[] | null, address: string): PolicyMatch {
  switch (type) {
    case 'net':
      return cidrContains(value, address) ? { kind: 'yes', assumed: null } : { kind: 'no' };
    case 'group':
      if (cidrs === null) return { kind: 'maybe', why: msg(`${M}.whyAddressBook`, { book: value }) };
      return cidrs.some((cidr) => cidrContains(cidr, address)) ? { kind: 'yes', assumed: null } : { kind: 'no' };
    case 'location':
      return { kind: 'maybe', why: msg(`${M}.whyLocation`, { address, location: value }) };
    case 'domain':
      return { kind: 'maybe', why: msg(`${M}.whyDomainSource`, { domain: value }) };
    default: {
      const exhaustive: never = type;
      throw new Error(`unhandled address type ${String(exhaustive)}`);
    }
  }
}

function destinationMatches(policy: ControlPolicy, flow: FirewallFlow): PolicyMatch {
  if (policy.destinationType !== 'domain') return addressMatches(policy.destinationType, policy.destination, policy.destinationCidrs, flow.destination);
  const byName = policy.domainResolveType !== 'DNS';
  if (!byName) return { kind: 'maybe', why: msg(`${M}.whyDomainResolved`, { domain: policy.destination }) };
  if (flow.host === null || isIp(flow.host)) return { kind: 'maybe', why: msg(`${M}.whyDomainByName`, { domain: policy.destination }) };
  if (!domainCovers(policy.destination, flow.host)) return policy.domainResolveType === 'FQDN_AND_DNS' ? { kind: 'maybe', why: msg(`${M}.whyDomainAlsoResolved`, { host: flow.host, domain: policy.destination }) } : { kind: 'no' };
  return { kind: 'yes', assumed: msg(`${M}.assumedSni`, { host: flow.host }) };
}

function applicationMatches(policy: ControlPolicy, flow: FirewallFlow): PolicyMatch {
  const apps = policy.applications.map((app) => app.toUpperCase());
  if (apps.length === 0 || apps.includes('ANY')) return { kind: 'yes', assumed: null };
  const usual = (USUAL_APPLICATIONS[flow.port] ?? []).map((app) => app.toUpperCase());
  if (usual.some((app) => apps.includes(app))) return { kind: 'yes', assumed: msg(`${M}.assumedApplication`, { port: String(flow.port), applications: usual.join('/') }) };
  return { kind: 'maybe', why: msg(`${M}.whyApplication`, { applications: policy.applications.join(', ') }) };
}

/** Whether `policy` matches `flow` (an outbound, enabled policy is assumed: filter first). */
export function matchPolicy(policy: ControlPolicy, flow: FirewallFlow): PolicyMatch {
  const protocol = policy.protocol.toUpperCase();
  if (protocol !== 'ANY' && protocol !== flow.protocol.toUpperCase()) return { kind: 'no' };
  const ports = policy.destinationPorts ?? [policy.destinationPort];
  if (!ports.some((spec) => portMatches(spec, flow.port))) return { kind: 'no' };
  const parts = [addressMatches(policy.sourceType, policy.source, policy.sourceCidrs, flow.source), destinationMatches(policy, flow), applicationMatches(policy, flow)];
  if (parts.some((part) => part.kind === 'no')) return { kind: 'no' };
  const open = joined(parts.flatMap((part) => (part.kind === 'maybe' ? [part.why] : [])));
  if (open !== null) return { kind: 'maybe', why: open };
  return { kind: 'yes', assumed: joined(parts.flatMap((part) => (part.kind === 'yes' && part.assumed !== null ? [part.assumed] : []))) };
}

/** The outcome of one firewall's policies for a flow. */
export interface PolicyDecision {
  /** `block` (a drop decided), `pass` (an accept or log decided, or nothing matched), `unknown` (an open policy ahead could change it). */
  verdict: 'pass' | 'block' | 'unknown';
  /** The policy that decided, null when none matched (the default allows). */
  decidedBy: ControlPolicy | null;
  /** Policies ahead of the decision whose match the dashboard cannot tell, with why. */
  open: Array<{ policy: ControlPolicy; why: Message }>;
  /** What the decision assumed about the traffic, null when nothing. */
  assumed: Message | null;
  /** The evaluated policies in order (enabled, outbound). */
  evaluated: ControlPolicy[];
}

/**
 * Walks the outbound, enabled policies in `Order`; the first match decides (drop blocks,
 * accept and log let through), no match allows. A policy ahead of the decision that may match
 * (`maybe`) and would decide otherwise makes the outcome `unknown`.
 */
export function decidePolicies(policies: readonly ControlPolicy[], flow: FirewallFlow): PolicyDecision {
  const evaluated = policies.filter((policy) => policy.direction === 'out' && policy.enabled).sort((a, b) => a.order - b.order);
  const open: PolicyDecision['open'] = [];
  for (const policy of evaluated) {
    const match = matchPolicy(policy, flow);
    if (match.kind === 'maybe') open.push({ policy, why: match.why });
    if (match.kind !== 'yes') continue;
    const verdict = policy.action === 'drop' ? 'block' : 'pass';
    const changes = open.some((item) => (item.policy.action === 'drop') !== (verdict === 'block'));
    return { verdict: changes ? 'unknown' : verdict, decidedBy: policy, open, assumed: match.assumed, evaluated };
  }
  return { verdict: open.some((item) => item.policy.action === 'drop') ? 'unknown' : 'pass', decidedBy: null, open, assumed: null, evaluated };
}
