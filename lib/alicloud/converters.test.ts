/**
 * Converters on real, trimmed response bodies, read through the SDKs' own model mapping
 * (`cast` is what the generated clients apply to every response).
 */
import { describe, expect, it } from 'vitest';

import * as ecs from '@alicloud/ecs20140526';
import * as rKvstore from '@alicloud/r-kvstore20150101';
import * as rds from '@alicloud/rds20140815';
import * as vpc from '@alicloud/vpc20160428';
import { cast } from '@darabonba/typescript';

import accessControlList from './__fixtures__/describe-access-control-list-attribute.json';
import dbInstanceIpArrayList from './__fixtures__/describe-db-instance-ip-array-list.json';
import eipAddresses from './__fixtures__/describe-eip-addresses.json';
import loadBalancerListeners from './__fixtures__/describe-load-balancer-listeners.json';
import loadBalancers from './__fixtures__/describe-load-balancers.json';
import natGateways from './__fixtures__/describe-nat-gateways.json';
import networkAclAttributes from './__fixtures__/describe-network-acl-attributes.json';
import networkInterfaces from './__fixtures__/describe-network-interfaces.json';
import routeEntryList from './__fixtures__/describe-route-entry-list.json';
import routeTableList from './__fixtures__/describe-route-table-list.json';
import securityGroupAttribute from './__fixtures__/describe-security-group-attribute.json';
import securityGroups from './__fixtures__/describe-security-groups.json';
import securityIps from './__fixtures__/describe-security-ips.json';
import snatTableEntries from './__fixtures__/describe-snat-table-entries.json';
import vSwitchAttributes from './__fixtures__/describe-vswitch-attributes.json';
import { splitList, toPolicy, toPortRange, toProtocol } from './convert';
import { toEip } from './eips';
import { toLoadBalancer, toSlbAcl, toSlbListener } from './load-balancers';
import { toNatGateway, toSnatEntry } from './nat-gateways';
import { toNetworkAcl } from './network-acls';
import { toNetworkInterface } from './network-interfaces';
import { toRouteEntry, toRouteTable } from './route-tables';
import { toSecurityGroup } from './security-groups';
import { toVSwitch } from './vswitches';
import { toRdsWhitelistGroup, toRedisWhitelistGroup } from './whitelists';
import { readListeners, readLoadBalancers, readSlbAcl } from './wire';

/** The body as the SDK client would hand it over. */
function sdkBody<T extends { body?: unknown }>(json: unknown, response: T): NonNullable<T['body']> {
  const body = cast({ body: json, headers: {}, statusCode: 200 }, response).body;
  if (body === undefined || body === null) throw new Error('fixture did not map to a body');
  return body;
}

describe('field converters', () => {
  it.each([
    ['a single port', '443/443', { from: 443, to: 443 }],
    ['a range', '1024/65535', { from: 1024, to: 65535 }],
    ['all ports', '-1/-1', null],
    ['an empty value', '', null],
    ['one number', '53', { from: 53, to: 53 }],
    ['garbage', 'abc', null],
  ])('toPortRange reads %s', (_name, raw, expected) => {
    expect(toPortRange(raw)).toStrictEqual(expected);
  });

  it.each([
    ['TCP', 'tcp'],
    ['ALL', 'all'],
    ['ICMPv6', 'icmpv6'],
    ['udp', 'udp'],
    ['SCTP', 'all'],
    [undefined, 'all'],
  ])('toProtocol(%s) is %s', (raw, expected) => {
    expect(toProtocol(raw)).toBe(expected);
  });

  it.each([
    ['Accept', 'accept'],
    ['allow', 'accept'],
    ['Drop', 'drop'],
    ['drop', 'drop'],
  ])('toPolicy(%s) is %s', (raw, expected) => {
    expect(toPolicy(raw)).toBe(expected);
  });

  it('splitList trims and drops empty entries', () => {
    expect(splitList(' 10.0.0.1, 10.0.1.0/24,,')).toStrictEqual(['10.0.0.1', '10.0.1.0/24']);
  });
});

