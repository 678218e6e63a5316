/**
 * The adapters against the sandbox OpenAPI endpoint over real HTTP, with the real SDK
 * clients: results, pagination and the error mapping.
 */
import { createServer } from 'node:net';

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { UpstreamError } from '@/lib/errors';
import { startOpenApiServer, type OpenApiSandbox } from '@/lib/sandbox/openapi/server';
import { worldSchema, type World } from '@/lib/schemas/world';

import worldJson from './__fixtures__/world.json';
import { createCloudClients, type CloudClients } from './clients';
import {
  describeEips,
  describeNatGateways,
  describeNetworkAcls,
  describeNetworkInterfaces,
  describePortRangeLists,
  describePrefixLists,
  describeRdsWhitelist,
  describeRedisWhitelist,
  describeRouteTables,
  describeSecurityGroups,
  describeSlbAcls,
  describeSnatEntries,
  describeVSwitches,
  findLoadBalancerByAddress,
} from './index';

const world = worldSchema.parse(worldJson);
const key = { accessKeyId: 'LTAI5tSandboxAdapterTest', accessKeySecret: 'adapter-test-secret' };

let sandbox: OpenApiSandbox;
let clients: CloudClients;

function clientsFor(endpoint: string, options: { accessKeyId?: string; accessKeySecret?: string; timeoutMs?: number } = {}): CloudClients {
  return createCloudClients({
    region: 'cn-hangzhou',
    credentials: { accessKeyId: options.accessKeyId ?? key.accessKeyId, accessKeySecret: options.accessKeySecret ?? key.accessKeySecret },
    endpoints: { ecs: endpoint, vpc: endpoint, slb: endpoint, rds: endpoint, rKvstore: endpoint },
    timeoutMs: options.timeoutMs ?? 5000,
  });
}

/** A copy of the world with the cloud changed by `change`. */
function withCloud(change: (cloud: World['cloud']) => Partial<World['cloud']>): World {
  return { ...world, cloud: { ...world.cloud, ...change(world.cloud) } };
}

async function failure(promise: Promise<unknown>): Promise<UpstreamError> {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof UpstreamError)) throw new Error(`expected an UpstreamError, got ${String(error)}`);
  return error;
}

beforeAll(async () => {
  sandbox = await startOpenApiServer({ world, credentials: [key] });
  clients = clientsFor(sandbox.endpoint);
});

afterEach(() => {
  sandbox.setWorld(world);
  sandbox.setFaults({});
  sandbox.resetCalls();
});

afterAll(async () => {
  await sandbox.close();
});

describe('describeNetworkInterfaces', () => {
  const pod1 = {
    id: 'eni-bp1pod1',
    type: 'Secondary',
    status: 'InUse',
    instanceId: 'i-bp1node',
    vpcId: 'vpc-bp1demo',
    vSwitchId: 'vsw-bp1pods',
    zoneId: 'cn-hangzhou-h',
    primaryIp: '10.0.1.10',
    privateIps: ['10.0.1.10', '10.0.1.11', '10.0.1.12'],
    securityGroupIds: ['sg-bp1pods'],
    publicIp: null,
  };

  it.each([
    ['a secondary private IP', { privateIps: ['10.0.1.11'] }, [pod1]],
    ['the ENI id', { ids: ['eni-bp1pod1'] }, [pod1]],
    ['the primary IP, which a secondary IP does not match', { primaryIp: '10.0.1.11' }, []],
    ['an empty IP list matches nothing', { privateIps: [] }, []],
  ])('finds ENIs by %s', async (_name, filter, expected) => {
    expect(await describeNetworkInterfaces(clients, filter)).toStrictEqual(expected);
  });

  it('reports the public IP bound to the ENI', async () => {
    const [eni] = await describeNetworkInterfaces(clients, { primaryIp: '10.0.1.20' });
    expect(eni?.publicIp).toStrictEqual({ ip: '47.96.2.2', allocationId: 'eip-bp1pod' });
  });

  it('reads every page (1,200 ENIs at 500 per page)', async () => {
    const template = world.cloud.networkInterfaces[0];
    if (!template) throw new Error('fixture has an ENI');
    sandbox.setWorld(
      withCloud(() => ({
        networkInterfaces: Array.from({ length: 1200 }, (_, index) => ({
          ...template,
          NetworkInterfaceId: `eni-bp1many${index}`,
          PrivateIpAddress: `10.0.${10 + Math.floor(index / 200)}.${index % 200}`,
          PrivateIpSets: { PrivateIpSet: [] },
        })),
      })),
    );
    const enis = await describeNetworkInterfaces(clients, { vpcId: 'vpc-bp1demo' });
    expect(enis).toHaveLength(1200);
    expect(new Set(enis.map((eni) => eni.id)).size).toBe(1200);
    expect(sandbox.calls().map((call) => call.action)).toStrictEqual(Array(3).fill('DescribeNetworkInterfaces'));
  });
});

