/**
 * Hop 1: DNS (domain doc §8). Emulates the pod's resolver, judges the answers to every name
 * it tried, checks CoreDNS readiness, and whether NetworkPolicy lets the pod reach its
 * nameserver on UDP and TCP 53. Pure.
 */
import { manualFix } from '@/lib/fixes/cloud-fixes';

import { corednsConfig } from './coredns-config';
import { answersFinding, namesTable } from './dns-answers';
import { resolverConfig, type ResolverConfig } from './dns-candidates';
import { podResolverChain } from './dns-chain';
import { chainFinding } from './dns-chain-finding';
import { nameserverGroupsFinding } from './dns-nameserver-groups';
import { dnsPolicyFinding, finding, type DnsFinding } from './dns-reachability';
import { stubReachabilityFinding } from './dns-stub-reachability';
import { describeFactError, makeHop, skipHop, unknownHop, worstVerdict } from './hop-helpers';
import { msg, type Text } from './message';
import type { ClusterDns, FactRef, Hop, PathContext, PathFacts } from './model';

const KIND = 'dns';

const kubeDnsRef: FactRef = { kind: 'service', id: 'kube-system/kube-dns', label: 'Service kube-system/kube-dns' };

/** CoreDNS readiness, when the pod's resolver uses the kube-dns Service. */
function corednsFinding(dns: ClusterDns, config: ResolverConfig): DnsFinding | null {
  if (dns.serviceIp === null || !config.nameservers.includes(dns.serviceIp)) return null;
  const ready = dns.readyEndpoints.length;
  const notReady = dns.notReadyEndpoints.length;
  const replicas: Text[] = dns.deployment
    ? [msg('analysis.dns.replicasReady', { deployment: dns.deployment.name, ready: String(dns.deployment.readyReplicas), replicas: String(dns.deployment.replicas) })]
    : ['The CoreDNS Deployment was not found.'];
  const facts = [kubeDnsRef];
  if (ready === 0) {
    return finding('block', `kube-dns (${dns.serviceIp}) has no ready CoreDNS endpoint (${notReady} not ready): nothing answers the pod's queries`, {
      decidedBy: kubeDnsRef,
      facts,
      notes: replicas,
      fixes: [
        manualFix({
          id: 'dns-coredns-not-ready',
          title: 'Bring CoreDNS back',
          description: 'The kube-dns Service has no ready endpoint, so every query from pods using cluster DNS times out.',
          risk: 'None: read-only checks, then restarting or scaling CoreDNS.',
          target: kubeDnsRef,
          steps: [
            'kubectl -n kube-system get pods -l k8s-app=kube-dns -o wide',
            'kubectl -n kube-system describe pods -l k8s-app=kube-dns  # events: scheduling, image pulls, probes',
            'kubectl -n kube-system logs -l k8s-app=kube-dns --tail=100',
          ],
        }),
      ],
    });
  }
  if (notReady > 0) {
    return finding('warn', `${notReady} of ${ready + notReady} CoreDNS endpoints behind kube-dns are not ready; some queries may time out`, { facts, notes: replicas });
  }
  return finding('pass', `CoreDNS has ${ready} ready endpoint${ready === 1 ? '' : 's'} behind kube-dns ${dns.serviceIp}`, { facts, notes: replicas });
}

function resolverNotes(config: ResolverConfig): Text[] {
  const notes: Text[] = [
    msg('analysis.dns.resolver', { policy: config.policy, nameservers: config.nameservers.join(', ') || msg('analysis.common.none'), searches: config.searches.join(' ') || msg('analysis.common.none'), ndots: String(config.ndots) }),
    ...config.notes,
  ];
  return notes;
}

function securityGroupNote(facts: PathFacts): string[] {
  // TODO(cloud-hops): the securityGroup hop owns SG reachability of CoreDNS; say so only when it cannot tell.
  const groups = facts.cloud.securityGroups;
  return groups.kind === 'missing' ? [`Security groups between the pod and its DNS server were not checked: ${describeFactError(groups.error)}.`] : [];
}

function combine(findings: DnsFinding[], facts: PathFacts, config: ResolverConfig, table: Hop['evidence']['tables']): Hop {
  const verdict = worstVerdict(findings.map((item) => item.verdict));
  // NOTE: when everything passes, the answer is the headline; otherwise the first finding at the worst verdict.
  const deciding = verdict === 'pass' ? findings.at(-1) : findings.find((item) => item.verdict === verdict);
  const refs = findings.flatMap((item) => item.facts);
  const evidence = {
    facts: refs.filter((ref, index) => refs.findIndex((other) => other.kind === ref.kind && other.id === ref.id) === index),
    decidedBy: deciding?.decidedBy ?? null,
    tables: [...table, ...findings.flatMap((item) => item.tables ?? [])],
    notes: [...resolverNotes(config), ...findings.flatMap((item) => item.notes), ...securityGroupNote(facts)],
  };
  const summary = deciding?.summary ?? 'DNS checked';
  const reason = verdict === 'unknown' || verdict === 'warn' ? summary : null;
  const fixes = verdict === 'block' || verdict === 'warn' ? findings.filter((item) => item.verdict === verdict).flatMap((item) => item.fixes) : [];
  return makeHop(KIND, verdict, summary, { reason, evidence, fixes });
}

/**
 * The dns hop. `skip` for an IP destination; `unknown` when the CoreDNS facts or the answers
 * are missing; otherwise the worst of: NetworkPolicy toward the nameserver (denied UDP 53
 * blocks even if the dashboard's own queries got answers), CoreDNS readiness (none ready
 * blocks, some not ready warns), and the answers (all NXDOMAIN blocks).
 */
export function evaluateDnsHop(facts: PathFacts, path: PathContext): Hop {
  if (facts.dnsAnswers === null) return skipHop(KIND, `the destination ${path.destination.host} is an IP address; nothing to resolve`);
  const cluster = facts.cluster;
  if (cluster.dns.kind === 'missing') return unknownHop(KIND, describeFactError(cluster.dns.error));
  const dns = cluster.dns.value;
  const config = resolverConfig(cluster.pod, cluster.cluster, dns.serviceIp);
  const services = cluster.services.kind === 'ok' ? cluster.services.value : [];
  const coredns = corednsFinding(dns, config);
  const noServer = config.nameservers.length === 0 ? finding('block', `The pod has no nameserver (dnsPolicy ${config.policy}): it cannot resolve ${facts.request.host}`) : null;
  const chain = podResolverChain(cluster, config);
  const corefile = chain.kind === 'coredns' ? corednsConfig(cluster) : null;
  const answers = facts.dnsAnswers.kind === 'ok' ? facts.dnsAnswers.value : [];
  const findings = [
    noServer,
    coredns?.verdict === 'block' ? null : dnsPolicyFinding(cluster, config.nameservers, dns),
    coredns,
    noServer ? null : chainFinding(chain, corefile),
    nameserverGroupsFinding(facts, path, chain, dns),
    stubReachabilityFinding(answers, cluster, corefile, cluster.cluster.region),
    answersFinding(facts.request.host, facts.dnsAnswers, services, cluster.cluster.clusterDomain),
  ].filter((item) => item !== null);
  const tables = facts.dnsAnswers.kind === 'ok' ? [namesTable(facts.dnsAnswers.value)] : [];
  return combine(findings, facts, config, tables);
}