describe('ECS converters', () => {
  it('toNetworkInterface lists the primary IP first and finds a public IP on a secondary IP', () => {
    const body = sdkBody(networkInterfaces, new ecs.DescribeNetworkInterfacesResponse({}));
    expect((body.networkInterfaceSets?.networkInterfaceSet ?? []).map(toNetworkInterface)).toStrictEqual([
      {
        id: 'eni-bp17pdijfczax1huji****',
        type: 'Secondary',
        status: 'InUse',
        instanceId: 'i-bp1e2l6djkndyuli****',
        vpcId: 'vpc-bp1j7w3gc1cexjqd****',
        vSwitchId: 'vsw-bp16usj2p27htro3****',
        zoneId: 'cn-hangzhou-e',
        primaryIp: '172.17.**.**',
        privateIps: ['172.17.**.**', '172.17.**.*2'],
        securityGroupIds: ['sg-bp18kz60mefsicfg****', 'sg-bp1ikzjlfmkd6j7j****'],
        publicIp: { ip: '116.62.**.**', allocationId: 'eip-bp1jt6yd7pno8xue****' },
      },
      {
        id: 'eni-bp1b6kxk8m6v0f4w****',
        type: 'Secondary',
        status: 'Available',
        instanceId: null,
        vpcId: 'vpc-bp1j7w3gc1cexjqd****',
        vSwitchId: 'vsw-bp16usj2p27htro3****',
        zoneId: 'cn-hangzhou-e',
        primaryIp: '172.17.**.*9',
        privateIps: ['172.17.**.*9'],
        securityGroupIds: ['sg-bp18kz60mefsicfg****'],
        publicIp: { ip: '47.110.**.**', allocationId: null },
      },
    ]);
  });

  it('toSecurityGroup joins type with rules: string priority, remote by direction, CIDR over group', () => {
    const list = sdkBody(securityGroups, new ecs.DescribeSecurityGroupsResponse({}));
    const attribute = sdkBody(securityGroupAttribute, new ecs.DescribeSecurityGroupAttributeResponse({}));
    const item = list.securityGroups?.securityGroup?.[0];
    expect(toSecurityGroup(item, attribute, attribute.permissions?.permission ?? [])).toStrictEqual({
      id: 'sg-bp18kz60mefsicfg****',
      name: 'pods',
      vpcId: 'vpc-bp1j7w3gc1cexjqd****',
      type: 'enterprise',
      innerAccessPolicy: 'Drop',
      rules: [
        {
          id: 'sgr-bp12kewq32dfs****',
          direction: 'egress',
          policy: 'accept',
          priority: 1,
          protocol: 'tcp',
          portRange: { from: 443, to: 443 },
          portRangeListId: null,
          remote: { kind: 'cidr', cidr: '10.0.0.0/8' },
          description: 'cidr wins over group',
        },
        {
          id: 'sgr-bp1aaaaaaaaaa****',
          direction: 'egress',
          policy: 'drop',
          priority: 100,
          protocol: 'all',
          portRange: null,
          portRangeListId: null,
          remote: { kind: 'any' },
          description: '',
        },
        {
          id: 'sgr-bp1bbbbbbbbbb****',
          direction: 'ingress',
          policy: 'accept',
          priority: 5,
          protocol: 'udp',
          portRange: { from: 53, to: 53 },
          portRangeListId: null,
          remote: { kind: 'securityGroup', groupId: 'sg-bp1ikzjlfmkd6j7j****' },
          description: '',
        },
        {
          id: 'sgr-bp1ccccccccccc****',
          direction: 'ingress',
          policy: 'accept',
          priority: 10,
          protocol: 'tcp',
          portRange: null,
          portRangeListId: 'prl-2ze9mxy3htr9****',
          remote: { kind: 'prefixList', prefixListId: 'pl-x1j1k5ykzqlixdcy****' },
          description: '',
        },
        {
          id: 'sgr-bp1ddddddddddd****',
          direction: 'egress',
          policy: 'accept',
          priority: 20,
          protocol: 'icmpv6',
          portRange: null,
          portRangeListId: null,
          remote: { kind: 'cidr', cidr: '2001:db8::/32' },
          description: '',
        },
      ],
    });
  });

  it('toSecurityGroup treats a group without a type as basic', () => {
    const list = sdkBody(securityGroups, new ecs.DescribeSecurityGroupsResponse({}));
    const legacy = list.securityGroups?.securityGroup?.[1];
    const attribute = new ecs.DescribeSecurityGroupAttributeResponseBody({ securityGroupId: 'sg-bp1legacy00000****' });
    expect(toSecurityGroup(legacy, attribute, [])).toStrictEqual({
      id: 'sg-bp1legacy00000****',
      name: 'legacy',
      vpcId: 'vpc-bp1j7w3gc1cexjqd****',
      type: 'normal',
      innerAccessPolicy: 'Accept',
      rules: [],
    });
  });
});

