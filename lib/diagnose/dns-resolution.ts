/**
 * Resolving a name the way the pod's resolver chain does: the names its search list tries,
 * cluster names from the Services (as CoreDNS's kubernetes plugin), everything else as the VPC
 * DNS of the pod's VPC answers it — PrivateZone zones bound to that VPC (read with the
 * PrivateZone API) first, then public DNS through the dashboard's resolver. Where the dashboard
 * cannot ask the way the pod asks (the VPC or the zones could not be read, a forwarding rule
 * or a Corefile stub sends the query elsewhere, the Corefile could not be read), the answer
 * is `UNKNOWN` with the reason: never a silent fallback.
 */
import 'server-only';

import { createCloudClients, type CloudClients } from '@/lib/alicloud';
import { describePrivateZoneFacts } from '@/lib/alicloud/pvtz';
import { corednsConfig } from '@/lib/analysis/coredns-config';
import { candidateNames, resolverConfig } from '@/lib/analysis/dns-candidates';
import { podResolverChain } from '@/lib/analysis/dns-chain';
import { planName } from '@/lib/analysis/dns-plan';
import { routeInVpc } from '@/lib/analysis/dns-private-zone';
import type { DnsAnswerSource, PrivateZoneFacts } from '@/lib/analysis/dns-sources';
import { describeFactError } from '@/lib/analysis/hop-helpers';
import type { ClusterFacts, DnsAnswer, Fact, Pod } from '@/lib/analysis/model';
import { createDnsResolver } from '@/lib/dns/query';
import { getEnv } from '@/lib/env';
import { UpstreamError } from '@/lib/errors';

import { findSourceEni, type SourceEniLookup } from './cloud-facts';
import { readCorednsSender, stubAnswer } from './dns-stub';
import { known, readFact } from './facts';

type Resolver = ReturnType<typeof createDnsResolver>;

/** Longest CNAME chain followed across zones and public DNS. */
const MAX_CNAME_HOPS = 8;
const VPC_DNS = 'VPC DNS';

async function queryPublic(resolver: Resolver, name: string): Promise<DnsAnswer> {
  try {
    return await resolver.query(name);
  } catch (error) {
    throw new UpstreamError({ source: 'dns', reason: 'error', resource: `DNS ${name} @ ${resolver.server}`, message: error instanceof Error ? error.message : String(error), cause: error });
  }
}

const unasked = (name: string, reason: string): DnsAnswer => ({ name, answeredBy: 'not asked', rcode: 'UNKNOWN', addresses: [], cnames: [], source: { kind: 'unasked', reason }, path: [VPC_DNS] });

/**
 * The VPC DNS's answer for `name`: a bound zone's records, a forwarding rule (not asked), or
 * public DNS. A CNAME from a zone is followed the way the VPC DNS follows it.
 */
async function answerInVpc(name: string, zones: PrivateZoneFacts, resolver: Resolver, depth = 0): Promise<DnsAnswer> {
  const route = routeInVpc(name, zones);
  switch (route.kind) {
    case 'rule': {
      const servers = route.rule.forwardIps.map((target) => `${target.ip}:${target.port}`);
      const source: DnsAnswerSource = { kind: 'forwarded', servers, by: `PrivateZone forwarding rule ${route.rule.name || route.rule.id} (${route.rule.zoneName})` };
      return { name, answeredBy: servers.join(', '), rcode: 'UNKNOWN', addresses: [], cnames: [], source, path: [VPC_DNS] };
    }
    case 'zone': {
      const source: DnsAnswerSource = { kind: 'privateZone', zone: route.zone, vpcId: zones.vpcId, outcome: route.outcome, records: route.records };
      const answeredBy = `PrivateZone ${route.zone.name} (bound to ${zones.vpcId})`;
      if (route.outcome !== 'answered') return { name, answeredBy, rcode: 'NXDOMAIN', addresses: [], cnames: [], source, path: [VPC_DNS] };
      if (route.cname === null || depth >= MAX_CNAME_HOPS) return { name, answeredBy, rcode: 'NOERROR', addresses: route.addresses, cnames: route.cname ? [route.cname] : [], source, path: [VPC_DNS] };
      const target = await answerInVpc(route.cname, zones, resolver, depth + 1);
      return { ...target, name, answeredBy, cnames: [route.cname, ...target.cnames], source, path: [VPC_DNS] };
    }
    case 'public': {
      const answer = await queryPublic(resolver, name);
      const source: DnsAnswerSource = { kind: 'public', server: resolver.server, vpcId: zones.vpcId, regionId: zones.regionId, recursedFrom: route.recursedFrom, unboundZones: route.unboundZones };
      return { ...answer, source, path: [VPC_DNS, `public DNS via ${resolver.server}`] };
    }
    default: {
      const exhaustive: never = route;
      throw new Error(`unhandled VPC DNS route ${JSON.stringify(exhaustive)}`);
    }
  }
}

