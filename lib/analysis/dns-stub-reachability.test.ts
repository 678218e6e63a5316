import { describe, expect, it } from 'vitest';

import { securityGroup, sgRule } from './__fixtures__/cloud-builders';
import { answer, clusterFacts, corednsPod, factError, missing, ok, onePod, policy, port, rule } from './__fixtures__/kubernetes-builders';
import { corednsConfig } from './coredns-config';
import type { ResolverSender } from './dns-sources';
import { stubReachabilityFinding } from './dns-stub-reachability';
import type { DnsAnswer, Fact, SecurityGroup } from './model';

const COREFILE = 'idc.example.internal:53 {\n    forward . 10.50.0.53 10.50.0.54 {\n      policy sequential\n    }\n    reload\n}\n.:53 {\n    forward . /etc/resolv.conf\n}\n';
const cluster = clusterFacts({ corefile: ok(COREFILE) });
const coredns = corednsConfig(cluster);

const allOut = sgRule({ id: 'sgr-all', protocol: 'all', portRange: null, remote: { kind: 'cidr', cidr: '0.0.0.0/0' } });
const dropDns = (protocol: 'udp' | 'tcp') => sgRule({ id: `sgr-idc-${protocol}`, policy: 'drop', protocol, portRange: { from: 53, to: 53 }, remote: { kind: 'cidr', cidr: '10.50.0.0/16' }, description: '' });
const sender = (groups: SecurityGroup[]): ResolverSender => ({
  who: 'CoreDNS pods',
  enis: [{ pod: 'coredns-a', address: '10.0.1.53', eniId: 'eni-a', securityGroupIds: ['sg-nodes'] }],
  groups,
});
const stub = (from: Fact<ResolverSender>): DnsAnswer => ({
  ...answer('ldap.idc.example.internal', 'UNKNOWN', [], '10.50.0.53:53, 10.50.0.54:53'),
  source: { kind: 'forwarded', servers: ['10.50.0.53:53', '10.50.0.54:53'], by: 'the CoreDNS server block idc.example.internal:53', corefileLine: 2, zone: 'idc.example.internal', sender: from },
});
const run = (from: Fact<ResolverSender>) => stubReachabilityFinding([answer('ldap.idc.example.internal.prod.svc.cluster.local', 'NXDOMAIN'), stub(from)], cluster, coredns, 'cn-hangzhou');
const outline = (found: ReturnType<typeof run>) => (found ? { verdict: found.verdict, summary: found.summary, decidedBy: found.decidedBy?.id ?? null, fixes: found.fixes.map((fix) => fix.id) } : null);

