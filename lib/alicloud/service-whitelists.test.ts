/**
 * The whitelist adapters against the sandbox OpenAPI endpoint over real HTTP: RDS and Redis
 * through their SDKs (IP groups, trusted security groups, linked templates), PolarDB and
 * MongoDB through signed generic RPC calls; each part's failure stays that part's.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import type { ServiceWhitelist } from '@/lib/analysis/model';
import { UpstreamError } from '@/lib/errors';
import { startOpenApiServer, type OpenApiSandbox } from '@/lib/sandbox/openapi/server';
import { worldSchema, type World } from '@/lib/schemas/world';

import { createCloudClients, type CloudClients } from './clients';
import { describeMongoWhitelist, describePolardbWhitelist } from './service-whitelists';
import { describeRdsWhitelist, describeRedisWhitelist } from './whitelists';

const key = { accessKeyId: 'LTAI5tSandboxWhitelistTest', accessKeySecret: 'whitelist-test-secret' };

const world: World = worldSchema.parse({
  version: 1,
  name: 'whitelist-test',
  clusters: [{ name: 'c1', kind: 'acs', networkMode: 'vpc', region: 'cn-hangzhou', vpcId: 'vpc-1', objects: [] }],
  cloud: {
    regionId: 'cn-hangzhou',
    rdsInstances: [
      {
        DBInstanceId: 'rm-bp1trusted',
        DBInstanceIPArrays: [{ DBInstanceIPArrayName: 'default', DBInstanceIPArrayAttribute: '', SecurityIPList: '127.0.0.1' }],
        EcsSecurityGroupRelations: [{ SecurityGroupId: 'sg-bp1pods', NetworkType: 'VPC' }],
        WhitelistTemplates: [{ TemplateId: 7, TemplateName: 'office', Ips: '192.0.2.0/24,198.51.100.7' }],
      },
    ],
    redisInstances: [
      { InstanceId: 'r-bp1cache', SecurityIpGroups: [{ SecurityIpGroupName: 'default', SecurityIpList: '10.0.1.0/24' }], EcsSecurityGroupRelations: [{ SecurityGroupId: 'sg-bp1pods' }] },
    ],
    polardbClusters: [
      {
        DBClusterId: 'pc-bp1orders',
        DBClusterIPArrays: [
          { DBClusterIPArrayName: 'default', SecurityIps: '127.0.0.1' },
          { DBClusterIPArrayName: 'pods', SecurityIps: '10.0.1.0/24, 10.0.2.0/24' },
        ],
        DBClusterSecurityGroups: [{ SecurityGroupId: 'sg-bp1legacy', SecurityGroupName: 'legacy' }],
      },
    ],
    mongodbInstances: [
      {
        DBInstanceId: 'dds-bp1reviews00001',
        SecurityIpGroups: [
          { SecurityIpGroupName: 'default', SecurityIpList: '127.0.0.1' },
          { SecurityIpGroupName: 'dms', SecurityIpGroupAttribute: 'hidden', SecurityIpList: '100.104.5.0/24' },
        ],
        EcsSecurityGroupRelations: [{ SecurityGroupId: 'sg-bp1pods', NetType: 'vpc' }],
      },
    ],
  },
});

let sandbox: OpenApiSandbox;
let clients: CloudClients;
/** Short budget: a throttled or 5xx read is retried until it runs out. */
let hastyClients: CloudClients;

beforeAll(async () => {
  sandbox = await startOpenApiServer({ world, credentials: [key] });
  const endpoint = sandbox.endpoint;
  const endpoints = { rds: endpoint, rKvstore: endpoint, polardb: endpoint, dds: endpoint };
  clients = createCloudClients({ region: 'cn-hangzhou', credentials: key, endpoints, timeoutMs: 5000 });
  hastyClients = createCloudClients({ region: 'cn-hangzhou', credentials: key, endpoints, timeoutMs: 600 });
});
afterEach(() => {
  sandbox.setWorld(world);
  sandbox.setFaults({});
  sandbox.resetCalls();
});
afterAll(() => sandbox.close());

const group = (name: string, entries: string[], attribute = '') => ({ name, attribute, entries, networkType: null });
const trusted = (id: string, extra: { name?: string; networkType?: string | null } = {}) => ({ id, name: extra.name ?? '', networkType: extra.networkType ?? null, regionId: 'cn-hangzhou' });

