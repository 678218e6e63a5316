import { describe, expect, it } from 'vitest';

import { eni, listener, loadBalancer, securityGroup, sgRule, slbAcl } from './__fixtures__/cloud-builders';
import { destination, factError, missing, ok, pathContext, pathFacts } from './__fixtures__/path-builders';
import { evaluateDestinationAclHop } from './destination-acl-hop';
import type { CloudFacts, HopVerdict, PrefixList, ResolvedDestination } from './model';

const ecs = destination('ecs', ['10.0.2.15'], { resourceId: 'i-app' });
const slb = destination('slb', ['10.0.3.10'], { resourceId: 'lb-1' });
const appEni = eni({ id: 'eni-app', vSwitchId: 'vsw-app', primaryIp: '10.0.2.15', privateIps: ['10.0.2.15'], instanceId: 'i-app', securityGroupIds: ['sg-app'] });
const appGroup = (rules = [sgRule({ direction: 'ingress', portRange: { from: 22, to: 22 } })]) =>
  securityGroup({ id: 'sg-app', innerAccessPolicy: 'Drop', rules });
const ecsCloud = (rules?: Parameters<typeof appGroup>[0]): Partial<CloudFacts> => ({
  destinationEni: ok(appEni),
  securityGroups: ok([securityGroup(), appGroup(rules)]),
});
const slbCloud = (overrides: { listeners?: ReturnType<typeof listener>[]; entries?: Array<{ cidr: string; comment: string }> } = {}): Partial<CloudFacts> => ({
  loadBalancer: ok(loadBalancer({ listeners: overrides.listeners ?? [listener()] })),
  slbAcls: ok([slbAcl({ entries: overrides.entries ?? [{ cidr: '192.168.0.0/16', comment: 'office' }] })]),
});

const podsList: PrefixList = { id: 'pl-pods', name: 'pod-vswitches', addressFamily: 'IPv4', entries: [{ cidr: '10.0.1.0/24', description: 'pods' }] };
const podsFromList = sgRule({ direction: 'ingress', portRange: { from: 8080, to: 8080 }, remote: { kind: 'prefixList', prefixListId: 'pl-pods' } });

type Row = { name: string; cloud: Partial<CloudFacts>; target: ResolvedDestination; port: number; expected: { verdict: HopVerdict; summary: string; fixIds: string[] } };

