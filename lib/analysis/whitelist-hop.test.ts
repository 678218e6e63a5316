import { describe, expect, it } from 'vitest';

import { eni, vSwitch, whitelistGroup } from './__fixtures__/cloud-builders';
import { clusterFacts, destination, factError, missing, ok, pathContext, pathFacts } from './__fixtures__/path-builders';
import type { ClusterFacts, CloudFacts, Fact, HopVerdict, ResolvedDestination, ServiceWhitelist, TrustedSecurityGroup, WhitelistGroup } from './model';
import { evaluateWhitelistHop } from './whitelist-hop';

const rds = destination('rds', ['10.0.5.20'], { resourceId: 'rm-bp1', host: 'rm-bp1.mysql.rds.aliyuncs.com' });
const redis = destination('redis', ['10.0.5.30'], { resourceId: 'r-bp1', host: 'r-bp1.redis.rds.aliyuncs.com' });
const polardb = destination('polardb', ['10.0.5.40'], { resourceId: 'pc-bp1', host: 'pc-bp1.mysql.polardb.rds.aliyuncs.com' });
const mongodb = destination('mongodb', ['10.0.5.50'], { resourceId: 'dds-bp1', host: 'dds-bp11.mongodb.rds.aliyuncs.com' });
const INSTANCE_IDS = { rds: 'rm-bp1', redis: 'r-bp1', polardb: 'pc-bp1', mongodb: 'dds-bp1' } as const;
const whitelist = (
  service: ServiceWhitelist['service'],
  groups: ServiceWhitelist['groups'],
  parts: { securityGroups?: Fact<TrustedSecurityGroup[]>; templates?: Fact<WhitelistGroup[]> } = {},
): CloudFacts['whitelist'] => ok({ service, instanceId: INSTANCE_IDS[service], groups, ...parts });
const trusted = (id: string): TrustedSecurityGroup => ({ id, name: '', networkType: 'VPC', regionId: 'cn-hangzhou' });
const refused = (resource: string) => missing<never>(factError({ resource, message: 'no permission' }));

const flannel: Partial<ClusterFacts> = {
  cluster: { ...clusterFacts().cluster, kind: 'ack', networkMode: 'flannel' },
  node: ok({ name: 'node-1', internalIp: '10.0.0.20', providerId: null, labels: {} }),
};
const flannelCloud: Partial<CloudFacts> = {
  sourceEni: ok(eni({ id: 'eni-node', vSwitchId: 'vsw-node', primaryIp: '10.0.0.20', privateIps: ['10.0.0.20'] })),
  vSwitches: ok([vSwitch({ id: 'vsw-node', cidrBlock: '10.0.0.0/24' })]),
};

type Row = {
  name: string;
  cloud: Partial<CloudFacts>;
  cluster?: Partial<ClusterFacts>;
  target: ResolvedDestination;
  expected: { verdict: HopVerdict; summary: string; fixIds: string[]; notes: string[] };
};

