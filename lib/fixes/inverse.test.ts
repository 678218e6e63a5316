import { describe, expect, it } from 'vitest';

import type { Fix, NetworkAclEntry, SecurityGroupRule } from '@/lib/analysis/model';

import {
  appendWhitelistFix,
  authorizeSecurityGroupEgress,
  authorizeSecurityGroupIngress,
  createRouteToNatGateway,
  createSnatEntry,
  revokeSecurityGroupEgress,
  slbAclEntryFix,
  startLoadBalancerListener,
  updateNetworkAclEntries,
} from './cloud-fixes';
import { hasInverse, inverseOf, reverseMergePatch, type AppliedChange } from './inverse';

const region = 'cn-hangzhou';
const cloud = (response: Record<string, unknown> = {}, before: Extract<AppliedChange, { kind: 'alicloud' }>['before'] = null): AppliedChange => ({ kind: 'alicloud', response, before });

const dropRule: SecurityGroupRule = {
  id: 'sgr-drop',
  direction: 'egress',
  policy: 'drop',
  priority: 10,
  protocol: 'tcp',
  portRange: { from: 443, to: 443 },
  portRangeListId: null,
  remote: { kind: 'cidr', cidr: '198.51.100.0/24' },
  description: 'block partner',
};

const aclEntry = (name: string, policy: 'accept' | 'drop', cidr: string): NetworkAclEntry => ({
  id: `nae-${name}`,
  name,
  entryType: 'custom',
  policy,
  protocol: 'tcp',
  portRange: { from: 443, to: 443 },
  cidr,
  description: `PCI: ${name}`,
});

/** The action and parameters of an alicloud inverse, or its kind otherwise. */
function shape(fix: Fix, applied: AppliedChange): unknown {
  const inverse = inverseOf(fix, applied);
  if (inverse === null) return null;
  if (inverse.kind === 'alicloud') return { action: inverse.fix.action, product: inverse.fix.product, parameters: inverse.fix.parameters };
  return inverse;
}

const sgEgress = authorizeSecurityGroupEgress({ regionId: region, securityGroupId: 'sg-1', protocol: 'tcp', port: 443, cidr: '203.0.113.10/32', priority: 9, risk: 'r' });
const sgIngress = authorizeSecurityGroupIngress({ regionId: region, securityGroupId: 'sg-2', protocol: 'tcp', port: 8080, cidr: '10.0.1.0/24', priority: 1, risk: 'r' });
const revoke = revokeSecurityGroupEgress({ regionId: region, securityGroupId: 'sg-1', ruleId: 'sgr-drop', risk: 'r' });
const snat = createSnatEntry({ regionId: region, snatTableId: 'stb-1', sourceVSwitchId: 'vsw-1', snatIp: '47.0.0.1', natGatewayId: 'ngw-1' });
const route = createRouteToNatGateway({ regionId: region, routeTableId: 'vtb-1', destinationCidr: '0.0.0.0/0', natGatewayId: 'ngw-1' });
const nacl = updateNetworkAclEntries({ regionId: region, networkAclId: 'nacl-1', direction: 'egress', entries: [aclEntry('new', 'accept', '203.0.113.10/32'), aclEntry('deny', 'drop', '0.0.0.0/0')], summary: 's', risk: 'r' });
const rds = appendWhitelistFix({ service: 'rds', regionId: region, instanceId: 'rm-1', securityIps: '10.0.1.0/24', risk: 'r' });
const redis = appendWhitelistFix({ service: 'redis', regionId: region, instanceId: 'r-1', securityIps: '10.0.1.7', risk: 'r' });
const slbAdd = slbAclEntryFix({ regionId: region, aclId: 'acl-1', cidr: '10.0.1.0/24', comment: 'egress doctor', operation: 'add', risk: 'r' });
const startListener = startLoadBalancerListener({ regionId: region, loadBalancerId: 'lb-1', port: 80 });
const netpol: Fix = {
  kind: 'kubernetes',
  id: 'networkPolicy-allow-egress-x',
  title: 'Add NetworkPolicy x',
  description: 'd',
  risk: 'r',
  target: { kind: 'networkPolicy', id: 'shop/x', label: 'x' },
  patchType: 'apply',
  yaml: 'kind: NetworkPolicy\n',
  command: 'kubectl apply',
};
const ref = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', namespace: 'shop', name: 'x' };

