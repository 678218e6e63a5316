import { describe, expect, it } from 'vitest';

import { eni, loadBalancer } from './__fixtures__/cloud-builders';
import { clusterFacts, ok, pod } from './__fixtures__/path-builders';
import { classifyDestination, type ClassifyDestinationInput, rdsInstanceIdFromHost, redisInstanceIdFromHost } from './classify-destination';
import type { DestinationKind, Service } from './model';

function service(overrides: Partial<Service>): Service {
  return {
    namespace: 'shop',
    name: 'api',
    type: 'ClusterIP',
    clusterIp: '172.21.5.5',
    externalTrafficPolicy: null,
    loadBalancerIngress: [],
    ports: [],
    selector: { app: 'api' },
    annotations: {},
    externalName: null,
    ...overrides,
  };
}

const cluster = clusterFacts({
  services: ok([
    service({}),
    service({ name: 'gateway', type: 'LoadBalancer', clusterIp: '172.21.6.6', loadBalancerIngress: [{ ip: '198.51.100.50', hostname: null }] }),
  ]),
  pods: ok([pod({ name: 'db-0', ip: '10.0.1.40', ips: ['10.0.1.40'] })]),
});

const input = (overrides: Partial<ClassifyDestinationInput>): ClassifyDestinationInput => ({
  host: 'example.com',
  addresses: ['203.0.113.10'],
  cluster,
  destinationEni: ok(null),
  loadBalancer: ok(null),
  whitelistService: null,
  whitelistInstanceId: null,
  ...overrides,
});