describe('stubReachabilityFinding', () => {
  const rows: Array<[string, Fact<ResolverSender>, ReturnType<typeof outline>]> = [
    [
      'block when the CoreDNS side drops UDP 53 toward every stub server',
      ok(sender([securityGroup({ id: 'sg-nodes', rules: [dropDns('udp'), dropDns('tcp'), allOut] })])),
      {
        verdict: 'block',
        summary:
          'ldap.idc.example.internal does not resolve: CoreDNS forwards it to 10.50.0.53:53, 10.50.0.54:53, and its security groups drop UDP 53 toward every one of them (rule sgr-idc-udp of pods (sg-nodes) (priority 1, drop)): CoreDNS answers SERVFAIL',
        decidedBy: 'sgr-idc-udp',
        fixes: [
          'securityGroup-authorize-egress-sg-nodes-dns-udp-10.50.0.53',
          'securityGroup-authorize-egress-sg-nodes-dns-udp-10.50.0.54',
          'securityGroup-authorize-egress-sg-nodes-dns-tcp-10.50.0.53',
          'securityGroup-authorize-egress-sg-nodes-dns-tcp-10.50.0.54',
          'dns-corefile-stub-servers',
        ],
      },
    ],
    [
      'warn when only TCP 53 is dropped',
      ok(sender([securityGroup({ id: 'sg-nodes', rules: [dropDns('tcp'), allOut] })])),
      {
        verdict: 'warn',
        summary: "CoreDNS's path to the stub servers 10.50.0.53:53, 10.50.0.54:53 CoreDNS forwards ldap.idc.example.internal to: TCP 53 is dropped: truncated answers fail",
        decidedBy: 'sgr-idc-tcp',
        fixes: ['securityGroup-authorize-egress-sg-nodes-dns-tcp-10.50.0.53', 'securityGroup-authorize-egress-sg-nodes-dns-tcp-10.50.0.54', 'dns-corefile-stub-servers'],
      },
    ],
    [
      'pass when the groups let DNS through (the answer itself stays unasked)',
      ok(sender([securityGroup({ id: 'sg-nodes', rules: [allOut] })])),
      { verdict: 'pass', summary: "CoreDNS's security groups let it reach the stub servers 10.50.0.53:53, 10.50.0.54:53 CoreDNS forwards ldap.idc.example.internal to on UDP and TCP 53", decidedBy: null, fixes: [] },
    ],
    [
      'unknown when the CoreDNS side could not be read',
      missing(factError({ source: 'alicloud', resource: 'DescribeNetworkInterfaces', code: 'Forbidden.RAM', message: 'denied' })),
      {
        verdict: 'unknown',
        summary: 'Cannot tell whether CoreDNS can reach the stub servers 10.50.0.53:53, 10.50.0.54:53 CoreDNS forwards ldap.idc.example.internal to: Forbidden.RAM on DescribeNetworkInterfaces: denied',
        decidedBy: null,
        fixes: [],
      },
    ],
  ];
  it.each(rows)('%s', (_name, from, expected) => {
    expect(outline(run(from))).toStrictEqual(expected);
  });

  it('blocks when NetworkPolicy selecting the CoreDNS pods allows no UDP 53 to the stub servers', () => {
    const onlyVpc = policy({ namespace: 'kube-system', name: 'coredns-egress', podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } }, egress: [rule({ ports: [port(443)] })] });
    const withPolicy = clusterFacts({ corefile: ok(COREFILE), pods: ok([onePod(), corednsPod()]), networkPolicies: ok([onlyVpc]) });
    const found = stubReachabilityFinding([stub(ok(sender([securityGroup({ id: 'sg-nodes', rules: [allOut] })])))], withPolicy, coredns, 'cn-hangzhou');
    expect(outline(found)).toStrictEqual({
      verdict: 'block',
      summary: 'ldap.idc.example.internal does not resolve: NetworkPolicy kube-system/coredns-egress selecting CoreDNS pod kube-system/coredns-5b8f7d6c9-abcde allows no UDP 53 to the stub servers 10.50.0.53, 10.50.0.54: CoreDNS answers SERVFAIL',
      decidedBy: 'kube-system/coredns-egress',
      fixes: ['networkPolicy-allow-egress-allow-dns-kube-dns'],
    });
  });

  it('is unknown, not pass, when the groups let DNS through but NetworkPolicy could not be read', () => {
    const unread = clusterFacts({ corefile: ok(COREFILE), networkPolicies: missing(factError({ message: 'forbidden' })) });
    const found = stubReachabilityFinding([stub(ok(sender([securityGroup({ id: 'sg-nodes', rules: [allOut] })])))], unread, coredns, 'cn-hangzhou');
    expect(found?.verdict).toBe('unknown');
  });

  it('is null when no name went to a stub', () => {
    expect(stubReachabilityFinding([answer('api.example.com', 'NOERROR', ['203.0.113.20'])], cluster, coredns, 'cn-hangzhou')).toBeNull();
  });

  it('leads with the Corefile change when the dropping rule says why, opening the group as an exception', () => {
    const described = { ...dropDns('udp'), description: 'SEC-4410: IDC names through PrivateZone' };
    const found = run(ok(sender([securityGroup({ id: 'sg-nodes', rules: [described, dropDns('tcp'), allOut] })])));
    expect(found?.fixes.map((fix) => [fix.id, fix.exception !== undefined])).toStrictEqual([
      ['dns-corefile-stub-servers', false],
      ['securityGroup-authorize-egress-sg-nodes-dns-udp-10.50.0.53', true],
      ['securityGroup-authorize-egress-sg-nodes-dns-udp-10.50.0.54', true],
      ['securityGroup-authorize-egress-sg-nodes-dns-tcp-10.50.0.53', true],
      ['securityGroup-authorize-egress-sg-nodes-dns-tcp-10.50.0.54', true],
    ]);
    const corefileFix = found?.fixes[0];
    expect(corefileFix?.kind === 'manual' ? corefileFix.steps : null).toStrictEqual([
      'Keep the current Corefile: kubectl --context acs-prod -n kube-system get configmap coredns -o yaml > coredns-backup.yaml',
      `kubectl --context acs-prod -n kube-system patch configmap coredns --type merge -p '${JSON.stringify({ data: { Corefile: COREFILE.replace('forward . 10.50.0.53 10.50.0.54 {', 'forward . <REACHABLE_DNS_SERVER> {') } })}'`,
      'CoreDNS\'s reload plugin loads the change within about 30 s (it checks every 30 s, with up to 15 s of jitter). A Corefile that does not parse is refused and the old one keeps serving: look for "plugin/reload" errors in kubectl --context acs-prod -n kube-system logs -l k8s-app=kube-dns --tail=50',
    ]);
  });
});
