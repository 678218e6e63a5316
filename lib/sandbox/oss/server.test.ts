/**
 * The sandbox OSS endpoint with independent clients: ali-oss signing V1 (HMAC-SHA1) and V4
 * (OSS4-HMAC-SHA256), virtual-hosted and path-style, STS tokens, and unsigned or mis-signed
 * requests answered with OSS's XML errors.
 */
import OSS from 'ali-oss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { worldSchema } from '@/lib/schemas/world';

import { startOssServer, type OssSandbox } from './server';

const key = { accessKeyId: 'LTAI5tOssServerTest', accessKeySecret: 'server-test-secret' };
const sts = { accessKeyId: 'STS.session', accessKeySecret: 'sts-secret', token: 'CAIS-token' };
const world = worldSchema.parse({
  version: 1,
  name: 'oss-server-test',
  clusters: [{ name: 'c1', kind: 'acs', networkMode: 'vpc', region: 'cn-hangzhou', vpcId: 'vpc-pod', objects: [] }],
  cloud: { regionId: 'cn-hangzhou', accountId: '1583240961722507' },
});
const policy = { Version: '1', Statement: [{ Effect: 'Allow', Principal: ['*'], Action: ['oss:GetObject'], Resource: ['acs:oss:*:*:logs/*'] }] };

let sandbox: OssSandbox;

beforeAll(async () => {
  sandbox = await startOssServer({
    world,
    bucketsOf: () => [{ Name: 'logs', Location: 'oss-cn-hangzhou', Acl: 'private', Policy: policy }],
    secretOf: (id) => (id === key.accessKeyId ? key.accessKeySecret : id === sts.accessKeyId ? sts.accessKeySecret : undefined),
    checkSecurityToken: (id, token) => {
      if (id === sts.accessKeyId && token !== sts.token) throw new Error('InvalidSecurityToken');
    },
  });
});
afterAll(() => sandbox.close());

/** ali-oss options, with `sldEnable` (path-style), which its types do not list. */
type ClientOptions = Partial<OSS.Options> & { sldEnable?: boolean };

const client = (options: ClientOptions) =>
  new OSS({ region: 'oss-cn-hangzhou', ...key, endpoint: options.sldEnable ? sandbox.endpoint.replace('127.0.0.1', 'localhost') : sandbox.endpoint, secure: false, timeout: 3000, ...options });

describe('the sandbox OSS endpoint', () => {
  it.each<[string, ClientOptions]>([
    ['V1 (HMAC-SHA1), virtual-hosted Host', { authorizationV4: false }],
    ['V4 (OSS4-HMAC-SHA256), virtual-hosted Host', { authorizationV4: true }],
    // NOTE: path-style through a host name: with an IP endpoint ali-oss also puts the bucket in the Host header.
    ['V1, path-style', { authorizationV4: false, sldEnable: true }],
    ['V4, path-style', { authorizationV4: true, sldEnable: true }],
    ['an STS AccessKey with its security token', { accessKeyId: sts.accessKeyId, accessKeySecret: sts.accessKeySecret, stsToken: sts.token }],
  ])('verifies %s and answers GetBucketPolicy', async (_name, options) => {
    expect((await client(options).getBucketPolicy('logs')).policy).toStrictEqual(policy);
  });

  it('answers GetBucketAcl with an AccessControlPolicy', async () => {
    const answer: unknown = await client({}).getBucketACL('logs');
    expect(answer).toMatchObject({ acl: 'private', owner: { id: '1583240961722507', displayName: '1583240961722507' } });
  });

  it.each([
    ['a wrong secret', { accessKeySecret: 'wrong' }, 403, 'SignatureDoesNotMatch'],
    ['an unknown AccessKey', { accessKeyId: 'LTAI5tUnknown' }, 403, 'InvalidAccessKeyId'],
  ])('refuses %s with %s %s', async (_name, options, status, code) => {
    const error: unknown = await client(options).getBucketACL('logs').then(() => null, (caught: unknown) => caught);
    expect(error).toMatchObject({ status, code });
  });

  it('answers an unsigned request AccessDenied in an OSS XML error body', async () => {
    const response = await fetch(`${sandbox.endpoint}/?acl`, { headers: { host: 'logs.oss-cn-hangzhou.aliyuncs.com' } });
    const body = await response.text();
    expect([response.status, /<Code>(.*)<\/Code>/.exec(body)?.[1], response.headers.get('x-oss-request-id') !== null]).toStrictEqual([403, 'AccessDenied', true]);
  });
});
