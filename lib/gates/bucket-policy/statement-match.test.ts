import { describe, expect, it } from 'vitest';

import type { PolicyStatement } from './facts';
import { statementMatch, type Match, type OssRequestContext } from './statement-match';

const statement = (overrides: Partial<PolicyStatement>): PolicyStatement => ({
  sid: 's1',
  effect: 'Deny',
  principals: ['*'],
  actions: ['oss:*'],
  notActions: [],
  resources: ['acs:oss:*:1583240961722507:reports/*'],
  conditions: [],
  ...overrides,
});

const internal: OssRequestContext = {
  bucket: 'reports',
  region: 'cn-hangzhou',
  ownerId: '1583240961722507',
  objectKey: null,
  action: 'oss:GetObject',
  sourceIp: { kind: 'known', addresses: ['10.0.32.11'], what: 'podIp' },
  sourceVpc: 'vpc-prod',
};
const publicEndpoint: OssRequestContext = { ...internal, sourceIp: { kind: 'known', addresses: ['203.0.113.100'], what: 'snatEip' }, sourceVpc: null };

const vpcIs = (operator: string, values: string[]) => [{ operator, key: 'acs:SourceVpc', values }];
const ipIs = (operator: string, values: string[]) => [{ operator, key: 'acs:SourceIp', values }];

describe('statementMatch', () => {
  it.each<[string, Partial<PolicyStatement>, OssRequestContext, Match]>([
    ['StringNotEquals SourceVpc another VPC: applies to the pod VPC', { conditions: vpcIs('StringNotEquals', ['vpc-data']) }, internal, { kind: 'yes' }],
    ['StringEquals SourceVpc the pod VPC: applies', { conditions: vpcIs('StringEquals', ['vpc-prod']) }, internal, { kind: 'yes' }],
    [
      'StringEquals SourceVpc on the public endpoint: no VPC, does not apply',
      { conditions: vpcIs('StringEquals', ['vpc-prod']) },
      publicEndpoint,
      { kind: 'no', why: 'StringEquals acs:SourceVpc [vpc-prod] does not hold for a request from outside any VPC (public endpoint)' },
    ],
    ['StringNotLike SourceVpc vpc-* on the public endpoint: holds (OSS idiom for Internet-only)', { conditions: vpcIs('StringNotLike', ['vpc-*']) }, publicEndpoint, { kind: 'yes' }],
    ['IpAddress SourceIp holding the pod address: applies', { conditions: ipIs('IpAddress', ['10.0.32.0/24']) }, internal, { kind: 'yes' }],
    [
      'IpAddress SourceIp of the pod subnet, seen from the SNAT EIP: does not apply',
      { conditions: ipIs('IpAddress', ['10.0.32.0/24']) },
      publicEndpoint,
      { kind: 'no', why: 'IpAddress acs:SourceIp [10.0.32.0/24] does not hold for the SNAT EIP 203.0.113.100' },
    ],
    ['NotIpAddress SourceIp of the pod subnet, seen from the SNAT EIP: applies', { conditions: ipIs('NotIpAddress', ['10.0.32.0/24']) }, publicEndpoint, { kind: 'yes' }],
    [
      'SourceIp when the address is not known: open',
      { conditions: ipIs('IpAddress', ['203.0.113.100']) },
      { ...publicEndpoint, sourceIp: { kind: 'unknown', why: 'no SNAT entry covers 10.0.32.11' } },
      { kind: 'open', why: 'acs:SourceIp needs the address OSS sees: no SNAT entry covers 10.0.32.11' },
    ],
    [
      'SourceIp over two SNAT EIPs, one listed: open',
      { conditions: ipIs('IpAddress', ['203.0.113.100']) },
      { ...publicEndpoint, sourceIp: { kind: 'known', addresses: ['203.0.113.100', '203.0.113.101'], what: 'snatEip' } },
      { kind: 'open', why: 'IpAddress acs:SourceIp holds for some of the SNAT EIPs 203.0.113.100, 203.0.113.101 only' },
    ],
    ['an action list without GetObject: does not apply', { actions: ['oss:PutObject'] }, internal, { kind: 'no', why: 'its actions do not include oss:GetObject' }],
    ['oss:Get* covers GetObject', { effect: 'Allow', actions: ['oss:Get*'] }, internal, { kind: 'yes' }],
    ['NotAction excluding GetObject: does not apply', { actions: [], notActions: ['oss:GetObject'] }, internal, { kind: 'no', why: 'NotAction excludes oss:GetObject' }],
    ['another bucket: does not apply', { resources: ['acs:oss:*:*:other/*'] }, internal, { kind: 'no', why: 'its resources do not cover the objects of reports' }],
    ['the bucket ARN alone covers no object: does not apply', { resources: ['acs:oss:*:*:reports'] }, internal, { kind: 'no', why: 'its resources do not cover the objects of reports' }],
    ['another owner account: does not apply', { resources: ['acs:oss:*:999:reports/*'] }, internal, { kind: 'no', why: 'its resources do not cover the objects of reports' }],
    ['a key prefix and no object named: open', { resources: ['acs:oss:*:*:reports/private/*'] }, internal, { kind: 'open', why: 'it covers only objects matching private/*, and the destination names no object' }],
    ['a key prefix matching the object named: applies', { effect: 'Allow', resources: ['acs:oss:*:*:reports/private/*'] }, { ...internal, objectKey: 'private/a.csv' }, { kind: 'yes' }],
    [
      'named principals: open (the pod identity is not visible)',
      { principals: ['acs:ram::1583240961722507:user/etl'], conditions: vpcIs('StringEquals', ['vpc-prod']) },
      internal,
      { kind: 'open', why: 'it names principals acs:ram::1583240961722507:user/etl; the identity the pod signs with (an AccessKey, an RRSA role) is not visible' },
    ],
    [
      'Deny * without a condition: open (the owner is exempt)',
      {},
      internal,
      { kind: 'open', why: 'Principal * without a condition binds everyone except the bucket owner; whether the pod signs as the owner is not visible' },
    ],
    [
      'a condition key the path does not tell: open',
      { conditions: [{ operator: 'Bool', key: 'acs:SecureTransport', values: ['false'] }] },
      internal,
      { kind: 'open', why: 'condition Bool acs:SecureTransport is not something the network path tells' },
    ],
    [
      'a network condition that fails decides over an open one',
      { conditions: [{ operator: 'Bool', key: 'acs:SecureTransport', values: ['false'] }, ...vpcIs('StringEquals', ['vpc-data'])] },
      internal,
      { kind: 'no', why: 'StringEquals acs:SourceVpc [vpc-data] does not hold for VPC vpc-prod' },
    ],
  ])('%s', (_name, overrides, context, expected) => {
    expect(statementMatch(statement(overrides), context)).toStrictEqual(expected);
  });
});