/** The VPC the pod's queries leave from (the source ENI's), read once for the PrivateZone lookup. */
async function readPrivateZones(clients: CloudClients | null, lookup: SourceEniLookup, names: string[]): Promise<Fact<PrivateZoneFacts>> {
  if (clients === null) {
    const error = new UpstreamError({ source: 'alicloud', reason: 'invalid', resource: 'region', message: 'The cluster region is unknown, so the VPC and its PrivateZone zones cannot be read.' });
    return { kind: 'missing', error: error.toFactError() };
  }
  return readFact(async () => {
    const eni = await findSourceEni(clients, lookup);
    if (eni === null) throw new UpstreamError({ source: 'alicloud', reason: 'notFound', resource: 'DescribeNetworkInterfaces', message: 'No ENI holds the pod address, so its VPC (and the PrivateZone zones bound to it) is unknown.' });
    return describePrivateZoneFacts(clients, { vpcId: eni.vpcId, names });
  });
}

export interface ResolveOptions {
  /** The cloud clients to read the VPC and its zones with (the diagnosis's, so reads are shared); the region's when absent. */
  clients?: CloudClients | null;
  /**
   * Answers as if no PrivateZone zone or forwarding rule covered the names, without reading them:
   * the likely answer, for starting the path's cloud reads early. Never the diagnosis's answer.
   */
  assumeNoPrivateZones?: boolean;
}

/**
 * Tries the names the pod's resolver would, in order, along the pod's resolver chain
 * (NodeLocal DNSCache → CoreDNS and its Corefile → the VPC DNS, or the VPC DNS directly), and
 * cuts the answers after the first that resolves (the resolver stops there). Answers the chain
 * gives from what was read (cluster records, Corefile hosts entries) need no query; names sent
 * to the VPC DNS are answered as it would; a Corefile stub server is not asked (the answer is
 * `UNKNOWN`) but the security groups CoreDNS reaches it through are read.
 */
export async function resolveAsPod(host: string, pod: Pod, cluster: ClusterFacts, lookup: SourceEniLookup, options: ResolveOptions = {}): Promise<Fact<DnsAnswer[]>> {
  const dnsServiceIp = cluster.dns.kind === 'ok' ? cluster.dns.value.serviceIp : null;
  const config = resolverConfig(pod, cluster.cluster, dnsServiceIp);
  const chain = podResolverChain(cluster, config);
  const coredns = chain.kind === 'coredns' ? corednsConfig(cluster) : null;
  const plans = candidateNames(host, config).map((name) => planName(name, chain, coredns, cluster));
  const env = getEnv();
  const resolver = createDnsResolver({ timeoutMs: Math.min(env.EGRESS_DOCTOR_TIMEOUT_MS, 3_000) });
  const region = cluster.cluster.region ?? env.ALIBABA_CLOUD_REGION_ID ?? null;
  const clients = options.clients !== undefined ? options.clients : region ? createCloudClients({ region }) : null;
  const vpcNames = plans.flatMap((plan) => (plan.kind === 'vpcDns' ? [plan.ask] : []));
  const stubs = plans.some((plan) => plan.kind === 'stub');
  const noZones: PrivateZoneFacts = { vpcId: '', regionId: region ?? '', zones: [], rules: [] };
  const [zones, sender] = await Promise.all([
    vpcNames.length === 0 ? null : options.assumeNoPrivateZones ? known(noZones) : readPrivateZones(clients, lookup, vpcNames),
    stubs && !options.assumeNoPrivateZones ? readCorednsSender(clients, cluster) : null,
  ]);
  return readFact(async () => {
    const answers = await Promise.all(
      plans.map(async (plan): Promise<DnsAnswer> => {
        switch (plan.kind) {
          case 'answer':
            return plan.answer;
          case 'stub':
            return stubAnswer(plan, sender);
          case 'vpcDns': {
            if (zones === null || zones.kind === 'missing') return unasked(plan.name, `the VPC DNS answers from the PrivateZone zones bound to the pod's VPC, which could not be read (${zones ? describeFactError(zones.error) : 'no VPC'})`);
            const found = await answerInVpc(plan.ask, zones.value, resolver);
            return { ...found, name: plan.name, path: [...plan.path, ...(found.path ?? [])] };
          }
          default: {
            const exhaustive: never = plan;
            throw new Error(`unhandled DNS plan ${JSON.stringify(exhaustive)}`);
          }
        }
      }),
    );
    const firstResolved = answers.findIndex((answer) => answer.rcode === 'NOERROR' && answer.addresses.length > 0);
    return firstResolved === -1 ? answers : answers.slice(0, firstResolved + 1);
  });
}
