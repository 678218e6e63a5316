/**
 * Can CoreDNS reach the stub servers a Corefile `forward` sends a zone to? The CoreDNS pods
 * send those queries, so the NetworkPolicy selecting them (UDP 53) and their ENIs' security
 * groups (egress, UDP and TCP 53) decide — not the source pod's. A drop of UDP 53 toward every
 * server from every CoreDNS pod blocks: CoreDNS answers SERVFAIL. Pure.
 */
import { authorizeSecurityGroupEgress, hostCidr } from '@/lib/fixes/cloud-fixes';
import { corefilePatchFix } from '@/lib/fixes/coredns-fixes';
import { allowDnsEgressFix } from '@/lib/fixes/kubernetes-fixes';

import type { CorednsConfig } from './coredns-config';
import type { DnsAnswerSource, ResolverSender } from './dns-sources';
import { finding, type DnsFinding } from './dns-reachability';
import { nameAndId } from './entry-label';
import { describeFactError, ref } from './hop-helpers';
import type { ClusterFacts, DnsAnswer, EvidenceTable, Fix, Protocol, SecurityGroup } from './model';
import { objectId, policyList, policyRef } from './network-policy-evidence';
import { evaluateFlow } from './network-policy-flow';
import { decideSecurityGroup, type SecurityGroupDecision } from './security-group-rules';

type Forwarded = Extract<DnsAnswerSource, { kind: 'forwarded' }>;

interface Check {
  eni: ResolverSender['enis'][number];
  server: { ip: string; port: number };
  protocol: Protocol;
  decision: SecurityGroupDecision;
}

/** `10.50.0.53:53` → its address and port. */
function splitServer(server: string): { ip: string; port: number } {
  const index = server.lastIndexOf(':');
  return index > 0 && !server.slice(0, index).includes(':') ? { ip: server.slice(0, index), port: Number(server.slice(index + 1)) } : { ip: server, port: 53 };
}

function decidedText(decision: SecurityGroupDecision, groups: readonly SecurityGroup[]): string {
  const decider = decision.decidedBy;
  if (decider.kind === 'rule') return `rule ${decider.rule.id} of ${nameAndId(decider.groupId, groups.find((group) => group.id === decider.groupId)?.name)} (priority ${decider.rule.priority}, ${decider.rule.policy}${decider.rule.description ? `: ${decider.rule.description}` : ''})`;
  if (decider.kind === 'default') return `the implicit default of ${decider.groupType === 'normal' ? 'basic' : 'enterprise'} groups`;
  if (decider.kind === 'innerAccess') return `inner access of ${nameAndId(decider.groupId, groups.find((group) => group.id === decider.groupId)?.name)}`;
  return 'the platform block of TCP 25';
}

function checksFor(sender: ResolverSender, servers: Array<{ ip: string; port: number }>): Check[] {
  return sender.enis.flatMap((eni) => {
    const groups = sender.groups.filter((group) => eni.securityGroupIds.includes(group.id));
    return servers.flatMap((server) =>
      (['udp', 'tcp'] as const).map((protocol) => ({
        eni,
        server,
        protocol,
        decision: decideSecurityGroup(groups, { direction: 'egress', remoteAddress: server.ip, port: server.port, protocol, remoteGroupIds: [] }),
      })),
    );
  });
}

function checksTable(checks: Check[], decisive: Check | undefined, groups: readonly SecurityGroup[]): EvidenceTable {
  return {
    title: 'CoreDNS → stub servers, outbound security-group rules',
    columns: ['CoreDNS pod', 'ENI', 'Server', 'Protocol', 'Verdict', 'Decided by'],
    rows: checks.map((check) => [check.eni.pod, check.eni.eniId, `${check.server.ip}:${check.server.port}`, check.protocol.toUpperCase(), check.decision.verdict, decidedText(check.decision, groups)]),
    decidingRow: decisive ? checks.indexOf(decisive) : null,
  };
}

function securityGroupFixes(dropped: Check[], regionId: string | null): Fix[] {
  const seen = new Set<string>();
  return dropped.flatMap((check) => {
    const decider = check.decision.decidedBy;
    const groupId = decider.kind === 'rule' ? decider.groupId : (check.eni.securityGroupIds[0] ?? 'sg-unknown');
    const key = `${groupId}/${check.server.ip}/${check.protocol}`;
    if (seen.has(key)) return [];
    seen.add(key);
    const dropPriority = decider.kind === 'rule' && decider.rule.policy === 'drop' ? decider.rule.priority : null;
    const fix = authorizeSecurityGroupEgress({
      regionId,
      securityGroupId: groupId,
      protocol: check.protocol,
      port: check.server.port,
      cidr: hostCidr(check.server.ip),
      priority: dropPriority === null || dropPriority <= 1 ? 1 : dropPriority - 1,
      risk: `Opens ${check.protocol.toUpperCase()} ${check.server.port} toward ${check.server.ip} only, for every instance and pod in ${groupId} (the CoreDNS pods among them).`,
    });
    return [{ ...fix, id: `${fix.id}-dns-${check.protocol}-${check.server.ip}` }];
  });
}