describe('describeVSwitches', () => {
  it('reads each vSwitch, empty ACL ids as null', async () => {
    expect(await describeVSwitches(clients, ['vsw-bp1pods', 'vsw-bp1nodes'])).toStrictEqual([
      {
        id: 'vsw-bp1pods',
        vpcId: 'vpc-bp1demo',
        zoneId: 'cn-hangzhou-h',
        cidrBlock: '10.0.1.0/24',
        networkAclId: 'nacl-bp1demo',
        routeTableId: 'vtb-bp1custom',
        routeTableType: 'Custom',
      },
      {
        id: 'vsw-bp1nodes',
        vpcId: 'vpc-bp1demo',
        zoneId: 'cn-hangzhou-i',
        cidrBlock: '10.0.2.0/24',
        networkAclId: null,
        routeTableId: 'vtb-bp1system',
        routeTableType: 'System',
      },
    ]);
  });
});

describe('describeSecurityGroups', () => {
  it('joins type and rules, reading all groups in one round', async () => {
    // Latency makes a sequential read visible: every call must arrive before the first answer.
    sandbox.setFaults({ latencyMs: 150 });
    const groups = await describeSecurityGroups(clients, ['sg-bp1pods', 'sg-bp1enterprise']);
    expect(groups).toStrictEqual([
      {
        id: 'sg-bp1pods',
        name: 'pods',
        vpcId: 'vpc-bp1demo',
        type: 'normal',
        innerAccessPolicy: 'Accept',
        rules: [
          {
            id: 'sgr-bp1smtp',
            direction: 'egress',
            policy: 'drop',
            priority: 1,
            protocol: 'tcp',
            portRange: { from: 25, to: 25 },
            portRangeListId: null,
            remote: { kind: 'cidr', cidr: '0.0.0.0/0' },
            description: 'no mail',
          },
          {
            id: 'sgr-bp1all',
            direction: 'egress',
            policy: 'accept',
            priority: 100,
            protocol: 'all',
            portRange: null,
            portRangeListId: null,
            remote: { kind: 'cidr', cidr: '0.0.0.0/0' },
            description: '',
          },
          {
            id: 'sgr-bp1https',
            direction: 'ingress',
            policy: 'accept',
            priority: 10,
            protocol: 'tcp',
            portRange: { from: 443, to: 443 },
            portRangeListId: null,
            remote: { kind: 'securityGroup', groupId: 'sg-bp1enterprise' },
            description: '',
          },
        ],
      },
      {
        id: 'sg-bp1enterprise',
        name: 'locked-down',
        vpcId: 'vpc-bp1demo',
        type: 'enterprise',
        innerAccessPolicy: 'Drop',
        rules: [
          {
            id: 'sgr-bp1pl',
            direction: 'egress',
            policy: 'accept',
            priority: 5,
            protocol: 'tcp',
            portRange: { from: 8000, to: 8080 },
            portRangeListId: null,
            remote: { kind: 'prefixList', prefixListId: 'pl-bp1partners' },
            description: '',
          },
        ],
      },
    ]);
    const calls = sandbox.calls();
    expect(calls.map((call) => call.action).sort()).toStrictEqual([
      'DescribeSecurityGroupAttribute',
      'DescribeSecurityGroupAttribute',
      'DescribeSecurityGroups',
    ]);
    const firstEnd = Math.min(...calls.map((call) => call.endedAt));
    expect(calls.every((call) => call.startedAt <= firstEnd)).toBe(true);
  });
});

