import { describe, expect, it } from 'vitest';

import { eip, eni, natGateway, routeEntry, routeTable, snat, vSwitch } from './__fixtures__/cloud-builders';
import { clusterFacts, destination, missing, ok, pathContext, pathFacts, pod } from './__fixtures__/path-builders';
import type { ClusterFacts, CloudFacts, HopVerdict, ResolvedDestination } from './model';
import { evaluateNatEipHop } from './nat-eip-hop';
import { selectSnatEntry } from './nat-eip-snat';

const internet = destination('internet', ['203.0.113.10']);
const ipv6 = destination('internet', ['2001:db8::10']);
const vpcWide = snat({ id: 'snat-vpc', sourceVSwitchId: null, sourceCidr: '10.0.0.0/16', snatIps: ['198.51.100.30'] });
const podOnly = snat({ id: 'snat-pod', sourceVSwitchId: null, sourceCidr: '10.0.1.5/32', snatIps: ['198.51.100.40'] });
const vswEntry = snat();
const detached = eip({ allocationId: 'eip-40', ip: '198.51.100.40', status: 'Available', instanceId: null, instanceType: null });
const podEip = eip({ allocationId: 'eip-pod', ip: '198.51.100.99', instanceId: 'eni-pod', instanceType: 'NetworkInterface' });

const flannel: Partial<ClusterFacts> = {
  cluster: { ...clusterFacts().cluster, kind: 'ack', networkMode: 'flannel', name: 'ack-flannel' },
  node: ok({ name: 'node-1', internalIp: '10.0.0.20', providerId: 'cn-hangzhou.i-node1', labels: {} }),
};
const flannelCloud: Partial<CloudFacts> = {
  sourceEni: ok(eni({ id: 'eni-node', type: 'Primary', vSwitchId: 'vsw-node', primaryIp: '10.0.0.20', privateIps: ['10.0.0.20'], instanceId: 'i-node1' })),
  vSwitches: ok([vSwitch({ id: 'vsw-node', cidrBlock: '10.0.0.0/24' })]),
  snatEntries: ok([snat({ id: 'snat-node', sourceVSwitchId: 'vsw-node', sourceCidr: '10.0.0.0/24' })]),
};

type Row = {
  name: string;
  cloud: Partial<CloudFacts>;
  cluster?: Partial<ClusterFacts>;
  target?: ResolvedDestination;
  expected: { verdict: HopVerdict; summary: string; fixIds: string[] };
};

