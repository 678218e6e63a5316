/** The sandbox OpenAPI endpoint driven by the real SDK clients (both signature styles). */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import * as ecs from '@alicloud/ecs20140526';
import OpenApi, { $OpenApiUtil, OpenApiUtil } from '@alicloud/openapi-core';
import * as rKvstore from '@alicloud/r-kvstore20150101';
import * as vpc from '@alicloud/vpc20160428';
import { RuntimeOptions } from '@darabonba/typescript';

import { worldSchema } from '@/lib/schemas/world';

import worldJson from '../../alicloud/__fixtures__/world.json';
import { startOpenApiServer, type OpenApiSandbox } from './server';

const world = worldSchema.parse(worldJson);
const key = { accessKeyId: 'LTAI5tSandboxServerTest', accessKeySecret: 'server-test-secret' };

let sandbox: OpenApiSandbox;

function config(extra: { signatureAlgorithm?: string; regionId?: string } = {}): $OpenApiUtil.Config {
  const { host } = new URL(sandbox.endpoint);
  return new $OpenApiUtil.Config({ ...key, endpoint: host, protocol: 'http', regionId: 'cn-hangzhou', ...extra });
}

/** Calls any action generically and returns the raw body or the error's code and status. */
async function call(action: string, version: string, query: Record<string, unknown>, signatureAlgorithm?: string, readTimeout?: number): Promise<unknown> {
  const client = new OpenApi(config(signatureAlgorithm ? { signatureAlgorithm } : {}));
  const params = new $OpenApiUtil.Params({
    action,
    version,
    protocol: 'HTTP',
    pathname: '/',
    method: 'POST',
    authType: 'AK',
    style: 'RPC',
    reqBodyType: 'formData',
    bodyType: 'json',
  });
  const request = new $OpenApiUtil.OpenApiRequest({ query: OpenApiUtil.query(query) });
  try {
    const response = await client.callApi(params, request, new RuntimeOptions(readTimeout === undefined ? {} : { readTimeout }));
    const body: unknown = response['body'];
    return body;
  } catch (error) {
    const record: object = typeof error === 'object' && error !== null ? error : {};
    const name = 'name' in record && record.name === 'RequestTimeoutError' ? { name: record.name } : {};
    return { code: 'code' in record ? record.code : undefined, statusCode: 'statusCode' in record ? record.statusCode : undefined, ...name };
  }
}

beforeAll(async () => {
  sandbox = await startOpenApiServer({ world, credentials: [key] });
});

afterEach(() => {
  sandbox.setWorld(world);
  sandbox.setFaults({});
  sandbox.resetCalls();
});

afterAll(async () => {
  await sandbox.close();
});

describe('signatures', () => {
  it('accepts the SDK default ACS3-HMAC-SHA256 and the older RPC v2 form', async () => {
    const acs3 = await new vpc.default(config()).describeVSwitchAttributes(
      new vpc.DescribeVSwitchAttributesRequest({ regionId: 'cn-hangzhou', vSwitchId: 'vsw-bp1pods' }),
    );
    const v2 = await new vpc.default(config({ signatureAlgorithm: 'v2' })).describeVSwitchAttributes(
      new vpc.DescribeVSwitchAttributesRequest({ regionId: 'cn-hangzhou', vSwitchId: 'vsw-bp1pods' }),
    );
    expect([acs3.body?.cidrBlock, v2.body?.cidrBlock]).toStrictEqual(['10.0.1.0/24', '10.0.1.0/24']);
  });

  it('rejects a wrong secret in the RPC v2 form', async () => {
    const client = new OpenApi(new $OpenApiUtil.Config({ ...config({ signatureAlgorithm: 'v2' }), accessKeySecret: 'nope' }));
    const params = new $OpenApiUtil.Params({
      action: 'DescribeVpcs', version: '2016-04-28', protocol: 'HTTP', pathname: '/', method: 'POST',
      authType: 'AK', style: 'RPC', reqBodyType: 'formData', bodyType: 'json',
    });
    await expect(
      client.callApi(params, new $OpenApiUtil.OpenApiRequest({ query: { RegionId: 'cn-hangzhou' } }), new RuntimeOptions({})),
    ).rejects.toMatchObject({ code: 'SignatureDoesNotMatch', statusCode: 400 });
  });
});

