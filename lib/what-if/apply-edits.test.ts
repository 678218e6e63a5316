import { describe, expect, it } from 'vitest';

import { aclEntry, networkAcl, securityGroup, sgRule, snat, whitelistGroup } from '@/lib/analysis/__fixtures__/cloud-builders';
import { missing, ok, pathFacts } from '@/lib/analysis/__fixtures__/path-builders';
import type { PathFacts } from '@/lib/analysis/model';
import { whatIfEditSchema, type WhatIfEdit } from '@/lib/schemas/what-if-edits';

import { applyWhatIfEdits } from './apply-edits';

const base = pathFacts({
  cloud: {
    securityGroups: ok([securityGroup({ rules: [sgRule({ id: 'sgr-drop', policy: 'drop' })] })]),
    networkAcls: ok([networkAcl({ egress: [aclEntry({ id: 'nae-a' }), aclEntry({ id: 'nae-b' })] })]),
    whitelist: ok({ service: 'rds', instanceId: 'rm-1', groups: [whitelistGroup({ name: 'default', entries: ['127.0.0.1'] })] }),
  },
  cluster: { networkPolicies: ok([{ namespace: 'shop', name: 'deny-all', podSelector: {}, policyTypes: ['Egress'], ingress: null, egress: [] }]) },
});

/** The edit as the API would parse it (defaults filled in). */
const edit = (input: Record<string, unknown>): WhatIfEdit => whatIfEditSchema.parse(input);

/** The part of the facts an edit may touch, to compare whole. */
const touched = (facts: PathFacts) => ({
  securityGroups: facts.cloud.securityGroups,
  networkAcls: facts.cloud.networkAcls,
  snatEntries: facts.cloud.snatEntries,
  whitelist: facts.cloud.whitelist,
  networkPolicies: facts.cluster.networkPolicies,
});

type Row = { name: string; facts?: PathFacts; edits: Array<Record<string, unknown>>; expected: { kind: 'ok'; change: (before: ReturnType<typeof touched>) => ReturnType<typeof touched> } | { kind: 'invalid'; edit: number; message: string } };

const newRule = sgRule({ id: 'sgr-whatif-1', portRange: { from: 443, to: 443 }, remote: { kind: 'cidr', cidr: '203.0.113.0/24' } });

