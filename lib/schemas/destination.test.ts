import { describe, expect, it } from 'vitest';

import { diagnosisRequestSchema, parseDestination } from './destination';

describe('parseDestination', () => {
  it.each([
    ['host name', 'api.partner.example.com', { ok: true, value: { host: 'api.partner.example.com', port: null, portSource: null } }],
    ['absolute host name keeps its dot', 'www.aliyun.com.', { ok: true, value: { host: 'www.aliyun.com.', port: null, portSource: null } }],
    ['host:port', 'db.internal:5432', { ok: true, value: { host: 'db.internal', port: 5432, portSource: 'explicit' } }],
    ['IPv4', '203.0.113.10', { ok: true, value: { host: '203.0.113.10', port: null, portSource: null } }],
    ['IPv4:port', '10.0.2.15:8080', { ok: true, value: { host: '10.0.2.15', port: 8080, portSource: 'explicit' } }],
    ['bare IPv6', '2001:db8::1', { ok: true, value: { host: '2001:db8::1', port: null, portSource: null } }],
    ['bracketed IPv6 with port', '[2001:db8::1]:443', { ok: true, value: { host: '2001:db8::1', port: 443, portSource: 'explicit' } }],
    ['https URL takes 443', 'https://api.partner.example.com/v1/orders?id=1', { ok: true, value: { host: 'api.partner.example.com', port: 443, portSource: 'scheme' } }],
    ['URL port wins over the scheme', 'http://10.0.3.20:8080/health', { ok: true, value: { host: '10.0.3.20', port: 8080, portSource: 'explicit' } }],
    ['mysql URL', 'mysql://rm-bp1abc.mysql.rds.aliyuncs.com/app', { ok: true, value: { host: 'rm-bp1abc.mysql.rds.aliyuncs.com', port: 3306, portSource: 'scheme' } }],
    ['unknown scheme has no port', 'gopher://example.com', { ok: true, value: { host: 'example.com', port: null, portSource: null } }],
    ['empty', '  ', { ok: false, message: 'Enter a host name, IP address, host:port or URL', problem: { id: 'destinationInput.empty' } }],
    ['spaces', 'api example.com', { ok: false, message: 'A destination has no spaces', problem: { id: 'destinationInput.spaces' } }],
    ['bad port', 'example.com:99999', { ok: false, message: 'Port “99999” must be a number from 1 to 65535', problem: { id: 'destinationInput.badPort', params: { port: '99999' } } }],
    ['bad host', 'exa$mple.com', { ok: false, message: '“exa$mple.com” is neither an IP address nor a valid host name', problem: { id: 'destinationInput.notHost', params: { host: 'exa$mple.com' } } }],
    ['path without scheme is dropped', 'example.com/path?q=1', { ok: true, value: { host: 'example.com', port: null, portSource: null } }],
    ['host:port with a path', 'api.example.com:8443/v1/orders', { ok: true, value: { host: 'api.example.com', port: 8443, portSource: 'explicit' } }],
    ['a path alone', '/v1/orders', { ok: false, message: 'Start with the host name or address (a path alone is not a destination)', problem: { id: 'destinationInput.pathOnly' } }],
    ['IDN becomes punycode', 'bücher.example', { ok: true, value: { host: 'xn--bcher-kva.example', port: null, portSource: null } }],
    ['IDN with port', 'bücher.example:443', { ok: true, value: { host: 'xn--bcher-kva.example', port: 443, portSource: 'explicit' } }],
    ['IDN in a URL', 'https://例え.jp/パス', { ok: true, value: { host: 'xn--r8jz45g.jp', port: 443, portSource: 'scheme' } }],
    ['IPv4 CIDR asks for one address', '203.0.113.0/24', { ok: false, message: '“203.0.113.0/24” is a range (CIDR), not one destination: enter one address of it, e.g. 203.0.113.1', problem: { id: 'destinationInput.range', params: { text: '203.0.113.0/24', example: '203.0.113.1' } } }],
    ['host CIDR names its address', '10.0.2.15/32', { ok: false, message: '“10.0.2.15/32” is a range (CIDR), not one destination: enter one address of it, e.g. 10.0.2.15', problem: { id: 'destinationInput.range', params: { text: '10.0.2.15/32', example: '10.0.2.15' } } }],
    ['IPv6 CIDR asks for one address', '2001:db8::/64', { ok: false, message: '“2001:db8::/64” is a range (CIDR), not one destination: enter one address of it, e.g. 2001:db8:0:0:0:0:0:1', problem: { id: 'destinationInput.range', params: { text: '2001:db8::/64', example: '2001:db8:0:0:0:0:0:1' } } }],
    ['long input is not echoed whole', `${'a'.repeat(300)}$`, { ok: false, message: `“${'a'.repeat(80)}…” is neither an IP address nor a valid host name`, problem: { id: 'destinationInput.notHost', params: { host: `${'a'.repeat(80)}…` } } }],
    ['label over 63 characters', `${'a'.repeat(64)}.com`, { ok: false, message: `“${'a'.repeat(64)}.com” is neither an IP address nor a valid host name`, problem: { id: 'destinationInput.notHost', params: { host: `${'a'.repeat(64)}.com` } } }],
  ])('%s', (_name, input, expected) => {
    expect(parseDestination(input)).toStrictEqual(expected);
  });
});