describe('describeNetworkAcls', () => {
  it('keeps entries in the returned (priority) order, with their descriptions', async () => {
    expect(await describeNetworkAcls(clients, ['nacl-bp1demo'])).toStrictEqual([
      {
        id: 'nacl-bp1demo',
        name: 'pods',
        vpcId: 'vpc-bp1demo',
        status: 'Available',
        vSwitchIds: ['vsw-bp1pods'],
        ingress: [
          { id: 'nae-bp1in1', name: 'return', entryType: 'custom', policy: 'accept', protocol: 'tcp', portRange: { from: 1024, to: 65535 }, cidr: '0.0.0.0/0', description: '' },
        ],
        egress: [
          {
            id: 'nae-bp1out1',
            name: 'deny-db',
            entryType: 'custom',
            policy: 'drop',
            protocol: 'tcp',
            portRange: { from: 3306, to: 3306 },
            cidr: '10.0.3.0/24',
            description: 'DB-118: applications reach the database through the pooler',
          },
          { id: 'nae-bp1out2', name: 'all', entryType: 'custom', policy: 'accept', protocol: 'all', portRange: null, cidr: '0.0.0.0/0', description: '' },
        ],
      },
    ]);
  });
});

describe('describeRouteTables', () => {
  it('joins the table with its entries', async () => {
    expect(await describeRouteTables(clients, ['vtb-bp1custom'])).toStrictEqual([
      {
        id: 'vtb-bp1custom',
        type: 'Custom',
        vpcId: 'vpc-bp1demo',
        vSwitchIds: ['vsw-bp1pods'],
        entries: [
          { id: 'rte-bp1local', destinationCidr: '10.0.1.0/24', type: 'System', status: 'Available', nextHops: [{ type: 'local', id: '' }] },
          {
            id: 'rte-bp1default',
            destinationCidr: '0.0.0.0/0',
            type: 'Custom',
            status: 'Available',
            nextHops: [{ type: 'NatGateway', id: 'ngw-bp1demo' }],
          },
        ],
      },
    ]);
  });

  it('reads every page of entries (250 at 100 per page)', async () => {
    sandbox.setWorld(
      withCloud(() => ({
        routeEntries: Array.from({ length: 250 }, (_, index) => ({
          RouteEntryId: `rte-bp1many${index}`,
          RouteTableId: 'vtb-bp1custom',
          DestinationCidrBlock: `192.168.${index}.0/24`,
          Type: 'Custom',
          NextHops: { NextHop: [{ NextHopType: 'Instance', NextHopId: 'i-bp1node' }] },
        })),
      })),
    );
    const [table] = await describeRouteTables(clients, ['vtb-bp1custom']);
    expect(table?.entries).toHaveLength(250);
    expect(sandbox.calls().filter((call) => call.action === 'DescribeRouteEntryList')).toHaveLength(3);
  });
});

