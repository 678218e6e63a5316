import { describe, expect, it } from 'vitest';

import type { FactError } from '@/lib/analysis/model';

import { errorsOfHop, grantFor } from './grants';

function error(overrides: Partial<FactError>): FactError {
  return { source: 'alicloud', reason: 'forbidden', resource: 'DescribeDBInstanceIPArrayList rm-bp1x', message: 'denied', code: 'Forbidden.RAM', retryable: false, ...overrides };
}

const policy = (action: string) => JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: [action], Resource: ['*'] }] }, null, 2);

describe('grantFor', () => {
  it.each([
    {
      name: 'RDS whitelist read: the rds: statement, the CLI line with the instance, and the instance for a console link',
      input: error({}),
      region: 'cn-hangzhou',
      expected: { kind: 'ram', action: 'DescribeDBInstanceIPArrayList', policy: policy('rds:DescribeDBInstanceIPArrayList'), check: 'aliyun rds DescribeDBInstanceIPArrayList --RegionId cn-hangzhou --DBInstanceId rm-bp1x', resourceId: 'rm-bp1x' },
    },
    {
      name: 'Redis: the kvstore namespace and the r-kvstore CLI product',
      input: error({ resource: 'DescribeSecurityIps r-bp1y' }),
      region: 'cn-hangzhou',
      expected: { kind: 'ram', action: 'DescribeSecurityIps', policy: policy('kvstore:DescribeSecurityIps'), check: 'aliyun r-kvstore DescribeSecurityIps --RegionId cn-hangzhou --InstanceId r-bp1y', resourceId: 'r-bp1y' },
    },
    {
      name: 'MongoDB DescribeSecurityIps (same name as Redis): the dds namespace, told by the dds- id',
      input: error({ resource: 'DescribeSecurityIps dds-bp1reviews0000001' }),
      region: 'cn-hangzhou',
      expected: { kind: 'ram', action: 'DescribeSecurityIps', policy: policy('dds:DescribeSecurityIps'), check: 'aliyun dds DescribeSecurityIps --RegionId cn-hangzhou --DBInstanceId dds-bp1reviews0000001', resourceId: 'dds-bp1reviews0000001' },
    },
    {
      name: 'RDS trusted security groups: the rds namespace, told by the rm- id',
      input: error({ resource: 'DescribeSecurityGroupConfiguration rm-bp1x' }),
      region: 'cn-hangzhou',
      expected: { kind: 'ram', action: 'DescribeSecurityGroupConfiguration', policy: policy('rds:DescribeSecurityGroupConfiguration'), check: 'aliyun rds DescribeSecurityGroupConfiguration --RegionId cn-hangzhou --DBInstanceId rm-bp1x', resourceId: 'rm-bp1x' },
    },
    {
      name: 'Redis trusted security groups: the kvstore namespace, told by the r- id',
      input: error({ resource: 'DescribeSecurityGroupConfiguration r-bp1y' }),
      region: 'cn-hangzhou',
      expected: { kind: 'ram', action: 'DescribeSecurityGroupConfiguration', policy: policy('kvstore:DescribeSecurityGroupConfiguration'), check: 'aliyun r-kvstore DescribeSecurityGroupConfiguration --RegionId cn-hangzhou --InstanceId r-bp1y', resourceId: 'r-bp1y' },
    },
    {
      name: 'PolarDB whitelist: the polardb namespace and CLI product',
      input: error({ resource: 'DescribeDBClusterAccessWhitelist pc-bp1z' }),
      region: 'cn-hangzhou',
      expected: { kind: 'ram', action: 'DescribeDBClusterAccessWhitelist', policy: policy('polardb:DescribeDBClusterAccessWhitelist'), check: 'aliyun polardb DescribeDBClusterAccessWhitelist --RegionId cn-hangzhou --DBClusterId pc-bp1z', resourceId: 'pc-bp1z' },
    },
    {
      name: 'a list read without an id, region unknown: the placeholder region',
      input: error({ resource: 'DescribeNatGateways vpc-bp1z', reason: 'unauthorized' }),
      region: null,
      expected: { kind: 'ram', action: 'DescribeNatGateways', policy: policy('vpc:DescribeNatGateways'), check: "aliyun vpc DescribeNatGateways --RegionId '<REGION_ID>' --VpcId vpc-bp1z", resourceId: 'vpc-bp1z' },
    },
    { name: 'a throttled read needs no grant', input: error({ reason: 'throttled' }), region: 'cn-hangzhou', expected: null },
    { name: 'an action we do not know gets no invented statement', input: error({ resource: 'DescribeSomethingNew x-1' }), region: 'cn-hangzhou', expected: null },
  ])('$name', ({ input, region, expected }) => {
    expect(grantFor(input, region, 'acs-prod')).toStrictEqual(expected);
  });

  it('a forbidden pod list: a ClusterRole to list pods, its binding to the dashboard user, and kubectl auth can-i with the context', () => {
    expect(grantFor(error({ source: 'k8s', resource: 'pods in all namespaces of acs-prod', code: '403' }), null, 'acs-prod')).toStrictEqual({
      kind: 'rbac',
      manifest: [
        'apiVersion: rbac.authorization.k8s.io/v1',
        'kind: ClusterRole',
        'metadata:',
        '  name: acs-egress-doctor-read',
        'rules:',
        '  - apiGroups: [""]',
        '    resources: ["pods"]',
        '    verbs: ["get", "list"]',
        '---',
        'apiVersion: rbac.authorization.k8s.io/v1',
        'kind: ClusterRoleBinding',
        'metadata:',
        '  name: acs-egress-doctor-read',
        'roleRef:',
        '  apiGroup: rbac.authorization.k8s.io',
        '  kind: ClusterRole',
        '  name: acs-egress-doctor-read',
        'subjects:',
        '  - kind: User',
        '    name: <DASHBOARD_USER>',
        '',
      ].join('\n'),
      check: 'kubectl --context acs-prod auth can-i list pods --all-namespaces --as <DASHBOARD_USER>',
    });
  });

  it('a forbidden NetworkPolicy list names the networking.k8s.io group', () => {
    const grant = grantFor(error({ source: 'k8s', resource: 'networkpolicies in all namespaces of acs-prod' }), null, 'acs-prod');
    expect(grant?.kind === 'rbac' ? grant.manifest.split('\n').slice(4, 8) : null).toStrictEqual(['rules:', '  - apiGroups: ["networking.k8s.io"]', '    resources: ["networkpolicies"]', '    verbs: ["get", "list"]']);
  });

  it('a refused NodeLocal DNSCache DaemonSet get is a Role in kube-system of the apps group', () => {
    const grant = grantFor(error({ source: 'k8s', resource: 'DaemonSet kube-system/node-local-dns of ack-flannel' }), null, 'ack-flannel');
    expect(grant?.kind === 'rbac' ? grant.manifest.split('\n').slice(1, 9) : null).toStrictEqual([
      'kind: Role',
      'metadata:',
      '  name: acs-egress-doctor-read',
      '  namespace: kube-system',
      'rules:',
      '  - apiGroups: ["apps"]',
      '    resources: ["daemonsets"]',
      '    verbs: ["get"]',
    ]);
  });
});

describe('errorsOfHop', () => {
  it('finds the errors a hop names, once each', () => {
    const whitelist = error({});
    const other = error({ resource: 'DescribeNatGateways vpc-1' });
    expect(errorsOfHop({ reason: 'Forbidden.RAM on DescribeDBInstanceIPArrayList rm-bp1x: denied', summary: 'Cannot tell' }, [whitelist, other, { ...whitelist }])).toStrictEqual([whitelist]);
  });
});