const rows: Row[] = [
  {
    name: 'adds an accept egress rule to the named group, priority 1 by default',
    edits: [{ kind: 'addSecurityGroupRule', securityGroupId: 'sg-pod', cidr: '203.0.113.0/24', portRange: { from: 443, to: 443 } }],
    expected: { kind: 'ok', change: (before) => ({ ...before, securityGroups: ok([securityGroup({ rules: [sgRule({ id: 'sgr-drop', policy: 'drop' }), newRule] })]) }) },
  },
  {
    name: 'removes a rule by id',
    edits: [{ kind: 'removeSecurityGroupRule', securityGroupId: 'sg-pod', ruleId: 'sgr-drop' }],
    expected: { kind: 'ok', change: (before) => ({ ...before, securityGroups: ok([securityGroup({ rules: [] })]) }) },
  },
  {
    name: 'refuses a group the path did not read, naming the ones it did',
    edits: [{ kind: 'addSecurityGroupRule', securityGroupId: 'sg-other', cidr: '0.0.0.0/0' }],
    expected: { kind: 'invalid', edit: 0, message: 'edit 1 (addSecurityGroupRule): security group sg-other is not on this path; the path read sg-pod' },
  },
  {
    name: 'refuses to remove a rule that does not exist',
    edits: [{ kind: 'removeSecurityGroupRule', securityGroupId: 'sg-pod', ruleId: 'sgr-nope' }],
    expected: { kind: 'invalid', edit: 0, message: 'edit 1 (removeSecurityGroupRule): security group sg-pod has no rule sgr-nope' },
  },
  {
    name: 'refuses security groups that could not be read',
    facts: pathFacts({ cloud: { securityGroups: missing() } }),
    edits: [{ kind: 'removeSecurityGroupRule', securityGroupId: 'sg-pod', ruleId: 'sgr-1' }],
    expected: { kind: 'invalid', edit: 0, message: 'edit 1 (removeSecurityGroupRule): the security groups could not be read for this diagnosis (DescribeSecurityGroupAttribute sg-pod: forbidden); there is nothing to edit' },
  },
  {
    name: 'inserts an ACL entry at the position given (0 = evaluated first)',
    edits: [{ kind: 'addNetworkAclEntry', networkAclId: 'nacl-pod', position: 0, policy: 'drop', protocol: 'all', cidr: '0.0.0.0/0' }],
    expected: {
      kind: 'ok',
      change: (before) => ({
        ...before,
        networkAcls: ok([
          networkAcl({
            egress: [
              { id: 'nae-whatif-1', name: 'what-if', entryType: 'custom', policy: 'drop', protocol: 'all', portRange: null, cidr: '0.0.0.0/0', description: '' },
              aclEntry({ id: 'nae-a' }),
              aclEntry({ id: 'nae-b' }),
            ],
          }),
        ]),
      }),
    },
  },
  {
    name: 'removes an ACL entry of one direction',
    edits: [{ kind: 'removeNetworkAclEntry', networkAclId: 'nacl-pod', direction: 'egress', entryId: 'nae-a' }],
    expected: { kind: 'ok', change: (before) => ({ ...before, networkAcls: ok([networkAcl({ egress: [aclEntry({ id: 'nae-b' })] })]) }) },
  },
  {
    name: 'adds a NetworkPolicy',
    edits: [{ kind: 'addNetworkPolicy', policy: { namespace: 'shop', name: 'allow-partner', policyTypes: ['Egress'], egress: [{ peers: [{ ipBlock: { cidr: '203.0.113.0/24' } }] }] } }],
    expected: {
      kind: 'ok',
      change: (before) => ({
        ...before,
        networkPolicies: ok([
          { namespace: 'shop', name: 'deny-all', podSelector: {}, policyTypes: ['Egress'], ingress: null, egress: [] },
          {
            namespace: 'shop',
            name: 'allow-partner',
            podSelector: {},
            policyTypes: ['Egress'],
            ingress: null,
            egress: [{ peers: [{ podSelector: null, namespaceSelector: null, ipBlock: { cidr: '203.0.113.0/24', except: [] } }], ports: null }],
          },
        ]),
      }),
    },
  },
  {
    name: 'refuses a NetworkPolicy whose name is taken',
    edits: [{ kind: 'addNetworkPolicy', policy: { namespace: 'shop', name: 'deny-all' } }],
    expected: { kind: 'invalid', edit: 0, message: 'edit 1 (addNetworkPolicy): NetworkPolicy shop/deny-all already exists; remove it first or pick another name' },
  },
  {
    name: 'removes a NetworkPolicy',
    edits: [{ kind: 'removeNetworkPolicy', namespace: 'shop', name: 'deny-all' }],
    expected: { kind: 'ok', change: (before) => ({ ...before, networkPolicies: ok([]) }) },
  },
  {
    name: 'adds a whitelist entry to an existing group',
    edits: [{ kind: 'addWhitelistEntry', group: 'default', entry: '10.0.1.0/24' }],
    expected: { kind: 'ok', change: (before) => ({ ...before, whitelist: ok({ service: 'rds', instanceId: 'rm-1', groups: [whitelistGroup({ name: 'default', entries: ['127.0.0.1', '10.0.1.0/24'] })] }) }) },
  },
  {
    name: 'adds a whitelist entry in a new group',
    edits: [{ kind: 'addWhitelistEntry', group: 'pods', entry: '10.0.1.7' }],
    expected: {
      kind: 'ok',
      change: (before) => ({
        ...before,
        whitelist: ok({ service: 'rds', instanceId: 'rm-1', groups: [whitelistGroup({ name: 'default', entries: ['127.0.0.1'] }), { name: 'pods', attribute: '', entries: ['10.0.1.7'], networkType: null }] }),
      }),
    },
  },
  {
    name: 'removes a whitelist entry',
    edits: [{ kind: 'removeWhitelistEntry', group: 'default', entry: '127.0.0.1' }],
    expected: { kind: 'ok', change: (before) => ({ ...before, whitelist: ok({ service: 'rds', instanceId: 'rm-1', groups: [whitelistGroup({ name: 'default', entries: [] })] }) }) },
  },
  {
    name: 'refuses a whitelist edit when the destination has none',
    facts: pathFacts(),
    edits: [{ kind: 'addWhitelistEntry', entry: '10.0.1.7' }],
    expected: { kind: 'invalid', edit: 0, message: 'edit 1 (addWhitelistEntry): this diagnosis has no RDS or Redis whitelist (the destination does not use one)' },
  },
  {
    name: 'adds an SNAT entry for a vSwitch in the gateway’s SNAT table, with the vSwitch CIDR',
    edits: [{ kind: 'addSnatEntry', natGatewayId: 'ngw-1', sourceVSwitchId: 'vsw-pod', snatIps: ['198.51.100.20'] }],
    expected: {
      kind: 'ok',
      change: (before) => ({ ...before, snatEntries: ok([snat(), { id: 'snat-whatif-1', name: 'what-if', snatTableId: 'stb-1', natGatewayId: 'ngw-1', sourceVSwitchId: 'vsw-pod', sourceCidr: '10.0.1.0/24', snatIps: ['198.51.100.20'], status: 'Available' }]) }),
    },
  },
  {
    name: 'refuses an SNAT entry with both a vSwitch and a CIDR',
    edits: [{ kind: 'addSnatEntry', natGatewayId: 'ngw-1', sourceVSwitchId: 'vsw-pod', sourceCidr: '10.0.1.0/24', snatIps: ['198.51.100.20'] }],
    expected: { kind: 'invalid', edit: 0, message: 'edit 1 (addSnatEntry): an SNAT entry covers a vSwitch or a CIDR block: give exactly one of sourceVSwitchId and sourceCidr' },
  },
  {
    name: 'removes an SNAT entry',
    edits: [{ kind: 'removeSnatEntry', snatEntryId: 'snat-vsw' }],
    expected: { kind: 'ok', change: (before) => ({ ...before, snatEntries: ok([]) }) },
  },
  {
    name: 'applies edits in order: a later edit sees an earlier one',
    edits: [
      { kind: 'removeSecurityGroupRule', securityGroupId: 'sg-pod', ruleId: 'sgr-drop' },
      { kind: 'removeSecurityGroupRule', securityGroupId: 'sg-pod', ruleId: 'sgr-drop' },
    ],
    expected: { kind: 'invalid', edit: 1, message: 'edit 2 (removeSecurityGroupRule): security group sg-pod has no rule sgr-drop' },
  },
];

