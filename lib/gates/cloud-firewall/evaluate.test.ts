import { describe, expect, it } from 'vitest';

import { destination, factError, missing, ok, pathContext, pathFacts } from '@/lib/analysis/__fixtures__/path-builders';
import { eni, routeEntry, routeTable } from '@/lib/analysis/__fixtures__/cloud-builders';
import { evaluatePath } from '@/lib/analysis/evaluate-path';
import type { DestinationKind, Fact, PathFacts, RouteTable } from '@/lib/analysis/model';

import { evaluateCloudFirewallHop } from './evaluate';
import type { CloudFirewallAsset, CloudFirewallFacts, ControlPolicy, NatFirewall, VpcBorderFacts, VpcFirewall } from './facts';

/** The default path: pod 10.0.1.5 → 203.0.113.10:443 through ngw-1, SNAT to 198.51.100.20. */
function policy(overrides: Partial<ControlPolicy> = {}): ControlPolicy {
  return {
    id: 'acl-1', direction: 'out', order: 1, action: 'drop', source: '0.0.0.0/0', sourceType: 'net', sourceCidrs: null,
    destination: '0.0.0.0/0', destinationType: 'net', destinationCidrs: null, protocol: 'ANY', destinationPort: '', destinationPorts: null,
    applications: ['ANY'], domainResolveType: null, description: '', enabled: true, ...overrides,
  };
}
const natFirewall = (overrides: Partial<NatFirewall> = {}): NatFirewall => ({ id: 'proxy-nat1', name: 'egress-fw', natGatewayId: 'ngw-1', vpcId: 'vpc-1', status: 'normal', strictMode: false, ...overrides });
const asset = (overrides: Partial<CloudFirewallAsset> = {}): CloudFirewallAsset => ({ ip: '198.51.100.20', resourceType: 'NatEIP', instanceId: 'ngw-1', protectStatus: 'open', ...overrides });

function firewall(overrides: Partial<CloudFirewallFacts> = {}): CloudFirewallFacts {
  return { internet: true, assets: [], lookedUp: ['198.51.100.20'], natFirewalls: [], internetPolicies: null, natPolicies: [], ...overrides };
}
const natOn = (policies: ControlPolicy[], overrides: Partial<NatFirewall> = {}): CloudFirewallFacts => firewall({ natFirewalls: [natFirewall(overrides)], natPolicies: [{ natGatewayId: 'ngw-1', policies }] });
const internetOn = (policies: ControlPolicy[]): CloudFirewallFacts => firewall({ assets: [asset()], internetPolicies: policies });

function run(gate: Fact<CloudFirewallFacts> | undefined, options: { host?: string; kind?: DestinationKind; facts?: (facts: PathFacts) => PathFacts } = {}) {
  const base = pathFacts({ host: options.host ?? '203.0.113.10', cloud: { gates: gate === undefined ? {} : { cloudFirewall: gate } } });
  const facts = options.facts ? options.facts(base) : base;
  const hop = evaluateCloudFirewallHop(facts, pathContext(facts, destination(options.kind ?? 'internet', ['203.0.113.10'])));
  return { verdict: hop.verdict, summary: hop.summary, decidedBy: hop.evidence.decidedBy?.id ?? null, fixes: hop.fixes.map((fix) => (fix.kind === 'alicloud' ? `${fix.action} ${fix.exception ? 'exception' : ''}`.trim() : fix.kind)) };
}

