import { describe, expect, it } from 'vitest';

import { securityGroup, sgRule } from './__fixtures__/cloud-builders';
import type { PortRangeList, PrefixList, SecurityGroup } from './model';
import { decideSecurityGroup, type RuleLists, type SecurityGroupDecision, type SecurityGroupFlow } from './security-group-rules';

const egress443: SecurityGroupFlow = {
  direction: 'egress',
  remoteAddress: '203.0.113.10',
  port: 443,
  protocol: 'tcp',
  remoteGroupIds: [],
};

const dropAll = sgRule({ id: 'sgr-drop', policy: 'drop', priority: 1 });
const acceptAll = sgRule({ id: 'sgr-accept', policy: 'accept', priority: 1 });

type Row = {
  name: string;
  groups: SecurityGroup[];
  flow: SecurityGroupFlow;
  lists?: RuleLists;
  expected: Pick<SecurityGroupDecision, 'verdict' | 'decidedBy'> & { unexpanded?: SecurityGroupDecision['unexpanded'] };
};

const accept10 = sgRule({ id: 'sgr-a10', priority: 10 });
const drop5 = sgRule({ id: 'sgr-d5', policy: 'drop', priority: 5 });
const prefixRule = sgRule({ id: 'sgr-pl', remote: { kind: 'prefixList', prefixListId: 'pl-1' } });
const portListRule = sgRule({ id: 'sgr-prl', portRangeListId: 'prl-1', policy: 'drop' });

