import { describe, expect, it } from 'vitest';

import { aclEntry, networkAcl, securityGroup, sgRule, vSwitch } from '@/lib/analysis/__fixtures__/cloud-builders';
import { destination, ok, pathContext, pathFacts, pod } from '@/lib/analysis/__fixtures__/path-builders';
import type { CloudFacts, Hop, PathFacts } from '@/lib/analysis/model';
import { evaluateNetworkAclHop } from '@/lib/analysis/network-acl-hop';
import { evaluateSecurityGroupHop } from '@/lib/analysis/security-group-hop';
import { withoutMessages } from '@/lib/test/without-messages';

const internet = destination('internet', ['203.0.113.10']);
const pods = ok([pod({ name: 'web-0', ip: '10.0.1.5' }), pod({ name: 'web-1', ip: '10.0.1.6' }), pod({ name: 'api-0', ip: '10.0.2.9' })]);

function facts(cloud: Partial<CloudFacts>): PathFacts {
  return pathFacts({ cloud, cluster: { pods } });
}

/** The parts of a hop this feature decides: intent, and each fix's id, kind and exception. */
function outline(hop: Hop) {
  return { intent: hop.evidence.intent ?? null, fixes: hop.fixes.map((fix) => ({ id: fix.id, kind: fix.kind, exception: fix.exception?.blastRadius ?? null })) };
}

const described = sgRule({ id: 'sgr-drop', policy: 'drop', priority: 5, remote: { kind: 'cidr', cidr: '0.0.0.0/0' }, description: 'SEC-2291: no direct Internet HTTPS, use the egress proxy' });
const denyHttps = aclEntry({ id: 'nae-deny', name: 'deny-internet-https', policy: 'drop', protocol: 'tcp', portRange: { from: 443, to: 443 }, description: 'PCI: Internet HTTPS only through the payment proxy' });
const withAcl = (egress: CloudFacts['networkAcls']): Partial<CloudFacts> => ({ vSwitches: ok([vSwitch({ networkAclId: 'nacl-pod' })]), networkAcls: egress });

describe('fixes that respect intent', () => {
  it.each([
    {
      name: 'security group: a described drop leads with the proxy it names; the accept and the revoke are exceptions with their pod counts',
      hop: () => {
        const input = facts({ securityGroups: ok([securityGroup({ rules: [sgRule({ id: 'sgr-accept', priority: 10 }), described] })]) });
        return evaluateSecurityGroupHop(input, pathContext(input, internet));
      },
      expected: {
        intent: { control: { kind: 'securityGroupRule', id: 'sgr-drop', label: 'rule sgr-drop of pods (sg-pod)' }, signal: 'description', says: 'SEC-2291: no direct Internet HTTPS, use the egress proxy' },
        fixes: [
          { id: 'securityGroup-use-proxy', kind: 'manual', exception: null },
          { id: 'securityGroup-authorize-egress-sg-pod', kind: 'alicloud', exception: 'Opens TCP 443/443 to 203.0.113.10/32 past sgr-drop for the 3 pods of acs-prod in sg-pod (and every other ENI in the group).' },
          { id: 'securityGroup-revoke-egress-sgr-drop', kind: 'alicloud', exception: 'Revoking sgr-drop opens TCP 443/443 to 0.0.0.0/0 for the 3 pods of acs-prod in sg-pod (and every other ENI in the group).' },
        ],
      },
    },
    {
      name: 'security group: a drop without a description is not treated as deliberate',
      hop: () => {
        const input = facts({ securityGroups: ok([securityGroup({ rules: [{ ...described, description: '' }] })]) });
        return evaluateSecurityGroupHop(input, pathContext(input, internet));
      },
      expected: {
        intent: null,
        fixes: [
          { id: 'securityGroup-authorize-egress-sg-pod', kind: 'alicloud', exception: null },
          { id: 'securityGroup-revoke-egress-sgr-drop', kind: 'alicloud', exception: null },
        ],
      },
    },
    {
      name: 'network ACL: a described deny leads with the payment proxy; the inserted accept is an exception for the pods of the bound vSwitch',
      hop: () => {
        const input = facts(withAcl(ok([networkAcl({ egress: [denyHttps, aclEntry({ id: 'nae-all' })] })])));
        return evaluateNetworkAclHop(input, pathContext(input, internet));
      },
      expected: {
        intent: { control: { kind: 'networkAclEntry', id: 'nae-deny', label: 'entry deny-internet-https (nae-deny) of nacl-pod' }, signal: 'description', says: 'PCI: Internet HTTPS only through the payment proxy' },
        fixes: [
          { id: 'networkAcl-nacl-pod-egress-use-proxy', kind: 'manual', exception: null },
          {
            id: 'networkAcl-update-egress-nacl-pod',
            kind: 'alicloud',
            exception: 'Opens tcp 443/443 to 203.0.113.10/32 ahead of deny-internet-https for the 2 pods of acs-prod in vsw-pod (10.0.1.0/24), and every instance there.',
          },
        ],
      },
    },
  ])('$name', ({ hop, expected }) => {
    expect(withoutMessages(outline(hop()))).toStrictEqual(expected);
  });

  it('the ACL rewrite keeps every field of the entries it keeps, the description included', () => {
    const input = facts(withAcl(ok([networkAcl({ egress: [denyHttps, aclEntry({ id: 'nae-all', description: 'Everything else' })] })])));
    const fix = evaluateNetworkAclHop(input, pathContext(input, internet)).fixes.find((item) => item.kind === 'alicloud');
    const parameters = fix?.kind === 'alicloud' ? fix.parameters : {};
    expect(Object.entries(parameters).filter(([key]) => /^EgressAclEntries\.[23]\./.test(key))).toStrictEqual([
      ['EgressAclEntries.2.NetworkAclEntryId', 'nae-deny'],
      ['EgressAclEntries.2.NetworkAclEntryName', 'deny-internet-https'],
      ['EgressAclEntries.2.EntryType', 'custom'],
      ['EgressAclEntries.2.IpVersion', 'IPV4'],
      ['EgressAclEntries.2.Policy', 'drop'],
      ['EgressAclEntries.2.Protocol', 'tcp'],
      ['EgressAclEntries.2.Port', '443/443'],
      ['EgressAclEntries.2.DestinationCidrIp', '0.0.0.0/0'],
      ['EgressAclEntries.2.Description', 'PCI: Internet HTTPS only through the payment proxy'],
      ['EgressAclEntries.3.NetworkAclEntryId', 'nae-all'],
      ['EgressAclEntries.3.NetworkAclEntryName', 'allow-all'],
      ['EgressAclEntries.3.EntryType', 'custom'],
      ['EgressAclEntries.3.IpVersion', 'IPV4'],
      ['EgressAclEntries.3.Policy', 'accept'],
      ['EgressAclEntries.3.Protocol', 'all'],
      ['EgressAclEntries.3.Port', '-1/-1'],
      ['EgressAclEntries.3.DestinationCidrIp', '0.0.0.0/0'],
      ['EgressAclEntries.3.Description', 'Everything else'],
    ]);
  });
});
