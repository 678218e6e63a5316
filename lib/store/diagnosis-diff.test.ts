import { describe, expect, it } from 'vitest';

import { blockedAtSecurityGroup } from '@/components/diagnosis/__fixtures__';
import type { DiagnosisView } from '@/lib/schemas/diagnosis';
import type { DiagnosisChange } from '@/lib/schemas/saved-diagnosis';
import type { KubernetesObject, World } from '@/lib/schemas/world';

import { diffDiagnoses, type DiffSide } from './diagnosis-diff';

const pod = (ip: string): KubernetesObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'shop' }, status: { podIP: ip } });
const policy = (name: string, egress: unknown[] = []): KubernetesObject => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace: 'shop' }, spec: { podSelector: {}, egress } });
const rule = (id: string, policyName = 'Drop') => ({ SecurityGroupRuleId: id, Direction: 'egress' as const, Policy: policyName, Priority: '1', IpProtocol: 'TCP', PortRange: '443/443', DestCidrIp: '0.0.0.0/0' });
const snat = (id: string, snatIp = '203.0.113.100') => ({ SnatEntryId: id, SnatTableId: 'stb-1', NatGatewayId: 'ngw-1', SnatIp: snatIp, SourceVSwitchId: 'vsw-1' });

/** A small world; `change` edits a copy. */
function world(change: (draft: World) => void = () => undefined): World {
  const draft: World = {
    version: 1,
    name: 'diff',
    clusters: [{ name: 'acs-prod', kind: 'acs', networkMode: 'vpc', region: 'cn-hangzhou', vpcId: 'vpc-1', objects: [pod('10.0.0.5'), policy('allow-dns')] }],
    cloud: {
      regionId: 'cn-hangzhou', vpcs: [], vSwitches: [], routeTables: [], routeEntries: [], natGateways: [], eips: [], networkAcls: [], networkInterfaces: [], instances: [], loadBalancers: [], slbAcls: [], redisInstances: [], portRangeLists: [],
      prefixLists: [{ PrefixListId: 'pl-1', AddressFamily: 'IPv4', Entries: { Entry: [{ Cidr: '203.0.113.20/32', Description: 'partner API' }] } }],
      securityGroups: [{ SecurityGroupId: 'sg-1', VpcId: 'vpc-1', SecurityGroupType: 'normal', Permissions: { Permission: [rule('sgr-drop'), rule('sgr-accept', 'Accept')] } }],
      snatEntries: [snat('snat-1')],
      rdsInstances: [{ DBInstanceId: 'rm-1', DBInstanceIPArrays: [{ DBInstanceIPArrayName: 'default', SecurityIPList: '10.0.0.0/24' }] }],
    },
    ram: { deny: [] },
    dns: { records: [{ name: 'api.example.com', type: 'A', value: '203.0.113.20', ttl: 60 }] },
    scenarios: [],
  };
  change(draft);
  return draft;
}

const reachable: DiagnosisView = {
  ...blockedAtSecurityGroup,
  verdict: 'reachable',
  blockingHop: null,
  blockingHops: [],
  hops: blockedAtSecurityGroup.hops.map((hop) => (hop.kind === 'securityGroup' ? { ...hop, verdict: 'pass', summary: 'Egress accepted by sgr-accept' } : hop)),
};
const side = (diagnosis: DiagnosisView, facts: World): DiffSide => ({ diagnosis, world: facts });
const base = side(blockedAtSecurityGroup, world());
const fact = (subject: string, change: DiagnosisChange['change'], message: string): DiagnosisChange => ({ scope: 'fact', subject, change, message });

