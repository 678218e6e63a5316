import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startDnsServer, type DnsSandbox } from '@/lib/sandbox/dns/server';
import { worldSchema } from '@/lib/schemas/world';

import { createDnsResolver } from './query';

const world = worldSchema.parse({
  version: 1,
  name: 'dns-query-test',
  clusters: [{ name: 'c1', kind: 'acs', networkMode: 'vpc', region: 'cn-hangzhou', vpcId: 'vpc-bp1test', objects: [] }],
  cloud: { regionId: 'cn-hangzhou' },
  dns: {
    records: [
      { name: 'www.partner.example.com', type: 'CNAME', value: 'edge.partner.example.com' },
      { name: 'edge.partner.example.com', type: 'CNAME', value: 'edge-1.cdn.example.net' },
      { name: 'edge-1.cdn.example.net', type: 'A', value: '198.51.100.7' },
      { name: 'loop-a.partner.example.com', type: 'CNAME', value: 'loop-b.partner.example.com' },
      { name: 'loop-b.partner.example.com', type: 'CNAME', value: 'loop-a.partner.example.com' },
      { name: 'dangling.partner.example.com', type: 'CNAME', value: 'gone.partner.example.com' },
      { name: 'v6only.partner.example.com', type: 'CNAME', value: 'txt.partner.example.com' },
      { name: 'txt.partner.example.com', type: 'AAAA', value: '2001:db8::7' },
    ],
  },
});

describe('createDnsResolver against the sandbox DNS server', () => {
  let server: DnsSandbox;
  let query: ReturnType<typeof createDnsResolver>['query'];

  beforeAll(async () => {
    server = await startDnsServer({ world });
    query = createDnsResolver({ server: `${server.host}:${server.port}`, timeoutMs: 1_000 }).query;
  });
  afterAll(() => server.close());

  const rows: Array<[string, string, { rcode: string; addresses: string[]; cnames: string[] }]> = [
    ['follows the whole CNAME chain to the addresses', 'www.partner.example.com', { rcode: 'NOERROR', addresses: ['198.51.100.7'], cnames: ['edge.partner.example.com', 'edge-1.cdn.example.net'] }],
    ['ends a loop at the first repeated name', 'loop-a.partner.example.com', { rcode: 'NOERROR', addresses: [], cnames: ['loop-b.partner.example.com', 'loop-a.partner.example.com'] }],
    ['keeps the chain of an alias to a missing name', 'dangling.partner.example.com', { rcode: 'NXDOMAIN', addresses: [], cnames: ['gone.partner.example.com'] }],
    ['falls back to AAAA at the end of the chain', 'v6only.partner.example.com', { rcode: 'NOERROR', addresses: ['2001:db8::7'], cnames: ['txt.partner.example.com'] }],
  ];
  it.each(rows)('%s', async (_name, host, expected) => {
    const answer = await query(host);
    expect({ rcode: answer.rcode, addresses: answer.addresses, cnames: answer.cnames }).toStrictEqual(expected);
  });
});