describe('diagnosisRequestSchema', () => {
  it('fills the port from the URL and defaults the protocol to tcp', () => {
    expect(diagnosisRequestSchema.parse({ cluster: 'acs-prod', namespace: 'shop', pod: 'web-1', destination: 'https://api.partner.example.com' })).toStrictEqual({
      cluster: 'acs-prod',
      namespace: 'shop',
      pod: 'web-1',
      destination: 'https://api.partner.example.com',
      host: 'api.partner.example.com',
      port: 443,
      protocol: 'tcp',
    });
  });

  it('accepts SCTP', () => {
    expect(diagnosisRequestSchema.parse({ namespace: 'shop', pod: 'web-1', destination: '10.0.2.15:3868', protocol: 'sctp' }).protocol).toBe('sctp');
  });

  it('lets an explicit port override the scheme', () => {
    expect(diagnosisRequestSchema.parse({ namespace: 'shop', pod: 'web-1', destination: 'https://api.example.com', port: '8443' }).port).toBe(8443);
  });

  it.each([
    ['a destination without port', { namespace: 'shop', pod: 'web-1', destination: 'api.example.com' }, 'port'],
    ['an invalid protocol', { namespace: 'shop', pod: 'web-1', destination: 'api.example.com:443', protocol: 'icmp' }, 'protocol'],
    ['a missing pod', { namespace: 'shop', destination: 'api.example.com:443' }, 'pod'],
    ['a port given as true', { namespace: 'shop', pod: 'web-1', destination: 'api.example.com', port: true }, 'port'],
    ['a port given as [443]', { namespace: 'shop', pod: 'web-1', destination: 'api.example.com', port: [443] }, 'port'],
    ['a port given as "443abc"', { namespace: 'shop', pod: 'web-1', destination: 'api.example.com', port: '443abc' }, 'port'],
    ['a port of 443.5', { namespace: 'shop', pod: 'web-1', destination: 'api.example.com', port: 443.5 }, 'port'],
    ['a port of 0', { namespace: 'shop', pod: 'web-1', destination: 'api.example.com', port: 0 }, 'port'],
    ['a port of 65536', { namespace: 'shop', pod: 'web-1', destination: 'api.example.com', port: 65536 }, 'port'],
    ['a namespace with upper case', { namespace: 'Shop', pod: 'web-1', destination: 'api.example.com:443' }, 'namespace'],
    ['a namespace holding a lone surrogate', { namespace: 'shop\ud800', pod: 'web-1', destination: 'api.example.com:443' }, 'namespace'],
    ['a pod holding a lone surrogate', { namespace: 'shop', pod: 'web-\udfff', destination: 'api.example.com:443' }, 'pod'],
    ['a pod name of 254 characters', { namespace: 'shop', pod: 'a'.repeat(254), destination: 'api.example.com:443' }, 'pod'],
    ['a cluster with spaces', { cluster: 'acs prod', namespace: 'shop', pod: 'web-1', destination: 'api.example.com:443' }, 'cluster'],
    ['a destination of 20 000 characters', { namespace: 'shop', pod: 'web-1', destination: `${'a'.repeat(20_000)}.example.com:443` }, 'destination'],
  ])('rejects %s with an issue on %s', (_name, body, path) => {
    const result = diagnosisRequestSchema.safeParse(body);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toContain(path);
  });

  it('does not echo an oversized destination in its message', () => {
    const result = diagnosisRequestSchema.safeParse({ namespace: 'shop', pod: 'web-1', destination: 'x'.repeat(100_000) });
    expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toStrictEqual([['destination', 'a destination has at most 2048 characters']]);
  });
});