describe('routing and validation', () => {
  it('routes DescribeInstances on the version (ECS vs R-KVStore)', async () => {
    const ecsBody = await new ecs.default(config()).describeInstances(new ecs.DescribeInstancesRequest({ regionId: 'cn-hangzhou' }));
    const redisBody = await new rKvstore.default(config()).describeInstances(new rKvstore.DescribeInstancesRequest({ regionId: 'cn-hangzhou' }));
    expect(ecsBody.body?.instances?.instance?.map((instance) => instance.instanceId)).toStrictEqual(['i-bp1node']);
    expect(redisBody.body?.instances?.KVStoreInstance?.map((instance) => instance.instanceId)).toStrictEqual(['r-bp1demo']);
  });

  it.each([
    ['an unknown action', 'DescribeEverything', '2016-04-28', { RegionId: 'cn-hangzhou' }, 'InvalidAction.NotFound', 404],
    ['an action of another version', 'DescribeVpcs', '2014-05-26', { RegionId: 'cn-hangzhou' }, 'InvalidAction.NotFound', 404],
    ['a missing RegionId', 'DescribeVpcs', '2016-04-28', {}, 'MissingParameter', 400],
    ['a missing RouteTableId', 'DescribeRouteEntryList', '2016-04-28', { RegionId: 'cn-hangzhou' }, 'MissingParameter', 400],
    ['neither SnatTableId nor NatGatewayId', 'DescribeSnatTableEntries', '2016-04-28', { RegionId: 'cn-hangzhou' }, 'MissingParameter', 400],
    ['a PageSize over the limit', 'DescribeSnatTableEntries', '2016-04-28', { RegionId: 'cn-hangzhou', NatGatewayId: 'ngw-bp1demo', PageSize: 51 }, 'InvalidParameter', 400],
    ['an unknown load balancer', 'DescribeLoadBalancerListeners', '2014-05-15', { RegionId: 'cn-hangzhou', LoadBalancerId: ['lb-x'] }, 'InvalidLoadBalancerId.NotFound', 404],
    ['a denied action without a resource', 'DescribeVpcs', '2016-04-28', { RegionId: 'cn-hangzhou', VpcId: 'vpc-bp1demo' }, 'Forbidden.RAM', 403],
  ])('answers %s with its error code', async (name, action, version, query, code, statusCode) => {
    if (name.startsWith('a denied')) sandbox.setWorld({ ...world, ram: { deny: [{ action: 'DescribeVpcs' }] } });
    expect(await call(action, version, query)).toStrictEqual({ code, statusCode });
  });

  it('answers with an empty list for another region', async () => {
    expect(await call('DescribeVpcs', '2016-04-28', { RegionId: 'us-west-1' })).toMatchObject({ TotalCount: 0, Vpcs: { Vpc: [] } });
  });
});