const rows: Array<[string, DiffSide, DiagnosisChange[]]> = [
  ['nothing changed: no changes', side(blockedAtSecurityGroup, world()), []],
  [
    'drop rule removed: the verdict, the security group hop and the rule',
    side(reachable, world((draft) => draft.cloud.securityGroups[0]?.Permissions.Permission.shift())),
    [
      { scope: 'verdict', subject: 'verdict', change: 'changed', message: 'verdict: blocked at Security group → reachable' },
      { scope: 'hop', subject: 'securityGroup', change: 'changed', message: 'Security group hop: block → pass (Egress accepted by sgr-accept)' },
      fact('securityGroupRule', 'removed', 'security group sg-1 rule sgr-drop removed'),
    ],
  ],
  ['rule added', side(blockedAtSecurityGroup, world((draft) => draft.cloud.securityGroups[0]?.Permissions.Permission.push(rule('sgr-new')))), [fact('securityGroupRule', 'added', 'security group sg-1 rule sgr-new added')]],
  ['rule edited', side(blockedAtSecurityGroup, world((draft) => { const first = draft.cloud.securityGroups[0]?.Permissions.Permission[0]; if (first) first.Priority = '2'; })), [fact('securityGroupRule', 'changed', 'security group sg-1 rule sgr-drop changed')]],
  ['SNAT entry added', side(blockedAtSecurityGroup, world((draft) => draft.cloud.snatEntries.push(snat('snat-2')))), [fact('snatEntry', 'added', 'SNAT entry snat-2 added')]],
  ['SNAT entry removed', side(blockedAtSecurityGroup, world((draft) => { draft.cloud.snatEntries = []; })), [fact('snatEntry', 'removed', 'SNAT entry snat-1 removed')]],
  ['whitelist entries changed', side(blockedAtSecurityGroup, world((draft) => { const group = draft.cloud.rdsInstances[0]?.DBInstanceIPArrays[0]; if (group) group.SecurityIPList = '10.0.0.0/24,10.0.1.0/24'; })), [fact('whitelistGroup', 'changed', 'whitelist group default of rm-1: entries changed')]],
  ['RDS trusts a security group now', side(blockedAtSecurityGroup, world((draft) => { const instance = draft.cloud.rdsInstances[0]; if (instance) instance.EcsSecurityGroupRelations = [{ SecurityGroupId: 'sg-pods' }]; })), [fact('whitelistGroup', 'added', 'whitelist group securityGroup:sg-pods of rm-1 added')]],
  ['PolarDB whitelist group added', side(blockedAtSecurityGroup, world((draft) => { draft.cloud.polardbClusters = [{ DBClusterId: 'pc-1', DBClusterIPArrays: [{ DBClusterIPArrayName: 'pods', DBClusterIPArrayAttribute: '', SecurityIps: '10.0.0.0/24' }], DBClusterSecurityGroups: [] }]; })), [fact('whitelistGroup', 'added', 'whitelist group pods of pc-1 added')]],
  ['network policy added', side(blockedAtSecurityGroup, world((draft) => draft.clusters[0]?.objects.push(policy('deny-all')))), [fact('networkPolicy', 'added', 'network policy shop/deny-all added')]],
  ['network policy removed', side(blockedAtSecurityGroup, world((draft) => { const cluster = draft.clusters[0]; if (cluster) cluster.objects = [pod('10.0.0.5')]; })), [fact('networkPolicy', 'removed', 'network policy shop/allow-dns removed')]],
  ['network policy edited', side(blockedAtSecurityGroup, world((draft) => { const cluster = draft.clusters[0]; if (cluster) cluster.objects = [pod('10.0.0.5'), policy('allow-dns', [{}])]; })), [fact('networkPolicy', 'changed', 'network policy shop/allow-dns changed')]],
  ['pod IP changed', side(blockedAtSecurityGroup, world((draft) => { const cluster = draft.clusters[0]; if (cluster) cluster.objects = [pod('10.0.0.9'), policy('allow-dns')]; })), [fact('pod', 'changed', 'pod shop/web IP changed: 10.0.0.5 → 10.0.0.9')]],
  ['DNS answer changed', side(blockedAtSecurityGroup, world((draft) => { draft.dns.records = [{ name: 'api.example.com', type: 'A', value: '203.0.113.21', ttl: 300 }]; })), [fact('dnsRecord', 'removed', 'DNS record api.example.com A 203.0.113.20 removed'), fact('dnsRecord', 'added', 'DNS record api.example.com A 203.0.113.21 added')]],
  ['prefix list entry added', side(blockedAtSecurityGroup, world((draft) => draft.cloud.prefixLists[0]?.Entries.Entry.push({ Cidr: '198.51.100.0/24' }))), [fact('prefixList', 'changed', 'prefix list pl-1 changed')]],
  ['port list added', side(blockedAtSecurityGroup, world((draft) => draft.cloud.portRangeLists.push({ PortRangeListId: 'prl-1', Entries: [{ PortRange: '443/443' }] }))), [fact('portRangeList', 'added', 'port list prl-1 added')]],
  ['a read became forbidden', side(blockedAtSecurityGroup, world((draft) => { draft.ram.deny = [{ action: 'DescribeDBInstanceIPArrayList', resource: 'rm-1' }]; })), [fact('permission', 'added', 'read DescribeDBInstanceIPArrayList rm-1 now forbidden')]],
];

