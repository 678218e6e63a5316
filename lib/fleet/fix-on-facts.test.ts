import { describe, expect, it } from 'vitest';

import { aclEntry, networkAcl, securityGroup, sgRule, whitelistGroup } from '@/lib/analysis/__fixtures__/cloud-builders';
import { destination, ok, pathFacts, pod } from '@/lib/analysis/__fixtures__/path-builders';
import { evaluatePath } from '@/lib/analysis/evaluate-path';
import type { Fix, PathFacts } from '@/lib/analysis/model';
import { appendWhitelistFix, authorizeSecurityGroupEgress, createSnatEntry, manualFix, revokeSecurityGroupEgress, updateNetworkAclEntries } from '@/lib/fixes/cloud-fixes';
import { allowEgressFix } from '@/lib/fixes/kubernetes-fixes';

import { applyFixToFacts } from './fix-on-facts';

const base = pathFacts({
  cloud: {
    securityGroups: ok([securityGroup({ rules: [sgRule({ id: 'sgr-drop', policy: 'drop' })] })]),
    networkAcls: ok([networkAcl({ id: 'nacl-1', egress: [aclEntry({ id: 'nae-1' })] })]),
    whitelist: ok({ service: 'rds', instanceId: 'rm-1', groups: [whitelistGroup({ name: 'default', entries: ['127.0.0.1'] })] }),
  },
});

const risk = 'test';

describe('applyFixToFacts', () => {
  it.each<[string, Fix, (facts: PathFacts) => unknown, unknown]>([
    [
      'AuthorizeSecurityGroupEgress adds the accept rule',
      authorizeSecurityGroupEgress({ regionId: 'cn-hangzhou', securityGroupId: 'sg-pod', protocol: 'tcp', port: 443, cidr: '203.0.113.10/32', priority: 1, risk }),
      (facts) => (facts.cloud.securityGroups.kind === 'ok' ? facts.cloud.securityGroups.value[0]?.rules.map((rule) => [rule.id, rule.direction, rule.policy, rule.priority, rule.protocol, rule.portRange, rule.remote]) : null),
      [
        ['sgr-drop', 'egress', 'drop', 1, 'tcp', { from: 443, to: 443 }, { kind: 'cidr', cidr: '0.0.0.0/0' }],
        ['sgr-whatif-1', 'egress', 'accept', 1, 'tcp', { from: 443, to: 443 }, { kind: 'cidr', cidr: '203.0.113.10/32' }],
      ],
    ],
    [
      'RevokeSecurityGroupEgress removes the rule',
      revokeSecurityGroupEgress({ regionId: 'cn-hangzhou', securityGroupId: 'sg-pod', ruleId: 'sgr-drop', risk }),
      (facts) => (facts.cloud.securityGroups.kind === 'ok' ? facts.cloud.securityGroups.value[0]?.rules : null),
      [],
    ],
    [
      'CreateSnatEntry adds an entry for the vSwitch, its CIDR known',
      createSnatEntry({ regionId: 'cn-hangzhou', snatTableId: 'stb-1', sourceVSwitchId: 'vsw-pod', snatIp: '198.51.100.20', natGatewayId: 'ngw-1' }),
      (facts) => (facts.cloud.snatEntries.kind === 'ok' ? facts.cloud.snatEntries.value.at(-1) : null),
      { id: 'snat-whatif-1', name: 'what-if', snatTableId: 'stb-1', natGatewayId: 'ngw-1', sourceVSwitchId: 'vsw-pod', sourceCidr: '10.0.1.0/24', snatIps: ['198.51.100.20'], status: 'Available' },
    ],
    [
      'UpdateNetworkAclEntries replaces the direction’s list',
      updateNetworkAclEntries({ regionId: 'cn-hangzhou', networkAclId: 'nacl-1', direction: 'egress', entries: [aclEntry({ id: 'new', name: 'allow', cidr: '203.0.113.10/32' }), aclEntry({ id: 'nae-1' })], summary: 'Allow', risk }),
      (facts) => (facts.cloud.networkAcls.kind === 'ok' ? facts.cloud.networkAcls.value[0]?.egress.map((entry) => [entry.id, entry.cidr]) : null),
      [
        ['nae-simulated-1', '203.0.113.10/32'],
        ['nae-1', aclEntry().cidr],
      ],
    ],
    [
      'ModifySecurityIps appends a whitelist group',
      appendWhitelistFix({ service: 'rds', regionId: 'cn-hangzhou', instanceId: 'rm-1', securityIps: '10.0.1.0/24', risk }),
      (facts) => (facts.cloud.whitelist?.kind === 'ok' ? facts.cloud.whitelist.value.groups.map((group) => [group.name, group.entries]) : null),
      [
        ['default', ['127.0.0.1']],
        ['egress_doctor', ['10.0.1.0/24']],
      ],
    ],
    [
      'a NetworkPolicy fix adds the policy',
      allowEgressFix({ context: 'acs-prod', pod: pod(), peers: [{ kind: 'address', address: '203.0.113.10' }], ports: [{ protocol: 'TCP', port: 443 }] }),
      (facts) => (facts.cluster.networkPolicies.kind === 'ok' ? facts.cluster.networkPolicies.value.map((policy) => [policy.podSelector, policy.policyTypes, policy.egress]) : null),
      [[{ matchLabels: { app: 'web' } }, ['Egress'], [{ peers: [{ podSelector: null, namespaceSelector: null, ipBlock: { cidr: '203.0.113.10/32', except: [] } }], ports: [{ protocol: 'TCP', port: 443, endPort: null }] }]]],
    ],
  ])('%s', (_name, fix, read, expected) => {
    const changed = applyFixToFacts(base, fix);
    expect(changed === null ? null : read(changed)).toStrictEqual(expected);
  });

  it('cannot tell (null) when the fix names a security group the path did not read', () => {
    expect(applyFixToFacts(base, revokeSecurityGroupEgress({ regionId: 'cn-hangzhou', securityGroupId: 'sg-elsewhere', ruleId: 'sgr-drop', risk }))).toBeNull();
  });

  it('cannot apply manual steps: null, never a guess', () => {
    expect(applyFixToFacts(base, manualFix({ id: 'm', title: 'Ask', description: '', risk: '', target: { kind: 'x', id: 'x', label: 'x' }, steps: ['ask'] }))).toBeNull();
  });

  it('turns the revoked drop rule into a reachable path on re-evaluation', () => {
    const internet = destination('internet', ['203.0.113.10']);
    const fixed = applyFixToFacts(base, revokeSecurityGroupEgress({ regionId: 'cn-hangzhou', securityGroupId: 'sg-pod', ruleId: 'sgr-drop', risk }));
    expect([evaluatePath(base, internet).verdict, fixed && evaluatePath(fixed, internet).verdict]).toStrictEqual(['blocked', 'reachable']);
  });
});
