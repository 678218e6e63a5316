/**
 * The instance-address listings against the sandbox OpenAPI endpoint over real HTTP: RDS and
 * Redis through their SDKs, PolarDB and MongoDB through signed generic RPC calls; only the VPC's
 * instances, each product's failure or cap its own listing's gap.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import type { WhitelistInstanceListing } from '@/lib/analysis/whitelist-address';
import { UpstreamError } from '@/lib/errors';
import { startOpenApiServer, type OpenApiSandbox } from '@/lib/sandbox/openapi/server';
import { worldSchema, type World } from '@/lib/schemas/world';

import { createCloudClients, type CloudClients } from './clients';
import { listMongoAddresses, listPolardbAddresses, listRdsAddresses, listRedisAddresses, MAX_DETAIL_READS } from './instance-addresses';

const key = { accessKeyId: 'LTAI5tSandboxAddressTest', accessKeySecret: 'address-test-secret' };
const ipArrays = [{ DBInstanceIPArrayName: 'default', SecurityIPList: '127.0.0.1' }];
const netInfo = (ip: string, vpcId = 'vpc-1') => ({ DBInstanceNetInfos: { DBInstanceNetInfo: [{ ConnectionString: `x.mysql.rds.aliyuncs.com`, IPAddress: ip, IPType: 'Private', VPCId: vpcId }] } });

const world: World = worldSchema.parse({
  version: 1,
  name: 'address-test',
  clusters: [{ name: 'c1', kind: 'acs', networkMode: 'vpc', region: 'cn-hangzhou', vpcId: 'vpc-1', objects: [] }],
  cloud: {
    regionId: 'cn-hangzhou',
    rdsInstances: [
      { DBInstanceId: 'rm-bp1orders', VpcId: 'vpc-1', DBInstanceIPArrays: ipArrays, ...netInfo('10.0.4.10') },
      { DBInstanceId: 'rm-bp1other', VpcId: 'vpc-2', DBInstanceIPArrays: ipArrays, ...netInfo('10.9.4.10', 'vpc-2') },
    ],
    redisInstances: [
      { InstanceId: 'r-bp1cart', VpcId: 'vpc-1', PrivateIp: '10.0.4.20', SecurityIpGroups: [] },
      { InstanceId: 'r-bp1other', VpcId: 'vpc-2', PrivateIp: '10.9.4.20', SecurityIpGroups: [] },
    ],
    polardbClusters: [
      {
        DBClusterId: 'pc-bp1orders',
        VpcId: 'vpc-1',
        DBClusterIPArrays: [],
        DBClusterEndpoints: [
          { DBEndpointId: 'pe-cluster', EndpointType: 'Cluster', AddressItems: [{ IPAddress: '10.0.4.30', NetType: 'Private' }, { IPAddress: '47.0.0.30', NetType: 'Public' }] },
          { DBEndpointId: 'pe-primary', EndpointType: 'Primary', AddressItems: [{ IPAddress: '10.0.4.31', NetType: 'Private' }] },
        ],
      },
      { DBClusterId: 'pc-bp1other', VpcId: 'vpc-2', DBClusterIPArrays: [], DBClusterEndpoints: [{ DBEndpointId: 'pe-x', AddressItems: [{ IPAddress: '10.9.4.30' }] }] },
    ],
    mongodbInstances: [
      {
        DBInstanceId: 'dds-bp1reviews00001',
        DBInstanceType: 'replicate',
        VPCId: 'vpc-1',
        SecurityIpGroups: [],
        ReplicaSets: [
          { ConnectionDomain: 'dds-bp1reviews000011.mongodb.rds.aliyuncs.com', NetworkType: 'VPC', ReplicaSetRole: 'Primary' },
          { ConnectionDomain: 'dds-bp1reviews00001-pub.mongodb.rds.aliyuncs.com', NetworkType: 'Public', ReplicaSetRole: 'Primary' },
        ],
      },
      {
        DBInstanceId: 'dds-bp1catalog00001',
        DBInstanceType: 'sharding',
        VPCId: 'vpc-1',
        SecurityIpGroups: [],
        NetworkAddresses: [{ IPAddress: '10.0.4.50', NetworkAddress: 's-bp1catalog.mongodb.rds.aliyuncs.com', NetworkType: 'VPC', NodeType: 'mongos' }],
      },
    ],
  },
});

/** The DNS the replica-set members' names are resolved with in these tests. */
const names: Record<string, string[]> = { 'dds-bp1reviews000011.mongodb.rds.aliyuncs.com': ['10.0.4.40'] };
const resolve = async (host: string): Promise<string[]> => {
  const found = names[host];
  if (found === undefined) throw new UpstreamError({ source: 'dns', reason: 'notFound', resource: `DNS ${host}`, message: 'NXDOMAIN' });
  return found;
};

let sandbox: OpenApiSandbox;
let clients: CloudClients;
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

