/**
 * The OSS adapter (ali-oss) against the sandbox OSS endpoint over real HTTP: V4-signed reads of
 * a bucket's information, policy and ACL, the "none" answers (NoSuchBucket, NoSuchBucketPolicy),
 * a wrong region's endpoint, and the error mapping of RAM denials and world faults.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { resetEnvForTests } from '@/lib/env';
import { UpstreamError } from '@/lib/errors';
import { startOssServer, type OssSandbox, type SandboxBucket } from '@/lib/sandbox/oss/server';
import { worldSchema, type World } from '@/lib/schemas/world';

import { createCloudClients, type CloudClients } from './clients';
import { getBucketAcl, getBucketInfo, getBucketPolicy } from './oss';

const key = { accessKeyId: 'LTAI5tSandboxOssTest', accessKeySecret: 'oss-test-secret' };
const policy = {
  Version: '1',
  Statement: [
    { Sid: 'DenyOutsideVpc', Effect: 'Deny', Principal: ['*'], Action: ['oss:*'], Resource: ['acs:oss:*:1583240961722507:reports/*'], Condition: { StringNotEquals: { 'acs:SourceVpc': ['vpc-data'] } } },
  ],
};
const buckets: SandboxBucket[] = [
  { Name: 'reports', Location: 'oss-cn-hangzhou', Acl: 'private', Policy: policy, Owner: { ID: '1583240961722507', DisplayName: 'data-team' } },
  { Name: 'assets', Location: 'oss-cn-hangzhou', Acl: 'public-read' },
  { Name: 'backups', Location: 'oss-cn-shanghai', Acl: 'private' },
];
const world: World = worldSchema.parse({
  version: 1,
  name: 'oss-test',
  clusters: [{ name: 'c1', kind: 'acs', networkMode: 'vpc', region: 'cn-hangzhou', vpcId: 'vpc-pod', objects: [] }],
  cloud: { regionId: 'cn-hangzhou', accountId: '1583240961722507' },
  ram: { deny: [{ action: 'GetBucketAcl', resource: 'reports' }] },
});

let sandbox: OssSandbox;
let clients: CloudClients;
const previous = process.env.ALIBABA_CLOUD_ENDPOINT_OSS;

beforeAll(async () => {
  sandbox = await startOssServer({ world, bucketsOf: () => buckets, secretOf: (id) => (id === key.accessKeyId ? key.accessKeySecret : undefined) });
  process.env.ALIBABA_CLOUD_ENDPOINT_OSS = sandbox.endpoint;
  resetEnvForTests();
  clients = createCloudClients({ region: 'cn-hangzhou', credentials: key, timeoutMs: 3000 });
});
afterEach(() => {
  sandbox.setWorld(world);
  sandbox.resetCalls();
});
afterAll(async () => {
  await sandbox.close();
  if (previous === undefined) delete process.env.ALIBABA_CLOUD_ENDPOINT_OSS;
  else process.env.ALIBABA_CLOUD_ENDPOINT_OSS = previous;
  resetEnvForTests();
});

async function failure(read: Promise<unknown>): Promise<Pick<UpstreamError, 'reason' | 'code' | 'resource'>> {
  const error = await read.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof UpstreamError)) throw new Error(`expected an UpstreamError, got ${String(error)}`);
  return { reason: error.reason, code: error.code, resource: error.resource };
}

describe('the OSS adapter against the sandbox', () => {
  it('reads the bucket information, with the region from Location', async () => {
    expect(await getBucketInfo(clients, { bucket: 'reports', region: 'cn-hangzhou' })).toStrictEqual({
      name: 'reports',
      region: 'cn-hangzhou',
      ownerId: '1583240961722507',
      extranetEndpoint: 'oss-cn-hangzhou.aliyuncs.com',
      intranetEndpoint: 'oss-cn-hangzhou-internal.aliyuncs.com',
    });
    expect(sandbox.calls()).toStrictEqual([{ action: 'GetBucketInfo', bucket: 'reports', status: 200 }]);
  });

  it('reads the policy as statements', async () => {
    const read = await getBucketPolicy(clients, { bucket: 'reports', region: 'cn-hangzhou' });
    expect(read?.statements).toStrictEqual([
      {
        sid: 'DenyOutsideVpc',
        effect: 'Deny',
        principals: ['*'],
        actions: ['oss:*'],
        notActions: [],
        resources: ['acs:oss:*:1583240961722507:reports/*'],
        conditions: [{ operator: 'StringNotEquals', key: 'acs:SourceVpc', values: ['vpc-data'] }],
      },
    ]);
    expect(JSON.parse(read?.document ?? '')).toStrictEqual(policy);
  });

  it.each([
    ['a bucket without a policy: null (NoSuchBucketPolicy)', () => getBucketPolicy(clients, { bucket: 'assets', region: 'cn-hangzhou' }), null],
    ['a bucket that does not exist: null (NoSuchBucket)', () => getBucketInfo(clients, { bucket: 'missing-bucket', region: 'cn-hangzhou' }), null],
    ['the ACL grant', () => getBucketAcl(clients, { bucket: 'assets', region: 'cn-hangzhou' }), 'public-read'],
  ])('%s', async (_name, read, expected) => {
    expect(await read()).toStrictEqual(expected);
  });

  it.each([
    ['a RAM denial: forbidden (AccessDenied)', () => getBucketAcl(clients, { bucket: 'reports', region: 'cn-hangzhou' }), { reason: 'forbidden', code: 'AccessDenied', resource: 'GetBucketAcl reports' }],
    ['a bucket of another region at this endpoint: forbidden', () => getBucketInfo(clients, { bucket: 'backups', region: 'cn-hangzhou' }), { reason: 'forbidden', code: 'AccessDenied', resource: 'GetBucketInfo backups' }],
    ['a policy the identity may not read is no "no policy"', () => getBucketPolicy(clients, { bucket: 'missing-bucket', region: 'cn-hangzhou' }), { reason: 'notFound', code: 'NoSuchBucket', resource: 'GetBucketPolicy missing-bucket' }],
  ])('%s', async (_name, read, expected) => {
    expect(await failure(read())).toStrictEqual(expected);
  });

  it.each([
    ['Forbidden.RAM', { reason: 'forbidden', code: 'AccessDenied' }],
    ['Throttling.User', { reason: 'throttled', code: 'Throttling.User' }],
    ['ServiceUnavailable', { reason: 'error', code: 'ServiceUnavailable' }],
    ['reset', { reason: 'unreachable', code: 'ECONNRESET' }],
  ])('a world fault %s maps to %o', async (error, expected) => {
    sandbox.setWorldFaults({ cloud: [{ action: 'GetBucketPolicy', resource: 'reports', error }], kubernetes: [], dns: [] });
    expect(await failure(getBucketPolicy(clients, { bucket: 'reports', region: 'cn-hangzhou' }))).toStrictEqual({ ...expected, resource: 'GetBucketPolicy reports' });
  });

  it('a read held unanswered times out within the budget', async () => {
    sandbox.setWorldFaults({ cloud: [{ action: 'GetBucketInfo', error: 'timeout' }], kubernetes: [], dns: [] });
    const started = Date.now();
    expect(await failure(getBucketInfo(clients, { bucket: 'reports', region: 'cn-hangzhou' }))).toStrictEqual({ reason: 'timeout', code: undefined, resource: 'GetBucketInfo reports' });
    expect(Date.now() - started).toBeLessThan(8000);
  });

  it('a transient 5xx is retried and the read succeeds', async () => {
    sandbox.setWorldFaults({ cloud: [{ action: 'GetBucketAcl', resource: 'assets', error: 'ServiceUnavailable', times: 1 }], kubernetes: [], dns: [] });
    expect(await getBucketAcl(clients, { bucket: 'assets', region: 'cn-hangzhou' })).toBe('public-read');
    expect(sandbox.calls().map((call) => call.status)).toStrictEqual([503, 200]);
  });

  it('a wrong secret is unauthorized (SignatureDoesNotMatch)', async () => {
    const wrong = createCloudClients({ region: 'cn-hangzhou', credentials: { ...key, accessKeySecret: 'not-the-secret' }, timeoutMs: 3000 });
    expect(await failure(getBucketAcl(wrong, { bucket: 'assets', region: 'cn-hangzhou' }))).toStrictEqual({ reason: 'unauthorized', code: 'SignatureDoesNotMatch', resource: 'GetBucketAcl assets' });
  });
});