describe('the whitelist of each service, read whole', () => {
  const rows: Array<{ name: string; read: () => Promise<ServiceWhitelist>; expected: ServiceWhitelist }> = [
    {
      name: 'RDS: IP groups, trusted security groups and linked templates (as groups)',
      read: () => describeRdsWhitelist(clients, 'rm-bp1trusted'),
      expected: {
        service: 'rds',
        instanceId: 'rm-bp1trusted',
        groups: [group('default', ['127.0.0.1'])],
        securityGroups: { kind: 'ok', value: [trusted('sg-bp1pods', { networkType: 'VPC' })] },
        templates: { kind: 'ok', value: [group('office', ['192.0.2.0/24', '198.51.100.7'], 'template')] },
      },
    },
    {
      name: 'Redis: security IP groups and trusted security groups (NetType)',
      read: () => describeRedisWhitelist(clients, 'r-bp1cache'),
      expected: { service: 'redis', instanceId: 'r-bp1cache', groups: [group('default', ['10.0.1.0/24'])], securityGroups: { kind: 'ok', value: [trusted('sg-bp1pods', { networkType: 'vpc' })] } },
    },
    {
      name: 'PolarDB: IP groups and security groups from one DescribeDBClusterAccessWhitelist',
      read: () => describePolardbWhitelist(clients, 'pc-bp1orders'),
      expected: {
        service: 'polardb',
        instanceId: 'pc-bp1orders',
        groups: [group('default', ['127.0.0.1']), group('pods', ['10.0.1.0/24', '10.0.2.0/24'])],
        securityGroups: { kind: 'ok', value: [{ id: 'sg-bp1legacy', name: 'legacy', networkType: null, regionId: null }] },
      },
    },
    {
      name: 'MongoDB: security IP groups (hidden kept) and RdsEcsSecurityGroupRel items',
      read: () => describeMongoWhitelist(clients, 'dds-bp1reviews00001'),
      expected: {
        service: 'mongodb',
        instanceId: 'dds-bp1reviews00001',
        groups: [group('default', ['127.0.0.1']), group('dms', ['100.104.5.0/24'], 'hidden')],
        securityGroups: { kind: 'ok', value: [trusted('sg-bp1pods', { networkType: 'vpc' })] },
      },
    },
  ];
  it.each(rows)('$name', async ({ read, expected }) => {
    expect(await read()).toStrictEqual(expected);
  });

  it('calls the real action names of each product version', async () => {
    await Promise.all(rows.map(({ read }) => read()));
    expect(sandbox.calls().map((call) => call.action).sort()).toStrictEqual(
      [
        'DescribeDBClusterAccessWhitelist',
        'DescribeDBInstanceIPArrayList',
        'DescribeInstanceLinkedWhitelistTemplate',
        'DescribeSecurityGroupConfiguration',
        'DescribeSecurityGroupConfiguration',
        'DescribeSecurityGroupConfiguration',
        'DescribeSecurityIps',
        'DescribeSecurityIps',
      ].sort(),
    );
  });
});

describe('a failed part stays that part', () => {
  it('RDS: a refused DescribeSecurityGroupConfiguration leaves the IP groups and templates read', async () => {
    sandbox.setWorld({ ...world, ram: { deny: [{ action: 'DescribeSecurityGroupConfiguration' }] } });
    const whitelist = await describeRdsWhitelist(clients, 'rm-bp1trusted');
    expect(whitelist.groups).toStrictEqual([group('default', ['127.0.0.1'])]);
    expect(whitelist.templates?.kind).toBe('ok');
    expect(whitelist.securityGroups).toMatchObject({ kind: 'missing', error: { reason: 'forbidden', code: 'Forbidden.RAM', resource: 'DescribeSecurityGroupConfiguration rm-bp1trusted' } });
  });

  it('RDS: a throttled template read makes only the templates missing', async () => {
    sandbox.setWorldFaults({ cloud: [{ action: 'DescribeInstanceLinkedWhitelistTemplate', error: 'Throttling.User' }], kubernetes: [], dns: [] });
    const whitelist = await describeRdsWhitelist(hastyClients, 'rm-bp1trusted');
    expect(whitelist.securityGroups?.kind).toBe('ok');
    expect(whitelist.templates).toMatchObject({ kind: 'missing', error: { reason: 'throttled', resource: 'DescribeInstanceLinkedWhitelistTemplate rm-bp1trusted' } });
  });

  it('MongoDB: a refused security-group read leaves the IP groups read', async () => {
    sandbox.setWorld({ ...world, ram: { deny: [{ action: 'DescribeSecurityGroupConfiguration', resource: 'dds-bp1reviews00001' }] } });
    const whitelist = await describeMongoWhitelist(clients, 'dds-bp1reviews00001');
    expect(whitelist.groups).toHaveLength(2);
    expect(whitelist.securityGroups).toMatchObject({ kind: 'missing', error: { reason: 'forbidden' } });
  });

  it.each([
    { name: 'PolarDB unknown cluster → notFound', read: () => describePolardbWhitelist(clients, 'pc-bp1missing'), reason: 'notFound', code: 'InvalidDBClusterId.NotFound' },
    { name: 'MongoDB unknown instance → notFound', read: () => describeMongoWhitelist(clients, 'dds-bp1missing0000'), reason: 'notFound', code: 'InvalidDBInstanceId.NotFound' },
  ])('$name', async ({ read, reason, code }) => {
    const error: unknown = await read().then(() => null, (caught: unknown) => caught);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ reason, code });
  });

  it.each([
    { name: 'PolarDB 503', action: 'DescribeDBClusterAccessWhitelist', error: 'ServiceUnavailable', read: () => describePolardbWhitelist(hastyClients, 'pc-bp1orders'), reason: 'error' },
    { name: 'MongoDB IP groups refused', action: 'DescribeSecurityIps', error: 'Forbidden.RAM', read: () => describeMongoWhitelist(hastyClients, 'dds-bp1reviews00001'), reason: 'forbidden' },
  ])('the IP-group read failing fails the whole read: $name', async ({ action, error, read, reason }) => {
    sandbox.setWorldFaults({ cloud: [{ action, error }], kubernetes: [], dns: [] });
    await expect(read()).rejects.toMatchObject({ reason, resource: expect.stringContaining(action) });
  });
});
