/**
 * STS AssumeRoleWithOIDC of the sandbox over HTTPS (how @alicloud/credentials calls it), and
 * the security-token check of calls signed with the temporary AccessKey, through the real SDK.
 */
import https from 'node:https';

import Credential, { Config as CredentialConfig } from '@alicloud/credentials';
import Ecs, { DescribeSecurityGroupsRequest } from '@alicloud/ecs20140526';
import { $OpenApiUtil } from '@alicloud/openapi-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { worldSchema } from '@/lib/schemas/world';

import worldJson from '../../alicloud/__fixtures__/world.json';
import { createTlsMaterial } from '../tls';

import type { OidcTrust } from './actions/sts';
import { startOpenApiServer, type OpenApiSandbox } from './server';

const world = worldSchema.parse(worldJson);
const tls = createTlsMaterial();
const trust: OidcTrust = {
  providerArn: 'acs:ram::1234567890123456:oidc-provider/ack-rrsa-c1',
  roleArn: 'acs:ram::1234567890123456:role/acs-egress-doctor-read',
  token: 'eyJhbGciOiJSUzI1NiJ9.projected-service-account-token.signature',
  subject: 'system:serviceaccount:egress-doctor:acs-egress-doctor',
  issuer: 'https://oidc-ack-cn-hangzhou.oss-cn-hangzhou.aliyuncs.com/c1',
};

let sandbox: OpenApiSandbox;

beforeAll(async () => {
  sandbox = await startOpenApiServer({ world, credentials: [{ accessKeyId: 'LTAI5tPermanent', accessKeySecret: 'permanent-secret' }], tls, oidcTrust: [trust] });
});

afterAll(async () => {
  await sandbox?.close();
});

/** POSTs AssumeRoleWithOIDC the way @alicloud/credentials does: RPC query, form body, no signature. */
function assumeRole(form: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }> {
  const query = new URLSearchParams({ Version: '2015-04-01', Action: 'AssumeRoleWithOIDC', Format: 'JSON', Timestamp: new Date().toISOString() });
  const payload = new URLSearchParams(form).toString();
  return new Promise((resolve, reject) => {
    const request = https.request(
      `https://${sandbox.httpsEndpoint ?? ''}/?${query.toString()}`,
      { method: 'POST', ca: tls.caCertPem, headers: { 'content-type': 'application/x-www-form-urlencoded' } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown> }));
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}

const validForm = { OIDCProviderArn: trust.providerArn, RoleArn: trust.roleArn, OIDCToken: trust.token, RoleSessionName: 'egress-doctor', DurationSeconds: '3600' };

function ecsWith(credential: Credential): Ecs {
  const { host } = new URL(sandbox.endpoint);
  return new Ecs(new $OpenApiUtil.Config({ credential, endpoint: host, protocol: 'http', regionId: world.cloud.regionId, readTimeout: 5000, connectTimeout: 5000 }));
}

async function errorCode(promise: Promise<unknown>): Promise<string | undefined> {
  const error: unknown = await promise.then(() => undefined, (reason: unknown) => reason);
  return error instanceof Error && 'code' in error ? String(error.code) : undefined;
}

describe('sandbox STS AssumeRoleWithOIDC', () => {
  it('answers a trusted token with temporary credentials, the assumed role and the token info', async () => {
    const { status, body } = await assumeRole(validForm);
    expect(status).toBe(200);
    expect(body).toStrictEqual({
      RequestId: expect.any(String),
      Credentials: {
        AccessKeyId: expect.stringMatching(/^STS\./),
        AccessKeySecret: expect.any(String),
        SecurityToken: expect.stringMatching(/^CAIS/),
        Expiration: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      },
      AssumedRoleUser: { Arn: 'acs:ram::1234567890123456:role/acs-egress-doctor-read/egress-doctor', AssumedRoleId: expect.stringMatching(/^\d+:egress-doctor$/) },
      OIDCTokenInfo: { Subject: trust.subject, Issuer: trust.issuer, ClientIds: 'sts.aliyuncs.com' },
    });
    const expiration = Date.parse(String((body.Credentials as Record<string, unknown>).Expiration));
    expect(Math.abs(expiration - (Date.now() + 3_600_000))).toBeLessThan(60_000);
  });

  it.each([
    ['an untrusted token', { OIDCToken: 'eyJ.other-token.x' }, 400, 'AuthenticationFail.OIDCToken.Invalid'],
    ['an unknown OIDC provider', { OIDCProviderArn: 'acs:ram::1234567890123456:oidc-provider/other' }, 404, 'EntityNotExist.OIDCProvider'],
    ['a role the provider is not trusted for', { RoleArn: 'acs:ram::1234567890123456:role/admin' }, 404, 'EntityNotExist.Role'],
    ['a duration under 15 minutes', { DurationSeconds: '60' }, 400, 'InvalidParameter'],
    ['a missing session name', { RoleSessionName: '' }, 400, 'MissingParameter'],
  ])('refuses %s', async (_name, change, status, code) => {
    const answer = await assumeRole({ ...validForm, ...change });
    expect({ status: answer.status, code: answer.body.Code }).toStrictEqual({ status, code });
  });

  it('accepts calls signed with the temporary key only with its security token', async () => {
    const { body } = await assumeRole(validForm);
    const issued = body.Credentials as { AccessKeyId: string; AccessKeySecret: string; SecurityToken: string };
    const request = new DescribeSecurityGroupsRequest({ regionId: world.cloud.regionId });
    const sts = (securityToken: string) =>
      ecsWith(new Credential(new CredentialConfig({ type: 'sts', accessKeyId: issued.AccessKeyId, accessKeySecret: issued.AccessKeySecret, securityToken })));

    const answer = await sts(issued.SecurityToken).describeSecurityGroups(request);
    expect(answer.statusCode).toBe(200);
    expect(await errorCode(sts(`${issued.SecurityToken.slice(0, -4)}AAAA`).describeSecurityGroups(request))).toBe('InvalidSecurityToken.MismatchWithAccessKey');
    const withoutToken = ecsWith(new Credential(new CredentialConfig({ type: 'access_key', accessKeyId: issued.AccessKeyId, accessKeySecret: issued.AccessKeySecret })));
    expect(await errorCode(withoutToken.describeSecurityGroups(request))).toBe('MissingSecurityToken');
    expect(sandbox.calls().filter((call) => call.action === 'DescribeSecurityGroups').map((call) => call.status)).toStrictEqual([200, 400, 400]);
  });
});