function corefileFix(source: Forwarded, coredns: CorednsConfig, context: string, bare: string): Fix[] {
  if (coredns.kind !== 'read' || source.corefileLine === undefined) return [];
  const line = coredns.text.split('\n')[source.corefileLine - 1] ?? '';
  const match = /^(\s*forward\s+\S+)([^{#]*)(.*)$/.exec(line);
  if (!match) return [];
  const server = coredns.servers.find((candidate) => candidate.forward?.line === source.corefileLine);
  const rest = match[3] ? ` ${match[3].trim()}` : '';
  return [
    corefilePatchFix({
      id: 'dns-corefile-stub-servers',
      title: `Point the Corefile's forward for ${source.zone ?? 'the zone'} at servers CoreDNS can reach`,
      description: `The server block ${server?.label ?? ''} forwards ${bare} to ${source.servers.join(', ')}; replace <REACHABLE_DNS_SERVER> with DNS servers the CoreDNS pods can reach on UDP and TCP 53 (e.g. a PrivateZone resolver endpoint), or remove the block if the zone is gone.`,
      risk: `Every pod of the cluster then resolves names of ${server?.label ?? 'that block'} through the new servers; a wrong server answers wrong or not at all for the whole zone.`,
      context,
      corefile: coredns.text,
      edits: [{ line: source.corefileLine, replace: [`${match[1]} <REACHABLE_DNS_SERVER>${rest}`] }],
      reload: server?.reload ?? false,
      verify: [`kubectl --context ${context} -n kube-system exec deploy/coredns -- nslookup ${bare} <REACHABLE_DNS_SERVER>`],
    }),
  ];
}

/**
 * NetworkPolicy on the CoreDNS side: `block` when enforced egress policies selecting every
 * CoreDNS pod allow no UDP 53 to any stub server, `unknown` when the policies could not be
 * read, null when they let it through (or select no CoreDNS pod).
 */
function corednsPolicyFinding(sender: ResolverSender, servers: Array<{ ip: string; port: number }>, cluster: ClusterFacts, name: string): DnsFinding | null {
  const { networkPolicies, pods, namespaces } = cluster;
  if (networkPolicies.kind === 'missing' || pods.kind === 'missing' || namespaces.kind === 'missing') {
    const error = networkPolicies.kind === 'missing' ? networkPolicies.error : pods.kind === 'missing' ? pods.error : namespaces.kind === 'missing' ? namespaces.error : null;
    return finding('unknown', `Cannot tell whether NetworkPolicy lets CoreDNS reach the stub servers of ${name}: ${error ? describeFactError(error) : 'not read'}`);
  }
  const senders = sender.enis.flatMap((eni) => pods.value.filter((pod) => pod.ip === eni.address && pod.namespace === 'kube-system'));
  if (senders.length === 0) return null;
  const outcomes = senders.map((source) => ({
    source,
    flow: evaluateFlow({ cluster: cluster.cluster, source, namespaces: namespaces.value, pods: pods.value, policies: networkPolicies.value, targets: servers.map((server) => ({ address: server.ip, port: server.port, protocol: 'UDP' as const, pod: null })) }),
  }));
  const denied = outcomes.filter(({ flow }) => flow?.chosen.verdict === 'denied');
  const first = denied[0];
  if (!first || denied.length < outcomes.length || first.flow?.chosen.egress.kind !== 'denied') return null;
  const selecting = first.flow.chosen.egress.selecting;
  return finding('block', `${name} does not resolve: ${policyList(selecting)} selecting CoreDNS pod ${objectId(first.source)} ${selecting.length === 1 ? 'allows' : 'allow'} no UDP 53 to the stub servers ${servers.map((server) => server.ip).join(', ')}: CoreDNS answers SERVFAIL`, {
    decidedBy: selecting[0] ? policyRef(selecting[0]) : null,
    facts: selecting.map(policyRef),
    fixes: [allowDnsEgressFix(first.source, { kind: 'servers', addresses: servers.map((server) => server.ip) }, cluster.cluster.name)],
  });
}

/**
 * The finding for the first name CoreDNS sends to a Corefile stub, null when no name tried
 * went to one. `block` when every CoreDNS pod's groups drop UDP 53 toward every stub server,
 * `warn` when some do (or TCP 53 only), `unknown` when the groups could not be read, `pass`
 * when all let it through (the answer itself stays unasked).
 */
export function stubReachabilityFinding(answers: DnsAnswer[], cluster: ClusterFacts, coredns: CorednsConfig | null, regionId: string | null): DnsFinding | null {
  const answer = answers.find((candidate) => candidate.source?.kind === 'forwarded' && candidate.source.sender !== undefined);
  const source = answer?.source?.kind === 'forwarded' ? answer.source : null;
  if (!answer || !source?.sender) return null;
  const servers = source.servers.map(splitServer);
  const where = `the stub server${servers.length === 1 ? '' : 's'} ${source.servers.join(', ')} CoreDNS forwards ${answer.name} to`;
  if (source.sender.kind === 'missing') return finding('unknown', `Cannot tell whether CoreDNS can reach ${where}: ${describeFactError(source.sender.error)}`);
  const sender = source.sender.value;
  const policy = corednsPolicyFinding(sender, servers, cluster, answer.name);
  if (policy?.verdict === 'block') return policy;
  const checks = checksFor(sender, servers);
  const udp = checks.filter((check) => check.protocol === 'udp');
  const udpDropped = udp.filter((check) => check.decision.verdict === 'drop');
  const tcpDropped = checks.filter((check) => check.protocol === 'tcp' && check.decision.verdict === 'drop');
  const facts = [...sender.enis.map((eni) => ref('eni', eni.eniId, `${eni.eniId} (${eni.pod})`)), ...sender.groups.map((group) => ref('securityGroup', group.id, nameAndId(group.id, group.name)))];
  const decisive = udpDropped[0] ?? tcpDropped[0];
  const decider = decisive?.decision.decidedBy;
  const decidedBy = decider?.kind === 'rule' ? ref('securityGroupRule', decider.rule.id, `${decider.rule.id} (${decider.groupId})`) : null;
  const tables = [checksTable(checks, decisive, sender.groups)];
  const notes = [`Queries for ${source.zone ?? answer.name} leave from the CoreDNS pods (${sender.enis.map((eni) => `${eni.pod} via ${eni.eniId}`).join(', ')}), so their security groups decide, not the source pod's.`];
  const context = cluster.cluster.name;
  const fixes = (): Fix[] => {
    const corefile = coredns ? corefileFix(source, coredns, context, answer.name) : [];
    const opened = securityGroupFixes([...udpDropped, ...tcpDropped], regionId);
    const says = decider?.kind === 'rule' && decider.rule.policy === 'drop' ? decider.rule.description : '';
    if (!says) return [...opened, ...corefile];
    // NOTE: a described drop looks deliberate: lead with the Corefile change, keep opening the group as an exception.
    const blastRadius = `Lets every instance and pod in ${decider?.kind === 'rule' ? decider.groupId : 'the group'} send DNS to ${source.servers.join(', ')}, which the rule “${says}” forbids.`;
    return [...corefile, ...opened.map((fix) => ({ ...fix, exception: { blastRadius } }))];
  };
  if (udp.length > 0 && udpDropped.length === udp.length) {
    return finding('block', `${answer.name} does not resolve: CoreDNS forwards it to ${source.servers.join(', ')}, and its security groups drop UDP 53 toward ${servers.length === 1 ? 'that server' : 'every one of them'} (${decisive ? decidedText(decisive.decision, sender.groups) : 'no rule'}): CoreDNS answers SERVFAIL`, {
      decidedBy,
      facts,
      notes,
      fixes: fixes(),
      tables,
    });
  }
  if (udpDropped.length > 0 || tcpDropped.length > 0) {
    const what = udpDropped.length > 0 ? `UDP 53 is dropped for ${udpDropped.length} of ${udp.length} CoreDNS pod/server pairs: some queries fail` : 'TCP 53 is dropped: truncated answers fail';
    return finding('warn', `CoreDNS's path to ${where}: ${what}`, { decidedBy, facts, notes, fixes: fixes(), tables });
  }
  // NOTE: the security groups let it through; NetworkPolicy that could not be read still leaves it open.
  if (policy) return policy;
  return finding('pass', `CoreDNS's security groups let it reach ${where} on UDP and TCP 53`, { facts, notes, tables });
}