const rows: Row[] = [
  {
    name: 'RDS default 127.0.0.1 blocks and says it admits nobody',
    cloud: { whitelist: whitelist('rds', [whitelistGroup()]) },
    target: rds,
    expected: {
      verdict: 'block',
      summary: 'RDS rm-bp1 whitelist does not admit 10.0.1.5',
      fixIds: ['whitelist-append-rm-bp1', 'whitelist-injector-rm-bp1'],
      notes: ['The whitelist holds only 127.0.0.1 (the default of a new instance): it admits nobody.'],
    },
  },
  {
    name: 'Redis passes with the pod vSwitch CIDR',
    cloud: { whitelist: whitelist('redis', [whitelistGroup(), whitelistGroup({ name: 'pods', entries: ['10.0.1.0/24'] })]) },
    target: redis,
    expected: { verdict: 'pass', summary: 'Redis r-bp1 whitelist pods admits 10.0.1.5 (10.0.1.0/24)', fixIds: [], notes: [] },
  },
  {
    name: '0.0.0.0/0 admits everybody',
    cloud: { whitelist: whitelist('rds', [whitelistGroup({ entries: ['0.0.0.0/0'] })]) },
    target: rds,
    expected: { verdict: 'pass', summary: 'RDS rm-bp1 whitelist default admits 10.0.1.5 (0.0.0.0/0)', fixIds: [], notes: [] },
  },
  {
    name: '% admits everybody',
    cloud: { whitelist: whitelist('rds', [whitelistGroup({ entries: ['%'] })]) },
    target: rds,
    expected: { verdict: 'pass', summary: 'RDS rm-bp1 whitelist default admits 10.0.1.5 (%)', fixIds: [], notes: [] },
  },
  {
    name: 'RDS Classic group does not admit a VPC client',
    cloud: { whitelist: whitelist('rds', [whitelistGroup({ name: 'classic', entries: ['10.0.0.0/8'], networkType: 'Classic' })]) },
    target: rds,
    expected: { verdict: 'block', summary: 'RDS rm-bp1 whitelist does not admit 10.0.1.5', fixIds: ['whitelist-append-rm-bp1', 'whitelist-injector-rm-bp1'], notes: [] },
  },
  {
    name: 'Flannel: the pod CIDR in the list does not help, traffic comes from the node IP',
    cluster: flannel,
    cloud: { ...flannelCloud, whitelist: whitelist('rds', [whitelistGroup({ name: 'pods', entries: ['172.20.0.0/16'] })]) },
    target: rds,
    expected: {
      verdict: 'block',
      summary: 'RDS rm-bp1 whitelist does not admit 10.0.0.20',
      fixIds: ['whitelist-append-rm-bp1'],
      notes: ['Flannel: the traffic arrives from the node IP 10.0.0.20, not the pod IP 10.0.1.5. Whitelist the node (or its vSwitch) instead.'],
    },
  },
  {
    name: 'Forbidden whitelist is unknown, never pass',
    cloud: { whitelist: missing(factError({ resource: 'DescribeDBInstanceIPArrayList rm-bp1', message: 'no permission' })) },
    target: rds,
    expected: {
      verdict: 'unknown',
      summary: 'Cannot tell: Forbidden.RAM on DescribeDBInstanceIPArrayList rm-bp1: no permission',
      fixIds: [],
      notes: [],
    },
  },
  {
    name: 'skips other destinations',
    cloud: {},
    target: destination('internet', ['203.0.113.10']),
    expected: { verdict: 'skip', summary: 'Not applicable: not an RDS, Redis, PolarDB or MongoDB destination', fixIds: [], notes: [] },
  },
  {
    name: 'RDS: no IP entry, but the pod ENI is in a trusted security group: pass',
    cloud: { whitelist: whitelist('rds', [whitelistGroup()], { securityGroups: ok([trusted('sg-other'), trusted('sg-pod')]), templates: ok([]) }) },
    target: rds,
    expected: { verdict: 'pass', summary: 'RDS rm-bp1 trusts security group sg-pod, which holds the source ENI (no IP entry needed for 10.0.1.5)', fixIds: [], notes: [] },
  },
  {
    name: 'RDS: a trusted security group with a name is named first, its id after',
    cloud: { whitelist: whitelist('rds', [whitelistGroup()], { securityGroups: ok([{ ...trusted('sg-pod'), name: 'acs-prod-pods' }]), templates: ok([]) }) },
    target: rds,
    expected: { verdict: 'pass', summary: 'RDS rm-bp1 trusts security group acs-prod-pods (sg-pod), which holds the source ENI (no IP entry needed for 10.0.1.5)', fixIds: [], notes: [] },
  },
  {
    name: 'RDS: a linked whitelist template admits the pod: pass',
    cloud: { whitelist: whitelist('rds', [whitelistGroup()], { securityGroups: ok([]), templates: ok([whitelistGroup({ name: 'office-and-pods', attribute: 'template', entries: ['10.0.0.0/16'] })]) }) },
    target: rds,
    expected: { verdict: 'pass', summary: 'RDS rm-bp1 whitelist template office-and-pods admits 10.0.1.5 (10.0.0.0/16)', fixIds: [], notes: [] },
  },
  {
    name: 'RDS: an IP entry admits while the trusted groups were refused: pass on what was read',
    cloud: { whitelist: whitelist('rds', [whitelistGroup({ entries: ['10.0.1.0/24'] })], { securityGroups: refused('DescribeSecurityGroupConfiguration rm-bp1'), templates: ok([]) }) },
    target: rds,
    expected: { verdict: 'pass', summary: 'RDS rm-bp1 whitelist default admits 10.0.1.5 (10.0.1.0/24)', fixIds: [], notes: [] },
  },
  {
    name: 'RDS: no IP entry and the trusted groups were refused: unknown, never block or pass',
    cloud: { whitelist: whitelist('rds', [whitelistGroup()], { securityGroups: refused('DescribeSecurityGroupConfiguration rm-bp1'), templates: ok([]) }) },
    target: rds,
    expected: {
      verdict: 'unknown',
      summary: 'Cannot tell: no IP group of rm-bp1 admits 10.0.1.5, but the security groups rm-bp1 trusts were not read (Forbidden.RAM on DescribeSecurityGroupConfiguration rm-bp1: no permission)',
      fixIds: [],
      notes: [],
    },
  },
  {
    name: 'RDS: no IP entry and the templates were refused: unknown',
    cloud: { whitelist: whitelist('rds', [whitelistGroup()], { securityGroups: ok([]), templates: refused('DescribeInstanceLinkedWhitelistTemplate rm-bp1') }) },
    target: rds,
    expected: {
      verdict: 'unknown',
      summary: 'Cannot tell: no IP group of rm-bp1 admits 10.0.1.5, but the linked whitelist templates were not read (Forbidden.RAM on DescribeInstanceLinkedWhitelistTemplate rm-bp1: no permission)',
      fixIds: [],
      notes: [],
    },
  },
  {
    name: 'Redis: trusted groups read but the source ENI was not: unknown',
    cloud: { sourceEni: refused('DescribeNetworkInterfaces'), whitelist: whitelist('redis', [whitelistGroup()], { securityGroups: ok([trusted('sg-pod')]) }) },
    target: redis,
    expected: {
      verdict: 'unknown',
      summary: 'Cannot tell: no IP group of r-bp1 admits 10.0.1.5, but the source ENI was not read (Forbidden.RAM on DescribeNetworkInterfaces: no permission), so its membership of sg-pod is unknown',
      fixIds: [],
      notes: [],
    },
  },
  {
    name: 'PolarDB: trusts a group the pod is not in and lacks the pod vSwitch: block with the PolarDB append',
    cloud: { whitelist: whitelist('polardb', [whitelistGroup(), whitelistGroup({ name: 'zone_h', entries: ['10.0.2.0/24'] })], { securityGroups: ok([trusted('sg-legacy')]) }) },
    target: polardb,
    expected: { verdict: 'block', summary: 'PolarDB pc-bp1 whitelist does not admit 10.0.1.5', fixIds: ['whitelist-append-pc-bp1'], notes: [] },
  },
  {
    name: 'MongoDB: the pod vSwitch is whitelisted: pass',
    cloud: { whitelist: whitelist('mongodb', [whitelistGroup(), whitelistGroup({ name: 'pods', entries: ['10.0.1.0/24'] })], { securityGroups: ok([]) }) },
    target: mongodb,
    expected: { verdict: 'pass', summary: 'MongoDB dds-bp1 whitelist pods admits 10.0.1.5 (10.0.1.0/24)', fixIds: [], notes: [] },
  },
  {
    name: 'MongoDB: 0.0.0.0/0 in a hidden group still admits',
    cloud: { whitelist: whitelist('mongodb', [whitelistGroup({ name: 'dms', attribute: 'hidden', entries: ['0.0.0.0/0'] })], { securityGroups: ok([]) }) },
    target: mongodb,
    expected: { verdict: 'pass', summary: 'MongoDB dds-bp1 whitelist dms admits 10.0.1.5 (0.0.0.0/0)', fixIds: [], notes: [] },
  },
  {
    name: 'Flannel: the node ENI is in the trusted group: pass (the instance sees the node)',
    cluster: flannel,
    cloud: { ...flannelCloud, sourceEni: ok(eni({ id: 'eni-node', vSwitchId: 'vsw-node', primaryIp: '10.0.0.20', privateIps: ['10.0.0.20'], securityGroupIds: ['sg-nodes'] })), whitelist: whitelist('redis', [whitelistGroup()], { securityGroups: ok([trusted('sg-nodes')]) }) },
    target: redis,
    expected: { verdict: 'pass', summary: 'Redis r-bp1 trusts security group sg-nodes, which holds the source ENI (no IP entry needed for 10.0.0.20)', fixIds: [], notes: [] },
  },
  {
    name: 'another instance’s whitelist (an address recognised as another instance): unknown, not that whitelist’s verdict',
    cloud: { whitelist: whitelist('rds', [whitelistGroup({ entries: ['0.0.0.0/0'] })]) },
    target: destination('rds', ['10.0.5.21'], { resourceId: 'rm-other', host: 'db.internal' }),
    expected: { verdict: 'unknown', summary: 'Cannot tell: the whitelist of rm-other was not read (only that of rm-bp1)', fixIds: [], notes: [] },
  },
];

