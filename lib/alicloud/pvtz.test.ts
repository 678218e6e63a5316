/**
 * The PrivateZone adapter against the sandbox OpenAPI endpoint over real HTTP (generic
 * signed RPC calls): zones covering the names, their bindings, records and recursion, the
 * forwarding rules, paging, and the error mapping.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { UpstreamError } from '@/lib/errors';
import { startOpenApiServer, type OpenApiSandbox } from '@/lib/sandbox/openapi/server';
import { worldSchema, type World } from '@/lib/schemas/world';

import { createCloudClients, type CloudClients } from './clients';
import { describePrivateZoneFacts } from './pvtz';

const key = { accessKeyId: 'LTAI5tSandboxPvtzTest', accessKeySecret: 'pvtz-test-secret' };
const vpc = (VpcId: string) => ({ VpcId, RegionId: 'cn-hangzhou' });
/** Enough filler zones that DescribeZones needs two pages of 100. */
const filler = Array.from({ length: 120 }, (_, index) => ({ ZoneId: `zone-filler-${index}`, ZoneName: `filler${index}.internal`, BindVpcs: { Vpc: [vpc('vpc-pod')] } }));

const world: World = worldSchema.parse({
  version: 1,
  name: 'pvtz-test',
  clusters: [{ name: 'c1', kind: 'acs', networkMode: 'vpc', region: 'cn-hangzhou', vpcId: 'vpc-pod', objects: [] }],
  cloud: {
    regionId: 'cn-hangzhou',
    privateZones: [
      ...filler,
      {
        ZoneId: 'zone-corp',
        ZoneName: 'corp.internal',
        ProxyPattern: 'RECORD',
        BindVpcs: { Vpc: [vpc('vpc-pod'), vpc('vpc-other')] },
        Records: [
          { RecordId: 11, Rr: 'api', Type: 'A', Value: '10.0.0.5', Ttl: 30, Status: 'ENABLE' },
          { RecordId: 12, Rr: 'old', Type: 'A', Value: '10.0.0.6', Status: 'DISABLE' },
        ],
      },
      { ZoneId: 'zone-unrelated', ZoneName: 'unrelated.example', BindVpcs: { Vpc: [vpc('vpc-pod')] } },
    ],
    resolverRules: [
      { Id: 'hr-idc', Name: 'to-idc', ZoneName: 'idc.corp.internal', ForwardIps: [{ Ip: '172.16.0.53', Port: 53 }], BindVpcs: [vpc('vpc-pod')] },
      { Id: 'hr-other', Name: 'other', ZoneName: 'elsewhere.example', ForwardIps: [{ Ip: '172.16.0.54', Port: 53 }] },
    ],
  },
  ram: { deny: [{ action: 'DescribeZoneRecords', resource: 'zone-denied' }] },
});

let sandbox: OpenApiSandbox;
let clients: CloudClients;

beforeAll(async () => {
  sandbox = await startOpenApiServer({ world, credentials: [key] });
  clients = createCloudClients({ region: 'cn-hangzhou', credentials: key, endpoints: { pvtz: sandbox.endpoint }, timeoutMs: 5000 });
});
afterEach(() => {
  sandbox.setWorld(world);
  sandbox.setFaults({});
  sandbox.resetCalls();
});
afterAll(() => sandbox.close());

describe('describePrivateZoneFacts', () => {
  it('reads the zones and rules covering the names, with bindings, recursion and every record', async () => {
    const facts = await describePrivateZoneFacts(clients, { vpcId: 'vpc-pod', names: ['api.corp.internal', 'db.idc.corp.internal'] });
    expect(facts).toStrictEqual({
      vpcId: 'vpc-pod',
      regionId: 'cn-hangzhou',
      zones: [
        {
          id: 'zone-corp',
          name: 'corp.internal',
          proxyPattern: 'RECORD',
          vpcs: [{ vpcId: 'vpc-pod', regionId: 'cn-hangzhou' }, { vpcId: 'vpc-other', regionId: 'cn-hangzhou' }],
          records: [
            { id: 11, rr: 'api', type: 'A', value: '10.0.0.5', ttl: 30, enabled: true },
            { id: 12, rr: 'old', type: 'A', value: '10.0.0.6', ttl: 60, enabled: false },
          ],
        },
      ],
      rules: [{ id: 'hr-idc', name: 'to-idc', zoneName: 'idc.corp.internal', forwardIps: [{ ip: '172.16.0.53', port: 53 }], vpcIds: ['vpc-pod'] }],
    });
    const calls = sandbox.calls().map((call) => call.action);
    expect(calls.filter((action) => action === 'DescribeZones')).toHaveLength(2);
    expect(calls.filter((action) => action === 'DescribeZoneInfo')).toHaveLength(1);
  });

  it('maps a RAM deny on a zone read to a forbidden UpstreamError naming the action', async () => {
    sandbox.setWorld({ ...world, cloud: { ...world.cloud, privateZones: [{ ZoneId: 'zone-denied', ZoneName: 'denied.internal', ProxyPattern: 'ZONE', BindVpcs: { Vpc: [] }, Records: [] }] } });
    const error: unknown = await describePrivateZoneFacts(clients, { vpcId: 'vpc-pod', names: ['a.denied.internal'] }).then(() => null, (reason: unknown) => reason);
    expect(error instanceof UpstreamError ? { reason: error.reason, code: error.code, resource: error.resource } : error).toStrictEqual({
      reason: 'forbidden',
      code: 'Forbidden.RAM',
      resource: 'DescribeZoneRecords zone-denied',
    });
  });

  it('maps throttling of DescribeZones to a retryable UpstreamError', async () => {
    sandbox.setFaults({ errorRate: 1, errorCode: 'Throttling.User', actions: ['DescribeZones'] });
    const error: unknown = await describePrivateZoneFacts(clients, { vpcId: 'vpc-pod', names: ['api.corp.internal'] }).then(() => null, (reason: unknown) => reason);
    expect(error instanceof UpstreamError ? { code: error.code, retryable: error.retryable } : error).toStrictEqual({ code: 'Throttling.User', retryable: true });
  });
});
