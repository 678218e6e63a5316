/**
 * Small builders for cloud facts used by the hop tests. Each returns a realistic default
 * that a test overrides field by field.
 */
import type {
  CloudFacts,
  Eip,
  LoadBalancer,
  NatGateway,
  NetworkAcl,
  NetworkAclEntry,
  NetworkInterface,
  RouteEntry,
  RouteTable,
  SecurityGroup,
  SecurityGroupRule,
  SlbAcl,
  SlbListener,
  SnatEntry,
  VSwitch,
  WhitelistGroup,
} from '../model';

export function sgRule(overrides: Partial<SecurityGroupRule> = {}): SecurityGroupRule {
  return {
    id: 'sgr-1',
    direction: 'egress',
    policy: 'accept',
    priority: 1,
    protocol: 'tcp',
    portRange: { from: 443, to: 443 },
    portRangeListId: null,
    remote: { kind: 'cidr', cidr: '0.0.0.0/0' },
    description: '',
    ...overrides,
  };
}

export function securityGroup(overrides: Partial<SecurityGroup> = {}): SecurityGroup {
  return {
    id: 'sg-pod',
    name: 'pods',
    vpcId: 'vpc-1',
    type: 'normal',
    innerAccessPolicy: 'Accept',
    rules: [],
    ...overrides,
  };
}

export function eni(overrides: Partial<NetworkInterface> = {}): NetworkInterface {
  return {
    id: 'eni-pod',
    type: 'Secondary',
    status: 'InUse',
    instanceId: null,
    vpcId: 'vpc-1',
    vSwitchId: 'vsw-pod',
    zoneId: 'cn-hangzhou-h',
    primaryIp: '10.0.1.5',
    privateIps: ['10.0.1.5'],
    securityGroupIds: ['sg-pod'],
    publicIp: null,
    ...overrides,
  };
}

export function vSwitch(overrides: Partial<VSwitch> = {}): VSwitch {
  return {
    id: 'vsw-pod',
    vpcId: 'vpc-1',
    zoneId: 'cn-hangzhou-h',
    cidrBlock: '10.0.1.0/24',
    networkAclId: null,
    routeTableId: 'vtb-1',
    routeTableType: 'System',
    ...overrides,
  };
}

export function aclEntry(overrides: Partial<NetworkAclEntry> = {}): NetworkAclEntry {
  return {
    id: 'nae-1',
    name: 'allow-all',
    entryType: 'custom',
    policy: 'accept',
    protocol: 'all',
    portRange: null,
    cidr: '0.0.0.0/0',
    ...overrides,
  };
}

export function networkAcl(overrides: Partial<NetworkAcl> = {}): NetworkAcl {
  return {
    id: 'nacl-pod',
    name: '',
    vpcId: 'vpc-1',
    status: 'Available',
    vSwitchIds: ['vsw-pod'],
    ingress: [aclEntry({ id: 'nae-in' })],
    egress: [aclEntry({ id: 'nae-out' })],
    ...overrides,
  };
}

export function routeEntry(overrides: Partial<RouteEntry> = {}): RouteEntry {
  return {
    id: 'rte-default',
    destinationCidr: '0.0.0.0/0',
    type: 'Custom',
    status: 'Available',
    nextHops: [{ type: 'NatGateway', id: 'ngw-1' }],
    ...overrides,
  };
}

export function routeTable(overrides: Partial<RouteTable> = {}): RouteTable {
  return {
    id: 'vtb-1',
    type: 'System',
    vpcId: 'vpc-1',
    vSwitchIds: ['vsw-pod'],
    entries: [
      routeEntry({ id: 'rte-vsw', destinationCidr: '10.0.1.0/24', type: 'System', nextHops: [{ type: 'local', id: '' }] }),
      routeEntry(),
    ],
    ...overrides,
  };
}

export function natGateway(overrides: Partial<NatGateway> = {}): NatGateway {
  return {
    id: 'ngw-1',
    name: 'egress',
    vpcId: 'vpc-1',
    networkType: 'internet',
    status: 'Available',
    businessStatus: 'Normal',
    snatTableIds: ['stb-1'],
    ipAddresses: [{ ip: '198.51.100.20', allocationId: 'eip-nat' }],
    ...overrides,
  };
}

export function snat(overrides: Partial<SnatEntry> = {}): SnatEntry {
  return {
    id: 'snat-vsw',
    name: 'pods',
    snatTableId: 'stb-1',
    natGatewayId: 'ngw-1',
    sourceVSwitchId: 'vsw-pod',
    sourceCidr: '10.0.1.0/24',
    snatIps: ['198.51.100.20'],
    status: 'Available',
    ...overrides,
  };
}

export function eip(overrides: Partial<Eip> = {}): Eip {
  return {
    allocationId: 'eip-nat',
    ip: '198.51.100.20',
    status: 'InUse',
    instanceId: 'ngw-1',
    instanceType: 'Nat',
    privateIp: null,
    businessStatus: 'Normal',
    locks: [],
    ...overrides,
  };
}

export function listener(overrides: Partial<SlbListener> = {}): SlbListener {
  return {
    port: 80,
    protocol: 'tcp',
    status: 'running',
    aclStatus: 'on',
    aclType: 'white',
    aclIds: ['acl-1'],
    ...overrides,
  };
}

export function loadBalancer(overrides: Partial<LoadBalancer> = {}): LoadBalancer {
  return {
    id: 'lb-1',
    name: 'internal',
    address: '10.0.3.10',
    addressType: 'intranet',
    vpcId: 'vpc-1',
    vSwitchId: 'vsw-lb',
    status: 'active',
    listeners: [listener()],
    ...overrides,
  };
}

export function slbAcl(overrides: Partial<SlbAcl> = {}): SlbAcl {
  return { id: 'acl-1', name: 'office', entries: [{ cidr: '192.168.0.0/16', comment: 'office' }], ...overrides };
}

export function whitelistGroup(overrides: Partial<WhitelistGroup> = {}): WhitelistGroup {
  return { name: 'default', attribute: '', entries: ['127.0.0.1'], networkType: null, ...overrides };
}

/** Gate facts with Cloud Firewall read and enabled nowhere: the fixtures' SNAT EIP was looked up and is no protected asset (lib/gates/cloud-firewall). */
export function cloudFirewallEnabledNowhere(): NonNullable<CloudFacts['gates']> {
  return { cloudFirewall: { kind: 'ok', value: { internet: true, assets: [], lookedUp: ['198.51.100.20'], natFirewalls: [], internetPolicies: null, natPolicies: [] } } };
}
