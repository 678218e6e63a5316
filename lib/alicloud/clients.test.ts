import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { resetEnvForTests } from '@/lib/env';
import { startOpenApiServer, type OpenApiSandbox } from '@/lib/sandbox/openapi/server';
import { worldSchema } from '@/lib/schemas/world';

import worldJson from './__fixtures__/world.json';
import { createCloudClients, parseEndpoint } from './clients';
import { describeVSwitches } from './vswitches';

const key = { accessKeyId: 'LTAI5tSandboxEnvTest', accessKeySecret: 'env-test-secret' };
const variables = [
  'ALIBABA_CLOUD_ACCESS_KEY_ID',
  'ALIBABA_CLOUD_ACCESS_KEY_SECRET',
  'ALIBABA_CLOUD_ENDPOINT_ECS',
  'ALIBABA_CLOUD_ENDPOINT_VPC',
  'ALIBABA_CLOUD_ENDPOINT_SLB',
  'ALIBABA_CLOUD_ENDPOINT_RDS',
  'ALIBABA_CLOUD_ENDPOINT_R_KVSTORE',
  'ALIBABA_CLOUD_ENDPOINT_PVTZ',
  'ALIBABA_CLOUD_ENDPOINT_POLARDB',
  'ALIBABA_CLOUD_ENDPOINT_DDS',
  'EGRESS_DOCTOR_TIMEOUT_MS',
] as const;
const saved = Object.fromEntries(variables.map((name) => [name, process.env[name]]));

let sandbox: OpenApiSandbox;

beforeAll(async () => {
  sandbox = await startOpenApiServer({ world: worldSchema.parse(worldJson), credentials: [key] });
  process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = key.accessKeyId;
  process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = key.accessKeySecret;
  for (const name of variables.filter((variable) => variable.startsWith('ALIBABA_CLOUD_ENDPOINT_'))) process.env[name] = sandbox.endpoint;
  process.env.EGRESS_DOCTOR_TIMEOUT_MS = '4000';
  resetEnvForTests();
});

afterAll(async () => {
  for (const name of variables) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
  resetEnvForTests();
  await sandbox.close();
});

describe('parseEndpoint', () => {
  it.each([
    ['http://127.0.0.1:8080', { protocol: 'http', endpoint: '127.0.0.1:8080' }],
    ['https://vpc.cn-hangzhou.aliyuncs.com/', { protocol: 'https', endpoint: 'vpc.cn-hangzhou.aliyuncs.com' }],
    ['ecs.cn-hangzhou.aliyuncs.com', { protocol: 'https', endpoint: 'ecs.cn-hangzhou.aliyuncs.com' }],
  ])('reads %s', (value, expected) => {
    expect(parseEndpoint(value)).toStrictEqual(expected);
  });
});

describe('createCloudClients', () => {
  it('uses the default credential chain and the endpoint variables', async () => {
    const clients = createCloudClients({ region: 'cn-hangzhou' });
    const [vSwitch] = await describeVSwitches(clients, ['vsw-bp1pods']);
    expect(vSwitch?.cidrBlock).toBe('10.0.1.0/24');
    expect(clients.ecs._readTimeout).toBe(4000);
  });

  it('caches clients per region and configuration', () => {
    expect(createCloudClients({ region: 'cn-hangzhou' })).toBe(createCloudClients({ region: 'cn-hangzhou' }));
    expect(createCloudClients({ region: 'cn-shanghai' })).not.toBe(createCloudClients({ region: 'cn-hangzhou' }));
  });

  it('defaults to the public endpoints over HTTPS', () => {
    const endpointVariables = variables.filter((variable) => variable.startsWith('ALIBABA_CLOUD_ENDPOINT_'));
    for (const name of endpointVariables) delete process.env[name];
    resetEnvForTests();
    const clients = createCloudClients({ region: 'cn-beijing', credentials: key });
    for (const name of endpointVariables) process.env[name] = sandbox.endpoint;
    resetEnvForTests();
    expect(
      [clients.ecs, clients.vpc, clients.slb, clients.rds, clients.rKvstore, clients.pvtz].map((client) => `${client._protocol}://${client._endpoint}`),
    ).toStrictEqual([
      'https://ecs.cn-beijing.aliyuncs.com',
      'https://vpc.cn-beijing.aliyuncs.com',
      'https://slb.cn-beijing.aliyuncs.com',
      'https://rds.aliyuncs.com',
      'https://r-kvstore.aliyuncs.com',
      'https://pvtz.aliyuncs.com',
    ]);
  });
});
