import { describe, expect, it } from 'vitest';

import { destination, factError, missing, ok, pathContext, pathFacts } from '@/lib/analysis/__fixtures__/path-builders';
import { eni } from '@/lib/analysis/__fixtures__/cloud-builders';
import { evaluatePath } from '@/lib/analysis/evaluate-path';
import type { DestinationKind, Fact, PathFacts } from '@/lib/analysis/model';

import { evaluateCloudFirewallHop } from './evaluate';
import type { CloudFirewallAsset, CloudFirewallFacts, ControlPolicy, NatFirewall } from './facts';

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
      expected: { verdict: 'pass', summary: 'Cloud Firewall is not enabled for this egress (No NAT firewall is enabled for ngw-1; Internet border firewall is not enabled for 198.51.100.20 (not a protected asset))', decidedBy: null, fixes: [] },
    },
    {
      name: 'an Internet border asset that is closed does not filter',
      gate: ok(firewall({ assets: [asset({ protectStatus: 'closed' })], internetPolicies: null })),
      expected: { verdict: 'pass', summary: 'Cloud Firewall is not enabled for this egress (No NAT firewall is enabled for ngw-1; Internet border firewall is not enabled for 198.51.100.20 (NatEIP ngw-1: closed))', decidedBy: null, fixes: [] },
    },
    {
      name: 'a NAT firewall drop on the private source blocks, with the accept above it',
      gate: ok(natOn([policy({ id: 'acl-deny', order: 3, source: '10.0.0.0/8' })])),
      expected: { verdict: 'block', summary: 'NAT firewall proxy-nat1 (ngw-1) drops 10.0.1.5 → 203.0.113.10:443 at policy acl-deny (order 3)', decidedBy: 'acl-deny', fixes: ['AddNatFirewallControlPolicy'] },
    },
    {
      name: 'the NAT firewall matches before SNAT: a drop on the SNAT EIP does not match there',
      gate: ok(natOn([policy({ source: '198.51.100.20/32' })])),
      expected: { verdict: 'pass', summary: 'NAT firewall proxy-nat1 (ngw-1) lets 10.0.1.5 → 203.0.113.10:443 through: no policy matches (the default allows)', decidedBy: null, fixes: [] },
    },
    {
      name: 'first match decides: an accept above the drop lets it through',
      gate: ok(natOn([policy({ id: 'acl-drop', order: 2 }), policy({ id: 'acl-allow', order: 1, action: 'accept', source: '10.0.1.0/24', destinationPort: '443' })])),
      expected: { verdict: 'pass', summary: 'NAT firewall proxy-nat1 (ngw-1) lets 10.0.1.5 → 203.0.113.10:443 through: policy acl-allow (order 1) accepts it', decidedBy: 'acl-allow', fixes: [] },
    },
    {
      name: 'a log policy lets the traffic through and records it',
      gate: ok(natOn([policy({ id: 'acl-log', action: 'log' }), policy({ id: 'acl-drop', order: 2 })])),
      expected: { verdict: 'pass', summary: 'NAT firewall proxy-nat1 (ngw-1) lets 10.0.1.5 → 203.0.113.10:443 through: policy acl-log (order 1) monitors and lets it through', decidedBy: 'acl-log', fixes: [] },
    },
    {
      name: 'a disabled drop matches nothing',
      gate: ok(natOn([policy({ enabled: false })])),
      expected: { verdict: 'pass', summary: 'NAT firewall proxy-nat1 (ngw-1) lets 10.0.1.5 → 203.0.113.10:443 through: no policy matches (the default allows)', decidedBy: null, fixes: [] },
    },
    {
      name: 'a drop on another port does not match',
      gate: ok(natOn([policy({ protocol: 'TCP', destinationPort: '80/88' })])),
      expected: { verdict: 'pass', summary: 'NAT firewall proxy-nat1 (ngw-1) lets 10.0.1.5 → 203.0.113.10:443 through: no policy matches (the default allows)', decidedBy: null, fixes: [] },
    },
    {
      name: 'a NAT firewall that is closed does not apply',
      gate: ok(natOn([policy()], { status: 'closed' })),
      expected: { verdict: 'pass', summary: 'Cloud Firewall is not enabled for this egress (NAT firewall proxy-nat1 of ngw-1 is not enabled (closed); Internet border firewall is not enabled for 198.51.100.20 (not a protected asset))', decidedBy: null, fixes: [] },
    },
    {
      name: 'a NAT firewall still opening: cannot tell',
      gate: ok(natOn([], { status: 'opening' })),
      expected: { verdict: 'unknown', summary: 'The NAT firewall proxy-nat1 of ngw-1 is opening: whether it filters now cannot be told', decidedBy: null, fixes: [] },
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