describe('response shapes', () => {
  it('strips world-only joins from list actions', async () => {
    const balancers = await call('DescribeLoadBalancers', '2014-05-15', { RegionId: 'cn-hangzhou' });
    const rds = await call('DescribeDBInstances', '2014-08-15', { RegionId: 'cn-hangzhou' });
    const groups = await call('DescribeSecurityGroups', '2014-05-26', { RegionId: 'cn-hangzhou' });
    expect(JSON.stringify([balancers, rds, groups])).not.toMatch(/"(Listeners|DBInstanceIPArrays|Permissions)"/);
    expect(balancers).toMatchObject({ TotalCount: 1, PageNumber: 1, LoadBalancers: { LoadBalancer: [{ LoadBalancerId: 'lb-bp1demo' }] } });
  });

  it('lists listeners as a bare array with their load balancer id', async () => {
    expect(await call('DescribeLoadBalancerListeners', '2014-05-15', { RegionId: 'cn-hangzhou', LoadBalancerId: ['lb-bp1demo'] })).toMatchObject({
      NextToken: '',
      TotalCount: 2,
      Listeners: [{ LoadBalancerId: 'lb-bp1demo', ListenerPort: 443, AclStatus: 'on' }, { ListenerPort: 80 }],
    });
  });

  it('filters ENIs by secondary private IP and security group', async () => {
    const body = await call('DescribeNetworkInterfaces', '2014-05-26', {
      RegionId: 'cn-hangzhou',
      PrivateIpAddress: ['10.0.1.12', '10.0.1.20'],
      SecurityGroupId: 'sg-bp1enterprise',
    });
    expect(body).toMatchObject({ NetworkInterfaceSets: { NetworkInterfaceSet: [{ NetworkInterfaceId: 'eni-bp1pod2' }] } });
  });

  it('filters security group rules by direction', async () => {
    const body = await call('DescribeSecurityGroupAttribute', '2014-05-26', { RegionId: 'cn-hangzhou', SecurityGroupId: 'sg-bp1pods', Direction: 'ingress' });
    expect(body).toMatchObject({ InnerAccessPolicy: 'Accept', Permissions: { Permission: [{ SecurityGroupRuleId: 'sgr-bp1https' }] } });
  });
});

describe('faults and call records', () => {
  async function outcomes(): Promise<unknown[]> {
    const results: unknown[] = [];
    for (let index = 0; index < 12; index += 1) results.push(await call('DescribeVpcs', '2016-04-28', { RegionId: 'cn-hangzhou' }));
    return results.map((result) => (typeof result === 'object' && result !== null && 'code' in result ? 'fail' : 'ok'));
  }

  it('fails the same calls for the same seed', async () => {
    sandbox.setFaults({ errorRate: 0.5, errorCode: 'InternalError', seed: 7 });
    const first = await outcomes();
    sandbox.setFaults({ errorRate: 0.5, errorCode: 'InternalError', seed: 7 });
    const second = await outcomes();
    expect(second).toStrictEqual(first);
    expect(first).toContain('ok');
    expect(first).toContain('fail');
  });

  it('limits faults to the listed actions and records every call', async () => {
    sandbox.setFaults({ errorRate: 1, errorCode: 'ServiceUnavailable', actions: ['DescribeVpcs'] });
    await call('DescribeVpcs', '2016-04-28', { RegionId: 'cn-hangzhou' });
    await call('DescribeVSwitches', '2016-04-28', { RegionId: 'cn-hangzhou' });
    const calls = sandbox.calls();
    expect(calls.map(({ action, version, status, code }) => ({ action, version, status, code }))).toStrictEqual([
      { action: 'DescribeVpcs', version: '2016-04-28', status: 503, code: 'ServiceUnavailable' },
      { action: 'DescribeVSwitches', version: '2016-04-28', status: 200, code: undefined },
    ]);
    expect(calls.every((record) => record.endedAt >= record.startedAt)).toBe(true);
  });
});