const rows: Row[] = [
  {
    name: 'passes through the vSwitch SNAT entry',
    cloud: {},
    expected: { verdict: 'pass', summary: 'SNAT entry pods (snat-vsw) translates 10.0.1.5 to 198.51.100.20 via egress (ngw-1)', fixIds: [] },
  },
  {
    name: 'the /32 entry beats the vSwitch and VPC entries',
    cloud: {
      snatEntries: ok([vpcWide, vswEntry, podOnly]),
      eips: ok([eip(), eip({ allocationId: 'eip-40', ip: '198.51.100.40' })]),
    },
    expected: { verdict: 'pass', summary: 'SNAT entry pods (snat-pod) translates 10.0.1.5 to 198.51.100.40 via egress (ngw-1)', fixIds: [] },
  },
  {
    name: 'the vSwitch entry beats the VPC-wide CIDR',
    cloud: { snatEntries: ok([vpcWide, vswEntry]) },
    expected: { verdict: 'pass', summary: 'SNAT entry pods (snat-vsw) translates 10.0.1.5 to 198.51.100.20 via egress (ngw-1)', fixIds: [] },
  },
  {
    name: 'pod EIP carries the traffic without a NAT route',
    cloud: { sourceEni: ok(eni({ publicIp: { ip: '198.51.100.99', allocationId: 'eip-pod' } })), routeTables: ok([routeTable({ entries: [] })]), eips: ok([podEip]) },
    expected: { verdict: 'pass', summary: 'EIP 198.51.100.99 bound to eni-pod carries the traffic (SNAT not used)', fixIds: [] },
  },
  {
    name: 'blocks on a locked pod EIP',
    cloud: { sourceEni: ok(eni({ publicIp: { ip: '198.51.100.99', allocationId: 'eip-pod' } })), eips: ok([{ ...podEip, locks: ['financial'] }]) },
    expected: { verdict: 'block', summary: "The source's own EIP 198.51.100.99 is locked (financial)", fixIds: ['eip-repair-eip-pod'] },
  },
  {
    name: 'blocks with no route to the Internet and offers a default route to the NAT gateway',
    cloud: { routeTables: ok([routeTable({ entries: [routeEntry({ destinationCidr: '10.0.1.0/24', type: 'System', nextHops: [] })] })]) },
    expected: { verdict: 'block', summary: 'No route to the Internet: route table vtb-1 has no route for 203.0.113.10', fixIds: ['routeTable-create-route-vtb-1'] },
  },
  {
    name: 'blocks with no route and no NAT gateway: manual fix',
    cloud: { routeTables: ok([routeTable({ entries: [] })]), natGateways: ok([]) },
    expected: { verdict: 'block', summary: 'No route to the Internet: route table vtb-1 has no route for 203.0.113.10', fixIds: ['routeTable-internet-vtb-1'] },
  },
  {
    name: 'blocks a default route to a VPN gateway',
    cloud: { routeTables: ok([routeTable({ entries: [routeEntry({ nextHops: [{ type: 'VpnGateway', id: 'vpn-1' }] })] })]) },
    expected: { verdict: 'block', summary: 'No route to the Internet: 0.0.0.0/0 leads to VpnGateway vpn-1, not a NAT gateway', fixIds: ['routeTable-internet-vtb-1'] },
  },
  {
    name: 'unknown on a route to a self-managed NAT instance (its path is not read)',
    cloud: { routeTables: ok([routeTable({ entries: [routeEntry({ nextHops: [{ type: 'Instance', id: 'i-nat' }] })] })]) },
    expected: {
      verdict: 'unknown',
      summary: 'Cannot tell: route 0.0.0.0/0 sends 203.0.113.10 to Instance i-nat, a self-managed appliance whose path to the Internet is not read',
      fixIds: [],
    },
  },
  {
    name: 'blocks when no SNAT entry covers the source and offers a vSwitch entry',
    cloud: { snatEntries: ok([snat({ sourceVSwitchId: 'vsw-other', sourceCidr: '10.0.9.0/24' })]) },
    expected: { verdict: 'block', summary: 'No SNAT entry of egress (ngw-1) covers 10.0.1.5 or vsw-pod', fixIds: ['snatEntry-create-vsw-pod'] },
  },
  {
    name: 'blocks when the SNAT EIP is not InUse',
    cloud: { eips: ok([eip({ status: 'Available', instanceId: 'ngw-1' })]) },
    expected: {
      verdict: 'block',
      summary: 'SNAT entry pods (snat-vsw) translates to no usable EIP: EIP 198.51.100.20 is Available, not InUse',
      fixIds: ['eip-repair-eip-nat'],
    },
  },
  {
    name: 'blocks on a financially locked NAT gateway',
    cloud: { natGateways: ok([natGateway({ businessStatus: 'FinancialLocked' })]) },
    expected: { verdict: 'block', summary: 'NAT gateway egress (ngw-1) is Available/FinancialLocked', fixIds: ['natGateway-repair-ngw-1'] },
  },
  {
    name: 'warns when one of two SNAT IPs is unusable',
    cloud: {
      snatEntries: ok([snat({ snatIps: ['198.51.100.20', '198.51.100.21'] })]),
      eips: ok([eip(), eip({ allocationId: 'eip-21', ip: '198.51.100.21', locks: ['security'] })]),
    },
    expected: { verdict: 'warn', summary: 'SNAT entry pods (snat-vsw) translates 10.0.1.5 to 198.51.100.20 via egress (ngw-1)', fixIds: [] },
  },
  {
    name: 'Flannel: the node vSwitch SNAT entry covers the node IP',
    cluster: flannel,
    cloud: flannelCloud,
    expected: { verdict: 'pass', summary: 'SNAT entry pods (snat-node) translates 10.0.0.20 to 198.51.100.20 via egress (ngw-1)', fixIds: [] },
  },
  {
    name: 'unknown when the SNAT entries are forbidden',
    cloud: { snatEntries: missing() },
    expected: { verdict: 'unknown', summary: 'Cannot tell: Forbidden.RAM on DescribeSecurityGroupAttribute sg-pod: not authorized', fixIds: [] },
  },
  {
    name: 'blocks on a SNAT EIP that is associated with nothing (read by address), offering to associate it',
    cloud: { snatEntries: ok([vswEntry, podOnly]), eips: ok([eip(), detached]) },
    expected: {
      verdict: 'block',
      summary: 'SNAT entry pods (snat-pod) translates to no usable EIP: EIP 198.51.100.40 (eip-40) is Available: it is associated with nothing, not with ngw-1',
      fixIds: ['snatEntry-eip-associate-eip-40'],
    },
  },
  {
    name: "blocks on a SNAT EIP of another instance, offering to point the entry at the gateway's EIP",
    cloud: { snatEntries: ok([podOnly]), eips: ok([eip(), { ...detached, status: 'InUse', instanceId: 'i-web', instanceType: 'EcsInstance' }]) },
    expected: {
      verdict: 'block',
      summary: 'SNAT entry pods (snat-pod) translates to no usable EIP: EIP 198.51.100.40 (eip-40) is associated with EcsInstance i-web, not with ngw-1',
      fixIds: ['snatEntry-eip-replace-snat-pod'],
    },
  },
  {
    name: 'unknown when the SNAT IP is no EIP that was read',
    cloud: { snatEntries: ok([podOnly]), eips: ok([eip()]) },
    expected: { verdict: 'unknown', summary: 'Cannot tell: no EIP with the address 198.51.100.40 was read', fixIds: [] },
  },
  {
    name: 'unknown when one SNAT IP is unusable and the other was not read (it could carry the traffic)',
    cloud: { snatEntries: ok([snat({ snatIps: ['198.51.100.40', '198.51.100.41'] })]), eips: ok([eip(), detached]) },
    expected: { verdict: 'unknown', summary: 'Cannot tell: no EIP with the address 198.51.100.41 was read', fixIds: [] },
  },
  {
    name: 'a pod annotated with an EIP its ENI does not carry: warn, naming the address it leaves with',
    cluster: { pod: pod({ annotations: { 'network.alibabacloud.com/pod-eip-instanceid': 'eip-40' } }) },
    cloud: { eips: ok([eip(), detached]) },
    expected: {
      verdict: 'warn',
      summary: "SNAT entry pods (snat-vsw) translates 10.0.1.5 to 198.51.100.20 via egress (ngw-1), not with the pod's annotated EIP 198.51.100.40 (not attached)",
      fixIds: [],
    },
  },
  {
    name: 'a pod annotated with a detached EIP and no NAT way out: block, offering to attach it to the pod ENI',
    cluster: { pod: pod({ annotations: { 'k8s.aliyun.com/allocated-eipAddress': '198.51.100.40' } }) },
    cloud: { snatEntries: ok([]), eips: ok([eip(), detached]) },
    expected: { verdict: 'block', summary: 'No SNAT entry of egress (ngw-1) covers 10.0.1.5 or vsw-pod', fixIds: ['snatEntry-create-vsw-pod', 'podEip-associate-eip-40'] },
  },
  {
    name: 'a pod whose annotated EIP is on its ENI is not told anything',
    cluster: { pod: pod({ annotations: { 'network.alibabacloud.com/pod-eip-instanceid': 'eip-pod' } }) },
    cloud: { sourceEni: ok(eni({ publicIp: { ip: '198.51.100.99', allocationId: 'eip-pod' } })), eips: ok([podEip]) },
    expected: { verdict: 'pass', summary: 'EIP 198.51.100.99 bound to eni-pod carries the traffic (SNAT not used)', fixIds: [] },
  },
  {
    name: 'IPv6: no IPv6 route blocks with the IPv6 gateway fix, not the IPv4 default route',
    cloud: {},
    target: ipv6,
    expected: { verdict: 'block', summary: 'No IPv6 route to the Internet: route table vtb-1 has no route for 2001:db8::10', fixIds: ['routeTable-ipv6-internet-vtb-1'] },
  },
  {
    name: 'IPv6: the pod EIP (IPv4) does not carry IPv6',
    cloud: { sourceEni: ok(eni({ publicIp: { ip: '198.51.100.99', allocationId: 'eip-pod' } })) },
    target: ipv6,
    expected: { verdict: 'block', summary: 'No IPv6 route to the Internet: route table vtb-1 has no route for 2001:db8::10', fixIds: ['routeTable-ipv6-internet-vtb-1'] },
  },
  {
    name: 'IPv6: a route to a NAT gateway is no IPv6 way out',
    cloud: { routeTables: ok([routeTable({ entries: [routeEntry(), routeEntry({ id: 'rte-v6', destinationCidr: '::/0' })] })]) },
    target: ipv6,
    expected: { verdict: 'block', summary: 'No IPv6 route to the Internet: ::/0 leads to NatGateway ngw-1, not an IPv6 gateway', fixIds: ['routeTable-ipv6-internet-vtb-1'] },
  },
  {
    name: 'IPv6: a route to the IPv6 gateway is unknown (its Internet bandwidth is not read)',
    cloud: { routeTables: ok([routeTable({ entries: [routeEntry(), routeEntry({ id: 'rte-v6', destinationCidr: '::/0', nextHops: [{ type: 'IPv6Gateway', id: 'ipv6gw-1' }] })] })]) },
    target: ipv6,
    expected: {
      verdict: 'unknown',
      summary: "Cannot tell: route ::/0 sends 2001:db8::10 to IPv6 gateway ipv6gw-1; whether the pod's IPv6 address has Internet bandwidth there is not read",
      fixIds: [],
    },
  },
  {
    name: 'skips a VPC destination',
    cloud: {},
    target: destination('vpc', ['10.0.2.15']),
    expected: { verdict: 'skip', summary: 'Not applicable: not an Internet destination', fixIds: [] },
  },
];

