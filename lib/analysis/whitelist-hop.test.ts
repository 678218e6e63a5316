import { describe, expect, it } from 'vitest';

import { eni, vSwitch, whitelistGroup } from './__fixtures__/cloud-builders';
import { clusterFacts, destination, factError, missing, ok, pathContext, pathFacts } from './__fixtures__/path-builders';
import type { ClusterFacts, CloudFacts, HopVerdict, ResolvedDestination, ServiceWhitelist } from './model';
import { evaluateWhitelistHop } from './whitelist-hop';

const rds = destination('rds', ['10.0.5.20'], { resourceId: 'rm-bp1', host: 'rm-bp1.mysql.rds.aliyuncs.com' });
const redis = destination('redis', ['10.0.5.30'], { resourceId: 'r-bp1', host: 'r-bp1.redis.rds.aliyuncs.com' });
const whitelist = (service: 'rds' | 'redis', groups: ServiceWhitelist['groups']): CloudFacts['whitelist'] =>
  ok({ service, instanceId: service === 'rds' ? 'rm-bp1' : 'r-bp1', groups });

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
      fixIds: ['whitelist-append-rm-bp1'],
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
    expected: { verdict: 'block', summary: 'RDS rm-bp1 whitelist does not admit 10.0.1.5', fixIds: ['whitelist-append-rm-bp1'], notes: [] },
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
    expected: { verdict: 'skip', summary: 'Not applicable: not an RDS or Redis destination', fixIds: [], notes: [] },
  },
];

describe('evaluateWhitelistHop', () => {
  it.each(rows)('$name', ({ cloud, cluster, target, expected }) => {
    const facts = pathFacts({ cloud, cluster, port: 3306 });
    const hop = evaluateWhitelistHop(facts, pathContext(facts, target));
    expect({ verdict: hop.verdict, summary: hop.summary, fixIds: hop.fixes.map((fix) => fix.id), notes: hop.evidence.notes }).toStrictEqual(expected);
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
