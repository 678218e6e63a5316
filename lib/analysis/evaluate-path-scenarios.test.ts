/**
 * Cloud scenarios of ../shared/scenarios.md end to end through evaluatePathWith, with the
 * real cloud hops and pass-through stubs for the Kubernetes hops (dns, networkPolicy, lbPolicy).
 */
import { describe, expect, it } from 'vitest';

import { aclEntry, eni, networkAcl, routeTable, securityGroup, sgRule, snat, vSwitch, whitelistGroup } from './__fixtures__/cloud-builders';
import { clusterFacts, destination, factError, missing, ok, pathFacts } from './__fixtures__/path-builders';
import { evaluateDestinationAclHop } from './destination-acl-hop';
import { evaluatePathWith } from './evaluate-path-with';
import { makeHop } from './hop-helpers';
import type { ClusterFacts, CloudFacts, HopKind, ResolvedDestination, Verdict } from './model';
import { evaluateNatEipHop } from './nat-eip-hop';
import { evaluateNetworkAclHop } from './network-acl-hop';
import { evaluatePodEgressHop } from './pod-egress-hop';
import { evaluateSecurityGroupHop } from './security-group-hop';
import { evaluateWhitelistHop } from './whitelist-hop';

const evaluate = evaluatePathWith({
  dns: () => makeHop('dns', 'pass', 'stub'),
  podEgress: evaluatePodEgressHop,
  networkPolicy: () => makeHop('networkPolicy', 'pass', 'stub'),
  securityGroup: evaluateSecurityGroupHop,
  networkAcl: evaluateNetworkAclHop,
  natEip: evaluateNatEipHop,
  destinationAcl: evaluateDestinationAclHop,
  whitelist: evaluateWhitelistHop,
  lbPolicy: () => makeHop('lbPolicy', 'skip', 'stub'),
});

const internet = destination('internet', ['203.0.113.10']);
const rds = destination('rds', ['10.0.5.20'], { resourceId: 'rm-bp1' });
const flannel: Partial<ClusterFacts> = {
  cluster: { ...clusterFacts().cluster, kind: 'ack', networkMode: 'flannel' },
  node: ok({ name: 'node-1', internalIp: '10.0.0.20', providerId: null, labels: {} }),
  pod: { ...clusterFacts().pod, ip: '172.20.1.7', ips: ['172.20.1.7'] },
};
const nodeCloud: Partial<CloudFacts> = {
  sourceEni: ok(eni({ id: 'eni-node', vSwitchId: 'vsw-node', primaryIp: '10.0.0.20', privateIps: ['10.0.0.20'] })),
  vSwitches: ok([vSwitch({ id: 'vsw-node', cidrBlock: '10.0.0.0/24' })]),
  routeTables: ok([routeTable({ vSwitchIds: ['vsw-node'] })]),
};

describe('cloud scenarios', () => {
  it.each<{ id: string; cluster?: Partial<ClusterFacts>; cloud: Partial<CloudFacts>; target: ResolvedDestination; port?: number; expected: { verdict: Verdict; blockingHop: HopKind | null } }>([
    { id: 'internet-ok', cloud: {}, target: internet, expected: { verdict: 'reachable', blockingHop: null } },
    {
      id: 'sg-drop',
      cloud: { securityGroups: ok([securityGroup({ rules: [sgRule({ priority: 50 }), sgRule({ id: 'sgr-drop', policy: 'drop', priority: 10 })] })]) },
      target: internet,
      expected: { verdict: 'blocked', blockingHop: 'securityGroup' },
    },
    {
      id: 'nacl-deny',
      cloud: { vSwitches: ok([vSwitch({ networkAclId: 'nacl-pod' })]), networkAcls: ok([networkAcl({ egress: [aclEntry({ policy: 'drop' })] })]) },
      target: internet,
      expected: { verdict: 'blocked', blockingHop: 'networkAcl' },
    },
    { id: 'no-nat-route', cloud: { routeTables: ok([routeTable({ entries: [] })]) }, target: internet, expected: { verdict: 'blocked', blockingHop: 'natEip' } },
    { id: 'snat-missing', cloud: { snatEntries: ok([]) }, target: internet, expected: { verdict: 'blocked', blockingHop: 'natEip' } },
    {
      id: 'rds-whitelist',
      cloud: { whitelist: ok({ service: 'rds', instanceId: 'rm-bp1', groups: [whitelistGroup()] }) },
      target: rds,
      port: 3306,
      expected: { verdict: 'blocked', blockingHop: 'whitelist' },
    },
    {
      id: 'rds-forbidden',
      cloud: { whitelist: missing(factError({ resource: 'DescribeDBInstanceIPArrayList rm-bp1' })) },
      target: rds,
      port: 3306,
      expected: { verdict: 'unknown', blockingHop: null },
    },
    {
      id: 'flannel-rds-nodeip',
      cluster: flannel,
      cloud: { ...nodeCloud, whitelist: ok({ service: 'rds', instanceId: 'rm-bp1', groups: [whitelistGroup({ entries: ['172.20.0.0/16'] })] }) },
      target: rds,
      port: 3306,
      expected: { verdict: 'blocked', blockingHop: 'whitelist' },
    },
    {
      id: 'flannel-internet-ok',
      cluster: flannel,
      cloud: { ...nodeCloud, snatEntries: ok([snat({ id: 'snat-node', sourceVSwitchId: 'vsw-node', sourceCidr: '10.0.0.0/24' })]) },
      target: internet,
      expected: { verdict: 'reachable', blockingHop: null },
    },
  ])('$id', ({ cluster, cloud, target, port, expected }) => {
    const diagnosis = evaluate(pathFacts({ cluster, cloud, port }), target);
    expect({ verdict: diagnosis.verdict, blockingHop: diagnosis.blockingHop }).toStrictEqual(expected);
  });
});

