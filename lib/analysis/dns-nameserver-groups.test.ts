import { describe, expect, it } from 'vitest';

import { securityGroup, sgRule } from './__fixtures__/cloud-builders';
import { clusterFacts, ok, onePod, pathContext, pathFacts } from './__fixtures__/kubernetes-builders';
import { resolverConfig } from './dns-candidates';
import { podResolverChain } from './dns-chain';
import { nameserverGroupsFinding } from './dns-nameserver-groups';
import type { SecurityGroup } from './model';

const dropDns = (protocol: 'udp' | 'tcp', cidr: string) => sgRule({ id: `sgr-dns-${protocol}`, policy: 'drop', protocol, portRange: { from: 53, to: 53 }, remote: { kind: 'cidr', cidr } });
const allOut = sgRule({ id: 'sgr-all', protocol: 'all', portRange: null });

function run(rules: SecurityGroup['rules'], dnsPolicy: 'ClusterFirst' | 'Default' = 'ClusterFirst') {
  const cluster = clusterFacts({ pod: onePod({ dnsPolicy }) });
  const facts = { ...pathFacts({ host: 'api.example.com', dnsAnswers: ok([]), cluster }), cloud: { ...pathFacts({ host: 'api.example.com', dnsAnswers: ok([]) }).cloud, securityGroups: ok([securityGroup({ id: 'sg-pod', rules })]) } };
  const path = pathContext(facts, { host: 'api.example.com' });
  const context = { ...path, source: { ...path.source, securityGroupIds: ['sg-pod'] } };
  const dns = cluster.dns.kind === 'ok' ? cluster.dns.value : null;
  if (dns === null) throw new Error('fixture lost its cluster DNS');
  const found = nameserverGroupsFinding(facts, context, podResolverChain(cluster, resolverConfig(cluster.pod, cluster.cluster, dns.serviceIp)), dns);
  return found ? { verdict: found.verdict, summary: found.summary, fixes: found.fixes.map((fix) => fix.id) } : null;
}

describe('nameserverGroupsFinding', () => {
  it.each([
    ['nothing to say when the groups let DNS through', [allOut], 'ClusterFirst' as const, null],
    [
      'block when UDP 53 toward the CoreDNS pods is dropped',
      [dropDns('udp', '10.0.1.0/24'), allOut],
      'ClusterFirst' as const,
      { verdict: 'block', summary: "The pod's security groups (sg-pod) drop UDP 53 toward its DNS server 10.0.1.53", fixes: ['securityGroup-authorize-egress-sg-pod-dns-10.0.1.53'] },
    ],
    [
      'warn when only TCP 53 toward the VPC DNS is dropped (dnsPolicy Default)',
      [dropDns('tcp', '100.100.2.0/24'), allOut],
      'Default' as const,
      { verdict: 'warn', summary: "The pod's security groups drop TCP 53 toward 100.100.2.136: truncated answers fail", fixes: [] },
    ],
  ])('%s', (_name, rules, policy, expected) => {
    expect(run(rules, policy)).toStrictEqual(expected);
  });
});