describe('evaluateCloudFirewallHop', () => {
  it.each([
    {
      name: 'no firewall enabled for the NAT gateway or the SNAT EIP: passes, saying so',
      gate: ok(firewall()),
      expected: { verdict: 'pass', summary: 'Cloud Firewall is not enabled for this egress (No NAT firewall is enabled for egress (ngw-1); Internet border firewall is not enabled for 198.51.100.20 (not a protected asset))', decidedBy: null, fixes: [] },
    },
    {
      name: 'an Internet border asset that is closed does not filter',
      gate: ok(firewall({ assets: [asset({ protectStatus: 'closed' })], internetPolicies: null })),
      expected: { verdict: 'pass', summary: 'Cloud Firewall is not enabled for this egress (No NAT firewall is enabled for egress (ngw-1); Internet border firewall is not enabled for 198.51.100.20 (NatEIP ngw-1: closed))', decidedBy: null, fixes: [] },
    },
    {
      name: 'a NAT firewall drop on the private source blocks, with the accept above it',
      gate: ok(natOn([policy({ id: 'acl-deny', order: 3, source: '10.0.0.0/8' })])),
      expected: { verdict: 'block', summary: 'NAT firewall egress-fw (proxy-nat1) of egress (ngw-1) drops 10.0.1.5 → 203.0.113.10:443 at policy acl-deny (order 3)', decidedBy: 'acl-deny', fixes: ['AddNatFirewallControlPolicy'] },
    },
    {
      name: 'the NAT firewall matches before SNAT: a drop on the SNAT EIP does not match there',
      gate: ok(natOn([policy({ source: '198.51.100.20/32' })])),
      expected: { verdict: 'pass', summary: 'NAT firewall egress-fw (proxy-nat1) of egress (ngw-1) lets 10.0.1.5 → 203.0.113.10:443 through: no policy matches (the default allows)', decidedBy: null, fixes: [] },
    },
    {
      name: 'first match decides: an accept above the drop lets it through',
      gate: ok(natOn([policy({ id: 'acl-drop', order: 2 }), policy({ id: 'acl-allow', order: 1, action: 'accept', source: '10.0.1.0/24', destinationPort: '443' })])),
      expected: { verdict: 'pass', summary: 'NAT firewall egress-fw (proxy-nat1) of egress (ngw-1) lets 10.0.1.5 → 203.0.113.10:443 through: policy acl-allow (order 1) accepts it', decidedBy: 'acl-allow', fixes: [] },
    },
    {
      name: 'a log policy lets the traffic through and records it',
      gate: ok(natOn([policy({ id: 'acl-log', action: 'log' }), policy({ id: 'acl-drop', order: 2 })])),
      expected: { verdict: 'pass', summary: 'NAT firewall egress-fw (proxy-nat1) of egress (ngw-1) lets 10.0.1.5 → 203.0.113.10:443 through: policy acl-log (order 1) monitors and lets it through', decidedBy: 'acl-log', fixes: [] },
    },
    {
      name: 'a disabled drop matches nothing',
      gate: ok(natOn([policy({ enabled: false })])),
      expected: { verdict: 'pass', summary: 'NAT firewall egress-fw (proxy-nat1) of egress (ngw-1) lets 10.0.1.5 → 203.0.113.10:443 through: no policy matches (the default allows)', decidedBy: null, fixes: [] },
    },
    {
      name: 'a drop on another port does not match',
      gate: ok(natOn([policy({ protocol: 'TCP', destinationPort: '80/88' })])),
      expected: { verdict: 'pass', summary: 'NAT firewall egress-fw (proxy-nat1) of egress (ngw-1) lets 10.0.1.5 → 203.0.113.10:443 through: no policy matches (the default allows)', decidedBy: null, fixes: [] },
    },
    {
      name: 'a NAT firewall that is closed does not apply',
      gate: ok(natOn([policy()], { status: 'closed' })),
      expected: { verdict: 'pass', summary: 'Cloud Firewall is not enabled for this egress (NAT firewall egress-fw (proxy-nat1) of egress (ngw-1) is not enabled (closed); Internet border firewall is not enabled for 198.51.100.20 (not a protected asset))', decidedBy: null, fixes: [] },
    },
    {
      name: 'a NAT firewall still opening: cannot tell',
      gate: ok(natOn([], { status: 'opening' })),
      expected: { verdict: 'unknown', summary: 'The NAT firewall egress-fw (proxy-nat1) of egress (ngw-1) is opening: whether it filters now cannot be told', decidedBy: null, fixes: [] },
    },
    {
      name: 'the Internet border drop matches the SNAT EIP the traffic leaves with',
      gate: ok(internetOn([policy({ id: 'acl-border', source: '198.51.100.20/32', destination: '203.0.113.0/24' })])),
      expected: { verdict: 'block', summary: 'Internet border firewall (198.51.100.20) drops 198.51.100.20 → 203.0.113.10:443 at policy acl-border (order 1)', decidedBy: 'acl-border', fixes: ['AddControlPolicy'] },
    },
    {
      name: 'the Internet border does not see the private address',
      gate: ok(internetOn([policy({ source: '10.0.1.0/24' })])),
      expected: { verdict: 'pass', summary: 'Internet border firewall (198.51.100.20) lets 198.51.100.20 → 203.0.113.10:443 through: no policy matches (the default allows)', decidedBy: null, fixes: [] },
    },
    {
      name: 'a deliberate drop (it has a description): the respectful path first, the accept as an exception',
      gate: ok(internetOn([policy({ id: 'acl-border', description: 'no egress to untrusted networks (SEC-12)' })])),
      expected: { verdict: 'block', summary: 'Internet border firewall (198.51.100.20) drops 198.51.100.20 → 203.0.113.10:443 at policy acl-border (order 1)', decidedBy: 'acl-border', fixes: ['manual', 'AddControlPolicy exception'] },
    },
    {
      name: 'a drop naming a domain, asked for by address: the SNI or Host is unknown, so cannot tell',
      gate: ok(internetOn([policy({ destination: 'example.com', destinationType: 'domain', domainResolveType: 'FQDN' })])),
      expected: { verdict: 'unknown', summary: 'Internet border firewall (198.51.100.20) may drop 198.51.100.20 → 203.0.113.10: acl-1 could match, depending on what the dashboard cannot see', decidedBy: null, fixes: [] },
    },
    {
      name: 'an accept for an application the port usually carries decides ahead of a drop-all',
      gate: ok(internetOn([policy({ id: 'acl-https', action: 'accept', applications: ['HTTPS'] }), policy({ id: 'acl-drop', order: 2 })])),
      expected: { verdict: 'pass', summary: 'Internet border firewall (198.51.100.20) lets 198.51.100.20 → 203.0.113.10:443 through: policy acl-https (order 1) accepts it', decidedBy: 'acl-https', fixes: [] },
    },
    {
      name: 'an accept for an application the port does not usually carry may or may not match before a drop: cannot tell',
      gate: ok(internetOn([policy({ id: 'acl-mysql', action: 'accept', applications: ['MySQL'] }), policy({ id: 'acl-drop', order: 2 })])),
      expected: { verdict: 'unknown', summary: 'Internet border firewall (198.51.100.20) may drop 198.51.100.20 → 203.0.113.10: acl-mysql could match, depending on what the dashboard cannot see', decidedBy: 'acl-drop', fixes: [] },
    },
    {
      name: 'the read failed: unknown, naming it',
      gate: missing<CloudFirewallFacts>(factError({ resource: 'DescribeNatFirewallList vpc-1', code: 'Forbidden.RAM' })),
      expected: { verdict: 'unknown', summary: 'Cannot tell: Forbidden.RAM on DescribeNatFirewallList vpc-1: not authorized', decidedBy: null, fixes: [] },
    },
    {
      name: 'the SNAT address was not looked up among the assets: unknown, not "not protected"',
      gate: ok(firewall({ lookedUp: [] })),
      expected: { verdict: 'unknown', summary: '198.51.100.20 was not looked up among the Cloud Firewall assets, so whether the Internet border firewall protects it cannot be told', decidedBy: null, fixes: [] },
    },
    {
      name: 'facts saved before the gate existed: unknown',
      gate: undefined,
      expected: { verdict: 'unknown', summary: 'Cannot tell: Cloud Firewall was not read (facts saved before this gate existed)', decidedBy: null, fixes: [] },
    },
  ])('$name', ({ gate, expected }) => {
    expect(run(gate)).toStrictEqual(expected);
  });

  it('skips destinations that are not on the Internet', () => {
    expect(run(ok(natOn([policy()])), { kind: 'vpc' }).verdict).toBe('skip');
  });

  it('a pod EIP carries the traffic: no NAT firewall, the Internet border sees the pod EIP', () => {
    const withEip = (facts: PathFacts): PathFacts => ({ ...facts, cloud: { ...facts.cloud, sourceEni: ok(eni({ publicIp: { ip: '198.51.100.77', allocationId: null } })) } });
    const gate = ok(firewall({ natFirewalls: [natFirewall()], natPolicies: [{ natGatewayId: 'ngw-1', policies: [policy()] }], assets: [asset({ ip: '198.51.100.77', resourceType: 'EniEIP' })], internetPolicies: [policy({ id: 'acl-pod', source: '198.51.100.77/32' })] }));
    expect(run(gate, { facts: withEip })).toStrictEqual({ verdict: 'block', summary: 'Internet border firewall (198.51.100.77) drops 198.51.100.77 → 203.0.113.10:443 at policy acl-pod (order 1)', decidedBy: 'acl-pod', fixes: ['AddControlPolicy'] });
  });

  it('the accept fix sits at the drop’s order, for this flow only', () => {
    const facts = pathFacts({ cloud: { gates: { cloudFirewall: ok(natOn([policy({ id: 'acl-deny', order: 3 })])) } } });
    const hop = evaluateCloudFirewallHop(facts, pathContext(facts, destination('internet', ['203.0.113.10'])));
    const fix = hop.fixes[0];
    expect(fix?.kind === 'alicloud' ? { parameters: fix.parameters, command: fix.command } : null).toStrictEqual({
      parameters: {
        NatGatewayId: 'ngw-1', Direction: 'out', AclAction: 'accept', Source: '10.0.1.5/32', SourceType: 'net', Destination: '203.0.113.10/32', DestinationType: 'net',
        Proto: 'TCP', DestPortType: 'port', DestPort: '443', 'ApplicationNameList.1': 'ANY', NewOrder: '3', Description: 'added by ACS Egress Doctor: shop/web-0 → 203.0.113.10:443', IpVersion: '4',
      },
      command:
        "aliyun cloudfw AddNatFirewallControlPolicy --NatGatewayId ngw-1 --Direction out --AclAction accept --Source 10.0.1.5/32 --SourceType net --Destination 203.0.113.10/32 --DestinationType net --Proto TCP --DestPortType port --DestPort 443 --ApplicationNameList.1 ANY --NewOrder 3 --Description 'added by ACS Egress Doctor: shop/web-0 → 203.0.113.10:443' --IpVersion 4",
    });
  });
});

