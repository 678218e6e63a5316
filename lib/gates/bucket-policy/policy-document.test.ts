import { describe, expect, it } from 'vitest';

import { toBucketPolicy } from './policy-document';

describe('toBucketPolicy', () => {
  it('reads lists, single strings, RAM-style principals and conditions as statements', () => {
    const document = JSON.stringify({
      Version: '1',
      Statement: [
        { Sid: 'vpc-only', Effect: 'Deny', Principal: '*', Action: 'oss:*', Resource: 'acs:oss:*:1:reports/*', Condition: { StringNotEquals: { 'acs:SourceVpc': 'vpc-a' }, NotIpAddress: { 'acs:SourceIp': ['10.0.0.0/8', '192.168.0.1'] } } },
        { Effect: 'Allow', Principal: { RAM: ['acs:ram::1:user/etl'] }, NotAction: ['oss:DeleteObject'], Resource: ['acs:oss:*:1:reports/*'] },
      ],
    });
    expect(toBucketPolicy(document)).toStrictEqual({
      ok: true,
      value: {
        version: '1',
        document,
        statements: [
          {
            sid: 'vpc-only',
            effect: 'Deny',
            principals: ['*'],
            actions: ['oss:*'],
            notActions: [],
            resources: ['acs:oss:*:1:reports/*'],
            conditions: [
              { operator: 'StringNotEquals', key: 'acs:SourceVpc', values: ['vpc-a'] },
              { operator: 'NotIpAddress', key: 'acs:SourceIp', values: ['10.0.0.0/8', '192.168.0.1'] },
            ],
          },
          { sid: '#2', effect: 'Allow', principals: ['acs:ram::1:user/etl'], actions: [], notActions: ['oss:DeleteObject'], resources: ['acs:oss:*:1:reports/*'], conditions: [] },
        ],
      },
    });
  });

  it.each([
    ['text that is no JSON', '{"Version":', false],
    ['a statement without an Effect', JSON.stringify({ Version: '1', Statement: [{ Action: 'oss:*' }] }), false],
  ])('refuses %s', (_name, text, ok) => {
    expect(toBucketPolicy(text).ok).toBe(ok);
  });
});
