/**
 * For one name the pod's resolver tries: the answer the chain gives without asking anyone
 * (cluster records, a Corefile `hosts` entry or `template`, a CoreDNS error, a step that cannot
 * be followed), or which server must be asked — the VPC DNS (through CoreDNS's
 * `forward . /etc/resolv.conf`, or directly) or a stub server a Corefile `forward` names. Pure.
 */
import type { CorednsConfig } from './coredns-config';
import { routeCorefile, type CorednsRoute } from './corefile-route';
import type { PodResolverChain } from './dns-chain';
import { resolveClusterName } from './dns-cluster-records';
import type { DnsAnswerSource } from './dns-sources';
import type { ClusterFacts, DnsAnswer } from './model';

export type DnsPlan =
  | { kind: 'answer'; answer: DnsAnswer }
  /** Ask the VPC DNS for `ask` (the name after rewrites); the answer is reported for `name`. */
  | { kind: 'vpcDns'; name: string; ask: string; path: string[] }
  /** A Corefile stub: CoreDNS forwards `ask` to `servers`. */
  | { kind: 'stub'; name: string; ask: string; path: string[]; route: Extract<CorednsRoute, { kind: 'forward' }> };

const answer = (name: string, answeredBy: string, rcode: DnsAnswer['rcode'], addresses: string[], source: DnsAnswerSource, path: string[]): DnsPlan => ({
  kind: 'answer',
  answer: { name, answeredBy, rcode, addresses, cnames: [], source, path },
});

const unasked = (name: string, reason: string, path: string[]): DnsPlan => answer(name, 'not asked', 'UNKNOWN', [], { kind: 'unasked', reason }, path);

function serverHop(route: CorednsRoute, assumed: boolean): string[] {
  const server = route.server ? `CoreDNS server block ${route.server.label} (line ${route.server.line}${assumed ? ', assumed' : ''})` : 'CoreDNS';
  return [server, ...route.steps.map((step) => `${step.text} (line ${step.line})`)];
}

function fromRoute(name: string, route: CorednsRoute, cluster: ClusterFacts, path: string[]): DnsPlan {
  switch (route.kind) {
    case 'kubernetes': {
      const found = resolveClusterName(route.name, cluster);
      if (found === null) return unasked(name, `the kubernetes plugin answers ${route.name} from Services or EndpointSlices that could not be read`, path);
      if (found.rcode === 'NXDOMAIN' && route.next !== null) return fromRoute(name, route.next, cluster, [...path, `kubernetes fallthrough (line ${route.line})`]);
      return { kind: 'answer', answer: { ...found, name, source: { kind: 'cluster' }, path: [...path, `kubernetes plugin (line ${route.line})`] } };
    }
    case 'hosts':
      return answer(name, `CoreDNS hosts entry (line ${route.line})`, 'NOERROR', route.addresses, { kind: 'corednsHosts', zone: route.server.label }, [...path, `hosts (line ${route.line})`]);
    case 'template':
      return answer(name, `CoreDNS template (line ${route.line})`, route.rcode, route.addresses, { kind: 'corednsTemplate', zone: route.server.label }, [...path, `template (line ${route.line})`]);
    case 'forward': {
      const hop = `forward ${route.forward.from} ${route.forward.to.join(' ')} (line ${route.forward.line})`;
      if (route.upstream === 'resolvConf') return { kind: 'vpcDns', name, ask: route.name, path: [...path, hop] };
      return { kind: 'stub', name, ask: route.name, path: [...path, hop], route };
    }
    case 'fail':
      return answer(name, `CoreDNS (${route.reason})`, route.rcode, [], { kind: 'unasked', reason: route.reason }, path);
    case 'unmodelled':
      return unasked(name, route.reason, path);
    default: {
      const unreachable: never = route;
      throw new Error(`unhandled CoreDNS route ${JSON.stringify(unreachable)}`);
    }
  }
}

/**
 * What the chain does with `name`. `coredns` is the Corefile in effect (null unless the chain
 * reaches CoreDNS). The pod's own server (not CoreDNS, not the VPC DNS) and a chain that could
 * not be read give `UNKNOWN` answers saying why — never the dashboard's own resolver.
 */
export function planName(name: string, chain: PodResolverChain, coredns: CorednsConfig | null, cluster: ClusterFacts): DnsPlan {
  switch (chain.kind) {
    case 'none':
      return unasked(name, 'the pod has no nameserver', []);
    case 'unknown':
      return unasked(name, chain.reason, []);
    case 'other':
      return answer(name, chain.server, 'UNKNOWN', [], { kind: 'forwarded', servers: [chain.server], by: "the pod's resolv.conf" }, [`${chain.server} (the pod's nameserver)`]);
    case 'vpcDns':
      return { kind: 'vpcDns', name, ask: name, path: chain.hops };
    case 'coredns': {
      if (coredns === null || coredns.kind === 'unknown') return unasked(name, coredns?.reason ?? 'the CoreDNS configuration is unknown', chain.hops);
      const route = routeCorefile(name, coredns.servers);
      return fromRoute(name, route, cluster, [...chain.hops, ...serverHop(route, coredns.kind === 'assumed')]);
    }
    default: {
      const unreachable: never = chain;
      throw new Error(`unhandled resolver chain ${JSON.stringify(unreachable)}`);
    }
  }
}