const rows: Row[] = [
  {
    name: 'ECS: blocked when no inbound rule admits the pod IP, with vSwitch and host fixes',
    cloud: ecsCloud(),
    target: ecs,
    port: 8080,
    expected: {
      verdict: 'block',
      summary: 'i-app security groups drop tcp/8080 from 10.0.1.5',
      fixIds: ['securityGroup-authorize-ingress-sg-app', 'securityGroup-authorize-ingress-sg-app-host'],
    },
  },
  {
    name: 'ECS: passes an inbound rule for the pod vSwitch CIDR',
    cloud: ecsCloud([sgRule({ direction: 'ingress', portRange: { from: 8080, to: 8080 }, remote: { kind: 'cidr', cidr: '10.0.1.0/24' } })]),
    target: ecs,
    port: 8080,
    expected: { verdict: 'pass', summary: 'i-app admits tcp/8080 from 10.0.1.5', fixIds: [] },
  },
  {
    name: 'ECS: passes a rule referencing the pod security group',
    cloud: ecsCloud([sgRule({ direction: 'ingress', portRange: { from: 8080, to: 8080 }, remote: { kind: 'securityGroup', groupId: 'sg-pod' } })]),
    target: ecs,
    port: 8080,
    expected: { verdict: 'pass', summary: 'i-app admits tcp/8080 from 10.0.1.5', fixIds: [] },
  },
  {
    name: 'ECS: passes an inbound rule whose source prefix list holds the pod',
    cloud: { ...ecsCloud([podsFromList]), prefixLists: ok([podsList]) },
    target: ecs,
    port: 8080,
    expected: { verdict: 'pass', summary: 'i-app admits tcp/8080 from 10.0.1.5, through prefix list pl-pods entry 10.0.1.0/24', fixIds: [] },
  },
  {
    name: 'ECS: blocked when the source prefix list lacks the pod',
    cloud: { ...ecsCloud([podsFromList]), prefixLists: ok([{ ...podsList, entries: [{ cidr: '10.9.0.0/16', description: 'other VPC' }] }]) },
    target: ecs,
    port: 8080,
    expected: {
      verdict: 'block',
      summary: 'i-app security groups drop tcp/8080 from 10.0.1.5',
      fixIds: ['securityGroup-authorize-ingress-sg-app', 'securityGroup-authorize-ingress-sg-app-host'],
    },
  },
  {
    name: 'ECS: unknown when the prefix list of the only admitting rule was not read',
    cloud: { ...ecsCloud([podsFromList]), prefixLists: missing(factError({ resource: 'DescribePrefixListAttributes pl-pods' })) },
    target: ecs,
    port: 8080,
    expected: { verdict: 'unknown', summary: 'Cannot tell whether i-app admits tcp/8080 from 10.0.1.5', fixIds: [] },
  },
  {
    name: 'ECS: unknown when the destination groups are missing',
    cloud: { destinationEni: ok(appEni), securityGroups: missing() },
    target: ecs,
    port: 8080,
    expected: { verdict: 'unknown', summary: 'Cannot tell: Forbidden.RAM on DescribeSecurityGroupAttribute sg-pod: not authorized', fixIds: [] },
  },
  {
    name: 'SLB: blocked when the whitelist lacks the pod',
    cloud: slbCloud(),
    target: slb,
    port: 80,
    expected: { verdict: 'block', summary: 'Listener TCP:80 of internal (lb-1) whitelist does not hold 10.0.1.5', fixIds: ['slbAcl-add-entry-acl-1'] },
  },
  {
    name: 'SLB: passes when the whitelist holds the pod vSwitch',
    cloud: slbCloud({ entries: [{ cidr: '10.0.1.0/24', comment: 'pods' }] }),
    target: slb,
    port: 80,
    expected: { verdict: 'pass', summary: 'Listener TCP:80 of internal (lb-1) whitelist acl-1 holds 10.0.1.5 (10.0.1.0/24)', fixIds: [] },
  },
  {
    name: 'SLB: unknown on an empty whitelist (documented both ways)',
    cloud: slbCloud({ entries: [] }),
    target: slb,
    port: 80,
    expected: {
      verdict: 'unknown',
      summary: 'Cannot tell: Listener TCP:80 of internal (lb-1) has an empty whitelist, which Alibaba Cloud documents both as admitting nobody and as admitting everybody',
      fixIds: [],
    },
  },
  {
    name: 'SLB: blocked by a blacklist holding the pod; its commented entry looks intentional, so asking its owner comes first',
    cloud: slbCloud({ listeners: [listener({ aclType: 'black' })], entries: [{ cidr: '10.0.0.0/16', comment: 'vpc' }] }),
    target: slb,
    port: 80,
    expected: { verdict: 'block', summary: 'Listener TCP:80 of internal (lb-1) blacklist acl-1 holds 10.0.1.5 (10.0.0.0/16)', fixIds: ['slbAcl-acl-1-ask-owner', 'slbAcl-remove-entry-acl-1'] },
  },
  {
    name: 'SLB: blocked by a blacklist entry without a comment: removing it is the only fix',
    cloud: slbCloud({ listeners: [listener({ aclType: 'black' })], entries: [{ cidr: '10.0.0.0/16', comment: '' }] }),
    target: slb,
    port: 80,
    expected: { verdict: 'block', summary: 'Listener TCP:80 of internal (lb-1) blacklist acl-1 holds 10.0.1.5 (10.0.0.0/16)', fixIds: ['slbAcl-remove-entry-acl-1'] },
  },
  {
    name: 'SLB: passes a blacklist without the pod',
    cloud: slbCloud({ listeners: [listener({ aclType: 'black' })] }),
    target: slb,
    port: 80,
    expected: { verdict: 'pass', summary: 'Listener TCP:80 of internal (lb-1) blacklist does not hold 10.0.1.5', fixIds: [] },
  },
  {
    name: 'SLB: passes with access control off',
    cloud: slbCloud({ listeners: [listener({ aclStatus: 'off' })] }),
    target: slb,
    port: 80,
    expected: { verdict: 'pass', summary: 'Listener TCP:80 of internal (lb-1) has access control off', fixIds: [] },
  },
  {
    name: 'SLB: blocked with no listener on the port',
    cloud: slbCloud(),
    target: slb,
    port: 8443,
    expected: { verdict: 'block', summary: 'No listener on port 8443 of internal (lb-1)', fixIds: ['loadBalancer-listener-lb-1-8443'] },
  },
  {
    name: 'SLB: blocked on a stopped listener',
    cloud: slbCloud({ listeners: [listener({ status: 'stopped' })] }),
    target: slb,
    port: 80,
    expected: { verdict: 'block', summary: 'Listener 80 of lb-1 is stopped', fixIds: ['loadBalancer-start-listener-lb-1-80'] },
  },
  {
    name: 'skips an Internet destination',
    cloud: {},
    target: destination('internet', ['203.0.113.10']),
    port: 443,
    expected: { verdict: 'skip', summary: 'Not applicable: not an ECS instance or SLB', fixIds: [] },
  },
];

describe('evaluateDestinationAclHop', () => {
  it.each(rows)('$name', ({ cloud, target, port, expected }) => {
    const facts = pathFacts({ cloud, port });
    const hop = evaluateDestinationAclHop(facts, pathContext(facts, target));
    expect({ verdict: hop.verdict, summary: hop.summary, fixIds: hop.fixes.map((fix) => fix.id) }).toStrictEqual(expected);
  });

  it('adds the pod vSwitch CIDR to the SLB ACL as AclEntrys JSON', () => {
    const facts = pathFacts({ cloud: slbCloud(), port: 80 });
    const [fix] = evaluateDestinationAclHop(facts, pathContext(facts, slb)).fixes;
    expect(fix?.kind === 'alicloud' ? fix.parameters : null).toStrictEqual({
      RegionId: 'cn-hangzhou',
      AclId: 'acl-1',
      AclEntrys: '[{"entry":"10.0.1.0/24","comment":"egress-doctor shop/web-0"}]',
    });
  });
});