describe('applyWhatIfEdits', () => {
  it.each(rows)('$name', ({ facts = base, edits, expected }) => {
    const outcome = applyWhatIfEdits(facts, edits.map(edit));
    if (expected.kind === 'invalid') {
      expect(outcome).toStrictEqual(expected);
      return;
    }
    expect(outcome.kind).toBe('ok');
    if (outcome.kind !== 'ok') return;
    expect(touched(outcome.facts)).toStrictEqual(expected.change(touched(facts)));
    expect({ ...outcome.facts, cloud: null, cluster: null }).toStrictEqual({ ...facts, cloud: null, cluster: null });
  });

  it('leaves the facts it was given untouched', () => {
    const before = JSON.stringify(base);
    applyWhatIfEdits(base, [edit({ kind: 'removeSecurityGroupRule', securityGroupId: 'sg-pod', ruleId: 'sgr-drop' }), edit({ kind: 'removeNetworkPolicy', namespace: 'shop', name: 'deny-all' })]);
    expect(JSON.stringify(base)).toBe(before);
  });
});

describe('whatIfEditSchema', () => {
  it.each([
    [{ kind: 'addSecurityGroupRule', securityGroupId: 'sg-pod', cidr: 'everywhere' }, 'cidr'],
    [{ kind: 'addSecurityGroupRule', securityGroupId: 'sg-pod', cidr: '0.0.0.0/0', portRange: { from: 444, to: 443 } }, 'portRange'],
    [{ kind: 'addNetworkPolicy', policy: { namespace: 'Shop!', name: 'x' } }, 'policy.namespace'],
    [{ kind: 'dropTheFirewall' }, 'kind'],
  ])('refuses %j at %s', (input, path) => {
    const result = whatIfEditSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toContain(path);
  });
});
