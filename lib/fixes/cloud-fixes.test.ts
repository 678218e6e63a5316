import { describe, expect, it } from 'vitest';

import {
  appendWhitelistFix,
  authorizeSecurityGroupEgress,
  createRouteToNatGateway,
  createSnatEntry,
  hostCidr,
  updateNetworkAclEntries,
} from './cloud-fixes';

describe('cloud fix builders', () => {
  it('AuthorizeSecurityGroupEgress for a host CIDR, whole fix', () => {
    expect(
      authorizeSecurityGroupEgress({ regionId: 'cn-hangzhou', securityGroupId: 'sg-pod', protocol: 'tcp', port: 443, cidr: '203.0.113.10/32', priority: 1, risk: 'narrow' }),
    ).toStrictEqual({
      kind: 'alicloud',
      id: 'securityGroup-authorize-egress-sg-pod',
      title: 'Allow TCP 443 to 203.0.113.10/32 in sg-pod',
      description: 'Adds an outbound accept rule at priority 1 to security group sg-pod for tcp/443 toward 203.0.113.10/32.',
      risk: 'narrow',
      target: { kind: 'securityGroup', id: 'sg-pod', label: 'sg-pod' },
      product: 'Ecs',
      version: '2014-05-26',
      action: 'AuthorizeSecurityGroupEgress',
      parameters: {
        RegionId: 'cn-hangzhou',
        SecurityGroupId: 'sg-pod',
        IpProtocol: 'tcp',
        PortRange: '443/443',
        DestCidrIp: '203.0.113.10/32',
        Policy: 'accept',
        Priority: '1',
        Description: 'added by ACS Egress Doctor',
      },
      command:
        "aliyun ecs AuthorizeSecurityGroupEgress --RegionId cn-hangzhou --SecurityGroupId sg-pod --IpProtocol tcp --PortRange 443/443 --DestCidrIp 203.0.113.10/32 --Policy accept --Priority 1 --Description 'added by ACS Egress Doctor'",
    });
  });

  it.each([
    {
      name: 'IPv6 egress uses Ipv6DestCidrIp and no region when unknown',
      fix: authorizeSecurityGroupEgress({ regionId: null, securityGroupId: 'sg-1', protocol: 'udp', port: 53, cidr: hostCidr('2001:db8::1'), priority: 2, risk: '' }),
      command: "aliyun ecs AuthorizeSecurityGroupEgress --SecurityGroupId sg-1 --IpProtocol udp --PortRange 53/53 --Ipv6DestCidrIp 2001:db8::1/128 --Policy accept --Priority 2 --Description 'added by ACS Egress Doctor'",
    },
    {
      name: 'CreateRouteEntry to the NAT gateway',
      fix: createRouteToNatGateway({ regionId: 'cn-hangzhou', routeTableId: 'vtb-1', destinationCidr: '0.0.0.0/0', natGatewayId: 'ngw-1' }),
      command: 'aliyun vpc CreateRouteEntry --RegionId cn-hangzhou --RouteTableId vtb-1 --DestinationCidrBlock 0.0.0.0/0 --NextHopType NatGateway --NextHopId ngw-1',
    },
    {
      name: 'CreateSnatEntry for the vSwitch',
      fix: createSnatEntry({ regionId: 'cn-hangzhou', snatTableId: 'stb-1', sourceVSwitchId: 'vsw-pod', snatIp: '198.51.100.20', natGatewayId: 'ngw-1' }),
      command: 'aliyun vpc CreateSnatEntry --RegionId cn-hangzhou --SnatTableId stb-1 --SourceVSwitchId vsw-pod --SnatIp 198.51.100.20 --SnatEntryName egress-doctor',
    },
    {
      name: 'UpdateNetworkAclEntries with the full ordered list, every field of the kept entries, no id for the new one',
      fix: updateNetworkAclEntries({
        regionId: 'cn-hangzhou',
        networkAclId: 'nacl-1',
        direction: 'ingress',
        entries: [
          { id: 'nae-1', name: 'back', entryType: 'custom', policy: 'accept', protocol: 'tcp', portRange: { from: 1024, to: 65535 }, cidr: '203.0.113.10/32', description: "Replies (don't drop)" },
          { id: 'new', name: 'v6', entryType: 'custom', policy: 'accept', protocol: 'tcp', portRange: { from: 443, to: 443 }, cidr: '2001:db8::/64' },
        ],
        summary: 'Accept',
        risk: '',
      }),
      command:
        "aliyun vpc UpdateNetworkAclEntries --RegionId cn-hangzhou --NetworkAclId nacl-1 --UpdateIngressAclEntries true --IngressAclEntries.1.NetworkAclEntryId nae-1 --IngressAclEntries.1.NetworkAclEntryName back --IngressAclEntries.1.EntryType custom --IngressAclEntries.1.IpVersion IPV4 --IngressAclEntries.1.Policy accept --IngressAclEntries.1.Protocol tcp --IngressAclEntries.1.Port 1024/65535 --IngressAclEntries.1.SourceCidrIp 203.0.113.10/32 --IngressAclEntries.1.Description 'Replies (don'\\''t drop)' --IngressAclEntries.2.NetworkAclEntryName v6 --IngressAclEntries.2.EntryType custom --IngressAclEntries.2.IpVersion IPV6 --IngressAclEntries.2.Policy accept --IngressAclEntries.2.Protocol tcp --IngressAclEntries.2.Port 443/443 --IngressAclEntries.2.SourceCidrIp 2001:db8::/64 --IngressAclEntries.2.Description ''",
    },
    {
      name: 'Redis ModifySecurityIps appends to our group',
      fix: appendWhitelistFix({ service: 'redis', regionId: 'cn-hangzhou', instanceId: 'r-bp1', securityIps: '10.0.1.0/24', risk: '' }),
      command: 'aliyun r-kvstore ModifySecurityIps --RegionId cn-hangzhou --InstanceId r-bp1 --SecurityIps 10.0.1.0/24 --SecurityIpGroupName egress_doctor --ModifyMode Append',
    },
  ])('$name', ({ fix, command }) => {
    expect(fix.command).toBe(command);
  });
});