describe('NAT gateways, SNAT entries and EIPs', () => {
  it('reads the NAT gateways of a VPC', async () => {
    expect(await describeNatGateways(clients, 'vpc-bp1demo')).toStrictEqual([
      {
        id: 'ngw-bp1demo',
        name: 'egress',
        vpcId: 'vpc-bp1demo',
        networkType: 'internet',
        status: 'Available',
        businessStatus: 'Normal',
        snatTableIds: ['stb-bp1demo'],
        ipAddresses: [{ ip: '47.96.1.1', allocationId: 'eip-bp1nat' }],
      },
    ]);
  });

  it('reads SNAT entries with their EIP lists', async () => {
    expect(await describeSnatEntries(clients, ['ngw-bp1demo'])).toStrictEqual([
      {
        id: 'snat-bp1pods',
        name: 'pods',
        snatTableId: 'stb-bp1demo',
        natGatewayId: 'ngw-bp1demo',
        sourceVSwitchId: 'vsw-bp1pods',
        sourceCidr: '10.0.1.0/24',
        snatIps: ['47.96.1.1', '47.96.1.2'],
        status: 'Available',
      },
    ]);
  });

  it('reads every page of SNAT entries (120 at 50 per page)', async () => {
    sandbox.setWorld(
      withCloud(() => ({
        snatEntries: Array.from({ length: 120 }, (_, index) => ({
          SnatEntryId: `snat-bp1many${index}`,
          SnatTableId: 'stb-bp1demo',
          NatGatewayId: 'ngw-bp1demo',
          SnatIp: '47.96.1.1',
          SourceCIDR: `10.1.${index}.0/24`,
        })),
      })),
    );
    expect(await describeSnatEntries(clients, ['ngw-bp1demo'])).toHaveLength(120);
    expect(sandbox.calls()).toHaveLength(3);
  });

  it('reads EIPs by address and allocation id, with locks', async () => {
    const eips = await describeEips(clients, { ips: ['47.96.2.2'], allocationIds: ['eip-bp1nat'] });
    expect(eips).toStrictEqual([
      {
        allocationId: 'eip-bp1pod',
        ip: '47.96.2.2',
        status: 'InUse',
        instanceId: 'eni-bp1pod2',
        instanceType: 'NetworkInterface',
        privateIp: '10.0.1.20',
        businessStatus: 'FinancialLocked',
        locks: ['financial'],
      },
      {
        allocationId: 'eip-bp1nat',
        ip: '47.96.1.1',
        status: 'InUse',
        instanceId: 'ngw-bp1demo',
        instanceType: 'Nat',
        privateIp: null,
        businessStatus: 'Normal',
        locks: [],
      },
    ]);
  });
});

describe('SLB', () => {
  it('finds the load balancer of an address with its listeners', async () => {
    expect(await findLoadBalancerByAddress(clients, '10.0.2.100')).toStrictEqual({
      id: 'lb-bp1demo',
      name: 'ingress',
      address: '10.0.2.100',
      addressType: 'intranet',
      vpcId: 'vpc-bp1demo',
      vSwitchId: 'vsw-bp1nodes',
      status: 'active',
      listeners: [
        { port: 443, protocol: 'tcp', status: 'running', aclStatus: 'on', aclType: 'white', aclIds: ['acl-bp1demo'] },
        { port: 80, protocol: 'http', status: 'stopped', aclStatus: 'off', aclType: null, aclIds: [] },
      ],
    });
  });

  it('returns null for an address no load balancer has', async () => {
    expect(await findLoadBalancerByAddress(clients, '10.9.9.9')).toBeNull();
  });

  it('reads access control lists', async () => {
    expect(await describeSlbAcls(clients, ['acl-bp1demo'])).toStrictEqual([
      {
        id: 'acl-bp1demo',
        name: 'office',
        entries: [
          { cidr: '10.0.1.0/24', comment: 'pods' },
          { cidr: '47.96.1.1/32', comment: '' },
        ],
      },
    ]);
  });
});

describe('whitelists', () => {
  it('reads the RDS whitelist groups, split on commas', async () => {
    expect(await describeRdsWhitelist(clients, 'rm-bp1demo')).toStrictEqual({
      service: 'rds',
      instanceId: 'rm-bp1demo',
      groups: [
        { name: 'default', attribute: '', entries: ['127.0.0.1'], networkType: null },
        { name: 'pods', attribute: '', entries: ['10.0.1.0/24', '10.0.2.15'], networkType: null },
        { name: 'ali_dms_group', attribute: 'hidden', entries: ['100.104.175.0/24'], networkType: null },
      ],
      securityGroups: { kind: 'ok', value: [] },
      templates: { kind: 'ok', value: [] },
    });
  });

  it('reads the Redis whitelist groups', async () => {
    expect(await describeRedisWhitelist(clients, 'r-bp1demo')).toStrictEqual({
      service: 'redis',
      instanceId: 'r-bp1demo',
      groups: [
        { name: 'default', attribute: '', entries: ['127.0.0.1'], networkType: null },
        { name: 'pods', attribute: '', entries: ['10.0.1.0/24'], networkType: null },
      ],
      securityGroups: { kind: 'ok', value: [] },
    });
  });
});