describe('evaluateNatEipHop', () => {
  it.each(rows)('$name', ({ cloud, cluster, target, expected }) => {
    const facts = pathFacts({ cloud, cluster });
    const hop = evaluateNatEipHop(facts, pathContext(facts, target ?? internet));
    expect({ verdict: hop.verdict, summary: hop.summary, fixIds: hop.fixes.map((fix) => fix.id) }).toStrictEqual(expected);
  });

  it('offers CreateSnatEntry for the source vSwitch with the gateway EIP', () => {
    const facts = pathFacts({ cloud: { snatEntries: ok([]) } });
    const [fix] = evaluateNatEipHop(facts, pathContext(facts, internet)).fixes;
    expect(fix?.kind === 'alicloud' ? fix.command : null).toBe(
      'aliyun vpc CreateSnatEntry --RegionId cn-hangzhou --SnatTableId stb-1 --SourceVSwitchId vsw-pod --SnatIp 198.51.100.20 --SnatEntryName egress-doctor',
    );
  });
});

describe('selectSnatEntry', () => {
  it.each([
    { name: 'longest prefix wins regardless of order', entries: [podOnly, vswEntry, vpcWide], expected: podOnly },
    { name: 'pending entries are ignored', entries: [{ ...podOnly, status: 'Pending' }, vpcWide], expected: vpcWide },
    { name: 'null when nothing covers the source', entries: [snat({ sourceVSwitchId: 'vsw-x', sourceCidr: '10.9.0.0/24' })], expected: null },
  ])('$name', ({ entries, expected }) => {
    expect(selectSnatEntry(entries, { address: '10.0.1.5', vSwitchId: 'vsw-pod', vSwitchCidr: '10.0.1.0/24' })).toStrictEqual(expected);
  });
});