describe('VPC converters', () => {
  it('toVSwitch turns an empty NetworkAclId into null', () => {
    expect(toVSwitch(sdkBody(vSwitchAttributes, new vpc.DescribeVSwitchAttributesResponse({})))).toStrictEqual({
      id: 'vsw-bp16usj2p27htro3****',
      vpcId: 'vpc-bp1j7w3gc1cexjqd****',
      zoneId: 'cn-hangzhou-e',
      cidrBlock: '172.17.0.0/20',
      networkAclId: null,
      routeTableId: 'vtb-bp1q4wgyxpmkrv6q****',
      routeTableType: 'System',
    });
  });

  it('toNetworkAcl keeps entry order and prefix-list destinations', () => {
    const body = sdkBody(networkAclAttributes, new vpc.DescribeNetworkAclAttributesResponse({}));
    if (!body.networkAclAttribute) throw new Error('fixture has an ACL');
    expect(toNetworkAcl(body.networkAclAttribute)).toStrictEqual({
      id: 'nacl-a2do9e413e0spnhmj****',
      name: 'acl-1',
      vpcId: 'vpc-a2d33rfpl72k5defr****',
      status: 'Available',
      vSwitchIds: ['vsw-a2d3bbbb1111cccc****'],
      ingress: [{ id: 'nae-a2dk86arlydmevfbg****', name: 'acl-3', entryType: 'custom', policy: 'accept', protocol: 'all', portRange: null, cidr: '10.0.0.0/24', description: '' }],
      egress: [
        {
          id: 'nae-a2d447uw4tillfvgb****',
          name: 'deny-web',
          entryType: 'custom',
          policy: 'drop',
          protocol: 'tcp',
          portRange: { from: 80, to: 443 },
          cidr: 'pl-a2dk2lvdmbbc7kdf****',
          description: 'No direct web traffic to partners',
        },
        { id: 'nae-a2dsystemegress****', name: '', entryType: 'system', policy: 'accept', protocol: 'all', portRange: null, cidr: '0.0.0.0/0', description: '' },
      ],
    });
  });

  it('toRouteTable joins the table with ECMP and system entries', () => {
    const tables = sdkBody(routeTableList, new vpc.DescribeRouteTableListResponse({}));
    const entries = sdkBody(routeEntryList, new vpc.DescribeRouteEntryListResponse({}));
    const table = tables.routerTableList?.routerTableListType?.[0];
    if (!table) throw new Error('fixture has a table');
    expect(toRouteTable(table, (entries.routeEntrys?.routeEntry ?? []).map(toRouteEntry))).toStrictEqual({
      id: 'vtb-bp1q4wgyxpmkrv6q****',
      type: 'System',
      vpcId: 'vpc-bp1j7w3gc1cexjqd****',
      vSwitchIds: ['vsw-bp16usj2p27htro3****', 'vsw-bp1nodes000000****'],
      entries: [
        {
          id: 'rte-bp1mnnr2al0naomnp****',
          destinationCidr: '0.0.0.0/0',
          type: 'Custom',
          status: 'Available',
          nextHops: [
            { type: 'Instance', id: 'i-bp1gateway1****' },
            { type: 'Instance', id: 'i-bp1gateway2****' },
          ],
        },
        { id: 'rte-bp1system000000****', destinationCidr: '100.64.0.0/10', type: 'System', status: 'Available', nextHops: [{ type: 'local', id: '' }] },
      ],
    });
  });

  it('toNatGateway keeps EIPs with and without allocation ids', () => {
    const body = sdkBody(natGateways, new vpc.DescribeNatGatewaysResponse({}));
    expect((body.natGateways?.natGateway ?? []).map(toNatGateway)).toStrictEqual([
      {
        id: 'ngw-bp1uewa15k4iy5770****',
        name: 'egress',
        vpcId: 'vpc-bp1j7w3gc1cexjqd****',
        networkType: 'internet',
        status: 'Available',
        businessStatus: 'FinancialLocked',
        snatTableIds: ['stb-gz3r3odawdgffde****'],
        ipAddresses: [
          { ip: '116.22.XX.XX', allocationId: 'eip-bp1kgpo7ua2ti4c7****' },
          { ip: '116.23.XX.XX', allocationId: null },
        ],
      },
    ]);
  });

  it('toSnatEntry splits SnatIp and nulls empty vSwitch ids', () => {
    const body = sdkBody(snatTableEntries, new vpc.DescribeSnatTableEntriesResponse({}));
    expect((body.snatTableEntries?.snatTableEntry ?? []).map(toSnatEntry)).toStrictEqual([
      {
        id: 'snat-8vbae8uqh7rjpk7d2****',
        name: 'pods',
        snatTableId: 'stb-gz3r3odawdgffde****',
        natGatewayId: 'ngw-bp1uewa15k4iy5770****',
        sourceVSwitchId: 'vsw-bp16usj2p27htro3****',
        sourceCidr: '172.17.0.0/20',
        snatIps: ['116.22.XX.XX', '116.23.XX.XX'],
        status: 'Available',
      },
      {
        id: 'snat-8vb2ecsj8qgj5yrp****',
        name: 'one-host',
        snatTableId: 'stb-gz3r3odawdgffde****',
        natGatewayId: 'ngw-bp1uewa15k4iy5770****',
        sourceVSwitchId: null,
        sourceCidr: '172.18.1.5/32',
        snatIps: ['116.22.XX.XX'],
        status: 'Pending',
      },
    ]);
  });

  it('toEip reads locks and empty bindings', () => {
    const body = sdkBody(eipAddresses, new vpc.DescribeEipAddressesResponse({}));
    expect((body.eipAddresses?.eipAddress ?? []).map(toEip)).toStrictEqual([
      {
        allocationId: 'eip-bp1kgpo7ua2ti4c7****',
        ip: '116.22.XX.XX',
        status: 'InUse',
        instanceId: 'ngw-bp1uewa15k4iy5770****',
        instanceType: 'Nat',
        privateIp: null,
        businessStatus: 'Normal',
        locks: [],
      },
      {
        allocationId: 'eip-bp1jt6yd7pno8xue****',
        ip: '116.62.XX.XX',
        status: 'Available',
        instanceId: null,
        instanceType: null,
        privateIp: null,
        businessStatus: 'FinancialLocked',
        locks: ['financial', 'security'],
      },
    ]);
  });
});