describe('inverseOf', () => {
  const rows: Array<{ name: string; fix: Fix; applied: AppliedChange; expected: unknown }> = [
    {
      name: 'AuthorizeSecurityGroupEgress is revoked by the same fields',
      fix: sgEgress,
      applied: cloud(),
      expected: {
        action: 'RevokeSecurityGroupEgress',
        product: 'Ecs',
        parameters: { RegionId: region, SecurityGroupId: 'sg-1', IpProtocol: 'tcp', PortRange: '443/443', DestCidrIp: '203.0.113.10/32', Policy: 'accept', Priority: '9' },
      },
    },
    {
      name: 'AuthorizeSecurityGroupEgress is revoked by the new rule id when the response names it',
      fix: sgEgress,
      applied: cloud({ SecurityGroupRuleIds: { SecurityGroupRuleId: ['sgr-new'] } }),
      expected: { action: 'RevokeSecurityGroupEgress', product: 'Ecs', parameters: { RegionId: region, SecurityGroupId: 'sg-1', 'SecurityGroupRuleId.1': 'sgr-new' } },
    },
    {
      name: 'AuthorizeSecurityGroup (inbound) is revoked by RevokeSecurityGroup',
      fix: sgIngress,
      applied: cloud(),
      expected: {
        action: 'RevokeSecurityGroup',
        product: 'Ecs',
        parameters: { RegionId: region, SecurityGroupId: 'sg-2', IpProtocol: 'tcp', PortRange: '8080/8080', SourceCidrIp: '10.0.1.0/24', Policy: 'accept', Priority: '1' },
      },
    },
    {
      name: 'RevokeSecurityGroupEgress is undone by authorising the previous rule again',
      fix: revoke,
      applied: cloud({}, { kind: 'securityGroupRule', securityGroupId: 'sg-1', rule: dropRule }),
      expected: {
        action: 'AuthorizeSecurityGroupEgress',
        product: 'Ecs',
        parameters: { RegionId: region, SecurityGroupId: 'sg-1', IpProtocol: 'tcp', PortRange: '443/443', DestCidrIp: '198.51.100.0/24', Policy: 'drop', Priority: '10', Description: 'block partner' },
      },
    },
    {
      name: 'RevokeSecurityGroupEgress of a rule to another group restores DestGroupId',
      fix: revoke,
      applied: cloud({}, { kind: 'securityGroupRule', securityGroupId: 'sg-1', rule: { ...dropRule, remote: { kind: 'securityGroup', groupId: 'sg-9' }, portRange: null, description: '' } }),
      expected: { action: 'AuthorizeSecurityGroupEgress', product: 'Ecs', parameters: { RegionId: region, SecurityGroupId: 'sg-1', IpProtocol: 'tcp', PortRange: '-1/-1', DestGroupId: 'sg-9', Policy: 'drop', Priority: '10' } },
    },
    { name: 'RevokeSecurityGroupEgress without the rule read before has no inverse', fix: revoke, applied: cloud(), expected: null },
    {
      name: 'CreateSnatEntry is undone by DeleteSnatEntry of the returned id',
      fix: snat,
      applied: cloud({ SnatEntryId: 'snat-42', RequestId: 'r' }),
      expected: { action: 'DeleteSnatEntry', product: 'Vpc', parameters: { RegionId: region, SnatTableId: 'stb-1', SnatEntryId: 'snat-42' } },
    },
    { name: 'CreateSnatEntry without an id in the response has no inverse', fix: snat, applied: cloud({ RequestId: 'r' }), expected: null },
    {
      name: 'UpdateNetworkAclEntries is undone by the previous list, with every field of its entries',
      fix: nacl,
      applied: cloud({}, { kind: 'networkAcl', networkAclId: 'nacl-1', direction: 'egress', entries: [aclEntry('deny', 'drop', '0.0.0.0/0')] }),
      expected: {
        action: 'UpdateNetworkAclEntries',
        product: 'Vpc',
        parameters: {
          RegionId: region,
          NetworkAclId: 'nacl-1',
          UpdateEgressAclEntries: 'true',
          'EgressAclEntries.1.NetworkAclEntryId': 'nae-deny',
          'EgressAclEntries.1.NetworkAclEntryName': 'deny',
          'EgressAclEntries.1.EntryType': 'custom',
          'EgressAclEntries.1.IpVersion': 'IPV4',
          'EgressAclEntries.1.Policy': 'drop',
          'EgressAclEntries.1.Protocol': 'tcp',
          'EgressAclEntries.1.Port': '443/443',
          'EgressAclEntries.1.DestinationCidrIp': '0.0.0.0/0',
          'EgressAclEntries.1.Description': 'PCI: deny',
        },
      },
    },
    { name: 'UpdateNetworkAclEntries without the previous list has no inverse', fix: nacl, applied: cloud(), expected: null },
    {
      name: 'CreateRouteEntry is undone by DeleteRouteEntry of the same route',
      fix: route,
      applied: cloud({ RouteEntryId: 'rte-7' }),
      expected: { action: 'DeleteRouteEntry', product: 'Vpc', parameters: { RegionId: region, RouteTableId: 'vtb-1', DestinationCidrBlock: '0.0.0.0/0', NextHopId: 'ngw-1', RouteEntryId: 'rte-7' } },
    },
    {
      name: 'RDS ModifySecurityIps Append is undone by Delete of the same IPs',
      fix: rds,
      applied: cloud(),
      expected: { action: 'ModifySecurityIps', product: 'Rds', parameters: { RegionId: region, DBInstanceId: 'rm-1', SecurityIps: '10.0.1.0/24', DBInstanceIPArrayName: 'egress_doctor', ModifyMode: 'Delete' } },
    },
    {
      name: 'Redis ModifySecurityIps Append is undone by Delete of the same IPs',
      fix: redis,
      applied: cloud(),
      expected: { action: 'ModifySecurityIps', product: 'R-kvstore', parameters: { RegionId: region, InstanceId: 'r-1', SecurityIps: '10.0.1.7', SecurityIpGroupName: 'egress_doctor', ModifyMode: 'Delete' } },
    },
    {
      name: 'AddAccessControlListEntry is undone by RemoveAccessControlListEntry of the entry',
      fix: slbAdd,
      applied: cloud(),
      expected: { action: 'RemoveAccessControlListEntry', product: 'Slb', parameters: { RegionId: region, AclId: 'acl-1', AclEntrys: '[{"entry":"10.0.1.0/24"}]' } },
    },
    { name: 'StartLoadBalancerListener has no inverse', fix: startListener, applied: cloud(), expected: null },
    {
      name: 'a new Kubernetes object is deleted',
      fix: netpol,
      applied: { kind: 'kubernetes', context: 'acs-prod', ref, before: null, after: { metadata: { name: 'x' } } },
      expected: { kind: 'kubernetesDelete', title: 'Undo: delete NetworkPolicy shop/x (Add NetworkPolicy x)', context: 'acs-prod', ref },
    },
    {
      name: 'a patched Kubernetes object is patched back to its previous values',
      fix: { ...netpol, patchType: 'merge' },
      applied: {
        kind: 'kubernetes',
        context: 'acs-prod',
        ref,
        before: { metadata: { name: 'x', resourceVersion: '1' }, spec: { externalTrafficPolicy: 'Local' } },
        after: { metadata: { name: 'x', resourceVersion: '2', annotations: { a: 'b' } }, spec: { externalTrafficPolicy: 'Cluster' }, status: {} },
      },
      expected: {
        kind: 'kubernetesMergePatch',
        title: 'Undo: patch NetworkPolicy shop/x back (Add NetworkPolicy x)',
        context: 'acs-prod',
        ref,
        patch: { metadata: { annotations: null }, spec: { externalTrafficPolicy: 'Local' } },
      },
    },
    { name: 'a cloud fix with a Kubernetes result has no inverse', fix: sgEgress, applied: { kind: 'kubernetes', context: 'c', ref, before: null, after: null }, expected: null },
  ];

  for (const row of rows) {
    it(row.name, () => {
      expect(shape(row.fix, row.applied)).toStrictEqual(row.expected);
    });
  }

  it('names the undo after the fix and keeps its target', () => {
    const inverse = inverseOf(sgEgress, cloud());
    expect(inverse?.kind === 'alicloud' ? { id: inverse.fix.id, title: inverse.fix.title, target: inverse.fix.target } : null).toStrictEqual({
      id: `undo-${sgEgress.id}`,
      title: `Undo: ${sgEgress.title}`,
      target: sgEgress.target,
    });
  });
});

