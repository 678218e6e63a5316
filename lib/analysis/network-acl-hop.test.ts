import { describe, expect, it } from 'vitest';

import { aclEntry, eni, networkAcl, vSwitch } from './__fixtures__/cloud-builders';
import { destination, missing, ok, pathContext, pathFacts } from './__fixtures__/path-builders';
import type { CloudFacts, HopVerdict, ResolvedDestination } from './model';
import { decideAclEntries } from './network-acl-entries';
import { evaluateNetworkAclHop } from './network-acl-hop';

const internet = destination('internet', ['203.0.113.10']);
const withAcl = (acl = networkAcl()): Partial<CloudFacts> => ({
  vSwitches: ok([vSwitch({ networkAclId: acl.id }), vSwitch({ id: 'vsw-db', cidrBlock: '10.0.2.0/24', networkAclId: 'nacl-db' })]),
  networkAcls: ok([acl, networkAcl({ id: 'nacl-db', vSwitchIds: ['vsw-db'] })]),
});
const denyAll = aclEntry({ id: 'nae-deny', name: 'deny-all', policy: 'drop' });
const allow443 = aclEntry({ id: 'nae-443', name: 'https', protocol: 'tcp', portRange: { from: 443, to: 443 } });
const dbEni = eni({ id: 'eni-db', vSwitchId: 'vsw-db', primaryIp: '10.0.2.15', privateIps: ['10.0.2.15'], instanceId: 'i-db', securityGroupIds: ['sg-db'] });

type Row = {
  name: string;
  cloud: Partial<CloudFacts>;
  target?: ResolvedDestination;
  expected: { verdict: HopVerdict; summary: string; fixIds: string[] };
};

const rows: Row[] = [
  { name: 'passes with no ACL bound', cloud: {}, expected: { verdict: 'pass', summary: 'no network ACL bound to vsw-pod', fixIds: [] } },
  {
    name: 'passes an allow-all ACL both ways',
    cloud: withAcl(),
    expected: { verdict: 'pass', summary: 'nacl-pod egress (request) accepts tcp 443/443; nacl-pod ingress (return traffic) accepts tcp 32768/60999', fixIds: [] },
  },
  {
    name: 'blocks on a deny entry ahead of the accept',
    cloud: withAcl(networkAcl({ egress: [denyAll, allow443] })),
    expected: { verdict: 'block', summary: 'nacl-pod egress (request) denies tcp 443/443: entry deny-all (nae-deny)', fixIds: ['networkAcl-update-egress-nacl-pod'] },
  },
  {
    name: 'first match wins: accept ahead of deny passes',
    cloud: withAcl(networkAcl({ egress: [allow443, denyAll] })),
    expected: { verdict: 'pass', summary: 'nacl-pod egress (request) accepts tcp 443/443; nacl-pod ingress (return traffic) accepts tcp 32768/60999', fixIds: [] },
  },
  {
    name: 'blocks when no egress entry matches (implicit deny)',
    cloud: withAcl(networkAcl({ egress: [aclEntry({ cidr: '10.0.0.0/8' })] })),
    expected: { verdict: 'block', summary: 'nacl-pod egress (request) denies tcp 443/443: no matching entry (implicit deny)', fixIds: ['networkAcl-update-egress-nacl-pod'] },
  },
  {
    name: 'blocks when the return traffic is not admitted',
    cloud: withAcl(networkAcl({ ingress: [aclEntry({ cidr: '10.0.0.0/8' })] })),
    expected: {
      verdict: 'block',
      summary: 'nacl-pod ingress (return traffic) denies tcp 32768/60999: no matching entry (implicit deny)',
      fixIds: ['networkAcl-update-ingress-nacl-pod'],
    },
  },
  {
    name: 'warns when only part of the ephemeral range returns',
    cloud: withAcl(networkAcl({ ingress: [aclEntry({ protocol: 'tcp', portRange: { from: 1024, to: 40000 } }), denyAll] })),
    expected: {
      verdict: 'warn',
      summary: 'nacl-pod ingress (return traffic) denies tcp 40001/60999: entry deny-all (nae-deny)',
      fixIds: ['networkAcl-update-ingress-nacl-pod'],
    },
  },
  {
    name: 'unknown when a prefix-list accept entry might match ahead of the deny',
    cloud: withAcl(networkAcl({ egress: [aclEntry({ id: 'nae-pl', cidr: 'pl-partners' }), denyAll] })),
    expected: {
      verdict: 'unknown',
      summary: 'Cannot tell: nacl-pod egress (request) denies tcp 443/443: entry deny-all (nae-deny) on the entries read, but an accept entry with an unexpanded prefix list may match first',
      fixIds: ['networkAcl-update-egress-nacl-pod'],
    },
  },
  {
    name: 'unknown when a prefix-list drop entry might match ahead of the accept',
    cloud: withAcl(networkAcl({ egress: [aclEntry({ id: 'nae-pl', policy: 'drop', cidr: 'pl-partners' }), aclEntry({ id: 'nae-all' })] })),
    expected: {
      verdict: 'unknown',
      summary: 'Cannot tell: nacl-pod egress (request) accepts tcp 443/443 on the entries read, but a drop entry with an unexpanded prefix list may match first',
      fixIds: [],
    },
  },
  {
    name: 'passes the metadata server whatever the entries',
    cloud: withAcl(networkAcl({ egress: [denyAll], ingress: [denyAll] })),
    target: destination('vpc', ['100.100.100.200']),
    expected: { verdict: 'pass', summary: '100.100.100.200 is in a range network ACLs always allow', fixIds: [] },
  },
  {
    name: 'skips a destination in the same vSwitch',
    cloud: { ...withAcl(networkAcl({ egress: [denyAll] })), destinationEni: ok(eni({ id: 'eni-peer', primaryIp: '10.0.1.9', privateIps: ['10.0.1.9'] })) },
    target: destination('vpc', ['10.0.1.9']),
    expected: { verdict: 'skip', summary: 'Not applicable: same vSwitch: not filtered by network ACLs', fixIds: [] },
  },
  {
    name: 'blocks at the destination vSwitch ingress for a VPC destination',
    cloud: {
      vSwitches: ok([vSwitch(), vSwitch({ id: 'vsw-db', cidrBlock: '10.0.2.0/24', networkAclId: 'nacl-db' })]),
      networkAcls: ok([networkAcl({ id: 'nacl-db', vSwitchIds: ['vsw-db'], ingress: [aclEntry({ cidr: '10.0.9.0/24' })] })]),
      destinationEni: ok(dbEni),
    },
    target: destination('ecs', ['10.0.2.15']),
    expected: {
      verdict: 'block',
      summary: 'nacl-db ingress (request at the destination) denies tcp 443/443: no matching entry (implicit deny)',
      fixIds: ['networkAcl-update-ingress-nacl-db'],
    },
  },
  {
    name: 'unknown when the ACL could not be read',
    cloud: { vSwitches: ok([vSwitch({ networkAclId: 'nacl-pod' })]), networkAcls: missing() },
    expected: { verdict: 'unknown', summary: 'Cannot tell: Forbidden.RAM on DescribeSecurityGroupAttribute sg-pod: not authorized', fixIds: [] },
  },
];