const rows: Row[] = [
  {
    name: 'drop beats accept at equal priority',
    groups: [securityGroup({ rules: [acceptAll, dropAll] })],
    flow: egress443,
    expected: { verdict: 'drop', decidedBy: { kind: 'rule', groupId: 'sg-pod', rule: dropAll } },
  },
  {
    name: 'smaller priority number wins across groups',
    groups: [securityGroup({ id: 'sg-a', rules: [accept10] }), securityGroup({ id: 'sg-b', rules: [drop5] })],
    flow: egress443,
    expected: { verdict: 'drop', decidedBy: { kind: 'rule', groupId: 'sg-b', rule: drop5 } },
  },
  {
    name: 'accept at priority 1 beats drop at priority 5 in another group',
    groups: [securityGroup({ id: 'sg-a', rules: [drop5] }), securityGroup({ id: 'sg-b', rules: [acceptAll] })],
    flow: egress443,
    expected: { verdict: 'accept', decidedBy: { kind: 'rule', groupId: 'sg-b', rule: acceptAll } },
  },
  {
    name: 'SCTP passes a tcp drop rule: only `all` rules match it',
    groups: [securityGroup({ type: 'enterprise', innerAccessPolicy: 'Drop', rules: [sgRule({ id: 'sgr-tcp-drop', protocol: 'tcp', policy: 'drop', priority: 1 }), sgRule({ id: 'sgr-tcp-accept', protocol: 'tcp', priority: 1 })] })],
    flow: { ...egress443, protocol: 'sctp' },
    expected: { verdict: 'drop', decidedBy: { kind: 'default', groupType: 'enterprise' } },
  },
  {
    name: 'SCTP is accepted by an `all` rule',
    groups: [securityGroup({ type: 'enterprise', innerAccessPolicy: 'Drop', rules: [sgRule({ id: 'sgr-all', protocol: 'all', portRange: null, priority: 1 })] })],
    flow: { ...egress443, protocol: 'sctp' },
    expected: { verdict: 'accept', decidedBy: { kind: 'rule', groupId: 'sg-pod', rule: sgRule({ id: 'sgr-all', protocol: 'all', portRange: null, priority: 1 }) } },
  },
  {
    name: 'normal group egress defaults to accept',
    groups: [securityGroup({ rules: [sgRule({ portRange: { from: 80, to: 80 }, policy: 'drop' })] })],
    flow: egress443,
    expected: { verdict: 'accept', decidedBy: { kind: 'default', groupType: 'normal' } },
  },
  {
    name: 'enterprise group egress defaults to drop',
    groups: [securityGroup({ type: 'enterprise', innerAccessPolicy: 'Drop' })],
    flow: egress443,
    expected: { verdict: 'drop', decidedBy: { kind: 'default', groupType: 'enterprise' } },
  },
  {
    name: 'ingress defaults to drop in a normal group',
    groups: [securityGroup()],
    flow: { ...egress443, direction: 'ingress', remoteAddress: '10.0.1.5' },
    expected: { verdict: 'drop', decidedBy: { kind: 'default', groupType: 'normal' } },
  },
  {
    name: 'ALL protocol with -1/-1 matches tcp 443',
    groups: [securityGroup({ type: 'enterprise', rules: [sgRule({ protocol: 'all', portRange: null })] })],
    flow: egress443,
    expected: {
      verdict: 'accept',
      decidedBy: { kind: 'rule', groupId: 'sg-pod', rule: sgRule({ protocol: 'all', portRange: null }) },
    },
  },
  {
    name: 'udp rule does not match a tcp flow',
    groups: [securityGroup({ type: 'enterprise', rules: [sgRule({ protocol: 'udp' })] })],
    flow: egress443,
    expected: { verdict: 'drop', decidedBy: { kind: 'default', groupType: 'enterprise' } },
  },
  {
    name: 'port range 1/1024 covers 443',
    groups: [securityGroup({ type: 'enterprise', rules: [sgRule({ portRange: { from: 1, to: 1024 } })] })],
    flow: egress443,
    expected: {
      verdict: 'accept',
      decidedBy: { kind: 'rule', groupId: 'sg-pod', rule: sgRule({ portRange: { from: 1, to: 1024 } }) },
    },
  },
  {
    name: 'outbound tcp 25 to the Internet drops regardless of an accept rule',
    groups: [securityGroup({ rules: [sgRule({ portRange: null, protocol: 'all' })] })],
    flow: { ...egress443, port: 25 },
    expected: { verdict: 'drop', decidedBy: { kind: 'tcp25' } },
  },
  {
    name: 'outbound tcp 25 inside the VPC follows the rules',
    groups: [securityGroup()],
    flow: { ...egress443, port: 25, remoteAddress: '10.0.2.15' },
    expected: { verdict: 'accept', decidedBy: { kind: 'default', groupType: 'normal' } },
  },
  {
    name: 'group reference matches when the remote is a member',
    groups: [
      securityGroup({
        type: 'enterprise',
        rules: [sgRule({ remote: { kind: 'securityGroup', groupId: 'sg-db' }, portRange: { from: 3306, to: 3306 } })],
      }),
    ],
    flow: { ...egress443, port: 3306, remoteAddress: '10.0.2.15', remoteGroupIds: ['sg-db'] },
    expected: {
      verdict: 'accept',
      decidedBy: {
        kind: 'rule',
        groupId: 'sg-pod',
        rule: sgRule({ remote: { kind: 'securityGroup', groupId: 'sg-db' }, portRange: { from: 3306, to: 3306 } }),
      },
    },
  },
  {
    name: 'group reference does not match a non-member',
    groups: [securityGroup({ type: 'enterprise', rules: [sgRule({ remote: { kind: 'securityGroup', groupId: 'sg-db' } })] })],
    flow: egress443,
    expected: { verdict: 'drop', decidedBy: { kind: 'default', groupType: 'enterprise' } },
  },
  {
    name: 'inner access of a normal group admits members over a drop rule',
    groups: [securityGroup({ rules: [sgRule({ direction: 'ingress', policy: 'drop', remote: { kind: 'any' } })] })],
    flow: { ...egress443, direction: 'ingress', remoteAddress: '10.0.1.9', remoteGroupIds: ['sg-pod'] },
    expected: { verdict: 'accept', decidedBy: { kind: 'innerAccess', groupId: 'sg-pod' } },
  },
  {
    name: 'inner access Drop leaves members to the rules',
    groups: [securityGroup({ innerAccessPolicy: 'Drop' })],
    flow: { ...egress443, direction: 'ingress', remoteAddress: '10.0.1.9', remoteGroupIds: ['sg-pod'] },
    expected: { verdict: 'drop', decidedBy: { kind: 'default', groupType: 'normal' } },
  },
  {
    name: 'IPv6 cidr rule matches an IPv6 destination',
    groups: [securityGroup({ type: 'enterprise', rules: [sgRule({ remote: { kind: 'cidr', cidr: '2001:db8::/32' } })] })],
    flow: { ...egress443, remoteAddress: '2001:db8::1' },
    expected: {
      verdict: 'accept',
      decidedBy: { kind: 'rule', groupId: 'sg-pod', rule: sgRule({ remote: { kind: 'cidr', cidr: '2001:db8::/32' } }) },
    },
  },
  {
    name: 'prefix-list rule is skipped and recorded',
    groups: [securityGroup({ type: 'enterprise', rules: [prefixRule] })],
    flow: egress443,
    expected: {
      verdict: 'drop',
      decidedBy: { kind: 'default', groupType: 'enterprise' },
      unexpanded: [{ groupId: 'sg-pod', rule: prefixRule, reason: 'prefixList', listId: 'pl-1' }],
    },
  },
  {
    name: 'port-list rule before the deciding rule is recorded',
    groups: [securityGroup({ rules: [portListRule, sgRule({ id: 'sgr-a5', priority: 5 })] })],
    flow: egress443,
    expected: {
      verdict: 'accept',
      decidedBy: { kind: 'rule', groupId: 'sg-pod', rule: sgRule({ id: 'sgr-a5', priority: 5 }) },
      unexpanded: [{ groupId: 'sg-pod', rule: portListRule, reason: 'portRangeList', listId: 'prl-1' }],
    },
  },
];

