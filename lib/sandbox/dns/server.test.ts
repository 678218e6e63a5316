import { promises as dnsPromises } from 'node:dns';

import dns2 from 'dns2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { worldSchema, type World } from '@/lib/schemas/world';

import { startDnsServer, type DnsSandbox } from './server';

/** Enough A records that the answer passes any UDP payload size and the resolver retries over TCP. */
const MANY = Array.from({ length: 120 }, (_, index) => `198.51.100.${index + 1}`);

function worldWith(records: Array<{ name: string; type: 'A' | 'AAAA' | 'CNAME'; value: string; ttl?: number }>): World {
  return worldSchema.parse({
    version: 1,
    name: 'dns-test',
    clusters: [{ name: 'c1', kind: 'acs', networkMode: 'vpc', region: 'cn-hangzhou', vpcId: 'vpc-bp1test', objects: [] }],
    cloud: { regionId: 'cn-hangzhou' },
    dns: { records },
  });
}

const world = worldWith([
  { name: 'api.partner.example.com', type: 'A', value: '203.0.113.20', ttl: 300 },
  { name: 'www.partner.example.com', type: 'CNAME', value: 'edge.partner.example.com', ttl: 120 },
  { name: 'edge.partner.example.com', type: 'CNAME', value: 'Edge-1.CDN.example.net' },
  { name: 'edge-1.cdn.example.net', type: 'A', value: '198.51.100.7' },
  { name: 'edge-1.cdn.example.net', type: 'A', value: '198.51.100.8' },
  { name: 'v6.partner.example.com', type: 'AAAA', value: '2001:db8::10' },
  ...MANY.map((value) => ({ name: 'many.example.com', type: 'A' as const, value })),
]);

describe('startDnsServer', () => {
  let server: DnsSandbox;
  let resolver: dnsPromises.Resolver;

  beforeAll(async () => {
    server = await startDnsServer({ world });
    resolver = new dnsPromises.Resolver({ timeout: 2000, tries: 1 });
    resolver.setServers([`${server.host}:${server.port}`]);
  });
  afterAll(async () => {
    await server.close();
  });

  it('listens on loopback on the port it read back', () => {
    expect(server.host).toBe('127.0.0.1');
    expect(server.port).toBeGreaterThan(0);
  });

  it('answers an A record with its ttl, case-insensitively', async () => {
    await expect(resolver.resolve4('API.Partner.Example.com', { ttl: true })).resolves.toStrictEqual([
      { address: '203.0.113.20', ttl: 300 },
    ]);
  });

  it('answers AAAA records', async () => {
    await expect(resolver.resolve6('v6.partner.example.com')).resolves.toStrictEqual(['2001:db8::10']);
  });

  it('follows a CNAME chain inside the world to the final A records', async () => {
    const addresses = await resolver.resolve4('www.partner.example.com');
    expect([...addresses].sort()).toStrictEqual(['198.51.100.7', '198.51.100.8']);
    await expect(resolver.resolveCname('www.partner.example.com')).resolves.toStrictEqual(['edge.partner.example.com']);
  });

  it('returns the CNAME records and then the A records in the answer section', async () => {
    const query = dns2.UDPClient({ dns: server.host, port: server.port });
    const response = await query('www.partner.example.com', 'A');
    expect(response.answers.map((answer) => [answer.name, answer.type, answer.domain ?? answer.address, answer.ttl])).toStrictEqual([
      ['www.partner.example.com', dns2.Packet.TYPE.CNAME, 'edge.partner.example.com', 120],
      ['edge.partner.example.com', dns2.Packet.TYPE.CNAME, 'Edge-1.CDN.example.net', 60],
      ['Edge-1.CDN.example.net', dns2.Packet.TYPE.A, '198.51.100.7', 60],
      ['Edge-1.CDN.example.net', dns2.Packet.TYPE.A, '198.51.100.8', 60],
    ]);
  });

  it('answers NXDOMAIN (rcode 3) for a name the world does not hold', async () => {
    await expect(resolver.resolve4('api.partnr.example.com')).rejects.toMatchObject({ code: 'ENOTFOUND' });
    const query = dns2.UDPClient({ dns: server.host, port: server.port });
    const response = await query('api.partnr.example.com', 'A');
    expect(response.header.rcode).toBe(3);
  });

  it('answers NOERROR with no records for an existing name without that type', async () => {
    await expect(resolver.resolve6('api.partner.example.com')).rejects.toMatchObject({ code: 'ENODATA' });
  });

  it('answers over TCP on the same port', async () => {
    const query = dns2.TCPClient({ dns: server.host, port: server.port });
    const response = await query('api.partner.example.com', 'A');
    expect(response.answers.map((answer) => answer.address)).toStrictEqual(['203.0.113.20']);
  });

  it('serves a truncated UDP answer that the resolver completes over TCP', async () => {
    const addresses = await resolver.resolve4('many.example.com');
    expect([...addresses].sort()).toStrictEqual([...MANY].sort());
  });

  it('answers from the new world after setWorld', async () => {
    server.setWorld(worldWith([{ name: 'api.partner.example.com', type: 'A', value: '203.0.113.99' }]));
    try {
      await expect(resolver.resolve4('api.partner.example.com')).resolves.toStrictEqual(['203.0.113.99']);
    } finally {
      server.setWorld(world);
    }
  });

  it('answers SERVFAIL, REFUSED or nothing for the names the world faults, and records the names asked', async () => {
    server.setWorldFaults({
      cloud: [],
      kubernetes: [],
      dns: [
        { name: 'api.partner.example.com', rcode: 'SERVFAIL' },
        { name: 'v6.partner.example.com.', rcode: 'REFUSED' },
        { name: 'www.partner.example.com', rcode: 'timeout' },
      ],
    });
    server.resetCalls();
    const quick = new dnsPromises.Resolver({ timeout: 200, tries: 1 });
    quick.setServers([`${server.host}:${server.port}`]);
    try {
      await expect(quick.resolve4('api.partner.example.com')).rejects.toMatchObject({ code: 'ESERVFAIL' });
      await expect(quick.resolve6('V6.partner.example.com')).rejects.toMatchObject({ code: 'EREFUSED' });
      await expect(quick.resolve4('www.partner.example.com')).rejects.toMatchObject({ code: 'ETIMEOUT' });
      await expect(quick.resolve4('edge-1.cdn.example.net')).resolves.toHaveLength(2);
      expect(server.calls().map((name) => name.toLowerCase())).toStrictEqual(['api.partner.example.com', 'v6.partner.example.com', 'www.partner.example.com', 'edge-1.cdn.example.net']);
    } finally {
      server.setWorldFaults(undefined);
    }
  });
});
