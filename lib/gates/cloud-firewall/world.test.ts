import { describe, expect, it } from 'vitest';

import { ok, pathFacts } from '@/lib/analysis/__fixtures__/path-builders';
import { worldSchema, type World } from '@/lib/schemas/world';

import type { CloudFirewallFacts } from './facts';
import { cloudFirewallToWorld, diffCloudFirewall } from './world';

const drop = {
  id: 'acl-deny', direction: 'out' as const, order: 2, action: 'drop' as const, source: '10.0.0.0/8', sourceType: 'net' as const, sourceCidrs: null, destination: 'example.com', destinationType: 'domain' as const,
  destinationCidrs: null, protocol: 'TCP', destinationPort: '443', destinationPorts: null, applications: ['HTTPS'], domainResolveType: 'FQDN' as const, description: 'no SaaS', enabled: true,
};
const facts: CloudFirewallFacts = {
  internet: true,
  assets: [{ ip: '198.51.100.20', resourceType: 'NatEIP', instanceId: 'ngw-1', protectStatus: 'open' }],
  lookedUp: ['198.51.100.20'],
  natFirewalls: [{ id: 'proxy-nat1', name: 'egress', natGatewayId: 'ngw-1', vpcId: 'vpc-1', status: 'normal', strictMode: true }],
  internetPolicies: [{ ...drop, id: 'acl-border', order: 1, destination: '0.0.0.0/0', destinationType: 'net', domainResolveType: null, applications: ['ANY'] }],
  natPolicies: [{ natGatewayId: 'ngw-1', policies: [drop] }],
};

function world(section: ReturnType<typeof cloudFirewallToWorld>): World {
  return worldSchema.parse({ version: 1, name: 'w', clusters: [{ name: 'c', kind: 'acs', networkMode: 'vpc', region: 'cn-hangzhou', vpcId: 'vpc-1', objects: [] }], cloud: { regionId: 'cn-hangzhou', ...section } });
}

describe('the Cloud Firewall world section', () => {
  it('holds what the facts read, parses as a world, and reads back the same policies', () => {
    const section = cloudFirewallToWorld(pathFacts({ cloud: { gates: { cloudFirewall: ok(facts) } } }));
    const parsed = world(section).cloud.cloudFirewall;
    expect({ assets: parsed?.assets, natFirewalls: parsed?.natFirewalls, natPolicies: parsed?.natControlPolicies.map((policy) => [policy.NatGatewayId, policy.AclUuid, policy.AclAction, policy.Destination, policy.DestinationType, policy.DomainResolveType, policy.Order]) }).toStrictEqual({
      assets: [{ InternetAddress: '198.51.100.20', ResourceType: 'NatEIP', ResourceInstanceId: 'ngw-1', ProtectStatus: 'open' }],
      natFirewalls: [{ ProxyId: 'proxy-nat1', ProxyName: 'egress', NatGatewayId: 'ngw-1', VpcId: 'vpc-1', StrictMode: 1, ProxyStatus: 'normal' }],
      natPolicies: [['ngw-1', 'acl-deny', 'drop', 'example.com', 'domain', 'FQDN', 2]],
    });
  });

  it('is absent when the gate was not read, or its read failed', () => {
    expect(cloudFirewallToWorld(pathFacts({ cloud: { gates: {} } }))).toStrictEqual({});
  });

  it('diffs assets, NAT firewalls and policies', () => {
    const before = world(cloudFirewallToWorld(pathFacts({ cloud: { gates: { cloudFirewall: ok(facts) } } })));
    const after = world(cloudFirewallToWorld(pathFacts({ cloud: { gates: { cloudFirewall: ok({ ...facts, natFirewalls: [{ ...facts.natFirewalls[0]!, status: 'closed' }], internetPolicies: [] }) } } })));
    expect(diffCloudFirewall(before, after).map((change) => change.message)).toStrictEqual(['NAT firewall proxy-nat1 changed', 'Internet border policy acl-border removed']);
  });

  it('holds the VPC border firewalls and their policies read, without a direction, and diffs them', () => {
    const border: CloudFirewallFacts = {
      internet: false, assets: [], lookedUp: [], natFirewalls: [], internetPolicies: null, natPolicies: [],
      vpcBorder: {
        route: { routeEntryId: 'rte-1', destinationCidr: '10.1.0.0/16', nextHopType: 'Attachment', nextHopId: 'tr-attach-1', via: 'cen' },
        firewalls: [
          { id: 'vfw-1', name: 'to-cen', connectType: 'cen', policyGroupId: 'cen-1', status: 'opened', vpcs: [{ vpcId: 'vpc-1', cidrs: ['10.0.0.0/16'] }] },
          { id: 'vfw-2', name: 'pair', connectType: 'expressconnect', policyGroupId: 'vfw-2', status: 'closed', vpcs: [{ vpcId: 'vpc-1', cidrs: [] }, { vpcId: 'vpc-2', cidrs: ['10.1.0.0/16'] }] },
        ],
        policies: [{ policyGroupId: 'cen-1', policies: [{ ...drop, destination: '10.1.0.0/16', destinationType: 'net', domainResolveType: null }] }],
      },
    };
    const parsed = world(cloudFirewallToWorld(pathFacts({ cloud: { gates: { cloudFirewall: ok(border) } } }))).cloud.cloudFirewall;
    expect({
      cens: parsed?.vpcFirewallCens.map((firewall) => [firewall.VpcFirewallId, firewall.CenId, firewall.FirewallSwitchStatus, firewall.LocalVpc.VpcId, firewall.LocalVpc.DefendCidrList]),
      pairs: parsed?.vpcFirewalls.map((firewall) => [firewall.VpcFirewallId, firewall.LocalVpc.VpcId, firewall.PeerVpc.VpcId, firewall.PeerVpc.VpcCidrTableList.flatMap((table) => table.RouteEntryList.map((entry) => entry.DestinationCidr))]),
      policies: parsed?.vpcControlPolicies.map((policy) => [policy.VpcFirewallId, policy.AclUuid, policy.Order, 'Direction' in policy]),
    }).toStrictEqual({
      cens: [['vfw-1', 'cen-1', 'opened', 'vpc-1', ['10.0.0.0/16']]],
      pairs: [['vfw-2', 'vpc-1', 'vpc-2', ['10.1.0.0/16']]],
      policies: [['cen-1', 'acl-deny', 2, false]],
    });
    const before = world(cloudFirewallToWorld(pathFacts({ cloud: { gates: { cloudFirewall: ok(border) } } })));
    const switchedOff = { ...border, vpcBorder: { ...border.vpcBorder!, firewalls: [{ ...border.vpcBorder!.firewalls[0]!, status: 'closed' }], policies: [] } };
    const after = world(cloudFirewallToWorld(pathFacts({ cloud: { gates: { cloudFirewall: ok(switchedOff) } } })));
    expect(diffCloudFirewall(before, after).map((change) => change.message)).toStrictEqual(['VPC border firewall vfw-1 changed', 'VPC border firewall vfw-2 removed', 'VPC border firewall policy acl-deny removed']);
  });
});