describe('prefix lists and port lists', () => {
  const withLists = (): World => ({
    ...withCloud(() => ({
      prefixLists: [
        {
          PrefixListId: 'pl-bp1denylist',
          PrefixListName: 'sec-egress-denylist',
          AddressFamily: 'IPv4',
          Entries: { Entry: [{ Cidr: '198.51.100.160/27', Description: 'retired gateway' }, { Cidr: '203.0.113.20/32' }] },
        },
        { PrefixListId: 'pl-bp1v6', AddressFamily: 'IPv6', Entries: { Entry: [{ Cidr: '2001:db8::/32', Description: 'docs' }] } },
      ],
      portRangeLists: [{ PortRangeListId: 'prl-bp1web', PortRangeListName: 'web', Entries: [{ PortRange: '80/80', Description: 'http' }, { PortRange: '8000/8999' }] }],
    })),
    ram: { deny: [{ action: 'DescribePrefixListAttributes', resource: 'pl-bp1v6' }] },
  });

  it('reads each prefix list with its entries, once per id', async () => {
    sandbox.setWorld(withLists());
    await expect(describePrefixLists(clients, ['pl-bp1denylist', 'pl-bp1denylist'])).resolves.toStrictEqual([
      {
        id: 'pl-bp1denylist',
        name: 'sec-egress-denylist',
        addressFamily: 'IPv4',
        entries: [
          { cidr: '198.51.100.160/27', description: 'retired gateway' },
          { cidr: '203.0.113.20/32', description: '' },
        ],
      },
    ]);
    expect(sandbox.calls().map((call) => call.action)).toStrictEqual(['DescribePrefixListAttributes']);
  });

  it('reads port list entries as port ranges', async () => {
    sandbox.setWorld(withLists());
    await expect(describePortRangeLists(clients, ['prl-bp1web'])).resolves.toStrictEqual([
      { id: 'prl-bp1web', entries: [{ portRange: { from: 80, to: 80 }, description: 'http' }, { portRange: { from: 8000, to: 8999 }, description: '' }] },
    ]);
  });

  it.each([
    { name: 'a forbidden prefix list is forbidden', read: () => describePrefixLists(clients, ['pl-bp1denylist', 'pl-bp1v6']), expected: { reason: 'forbidden', code: 'Forbidden.RAM', resource: 'DescribePrefixListAttributes pl-bp1v6' } },
    { name: 'a missing prefix list is notFound (404)', read: () => describePrefixLists(clients, ['pl-bp1gone']), expected: { reason: 'notFound', code: 'InvalidPrefixListId.NotFound', resource: 'DescribePrefixListAttributes pl-bp1gone' } },
    { name: 'a missing port list is notFound (400)', read: () => describePortRangeLists(clients, ['prl-bp1gone']), expected: { reason: 'notFound', code: 'InvalidPortRangeListId.NotFound', resource: 'DescribePortRangeListEntries prl-bp1gone' } },
  ])('$name, naming the action and the list', async ({ read, expected }) => {
    sandbox.setWorld(withLists());
    const error = await failure(read());
    expect(error.toFactError()).toMatchObject({ source: 'alicloud', retryable: false, ...expected });
  });
});