describe('SLB converters', () => {
  it('toLoadBalancer and toSlbListener merge AclId with AclIds and lower-case the protocol', () => {
    const [raw] = readLoadBalancers(loadBalancers);
    if (!raw) throw new Error('fixture has a load balancer');
    expect(toLoadBalancer(raw, readListeners(loadBalancerListeners).map(toSlbListener))).toStrictEqual({
      id: 'lb-bp1o94dp5i6earr9g****',
      name: 'ingress',
      address: '192.168.XX.XX',
      addressType: 'intranet',
      vpcId: 'vpc-bp1j7w3gc1cexjqd****',
      vSwitchId: 'vsw-bp16usj2p27htro3****',
      status: 'active',
      listeners: [
        { port: 443, protocol: 'tcp', status: 'running', aclStatus: 'on', aclType: 'white', aclIds: ['acl-bp1l0kk4gxce43i****', 'acl-bp1second00000****'] },
        { port: 80, protocol: 'http', status: 'stopped', aclStatus: 'off', aclType: null, aclIds: [] },
      ],
    });
  });

  it('toSlbAcl defaults a missing comment to empty', () => {
    expect(toSlbAcl(readSlbAcl(accessControlList))).toStrictEqual({
      id: 'acl-bp1l0kk4gxce43i****',
      name: 'office',
      entries: [
        { cidr: '10.0.0.0/24', comment: 'pods' },
        { cidr: '116.22.XX.XX/32', comment: '' },
      ],
    });
  });
});

describe('whitelist converters', () => {
  it('toRdsWhitelistGroup splits SecurityIPList', () => {
    const body = sdkBody(dbInstanceIpArrayList, new rds.DescribeDBInstanceIPArrayListResponse({}));
    expect((body.items?.DBInstanceIPArray ?? []).map(toRdsWhitelistGroup)).toStrictEqual([
      { name: 'default', attribute: '', entries: ['127.0.0.1'], networkType: null },
      { name: 'pods', attribute: '', entries: ['172.17.0.0/20', '172.18.1.5'], networkType: null },
      { name: 'hdm_security_ips', attribute: 'hidden', entries: ['100.104.175.0/24'], networkType: null },
    ]);
  });

  it('toRedisWhitelistGroup splits SecurityIpList', () => {
    const body = sdkBody(securityIps, new rKvstore.DescribeSecurityIpsResponse({}));
    expect((body.securityIpGroups?.securityIpGroup ?? []).map(toRedisWhitelistGroup)).toStrictEqual([
      { name: 'default', attribute: '', entries: ['127.0.0.1'], networkType: null },
      { name: 'pods', attribute: '', entries: ['172.17.0.0/20', '0.0.0.0/0'], networkType: null },
      { name: 'ali_dms_group', attribute: 'hidden', entries: ['100.104.5.0/24'], networkType: null },
    ]);
  });
});