describe('listing the instances of a VPC with their addresses', () => {
  it.each<{ name: string; list: () => Promise<WhitelistInstanceListing>; expected: WhitelistInstanceListing }>([
    {
      name: 'RDS: DescribeDBInstances by VpcId, then each instance’s DescribeDBInstanceNetInfo',
      list: () => listRdsAddresses(clients, 'vpc-1'),
      expected: { service: 'rds', reads: 'DescribeDBInstances, DescribeDBInstanceNetInfo', instances: [{ instanceId: 'rm-bp1orders', addresses: ['10.0.4.10'] }], gap: null },
    },
    {
      name: 'Redis: DescribeInstances by VpcId carries the private IP',
      list: () => listRedisAddresses(clients, 'vpc-1'),
      expected: { service: 'redis', reads: 'DescribeInstances', instances: [{ instanceId: 'r-bp1cart', addresses: ['10.0.4.20'] }], gap: null },
    },
    {
      name: 'PolarDB: the VPC’s clusters, every endpoint’s addresses',
      list: () => listPolardbAddresses(clients, 'vpc-1'),
      expected: { service: 'polardb', reads: 'DescribeDBClusters, DescribeDBClusterEndpoints', instances: [{ instanceId: 'pc-bp1orders', addresses: ['10.0.4.30', '47.0.0.30', '10.0.4.31'] }], gap: null },
    },
    {
      name: 'MongoDB: a replica set’s VPC members resolved by name, a sharded cluster’s addresses as listed',
      list: () => listMongoAddresses(clients, 'vpc-1', resolve),
      expected: {
        service: 'mongodb',
        reads: 'DescribeDBInstances, DescribeShardingNetworkAddress, DescribeReplicaSetRole',
        instances: [
          { instanceId: 'dds-bp1reviews00001', addresses: ['10.0.4.40'] },
          { instanceId: 'dds-bp1catalog00001', addresses: ['10.0.4.50'] },
        ],
        gap: null,
      },
    },
  ])('$name', async ({ list, expected }) => {
    expect(await list()).toStrictEqual(expected);
  });

  it('asks only for the actions it documents, one page each', async () => {
    await Promise.all([listRdsAddresses(clients, 'vpc-1'), listRedisAddresses(clients, 'vpc-1'), listPolardbAddresses(clients, 'vpc-1'), listMongoAddresses(clients, 'vpc-1', resolve)]);
    const actions = sandbox.calls().map((call) => call.action).sort();
    expect(actions).toStrictEqual(
      ['DescribeDBClusterEndpoints', 'DescribeDBClusters', 'DescribeDBInstanceNetInfo', 'DescribeDBInstances', 'DescribeDBInstances', 'DescribeInstances', 'DescribeReplicaSetRole', 'DescribeShardingNetworkAddress'].sort(),
    );
  });
});

describe('an incomplete listing says why', () => {
  it('a refused listing leaves no instance and the refusal as the gap', async () => {
    sandbox.setWorld({ ...world, ram: { deny: [{ action: 'DescribeDBClusters' }] } });
    const listing = await listPolardbAddresses(clients, 'vpc-1');
    expect(listing).toMatchObject({ service: 'polardb', instances: [], gap: { reason: 'forbidden', code: 'Forbidden.RAM' } });
  });

  it('a failed detail read keeps the other instances and names the failed read', async () => {
    sandbox.setWorldFaults({ cloud: [{ action: 'DescribeShardingNetworkAddress', error: 'ServiceUnavailable' }], kubernetes: [], dns: [] });
    const listing = await listMongoAddresses(hastyClients, 'vpc-1', resolve);
    expect(listing).toMatchObject({ instances: [{ instanceId: 'dds-bp1reviews00001', addresses: ['10.0.4.40'] }], gap: { reason: 'error', resource: 'DescribeShardingNetworkAddress dds-bp1catalog00001' } });
  });

  it('a member name that does not resolve leaves that instance unread', async () => {
    const listing = await listMongoAddresses(clients, 'vpc-1', () => Promise.reject(new UpstreamError({ source: 'dns', reason: 'timeout', resource: 'DNS x', message: 'timed out' })));
    expect(listing).toMatchObject({ instances: [{ instanceId: 'dds-bp1catalog00001' }], gap: { source: 'dns', reason: 'timeout' } });
  });

  it(`more instances than ${MAX_DETAIL_READS} detail reads: those read, and the cap as the gap`, async () => {
    const many = Array.from({ length: MAX_DETAIL_READS + 2 }, (_, index) => ({ DBInstanceId: `rm-bp1many${index}`, VpcId: 'vpc-1', DBInstanceIPArrays: ipArrays, ...netInfo(`10.0.5.${index}`) }));
    sandbox.setWorld({ ...world, cloud: { ...world.cloud, rdsInstances: many } });
    const listing = await listRdsAddresses(clients, 'vpc-1');
    expect({ read: listing.instances.length, gap: listing.gap?.message }).toStrictEqual({ read: MAX_DETAIL_READS, gap: `${MAX_DETAIL_READS + 2} RDS instances, more than the ${MAX_DETAIL_READS} read: the others' addresses were not looked at.` });
  });
});
