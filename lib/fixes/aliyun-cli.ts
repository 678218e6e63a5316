/**
 * Renders an Alibaba Cloud RPC request as the equivalent `aliyun` CLI line. Pure.
 */

/** Products a fix may call, as named in our Fix model. */
export type AlicloudProduct = 'Ecs' | 'Vpc' | 'Slb' | 'Rds' | 'R-kvstore' | 'Polardb' | 'Dds';

const CLI_PRODUCT: Record<AlicloudProduct, string> = {
  Ecs: 'ecs',
  Vpc: 'vpc',
  Slb: 'slb',
  Rds: 'rds',
  'R-kvstore': 'r-kvstore',
  Polardb: 'polardb',
  Dds: 'dds',
};

const SAFE_VALUE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** Quotes a value for a POSIX shell when it holds anything beyond plain word characters. */
export function shellQuote(value: string): string {
  if (SAFE_VALUE.test(value)) return value;
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/**
 * Returns `aliyun <product> <Action> --Key value …` with parameters in the given order,
 * e.g. `aliyun ecs AuthorizeSecurityGroupEgress --RegionId cn-hangzhou --SecurityGroupId sg-…`.
 */
export function toAliyunCli(product: AlicloudProduct, action: string, parameters: Record<string, string>): string {
  const flags = Object.entries(parameters).map(([key, value]) => `--${key} ${shellQuote(value)}`);
  return ['aliyun', CLI_PRODUCT[product], action, ...flags].join(' ');
}