describe('world faults (faults.cloud)', () => {
  const listeners = (id: string) => call('DescribeLoadBalancerListeners', '2014-05-15', { RegionId: 'cn-hangzhou', LoadBalancerId: id });

  it.each([
    { error: 'Throttling.User', status: undefined, expected: { code: 'Throttling.User', statusCode: 400 } },
    { error: 'ServiceUnavailable', status: undefined, expected: { code: 'ServiceUnavailable', statusCode: 503 } },
    { error: 'InternalError', status: undefined, expected: { code: 'InternalError', statusCode: 500 } },
    { error: 'Forbidden.RAM', status: undefined, expected: { code: 'Forbidden.RAM', statusCode: 403 } },
    { error: 'Throttling.User', status: 429, expected: { code: 'Throttling.User', statusCode: 429 } },
    { error: 'IncorrectLoadBalancerStatus', status: undefined, expected: { code: 'IncorrectLoadBalancerStatus', statusCode: 500 } },
  ])('answers $error (status $status) with HTTP $expected.statusCode', async ({ error, status, expected }) => {
    sandbox.setWorldFaults({ cloud: [{ action: 'DescribeLoadBalancerListeners', error, ...(status === undefined ? {} : { status }) }], kubernetes: [], dns: [] });
    expect(await listeners('lb-bp1demo')).toStrictEqual(expected);
  });

  it('scopes a fault to one resource id or address, and counts `times`', async () => {
    sandbox.setWorldFaults({
      cloud: [
        { action: 'DescribeLoadBalancerListeners', resource: 'lb-other', error: 'Forbidden.RAM' },
        { action: 'DescribeLoadBalancers', resource: '10.0.2.100', error: 'ServiceUnavailable', times: 2 },
      ],
      kubernetes: [],
      dns: [],
    });
    expect(await listeners('lb-bp1demo')).toMatchObject({ Listeners: expect.arrayContaining([expect.objectContaining({ LoadBalancerId: 'lb-bp1demo' })]) });
    expect(await listeners('lb-other')).toStrictEqual({ code: 'Forbidden.RAM', statusCode: 403 });
    const byAddress = () => call('DescribeLoadBalancers', '2014-05-15', { RegionId: 'cn-hangzhou', Address: '10.0.2.100' });
    expect(await byAddress()).toStrictEqual({ code: 'ServiceUnavailable', statusCode: 503 });
    expect(await byAddress()).toStrictEqual({ code: 'ServiceUnavailable', statusCode: 503 });
    expect(await byAddress()).toMatchObject({ TotalCount: 1 });
    expect(sandbox.calls().map(({ action, status, targets }) => ({ action, status, targets }))).toStrictEqual([
      { action: 'DescribeLoadBalancerListeners', status: 200, targets: ['lb-bp1demo'] },
      { action: 'DescribeLoadBalancerListeners', status: 403, targets: ['lb-other'] },
      { action: 'DescribeLoadBalancers', status: 503, targets: ['10.0.2.100'] },
      { action: 'DescribeLoadBalancers', status: 503, targets: ['10.0.2.100'] },
      { action: 'DescribeLoadBalancers', status: 200, targets: ['10.0.2.100'] },
    ]);
  });

  it('cuts the connection for `reset` and never answers for `timeout`', async () => {
    sandbox.setWorldFaults({ cloud: [{ action: 'DescribeVpcs', error: 'reset' }, { action: 'DescribeVSwitches', error: 'timeout' }], kubernetes: [], dns: [] });
    expect(await call('DescribeVpcs', '2016-04-28', { RegionId: 'cn-hangzhou' })).toMatchObject({ code: expect.stringMatching(/ECONNRESET|ECONNABORTED|EPIPE/) });
    expect(await call('DescribeVSwitches', '2016-04-28', { RegionId: 'cn-hangzhou' }, undefined, 200)).toMatchObject({ name: 'RequestTimeoutError' });
  });

  it('reads faults from the world itself, and forgets runtime ones on setWorld', async () => {
    sandbox.setWorld({ ...world, faults: { cloud: [{ action: 'DescribeVpcs', error: 'Throttling.User' }], kubernetes: [], dns: [] } });
    expect(await call('DescribeVpcs', '2016-04-28', { RegionId: 'cn-hangzhou' })).toStrictEqual({ code: 'Throttling.User', statusCode: 400 });
    sandbox.setWorld(world);
    expect(await call('DescribeVpcs', '2016-04-28', { RegionId: 'cn-hangzhou' })).toMatchObject({ TotalCount: expect.any(Number) });
  });
});