const denyList: PrefixList = { id: 'pl-deny', name: 'egress-denylist', addressFamily: 'IPv4', entries: [{ cidr: '198.51.100.0/24', description: 'retired' }, { cidr: '203.0.113.10/32', description: 'partner under review' }] };
const otherList: PrefixList = { id: 'pl-other', name: 'other', addressFamily: 'IPv4', entries: [{ cidr: '192.0.2.0/24', description: '' }] };
const webPorts: PortRangeList = { id: 'prl-web', entries: [{ portRange: { from: 80, to: 80 }, description: 'http' }, { portRange: { from: 443, to: 443 }, description: 'https' }] };
const adminPorts: PortRangeList = { id: 'prl-admin', entries: [{ portRange: { from: 22, to: 22 }, description: 'ssh' }] };
const lists: RuleLists = { prefixLists: [denyList, otherList], portRangeLists: [webPorts, adminPorts] };
const listDrop = sgRule({ id: 'sgr-list-drop', policy: 'drop', priority: 1, protocol: 'all', portRange: null, remote: { kind: 'prefixList', prefixListId: 'pl-deny' } });
const otherDrop = sgRule({ id: 'sgr-other-drop', policy: 'drop', priority: 1, protocol: 'all', portRange: null, remote: { kind: 'prefixList', prefixListId: 'pl-other' } });
const acceptEverything = sgRule({ id: 'sgr-all', priority: 1, protocol: 'all', portRange: null });
const webDrop = sgRule({ id: 'sgr-web-drop', policy: 'drop', priority: 1, portRange: null, portRangeListId: 'prl-web' });
const adminDrop = sgRule({ id: 'sgr-admin-drop', policy: 'drop', priority: 1, portRange: null, portRangeListId: 'prl-admin' });
const ingressFromList = sgRule({ id: 'sgr-in-list', direction: 'ingress', priority: 1, remote: { kind: 'prefixList', prefixListId: 'pl-deny' } });
const enterprise = (rules: SecurityGroup['rules']) => [securityGroup({ type: 'enterprise', innerAccessPolicy: 'Drop', rules })];

