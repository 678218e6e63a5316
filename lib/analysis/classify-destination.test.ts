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
  destinationEni: null,
  loadBalancer: null,
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
    { name: 'SLB address → slb', input: input({ addresses: ['10.0.3.10'], loadBalancer: loadBalancer() }), expected: { kind: 'slb', resourceId: 'lb-1' } },
    { name: 'ENI of an instance → ecs', input: input({ addresses: ['10.0.2.15'], destinationEni: eni({ instanceId: 'i-app' }) }), expected: { kind: 'ecs', resourceId: 'i-app' } },
    { name: 'other private address → vpc', input: input({ addresses: ['10.0.9.9'] }), expected: { kind: 'vpc', resourceId: null } },
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