describe('hasInverse', () => {
  const rows: Array<{ name: string; fix: Fix; expected: boolean }> = [
    { name: 'security-group authorise: yes', fix: sgEgress, expected: true },
    { name: 'security-group revoke: yes', fix: revoke, expected: true },
    { name: 'SNAT entry: yes', fix: snat, expected: true },
    { name: 'whitelist append: yes', fix: rds, expected: true },
    { name: 'whitelist cover (Cover mode): no', fix: { ...rds, parameters: { ...rds.parameters, ModifyMode: 'Cover' } }, expected: false },
    { name: 'start listener: no', fix: startListener, expected: false },
    { name: 'kubernetes: yes', fix: netpol, expected: true },
    { name: 'manual: no', fix: { kind: 'manual', id: 'm', title: 't', description: 'd', risk: 'r', target: netpol.target, steps: [] }, expected: false },
  ];
  for (const row of rows) {
    it(row.name, () => {
      expect(hasInverse(row.fix)).toBe(row.expected);
    });
  }
});

describe('reverseMergePatch', () => {
  it('nulls added keys, restores changed and removed ones, leaves equal ones out', () => {
    expect(reverseMergePatch({ a: 1, b: { c: 2, d: 3 }, e: [1] }, { a: 1, b: { c: 5, x: 1 }, e: [1, 2], f: 'new' })).toStrictEqual({ b: { c: 2, d: 3, x: null }, e: [1], f: null });
  });
});