describe('evaluateWhitelistHop', () => {
  it.each(rows)('$name', ({ cloud, cluster, target, expected }) => {
    const facts = pathFacts({ cloud, cluster, port: 3306 });
    const hop = evaluateWhitelistHop(facts, pathContext(facts, target));
    expect({ verdict: hop.verdict, summary: hop.summary, fixIds: hop.fixes.map((fix) => fix.id), notes: hop.evidence.notes }).toStrictEqual(expected);
  });

  it('PolarDB and MongoDB fixes call their own append actions', () => {
    const commandOf = (service: ServiceWhitelist['service'], target: ResolvedDestination) => {
      const facts = pathFacts({ cloud: { whitelist: whitelist(service, [whitelistGroup()], { securityGroups: ok([]) }) }, port: 3306 });
      return evaluateWhitelistHop(facts, pathContext(facts, target)).fixes.flatMap((fix) => (fix.kind === 'alicloud' ? [fix.command] : []));
    };
    expect([commandOf('polardb', polardb), commandOf('mongodb', mongodb)]).toStrictEqual([
      ['aliyun polardb ModifyDBClusterAccessWhitelist --RegionId cn-hangzhou --DBClusterId pc-bp1 --SecurityIps 10.0.1.0/24 --DBClusterIPArrayName egress_doctor --ModifyMode Append'],
      ['aliyun dds ModifySecurityIps --RegionId cn-hangzhou --DBInstanceId dds-bp1 --SecurityIps 10.0.1.0/24 --SecurityIpGroupName egress_doctor --ModifyMode Append'],
    ]);
  });

  it('offers the webhook injector for RDS with its exact annotations, after the append', () => {
    const facts = pathFacts({ cloud: { whitelist: whitelist('rds', [whitelistGroup()], { securityGroups: ok([]) }) }, port: 3306 });
    const injector = evaluateWhitelistHop(facts, pathContext(facts, rds)).fixes[1];
    expect(injector?.kind === 'manual' ? injector.steps[1] : null).toBe('Add to the workload\'s pod template (spec.template.metadata.annotations):\n  ack.aliyun.com/rds_id: "rm-bp1"\n  ack.aliyun.com/white_list_name: "egress_doctor"');
  });

  it('shows the trusted groups checked against the source ENI', () => {
    const facts = pathFacts({ cloud: { whitelist: whitelist('polardb', [whitelistGroup()], { securityGroups: ok([trusted('sg-legacy'), trusted('sg-pod')]) }) }, port: 3306 });
    const hop = evaluateWhitelistHop(facts, pathContext(facts, polardb));
    expect(hop.evidence.tables[1]).toStrictEqual({
      title: 'Security groups pc-bp1 trusts, checked against eni-pod',
      columns: ['security group', 'name', 'network type', 'source ENI'],
      rows: [
        ['sg-legacy', '—', 'VPC', 'not a member'],
        ['sg-pod', '—', 'VPC', 'member (eni-pod)'],
      ],
      decidingRow: 1,
    });
    expect(hop.evidence.decidedBy).toStrictEqual({ kind: 'securityGroup', id: 'sg-pod', label: 'sg-pod' });
  });

  it('Flannel: explains that traffic arrives from the node and offers the node vSwitch CIDR', () => {
    const facts = pathFacts({
      cluster: { ...flannel, pod: { ...clusterFacts().pod, ip: '172.20.1.7', ips: ['172.20.1.7'] } },
      cloud: { ...flannelCloud, whitelist: whitelist('rds', [whitelistGroup({ name: 'pods', entries: ['172.20.0.0/16'] })]) },
      port: 3306,
    });
    const hop = evaluateWhitelistHop(facts, pathContext(facts, rds));
    expect(hop.evidence.notes).toStrictEqual([
      'Flannel: the traffic arrives from the node IP 10.0.0.20, not the pod IP 172.20.1.7. The pod address in the whitelist does not help. Whitelist the node (or its vSwitch) instead.',
    ]);
    const [fix] = hop.fixes;
    expect(fix?.kind === 'alicloud' ? fix.command : null).toBe(
      'aliyun rds ModifySecurityIps --RegionId cn-hangzhou --DBInstanceId rm-bp1 --SecurityIps 10.0.0.0/24 --DBInstanceIPArrayName egress_doctor --ModifyMode Append',
    );
  });
});