const listRows: Row[] = [
  {
    name: 'prefix-list drop whose list holds the address beats an accept-all at the same priority',
    groups: [securityGroup({ rules: [acceptEverything, listDrop] })],
    flow: egress443,
    lists,
    expected: { verdict: 'drop', decidedBy: { kind: 'rule', groupId: 'sg-pod', rule: listDrop } },
  },
  {
    name: 'prefix-list drop whose list lacks the address does not match',
    groups: [securityGroup({ rules: [acceptEverything, otherDrop] })],
    flow: egress443,
    lists,
    expected: { verdict: 'accept', decidedBy: { kind: 'rule', groupId: 'sg-pod', rule: acceptEverything } },
  },
  {
    name: 'an unread prefix list is recorded, the accept decides',
    groups: [securityGroup({ rules: [acceptEverything, listDrop] })],
    flow: egress443,
    lists: { prefixLists: [], portRangeLists: [] },
    expected: {
      verdict: 'accept',
      decidedBy: { kind: 'rule', groupId: 'sg-pod', rule: acceptEverything },
      unexpanded: [{ groupId: 'sg-pod', rule: listDrop, reason: 'prefixList', listId: 'pl-deny' }],
    },
  },
  {
    name: 'an unread prefix list on a rule whose port cannot match is not recorded',
    groups: [securityGroup({ rules: [acceptEverything, { ...listDrop, protocol: 'tcp', portRange: { from: 22, to: 22 } }] })],
    flow: egress443,
    lists: { prefixLists: [], portRangeLists: [] },
    expected: { verdict: 'accept', decidedBy: { kind: 'rule', groupId: 'sg-pod', rule: acceptEverything } },
  },
  {
    name: 'port-list drop whose list holds the port decides',
    groups: [securityGroup({ rules: [acceptEverything, webDrop] })],
    flow: egress443,
    lists,
    expected: { verdict: 'drop', decidedBy: { kind: 'rule', groupId: 'sg-pod', rule: webDrop } },
  },
  {
    name: 'port-list drop whose list lacks the port does not match',
    groups: [securityGroup({ rules: [acceptEverything, adminDrop] })],
    flow: egress443,
    lists,
    expected: { verdict: 'accept', decidedBy: { kind: 'rule', groupId: 'sg-pod', rule: acceptEverything } },
  },
  {
    name: 'an unread port list before the enterprise default is recorded',
    groups: enterprise([{ ...webDrop, policy: 'accept' }]),
    flow: egress443,
    lists: { prefixLists: [denyList], portRangeLists: [] },
    expected: {
      verdict: 'drop',
      decidedBy: { kind: 'default', groupType: 'enterprise' },
      unexpanded: [{ groupId: 'sg-pod', rule: { ...webDrop, policy: 'accept' }, reason: 'portRangeList', listId: 'prl-web' }],
    },
  },
  {
    name: 'ingress from a prefix list that holds the source admits it',
    groups: enterprise([ingressFromList]),
    flow: { ...egress443, direction: 'ingress' },
    lists,
    expected: { verdict: 'accept', decidedBy: { kind: 'rule', groupId: 'sg-pod', rule: ingressFromList } },
  },
  {
    name: 'ingress from a prefix list that lacks the source falls to the ingress default',
    groups: enterprise([ingressFromList]),
    flow: { ...egress443, direction: 'ingress', remoteAddress: '10.0.32.5' },
    lists,
    expected: { verdict: 'drop', decidedBy: { kind: 'default', groupType: 'enterprise' } },
  },
  {
    name: 'an IPv4 prefix list does not hold an IPv6 address',
    groups: [securityGroup({ rules: [acceptEverything, listDrop] })],
    flow: { ...egress443, remoteAddress: '2001:db8::10' },
    lists,
    expected: { verdict: 'accept', decidedBy: { kind: 'default', groupType: 'normal' } },
  },
];

describe('decideSecurityGroup', () => {
  it.each([...rows, ...listRows])('$name', ({ groups, flow, lists, expected }) => {
    const decision = decideSecurityGroup(groups, flow, lists);
    expect({ verdict: decision.verdict, decidedBy: decision.decidedBy, unexpanded: decision.unexpanded }).toStrictEqual({
      unexpanded: [],
      ...expected,
    });
  });

  it('lists every rule of the direction in evaluation order with its match', () => {
    const ingress = sgRule({ id: 'sgr-in', direction: 'ingress' });
    const later = sgRule({ id: 'sgr-later', priority: 50, portRange: { from: 80, to: 80 } });
    const decision = decideSecurityGroup(
      [securityGroup({ id: 'sg-a', rules: [later, ingress] }), securityGroup({ id: 'sg-b', rules: [acceptAll, dropAll] })],
      egress443,
    );
    expect(decision).toStrictEqual({
      verdict: 'drop',
      decidedBy: { kind: 'rule', groupId: 'sg-b', rule: dropAll },
      ordered: [
        { groupId: 'sg-b', rule: dropAll, match: 'yes', prefixListEntry: null, portRangeListEntry: null },
        { groupId: 'sg-b', rule: acceptAll, match: 'yes', prefixListEntry: null, portRangeListEntry: null },
        { groupId: 'sg-a', rule: later, match: 'no', prefixListEntry: null, portRangeListEntry: null },
      ],
      unexpanded: [],
    });
  });

  it('records the list entries through which a rule matched', () => {
    const both = sgRule({ id: 'sgr-both', policy: 'drop', portRange: null, portRangeListId: 'prl-web', remote: { kind: 'prefixList', prefixListId: 'pl-deny' } });
    const decision = decideSecurityGroup([securityGroup({ rules: [both] })], egress443, lists);
    expect(decision.ordered).toStrictEqual([
      { groupId: 'sg-pod', rule: both, match: 'yes', prefixListEntry: denyList.entries[1], portRangeListEntry: webPorts.entries[1] },
    ]);
  });
});