describe('diffDiagnoses', () => {
  it.each(rows)('%s', (_name, after, expected) => {
    expect(diffDiagnoses(base, after, 'shop/web')).toStrictEqual(expected);
  });

  const twoAddresses = (second: Pick<NonNullable<DiagnosisView['addresses']>[number], 'verdict' | 'blockingHop'>, third?: string): DiagnosisView => ({
    ...blockedAtSecurityGroup,
    addresses: [
      { address: '203.0.113.7', label: 'Internet', verdict: 'blocked', blockingHop: 'securityGroup', blockingHops: ['securityGroup'] },
      { address: '203.0.113.8', label: 'Internet', ...second, blockingHops: second.blockingHop ? [second.blockingHop] : [] },
      ...(third ? [{ address: third, label: 'Internet', verdict: 'reachable' as const, blockingHop: null, blockingHops: [] }] : []),
    ],
  });
  const reachableSecond = twoAddresses({ verdict: 'reachable', blockingHop: null });
  it.each<[string, DiagnosisView, DiagnosisView, DiagnosisChange[]]>([
    ['the same addresses, the same verdicts: nothing', reachableSecond, reachableSecond, []],
    [
      'the second address became blocked while the overall verdict stayed blocked',
      reachableSecond,
      twoAddresses({ verdict: 'blocked', blockingHop: 'securityGroup' }),
      [{ scope: 'verdict', subject: 'address', change: 'changed', message: 'address 203.0.113.8: reachable → blocked at Security group' }],
    ],
    [
      'a third address resolves now',
      reachableSecond,
      twoAddresses({ verdict: 'reachable', blockingHop: null }, '203.0.113.9'),
      [{ scope: 'verdict', subject: 'address', change: 'added', message: 'address 203.0.113.9 now evaluated: reachable' }],
    ],
    ['a diagnosis saved before addresses were recorded: nothing to compare', blockedAtSecurityGroup, reachableSecond, []],
  ])('per address: %s', (_name, before, after, expected) => {
    expect(diffDiagnoses(side(before, world()), side(after, world()), 'shop/web')).toStrictEqual(expected);
  });

  it('ignores key order and DNS TTLs', () => {
    const reordered = world((draft) => {
      const group = draft.cloud.securityGroups[0];
      if (group) group.Permissions.Permission = group.Permissions.Permission.map((item) => ({ ...Object.fromEntries(Object.entries(item).reverse()), ...item }));
      draft.dns.records = draft.dns.records.map((record) => ({ ...record, ttl: 5 }));
    });
    expect(diffDiagnoses(base, side(blockedAtSecurityGroup, reordered), 'shop/web')).toStrictEqual([]);
  });
});