describe('classifyDestination', () => {
  it.each<{ name: string; input: ClassifyDestinationInput; expected: { kind: DestinationKind; resourceId: string | null } }>([
    { name: 'LoadBalancer Service ingress → clusterLoadBalancer', input: input({ addresses: ['198.51.100.50'] }), expected: { kind: 'clusterLoadBalancer', resourceId: 'shop/gateway' } },
    { name: 'ClusterIP → clusterService', input: input({ addresses: ['172.21.5.5'] }), expected: { kind: 'clusterService', resourceId: 'shop/api' } },
    { name: 'pod IP → clusterPod', input: input({ addresses: ['10.0.1.40'] }), expected: { kind: 'clusterPod', resourceId: 'shop/db-0' } },
    { name: 'RDS host → rds', input: input({ host: 'rm-bp1abc.mysql.rds.aliyuncs.com', addresses: ['10.0.5.20'] }), expected: { kind: 'rds', resourceId: 'rm-bp1abc' } },
    { name: 'orchestrator-identified Redis → redis', input: input({ host: 'cache.internal', addresses: ['10.0.5.30'], whitelistService: 'redis', whitelistInstanceId: 'r-bp1' }), expected: { kind: 'redis', resourceId: 'r-bp1' } },
    { name: 'SLB address → slb', input: input({ addresses: ['10.0.3.10'], loadBalancer: ok(loadBalancer()) }), expected: { kind: 'slb', resourceId: 'lb-1' } },
    { name: 'ENI of an instance → ecs', input: input({ addresses: ['10.0.2.15'], destinationEni: ok(eni({ instanceId: 'i-app' })) }), expected: { kind: 'ecs', resourceId: 'i-app' } },
    { name: 'other private address → vpc', input: input({ addresses: ['10.0.9.9'] }), expected: { kind: 'vpc', resourceId: null } },
    { name: 'the VPC address of an RDS instance → rds', input: input({ addresses: ['10.0.4.10'], whitelistAddress: { owner: { service: 'rds', instanceId: 'rm-orders' }, open: [] } }), expected: { kind: 'rds', resourceId: 'rm-orders' } },
    { name: 'a custom name resolving to a MongoDB member → mongodb', input: input({ host: 'reviews.db.internal', addresses: ['10.0.4.40'], whitelistAddress: { owner: { service: 'mongodb', instanceId: 'dds-reviews' }, open: [] } }), expected: { kind: 'mongodb', resourceId: 'dds-reviews' } },
    { name: 'an instance host outranks the address match', input: input({ host: 'pc-bp1abc.mysql.polardb.rds.aliyuncs.com', addresses: ['10.0.4.30'], whitelistAddress: { owner: { service: 'rds', instanceId: 'rm-orders' }, open: [] } }), expected: { kind: 'polardb', resourceId: 'pc-bp1abc' } },
    { name: 'a pod IP stays the pod even if an instance listed it', input: input({ addresses: ['10.0.1.40'], whitelistAddress: { owner: { service: 'redis', instanceId: 'r-x' }, open: [] } }), expected: { kind: 'clusterPod', resourceId: 'shop/db-0' } },
    { name: 'public address → internet', input: input({}), expected: { kind: 'internet', resourceId: null } },
    { name: 'no address → unresolved', input: input({ addresses: [] }), expected: { kind: 'unresolved', resourceId: null } },
  ])('$name', ({ input: given, expected }) => {
    const result = classifyDestination(given);
    expect({ kind: result.kind, resourceId: result.resourceId, host: result.host, addresses: result.addresses }).toStrictEqual({
      ...expected,
      host: given.host,
      addresses: given.addresses,
    });
  });

  const throttled = { kind: 'missing' as const, error: { source: 'alicloud' as const, reason: 'throttled' as const, resource: 'DescribeLoadBalancers', message: 'slow down', code: 'Throttling.User', retryable: true } };
  const forbidden = { kind: 'missing' as const, error: { source: 'k8s' as const, reason: 'forbidden' as const, resource: 'services in all namespaces', message: 'forbidden', code: '403', retryable: false } };
  it.each<{ name: string; input: ClassifyDestinationInput; expected: { kind: DestinationKind; open: DestinationKind[]; consulted: DestinationKind[] } }>([
    { name: 'every lookup read: nothing left open', input: input({ addresses: ['10.0.9.9'] }), expected: { kind: 'vpc', open: [], consulted: ['clusterLoadBalancer', 'clusterService', 'clusterPod', 'slb', 'ecs'] } },
    { name: 'the SLB lookup failed: a VPC address may be an SLB', input: input({ addresses: ['10.0.9.9'], loadBalancer: throttled }), expected: { kind: 'vpc', open: ['slb'], consulted: ['clusterLoadBalancer', 'clusterService', 'clusterPod', 'slb', 'ecs'] } },
    { name: 'the ENI lookup is not consulted for a public address', input: input({ loadBalancer: throttled }), expected: { kind: 'internet', open: ['slb'], consulted: ['clusterLoadBalancer', 'clusterService', 'clusterPod', 'slb'] } },
    { name: 'an ENI found: only lookups of higher precedence count', input: input({ addresses: ['10.0.2.15'], destinationEni: ok(eni({ instanceId: 'i-app' })) }), expected: { kind: 'ecs', open: [], consulted: ['clusterLoadBalancer', 'clusterService', 'clusterPod', 'slb'] } },
    { name: 'an SLB found: a failed ENI lookup does not matter', input: input({ addresses: ['10.0.3.10'], loadBalancer: ok(loadBalancer()), destinationEni: throttled }), expected: { kind: 'slb', open: [], consulted: ['clusterLoadBalancer', 'clusterService', 'clusterPod'] } },
    { name: 'an RDS host: the cloud lookups do not matter', input: input({ host: 'rm-bp1abc.mysql.rds.aliyuncs.com', addresses: ['10.0.5.20'], loadBalancer: throttled }), expected: { kind: 'rds', open: [], consulted: ['clusterLoadBalancer', 'clusterService', 'clusterPod'] } },
    {
      name: 'Services forbidden: the address may be a cluster LoadBalancer or ClusterIP',
      input: input({ cluster: clusterFacts({ services: forbidden }) }),
      expected: { kind: 'internet', open: ['clusterLoadBalancer', 'clusterService'], consulted: ['clusterLoadBalancer', 'clusterService', 'clusterPod', 'slb'] },
    },
    {
      name: 'a refused PolarDB listing: a VPC address may be a PolarDB cluster',
      input: input({ addresses: ['10.0.9.9'], whitelistAddress: { owner: null, open: [{ couldBe: 'polardb', fact: 'DescribeDBClusters', neededFor: 'whether 10.0.9.9 is a PolarDB address', error: throttled.error }] } }),
      expected: { kind: 'vpc', open: ['polardb'], consulted: ['clusterLoadBalancer', 'clusterService', 'clusterPod', 'slb', 'ecs', 'polardb'] },
    },
    {
      name: 'matched by address: the open listings and the cloud lookups do not matter',
      input: input({ addresses: ['10.0.4.10'], loadBalancer: throttled, whitelistAddress: { owner: { service: 'rds', instanceId: 'rm-orders' }, open: [] } }),
      expected: { kind: 'rds', open: [], consulted: ['clusterLoadBalancer', 'clusterService', 'clusterPod'] },
    },
    { name: 'nothing resolved: nothing consulted', input: input({ addresses: [], loadBalancer: throttled }), expected: { kind: 'unresolved', open: [], consulted: [] } },
  ])('basis: $name', ({ input: given, expected }) => {
    const result = classifyDestination(given);
    const basis = result.basis ?? [];
    expect({ kind: result.kind, open: basis.filter((entry) => entry.error !== null).map((entry) => entry.couldBe), consulted: basis.map((entry) => entry.couldBe) }).toStrictEqual(expected);
  });

  it.each([
    ['rm-bp1abc.mysql.rds.aliyuncs.com', 'rm-bp1abc', null],
    ['rm-bp1abc.pgsql.rds.aliyuncs.com', 'rm-bp1abc', null],
    ['rm-bp1abc.sqlserver.rds.aliyuncs.com', 'rm-bp1abc', null],
    ['rm-bp1abc.mariadb.rds.aliyuncs.com', 'rm-bp1abc', null],
    ['rm-bp1abc.rds.aliyuncs.com', 'rm-bp1abc', null],
    ['r-bp1xyz.redis.rds.aliyuncs.com', null, 'r-bp1xyz'],
    ['r-bp1xyz.redis.aliyuncs.com', null, 'r-bp1xyz'],
    ['api.partner.example.com', null, null],
  ])('%s → rds %s, redis %s', (host, rds, redis) => {
    expect([rdsInstanceIdFromHost(host), redisInstanceIdFromHost(host)]).toStrictEqual([rds, redis]);
  });
});
