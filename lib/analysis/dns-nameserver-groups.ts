/**
 * The source pod's security groups toward the server it asks itself: the CoreDNS pods behind
 * kube-dns (kube-proxy sends the query to one of them), the VPC DNS, or a server of its own,
 * on UDP and TCP 53. NodeLocal DNSCache answers on the pod's node: nothing leaves it. Pure.
 */
import { authorizeSecurityGroupEgress, hostCidr } from '@/lib/fixes/cloud-fixes';

import type { PodResolverChain } from './dns-chain';
import { finding, type DnsFinding } from './dns-reachability';
import { regionOf } from './hop-helpers';
import type { ClusterDns, PathContext, PathFacts } from './model';
import { decideSecurityGroup } from './security-group-rules';
import { ruleListsOf } from './security-group-hop';

function targetsOf(chain: PodResolverChain, dns: ClusterDns): string[] {
  switch (chain.kind) {
    case 'coredns':
      return chain.nodeLocal === null ? dns.readyEndpoints : [];
    case 'vpcDns':
    case 'other':
      return [chain.server];
    case 'none':
    case 'unknown':
      return [];
    default: {
      const unreachable: never = chain;
      throw new Error(`unhandled resolver chain ${JSON.stringify(unreachable)}`);
    }
  }
}

/**
 * `block` when the pod's groups drop UDP 53 toward every server it asks, `warn` when TCP 53
 * (truncated answers) or some servers are dropped, null when they let it through or do not
 * apply. When the groups were not read, a note says so (the securityGroup hop reports it).
 */
export function nameserverGroupsFinding(facts: PathFacts, path: PathContext, chain: PodResolverChain, dns: ClusterDns): DnsFinding | null {
  const targets = targetsOf(chain, dns);
  if (targets.length === 0 || facts.cluster.pod.hostNetwork) return null;
  const fact = facts.cloud.securityGroups;
  // NOTE: groups that could not be read are noted by the dns hop and decided by the securityGroup hop.
  if (fact.kind === 'missing') return null;
  const groups = fact.value.filter((group) => path.source.securityGroupIds.includes(group.id));
  if (groups.length === 0) return null;
  const lists = ruleListsOf(facts);
  const decide = (address: string, protocol: 'udp' | 'tcp') => decideSecurityGroup(groups, { direction: 'egress', remoteAddress: address, port: 53, protocol, remoteGroupIds: [] }, lists);
  const udp = targets.map((address) => ({ address, decision: decide(address, 'udp') }));
  const tcp = targets.map((address) => ({ address, decision: decide(address, 'tcp') }));
  if (udp.some((row) => row.decision.unexpanded.length > 0)) return null;
  const udpDropped = udp.filter((row) => row.decision.verdict === 'drop');
  const tcpDropped = tcp.filter((row) => row.decision.verdict === 'drop');
  const decider = (udpDropped[0] ?? tcpDropped[0])?.decision.decidedBy;
  const decidedBy = decider?.kind === 'rule' ? { kind: 'securityGroupRule', id: decider.rule.id, label: `${decider.rule.id} (${decider.groupId})` } : null;
  const groupIds = path.source.securityGroupIds.join(', ');
  if (udpDropped.length === udp.length) {
    const groupId = decider?.kind === 'rule' ? decider.groupId : (path.source.securityGroupIds[0] ?? 'sg-unknown');
    const fixes = targets.map((address) => {
      const fix = authorizeSecurityGroupEgress({
        regionId: regionOf(facts),
        securityGroupId: groupId,
        protocol: 'udp',
        port: 53,
        cidr: hostCidr(address),
        priority: 1,
        risk: `Opens UDP 53 toward ${address} only, for every pod and instance in ${groupId}.`,
      });
      return { ...fix, id: `${fix.id}-dns-${address}` };
    });
    return finding('block', `The pod's security groups (${groupIds}) drop UDP 53 toward its DNS server${targets.length === 1 ? '' : 's'} ${targets.join(', ')}`, { decidedBy, fixes });
  }
  if (udpDropped.length > 0) return finding('warn', `The pod's security groups drop UDP 53 toward ${udpDropped.map((row) => row.address).join(', ')}: queries sent there time out`, { decidedBy });
  if (tcpDropped.length > 0) return finding('warn', `The pod's security groups drop TCP 53 toward ${tcpDropped.map((row) => row.address).join(', ')}: truncated answers fail`, { decidedBy });
  return null;
}
