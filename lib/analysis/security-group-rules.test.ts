import { describe, expect, it } from 'vitest';

import { securityGroup, sgRule } from './__fixtures__/cloud-builders';
import type { SecurityGroup } from './model';
import { decideSecurityGroup, type SecurityGroupDecision, type SecurityGroupFlow } from './security-group-rules';

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
      unexpanded: [{ groupId: 'sg-pod', rule: prefixRule, reason: 'prefixList' }],
    },
  },
  {
    name: 'port-list rule before the deciding rule is recorded',
    groups: [securityGroup({ rules: [portListRule, sgRule({ id: 'sgr-a5', priority: 5 })] })],
    flow: egress443,
    expected: {
      verdict: 'accept',
      decidedBy: { kind: 'rule', groupId: 'sg-pod', rule: sgRule({ id: 'sgr-a5', priority: 5 }) },
      unexpanded: [{ groupId: 'sg-pod', rule: portListRule, reason: 'portRangeList' }],
    },
  },
];

describe('decideSecurityGroup', () => {
  it.each(rows)('$name', ({ groups, flow, expected }) => {
    const decision = decideSecurityGroup(groups, flow);
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
        { groupId: 'sg-b', rule: dropAll, matches: true },
        { groupId: 'sg-b', rule: acceptAll, matches: true },
        { groupId: 'sg-a', rule: later, matches: false },
      ],
      unexpanded: [],
    });
  });
});