describe('error mapping', () => {
  it.each([
    ['an unknown access key', { accessKeyId: 'LTAI5tUnknownKey' }, 'InvalidAccessKeyId.NotFound', 404],
    ['a wrong secret', { accessKeySecret: 'wrong-secret' }, 'SignatureDoesNotMatch', 400],
  ])('rejects %s as unauthorized', async (_name, override, code, status) => {
    const error = await failure(describeVSwitches(clientsFor(sandbox.endpoint, override), ['vsw-bp1pods']));
    expect({ reason: error.reason, code: error.code, status: error.status, retryable: error.retryable }).toStrictEqual({
      reason: 'unauthorized',
      code,
      status,
      retryable: false,
    });
    expect(error.message).not.toContain('wrong-secret');
    expect(error.message).not.toContain(key.accessKeySecret);
    expect(error.message).not.toContain('LTAI5tUnknownKey');
  });

  it('maps a RAM deny to forbidden, keeping the RequestId', async () => {
    const error = await failure(describeSecurityGroups(clients, ['sg-bp1denied']));
    expect({ reason: error.reason, code: error.code, status: error.status, resource: error.resource }).toStrictEqual({
      reason: 'forbidden',
      code: 'Forbidden.RAM',
      status: 403,
      resource: 'DescribeSecurityGroupAttribute sg-bp1denied',
    });
    const requestId = sandbox.calls().find((call) => call.code === 'Forbidden.RAM');
    expect(requestId).toBeDefined();
    expect(error.message).toMatch(/RequestId [0-9A-F-]{36}|request id: [0-9A-F-]{36}/);
    expect(error.cause).toBeDefined();
  });

  it.each([
    ['vSwitch', () => describeVSwitches(clients, ['vsw-bp1missing']), 'InvalidVSwitchId.NotFound'],
    ['security group', () => describeSecurityGroups(clients, ['sg-bp1missing']), 'InvalidSecurityGroupId.NotFound'],
    ['route table', () => describeRouteTables(clients, ['vtb-bp1missing']), 'InvalidRouteTableId.NotFound'],
    ['RDS instance', () => describeRdsWhitelist(clients, 'rm-bp1missing'), 'InvalidDBInstanceId.NotFound'],
    ['Redis instance', () => describeRedisWhitelist(clients, 'r-bp1missing'), 'InvalidInstanceId.NotFound'],
    ['SLB ACL', () => describeSlbAcls(clients, ['acl-bp1missing']), 'AclNotExist'],
  ])('maps an unknown %s to notFound', async (_name, read, code) => {
    const error = await failure(read());
    expect({ reason: error.reason, code: error.code, retryable: error.retryable }).toStrictEqual({ reason: 'notFound', code, retryable: false });
  });

  it('maps Throttling.User to throttled (retryable)', async () => {
    sandbox.setFaults({ errorRate: 1, errorCode: 'Throttling.User' });
    const error = await failure(describeNatGateways(clients, 'vpc-bp1demo'));
    expect({ reason: error.reason, code: error.code, status: error.status, retryable: error.retryable }).toStrictEqual({
      reason: 'throttled',
      code: 'Throttling.User',
      status: 400,
      retryable: true,
    });
  });

  it('maps 503 ServiceUnavailable to error (retryable)', async () => {
    sandbox.setFaults({ errorRate: 1, errorCode: 'ServiceUnavailable', actions: ['DescribeLoadBalancers'] });
    const error = await failure(findLoadBalancerByAddress(clients, '10.0.2.100'));
    expect({ reason: error.reason, code: error.code, status: error.status, retryable: error.retryable }).toStrictEqual({
      reason: 'error',
      code: 'ServiceUnavailable',
      status: 503,
      retryable: true,
    });
  });

  it('maps an answer slower than the client timeout to timeout', async () => {
    sandbox.setFaults({ latencyMs: 1500 });
    const error = await failure(describeVSwitches(clientsFor(sandbox.endpoint, { timeoutMs: 300 }), ['vsw-bp1pods']));
    expect({ reason: error.reason, retryable: error.retryable }).toStrictEqual({ reason: 'timeout', retryable: true });
  });

  it('maps a closed port to unreachable', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const address = probe.address();
        probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });
    const error = await failure(describeRdsWhitelist(clientsFor(`http://127.0.0.1:${port}`), 'rm-bp1demo'));
    expect({ reason: error.reason, code: error.code, retryable: error.retryable }).toStrictEqual({
      reason: 'unreachable',
      code: 'ECONNREFUSED',
      retryable: true,
    });
  });
});
