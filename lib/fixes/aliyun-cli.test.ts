import { describe, expect, it } from 'vitest';

import { type AlicloudProduct, shellQuote, toAliyunCli } from './aliyun-cli';

type Row = { name: string; product: AlicloudProduct; action: string; parameters: Record<string, string>; expected: string };

describe('toAliyunCli', () => {
  it.each<Row>([
    {
      name: 'plain values stay unquoted',
      product: 'Ecs',
      action: 'AuthorizeSecurityGroupEgress',
      parameters: { RegionId: 'cn-hangzhou', SecurityGroupId: 'sg-1', PortRange: '443/443', DestCidrIp: '203.0.113.10/32' },
      expected:
        'aliyun ecs AuthorizeSecurityGroupEgress --RegionId cn-hangzhou --SecurityGroupId sg-1 --PortRange 443/443 --DestCidrIp 203.0.113.10/32',
    },
    {
      name: 'JSON values are single-quoted',
      product: 'Slb',
      action: 'AddAccessControlListEntry',
      parameters: { AclEntrys: '[{"entry":"10.0.1.0/24","comment":"pods"}]' },
      expected: `aliyun slb AddAccessControlListEntry --AclEntrys '[{"entry":"10.0.1.0/24","comment":"pods"}]'`,
    },
    {
      name: 'R-kvstore maps to the r-kvstore command',
      product: 'R-kvstore',
      action: 'ModifySecurityIps',
      parameters: { InstanceId: 'r-1' },
      expected: 'aliyun r-kvstore ModifySecurityIps --InstanceId r-1',
    },
  ])('$name', ({ product, action, parameters, expected }) => {
    expect(toAliyunCli(product, action, parameters)).toBe(expected);
  });

  it.each([
    ['sg-1', 'sg-1'],
    ['two words', "'two words'"],
    ["it's", `'it'\\''s'`],
    ['', "''"],
  ])('shellQuote(%j) → %s', (value, expected) => {
    expect(shellQuote(value)).toBe(expected);
  });
});