describe('evaluateNetworkAclHop', () => {
  it.each(rows)('$name', ({ cloud, target, expected }) => {
    const facts = pathFacts({ cloud });
    const hop = evaluateNetworkAclHop(facts, pathContext(facts, target ?? internet));
    expect({ verdict: hop.verdict, summary: hop.summary, fixIds: hop.fixes.map((fix) => fix.id) }).toStrictEqual(expected);
  });

  it('replaces the whole egress list with the accept entry inserted before the deny', () => {
    const facts = pathFacts({ cloud: withAcl(networkAcl({ egress: [allow443, denyAll, aclEntry({ id: 'nae-late' })] })) });
    const hop = evaluateNetworkAclHop(facts, pathContext(facts, destination('internet', ['203.0.113.10'])));
    expect(hop.verdict).toBe('pass');
    const blocked = pathFacts({ cloud: withAcl(networkAcl({ egress: [aclEntry({ id: 'nae-dns', name: 'dns', protocol: 'udp', portRange: { from: 53, to: 53 } }), denyAll] })) });
    const [fix] = evaluateNetworkAclHop(blocked, pathContext(blocked, internet)).fixes;
    expect(fix?.kind === 'alicloud' ? fix.parameters : null).toStrictEqual({
      RegionId: 'cn-hangzhou',
      NetworkAclId: 'nacl-pod',
      UpdateEgressAclEntries: 'true',
      'EgressAclEntries.1.NetworkAclEntryId': 'nae-dns',
      'EgressAclEntries.1.NetworkAclEntryName': 'dns',
      'EgressAclEntries.1.EntryType': 'custom',
      'EgressAclEntries.1.IpVersion': 'IPV4',
      'EgressAclEntries.1.Policy': 'accept',
      'EgressAclEntries.1.Protocol': 'udp',
      'EgressAclEntries.1.Port': '53/53',
      'EgressAclEntries.1.DestinationCidrIp': '0.0.0.0/0',
      'EgressAclEntries.1.Description': '',
      'EgressAclEntries.2.NetworkAclEntryName': 'egress-doctor-tcp-443',
      'EgressAclEntries.2.EntryType': 'custom',
      'EgressAclEntries.2.IpVersion': 'IPV4',
      'EgressAclEntries.2.Policy': 'accept',
      'EgressAclEntries.2.Protocol': 'tcp',
      'EgressAclEntries.2.Port': '443/443',
      'EgressAclEntries.2.DestinationCidrIp': '203.0.113.10/32',
      'EgressAclEntries.2.Description': 'added by ACS Egress Doctor',
      'EgressAclEntries.3.NetworkAclEntryId': 'nae-deny',
      'EgressAclEntries.3.NetworkAclEntryName': 'deny-all',
      'EgressAclEntries.3.EntryType': 'custom',
      'EgressAclEntries.3.IpVersion': 'IPV4',
      'EgressAclEntries.3.Policy': 'drop',
      'EgressAclEntries.3.Protocol': 'all',
      'EgressAclEntries.3.Port': '-1/-1',
      'EgressAclEntries.3.DestinationCidrIp': '0.0.0.0/0',
      'EgressAclEntries.3.Description': '',
    });
  });
});

describe('decideAclEntries', () => {
  it.each([
    {
      name: 'splits a port range across entries in order',
      entries: [aclEntry({ protocol: 'tcp', portRange: { from: 1, to: 100 } }), aclEntry({ policy: 'drop', portRange: { from: 50, to: 200 } })],
      expected: { accepted: [{ from: 1, to: 100 }], denied: [{ from: 101, to: 200 }], unmatched: [{ from: 201, to: 300 }], decidingIndices: [0, 1], unexpandedIndices: [] },
    },
    {
      name: 'ignores entries of another protocol or address',
      entries: [aclEntry({ protocol: 'udp' }), aclEntry({ cidr: '10.0.0.0/8' })],
      expected: { accepted: [], denied: [], unmatched: [{ from: 1, to: 300 }], decidingIndices: [], unexpandedIndices: [] },
    },
  ])('$name', ({ entries, expected }) => {
    expect(decideAclEntries(entries, { address: '203.0.113.10', protocol: 'tcp', ports: { from: 1, to: 300 } })).toStrictEqual(expected);
  });
});