describe('the cloudFirewall hop in the path', () => {
  it('sits after natEip; a failed read makes the path unknown (never reachable) and is listed once', () => {
    const error = factError({ resource: 'DescribeAssetList 198.51.100.20', code: 'Throttling.User', reason: 'throttled', retryable: true });
    const facts = pathFacts({ cloud: { gates: { cloudFirewall: missing(error) } } });
    const diagnosis = evaluatePath(facts, destination('internet', ['203.0.113.10']));
    expect({
      order: diagnosis.hops.map((hop) => hop.kind).slice(5, 7),
      hop: diagnosis.hops.find((hop) => hop.kind === 'cloudFirewall')?.verdict,
      verdict: diagnosis.verdict,
      errors: diagnosis.errors,
    }).toStrictEqual({ order: ['natEip', 'cloudFirewall'], hop: 'unknown', verdict: 'unknown', errors: [error] });
  });
});

describe('the VPC border firewall', () => {
  /** pod 10.0.1.5 in vpc-1 → 10.1.8.20:443; the source table routes 10.1.0.0/16 to a transit router attachment (or another next hop). */
  const cenFirewall = (overrides: Partial<VpcFirewall> = {}): VpcFirewall => ({ id: 'vfw-1', name: 'to-cen', connectType: 'cen', policyGroupId: 'cen-1', status: 'opened', vpcs: [{ vpcId: 'vpc-1', cidrs: ['10.0.0.0/16'] }], ...overrides });
  const peerFirewall = (overrides: Partial<VpcFirewall> = {}): VpcFirewall => ({
    id: 'vfw-peer', name: 'pair', connectType: 'expressconnect', policyGroupId: 'vfw-peer', status: 'opened', vpcs: [{ vpcId: 'vpc-2', cidrs: ['10.1.0.0/16'] }, { vpcId: 'vpc-1', cidrs: ['10.0.0.0/16'] }], ...overrides,
  });
  const route = (via: 'cen' | 'peering' = 'cen'): VpcBorderFacts['route'] => ({ routeEntryId: 'rte-peer', destinationCidr: '10.1.0.0/16', nextHopType: via === 'cen' ? 'Attachment' : 'VpcPeer', nextHopId: via === 'cen' ? 'tr-attach-1' : 'pcc-1', via });
  const border = (firewalls: VpcFirewall[], policies: ControlPolicy[] | null, via: 'cen' | 'peering' = 'cen'): CloudFirewallFacts =>
    firewall({ internet: false, lookedUp: [], vpcBorder: { route: route(via), firewalls, policies: policies === null ? [] : [{ policyGroupId: firewalls[0]?.policyGroupId ?? 'cen-1', policies }] } });
  const withRoute = (nextHop: { type: string; id: string }, type = 'Custom') => (facts: PathFacts): PathFacts => ({
    ...facts,
    cloud: { ...facts.cloud, routeTables: ok([routeTable({ entries: [...routeTable().entries, routeEntry({ id: 'rte-peer', destinationCidr: '10.1.0.0/16', type, nextHops: [nextHop] })] })]) },
  });
  const cen = withRoute({ type: 'Attachment', id: 'tr-attach-1' });
  const vpcRun = (gate: Fact<CloudFirewallFacts> | undefined, facts: (facts: PathFacts) => PathFacts = cen, kind: DestinationKind = 'vpc') => {
    const base = pathFacts({ host: '10.1.8.20', cloud: { gates: gate === undefined ? {} : { cloudFirewall: gate } } });
    const withFacts = facts(base);
    const hop = evaluateCloudFirewallHop(withFacts, pathContext(withFacts, destination(kind, ['10.1.8.20'])));
    return { verdict: hop.verdict, summary: hop.summary, decidedBy: hop.evidence.decidedBy?.id ?? null, fixes: hop.fixes.map((fix) => (fix.kind === 'alicloud' ? `${fix.action} ${fix.exception ? 'exception' : ''}`.trim() : fix.kind)) };
  };

  it.each([
    {
      name: 'a drop in the CEN policy group blocks, with the accept above it',
      gate: ok(border([cenFirewall()], [policy({ id: 'acl-vpc', order: 4, source: '10.0.0.0/16', destination: '10.1.0.0/16' })])),
      expected: { verdict: 'block', summary: 'VPC border firewall vfw-1 (cen-1) drops 10.0.1.5 → 10.1.8.20:443 at policy acl-vpc (order 4)', decidedBy: 'acl-vpc', fixes: ['CreateVpcFirewallControlPolicy'] },
    },
    {
      name: 'first match decides: an accept above the drop lets it through',
      gate: ok(border([cenFirewall()], [policy({ id: 'acl-drop', order: 2 }), policy({ id: 'acl-ok', order: 1, action: 'accept', source: '10.0.1.0/24', protocol: 'TCP', destinationPort: '443' })])),
      expected: { verdict: 'pass', summary: 'VPC border firewall vfw-1 (cen-1) lets 10.0.1.5 → 10.1.8.20:443 through: policy acl-ok (order 1) accepts it', decidedBy: 'acl-ok', fixes: [] },
    },
    {
      name: 'no policy matches: the default allows',
      gate: ok(border([cenFirewall()], [policy({ source: '10.0.99.0/24' })])),
      expected: { verdict: 'pass', summary: 'VPC border firewall vfw-1 (cen-1) lets 10.0.1.5 → 10.1.8.20:443 through: no policy matches (the default allows)', decidedBy: null, fixes: [] },
    },
    {
      name: 'the firewall is not enabled for the VPC: it does not apply, and says so',
      gate: ok(border([cenFirewall({ status: 'closed' })], null)),
      expected: { verdict: 'pass', summary: 'Cloud Firewall is not enabled between the VPCs (route 10.1.0.0/16 → Attachment tr-attach-1) (VPC border firewall vfw-1 (cen-1) is not enabled (closed))', decidedBy: null, fixes: [] },
    },
    {
      name: 'no VPC firewall guards either VPC: it does not apply, and says so',
      gate: ok(border([cenFirewall({ vpcs: [{ vpcId: 'vpc-9', cidrs: ['10.9.0.0/16'] }] })], null)),
      expected: { verdict: 'pass', summary: 'Cloud Firewall is not enabled between the VPCs (route 10.1.0.0/16 → Attachment tr-attach-1) (No VPC border firewall is configured between vpc-1 and 10.1.8.20 on the CEN transit router)', decidedBy: null, fixes: [] },
    },
    {
      name: 'the destination VPC’s firewall on the same transit router applies too',
      gate: ok(border([cenFirewall({ id: 'vfw-dest', vpcs: [{ vpcId: 'vpc-2', cidrs: ['10.1.0.0/16'] }] })], [policy({ id: 'acl-in', destination: '10.1.8.20/32' })])),
      expected: { verdict: 'block', summary: 'VPC border firewall vfw-dest (cen-1) drops 10.0.1.5 → 10.1.8.20:443 at policy acl-in (order 1)', decidedBy: 'acl-in', fixes: ['CreateVpcFirewallControlPolicy'] },
    },
    {
      name: 'a firewall still being switched on: cannot tell',
      gate: ok(border([cenFirewall({ status: 'opening' })], null)),
      expected: { verdict: 'unknown', summary: 'The VPC border firewall vfw-1 (cen-1) is opening: whether it filters now cannot be told', decidedBy: null, fixes: [] },
    },
    {
      name: 'an enabled firewall whose policies were not read: cannot tell',
      gate: ok(border([cenFirewall()], null)),
      expected: { verdict: 'unknown', summary: 'The policies of the VPC border firewall vfw-1 (cen-1) were not read', decidedBy: null, fixes: [] },
    },
    {
      name: 'the read failed: unknown, naming it',
      gate: missing<CloudFirewallFacts>(factError({ resource: 'DescribeVpcFirewallControlPolicy cen-1', code: 'Forbidden.RAM' })),
      expected: { verdict: 'unknown', summary: 'Cannot tell: Forbidden.RAM on DescribeVpcFirewallControlPolicy cen-1: not authorized', decidedBy: null, fixes: [] },
    },
    {
      name: 'facts read before the VPC border was: unknown',
      gate: ok(firewall({ internet: false })),
      expected: { verdict: 'unknown', summary: 'Cannot tell: the VPC border firewall was not read although route 10.1.0.0/16 leads to Attachment tr-attach-1', decidedBy: null, fixes: [] },
    },
  ])('$name', ({ gate, expected }) => {
    expect(vpcRun(gate)).toStrictEqual(expected);
  });

  it.each([
    { name: 'a VPC peering route: the Express Connect firewall of the pair decides', facts: withRoute({ type: 'VpcPeer', id: 'pcc-1' }), gate: ok(border([peerFirewall()], [policy({ id: 'acl-peer' })], 'peering')), verdict: 'block' },
    { name: 'a CEN route learned by a basic transit router', facts: withRoute({ type: 'CEN', id: 'cen-1' }, 'CEN'), gate: ok(border([cenFirewall()], [policy({ id: 'acl-cen' })])), verdict: 'block' },
    { name: 'a peering firewall of another pair does not apply', facts: withRoute({ type: 'VpcPeer', id: 'pcc-1' }), gate: ok(border([peerFirewall({ vpcs: [{ vpcId: 'vpc-3', cidrs: ['10.1.0.0/16'] }, { vpcId: 'vpc-4', cidrs: [] }] })], null, 'peering')), verdict: 'pass' },
    { name: 'a route to the NAT gateway does not cross a VPC border: skip', facts: (facts: PathFacts) => facts, gate: ok(border([cenFirewall()], [policy()])), verdict: 'skip' },
    { name: 'a route to a VPN gateway does not cross a VPC border: skip', facts: withRoute({ type: 'VpnGateway', id: 'vpn-1' }), gate: ok(border([cenFirewall()], [policy()])), verdict: 'skip' },
    { name: 'the route table was not read: cannot tell whether a border is crossed', facts: (facts: PathFacts) => ({ ...facts, cloud: { ...facts.cloud, routeTables: missing<RouteTable[]>(factError({ resource: 'DescribeRouteTableList vtb-1' })) } }), gate: ok(border([], null)), verdict: 'unknown' },
  ])('$name', ({ facts, gate, verdict }) => {
    expect(vpcRun(gate, facts).verdict).toBe(verdict);
  });

  it('skips destinations that stay in the cluster, whatever the route', () => {
    expect(vpcRun(ok(border([cenFirewall()], [policy()])), cen, 'clusterPod').verdict).toBe('skip');
  });

  it('the accept fix sits at the drop’s order in the policy group, for this flow only, with no direction', () => {
    const facts = cen(pathFacts({ host: '10.1.8.20', cloud: { gates: { cloudFirewall: ok(border([cenFirewall()], [policy({ id: 'acl-vpc', order: 4 })])) } } }));
    const hop = evaluateCloudFirewallHop(facts, pathContext(facts, destination('vpc', ['10.1.8.20'])));
    const fix = hop.fixes[0];
    expect(fix?.kind === 'alicloud' ? { action: fix.action, parameters: fix.parameters, command: fix.command } : null).toStrictEqual({
      action: 'CreateVpcFirewallControlPolicy',
      parameters: {
        VpcFirewallId: 'cen-1', AclAction: 'accept', Source: '10.0.1.5/32', SourceType: 'net', Destination: '10.1.8.20/32', DestinationType: 'net',
        Proto: 'TCP', DestPortType: 'port', DestPort: '443', ApplicationName: 'ANY', 'ApplicationNameList.1': 'ANY', NewOrder: '4', Description: 'added by ACS Egress Doctor: shop/web-0 → 10.1.8.20:443',
      },
      command:
        "aliyun cloudfw CreateVpcFirewallControlPolicy --VpcFirewallId cen-1 --AclAction accept --Source 10.0.1.5/32 --SourceType net --Destination 10.1.8.20/32 --DestinationType net --Proto TCP --DestPortType port --DestPort 443 --ApplicationName ANY --ApplicationNameList.1 ANY --NewOrder 4 --Description 'added by ACS Egress Doctor: shop/web-0 → 10.1.8.20:443'",
    });
  });
});
