import { describe, expect, it } from 'vitest';

import { whitelistTargetFromHost, type WhitelistTarget } from './whitelist-hosts';

describe('whitelistTargetFromHost', () => {
  const rows: Array<{ host: string; expected: WhitelistTarget | null }> = [
    { host: 'rm-bp1abc123.mysql.rds.aliyuncs.com', expected: { service: 'rds', instanceId: 'rm-bp1abc123' } },
    { host: 'rm-cn-g6z3tw7xl00052co.rwlb.rds.aliyuncs.com', expected: null },
    { host: 'rm-bp1abc123.rwlb.rds.aliyuncs.com.', expected: { service: 'rds', instanceId: 'rm-bp1abc123' } },
    { host: 'RM-BP1ABC123-pub.pgsql.rds.aliyuncs.com', expected: { service: 'rds', instanceId: 'rm-bp1abc123' } },
    { host: 'pgm-bp1ksg5v1lo5z2r8eo.pg.rds.aliyuncs.com', expected: { service: 'rds', instanceId: 'pgm-bp1ksg5v1lo5z2r8eo' } },
    { host: 'r-bp1cart.redis.rds.aliyuncs.com', expected: { service: 'redis', instanceId: 'r-bp1cart' } },
    { host: 'r-bp1cart-pub.redis.rds.aliyuncs.com', expected: { service: 'redis', instanceId: 'r-bp1cart' } },
    { host: 'r-bp1cart.redis.aliyuncs.com', expected: { service: 'redis', instanceId: 'r-bp1cart' } },
    { host: 'pc-bp13v2788pv3fa00d.rwlb.rds.aliyuncs.com', expected: { service: 'polardb', instanceId: 'pc-bp13v2788pv3fa00d' } },
    { host: 'pc-uf6a1v5f4adl90846.mysql.polardb.rds.aliyuncs.com', expected: { service: 'polardb', instanceId: 'pc-uf6a1v5f4adl90846' } },
    { host: 'pc-uf6a1v5f4adl90846.pg.polardb.rds.aliyuncs.com', expected: { service: 'polardb', instanceId: 'pc-uf6a1v5f4adl90846' } },
    { host: 'defectgene-new.mysql.polardb.rds.aliyuncs.com', expected: null },
    { host: 'dds-bp1a1e05a90b27b41.mongodb.rds.aliyuncs.com', expected: { service: 'mongodb', instanceId: 'dds-bp1a1e05a90b27b4' } },
    { host: 'dds-bp1a1e05a90b27b42.mongodb.rds.aliyuncs.com', expected: { service: 'mongodb', instanceId: 'dds-bp1a1e05a90b27b4' } },
    { host: 'dds-wz9b5420c30a27941546-pub.mongodb.rds.aliyuncs.com', expected: { service: 'mongodb', instanceId: 'dds-wz9b5420c30a2794' } },
    { host: 'dds-uf612994c0c73af4.mongodb.rds.aliyuncs.com', expected: { service: 'mongodb', instanceId: 'dds-uf612994c0c73af4' } },
    { host: 's-bp1xxxx.mongodb.rds.aliyuncs.com', expected: null },
    { host: 'rm-bp1abc123.mysql.rds.aliyuncs.com.evil.example', expected: null },
    { host: 'api.partner.example.com', expected: null },
  ];
  it.each(rows)('$host', ({ host, expected }) => {
    expect(whitelistTargetFromHost(host)).toStrictEqual(expected);
  });
});
