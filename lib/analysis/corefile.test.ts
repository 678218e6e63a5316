import { describe, expect, it } from 'vitest';

import { ackDefaultCorefile } from './coredns-config';
import { parseCorefile, redactCorefile, type CorefileParse } from './corefile';
import { corednsServers, type CorednsServer } from './corefile-plugins';

const servers = (text: string): CorednsServer[] => {
  const parsed = parseCorefile(text);
  if (parsed.kind === 'invalid') throw new Error(`does not parse: ${parsed.message}`);
  return corednsServers(parsed.blocks);
};

/** A server with nothing configured, for whole-object comparisons. */
const server = (extra: Partial<CorednsServer>): CorednsServer => ({
  label: '.:53',
  zones: ['.'],
  port: 53,
  line: 1,
  endLine: 1,
  rewrites: [],
  templates: [],
  hosts: null,
  kubernetes: null,
  forward: null,
  cache: null,
  reload: false,
  plugins: [],
  others: [],
  ...extra,
});

describe('parseCorefile', () => {
  const rows: Array<[string, string, CorefileParse]> = [
    [
      'one block, a directive with a nested block, comments and quotes',
      '# cluster DNS\n.:53 {\n  health {\n    lameduck 15s  # drain\n  }\n  log "{remote} {name}"\n}\n',
      {
        kind: 'ok',
        blocks: [
          {
            keys: ['.:53'],
            line: 2,
            endLine: 7,
            directives: [
              { name: 'health', args: [], line: 3, block: [{ name: 'lameduck', args: ['15s'], line: 4, block: [] }] },
              { name: 'log', args: ['{remote} {name}'], line: 6, block: [] },
            ],
          },
        ],
      },
    ],
    [
      'several keys, comma-separated, and a brace glued to the key',
      'a.example:53, b.example:53{\n  whoami\n}',
      { kind: 'ok', blocks: [{ keys: ['a.example:53', 'b.example:53'], line: 1, endLine: 3, directives: [{ name: 'whoami', args: [], line: 2, block: [] }] }] },
    ],
    [
      'a snippet is expanded where it is imported',
      '(common) {\n  errors\n  cache 30\n}\n.:53 {\n  import common\n  forward . 10.0.0.53\n}',
      {
        kind: 'ok',
        blocks: [
          {
            keys: ['.:53'],
            line: 5,
            endLine: 8,
            directives: [
              { name: 'errors', args: [], line: 2, block: [] },
              { name: 'cache', args: ['30'], line: 3, block: [] },
              { name: 'forward', args: ['.', '10.0.0.53'], line: 7, block: [] },
            ],
          },
        ],
      },
    ],
    ['a block that is not closed', '.:53 {\n  errors\n', { kind: 'invalid', message: 'a block is not closed', line: 1 }],
    ['a key without a block', 'example.org:53\n', { kind: 'invalid', message: 'server block example.org:53 has no { … }', line: 1 }],
    ['a quote that is not closed', '.:53 {\n  log "{name}\n}', { kind: 'invalid', message: 'a quoted token is not closed', line: 2 }],
    ['a stray closing brace', '}\n', { kind: 'invalid', message: 'a closing brace without a block', line: 1 }],
  ];
  it.each(rows)('%s', (_name, text, expected) => {
    expect(parseCorefile(text)).toStrictEqual(expected);
  });
});

describe('corednsServers', () => {
  it("reads ACK's default Corefile", () => {
    expect(servers(ackDefaultCorefile('cluster.local'))).toStrictEqual([
      server({
        endLine: 20,
        kubernetes: { zones: ['cluster.local', 'in-addr.arpa', 'ip6.arpa'], fallthrough: ['in-addr.arpa', 'ip6.arpa'], line: 7 },
        forward: { from: '.', to: ['/etc/resolv.conf'], except: [], policy: 'random', preferUdp: true, forceTcp: false, line: 13 },
        cache: { ttl: 30 },
        reload: true,
        plugins: ['errors', 'health', 'ready', 'kubernetes', 'prometheus', 'forward', 'cache', 'loop', 'reload', 'loadbalance'],
        others: [
          { name: 'errors', args: [], line: 2 },
          { name: 'health', args: [], line: 3 },
          { name: 'ready', args: [], line: 6 },
          { name: 'prometheus', args: [':9153'], line: 12 },
          { name: 'loop', args: [], line: 17 },
          { name: 'loadbalance', args: [], line: 19 },
        ],
      }),
    ]);
  });

  it('reads a stub zone, hosts entries, rewrites and a template', () => {
    const text = [
      'idc.example.internal:53 {', // 1
      '    errors',
      '    cache 60',
      '    forward . 10.50.0.53 dns://10.50.0.54:5353 {',
      '        policy sequential',
      '        except legacy.idc.example.internal',
      '    }',
      '}',
      '.:53 {', // 9
      '    rewrite name suffix .old.example.com .example.com',
      '    rewrite continue name regex (.*)\\.svc\\.corp {1}.svc.cluster.local',
      '    hosts /etc/coredns/custom {',
      '        10.0.8.8 registry.example.com mirror.example.com',
      '        fallthrough',
      '    }',
      '    template IN A blocked.example {',
      '        answer "{{ .Name }} 60 IN A 0.0.0.0"',
      '    }',
      '    forward . /etc/resolv.conf',
      '}',
    ].join('\n');
    expect(servers(text)).toStrictEqual([
      server({
        label: 'idc.example.internal:53',
        zones: ['idc.example.internal'],
        endLine: 8,
        forward: { from: '.', to: ['10.50.0.53', 'dns://10.50.0.54:5353'], except: ['legacy.idc.example.internal'], policy: 'sequential', preferUdp: false, forceTcp: false, line: 4 },
        cache: { ttl: 60 },
        plugins: ['errors', 'cache', 'forward'],
        others: [{ name: 'errors', args: [], line: 2 }],
      }),
      server({
        line: 9,
        endLine: 20,
        rewrites: [
          { mode: 'stop', match: 'suffix', from: '.old.example.com', to: '.example.com', line: 10 },
          { mode: 'continue', match: 'regex', from: '(.*)\\.svc\\.corp', to: '{1}.svc.cluster.local', line: 11 },
        ],
        hosts: { file: '/etc/coredns/custom', zones: ['.'], entries: [{ address: '10.0.8.8', names: ['registry.example.com', 'mirror.example.com'], line: 13 }], fallthrough: [], line: 12 },
        templates: [{ recordClass: 'IN', recordType: 'A', zones: ['blocked.example'], matches: [], answers: ['{{ .Name }} 60 IN A 0.0.0.0'], rcode: null, fallthrough: null, line: 16 }],
        forward: { from: '.', to: ['/etc/resolv.conf'], except: [], policy: 'random', preferUdp: false, forceTcp: false, line: 19 },
        plugins: ['rewrite', 'rewrite', 'hosts', 'template', 'forward'],
      }),
    ]);
  });

  it('serves a block once per port its keys name', () => {
    const found = servers('example.org:53 example.org:1053 tls://secure.example:853 {\n  whoami\n}');
    expect(found.map(({ zones, port }) => ({ zones, port }))).toStrictEqual([
      { zones: ['example.org'], port: 53 },
      { zones: ['example.org'], port: 1053 },
      { zones: ['secure.example'], port: 853 },
    ]);
  });
});

describe('redactCorefile', () => {
  it('hides credentials and keeps the resolution plugins', () => {
    const text = 'example.org {\n  route53 example.org.:Z1 {\n    aws_access_key AKIDEXAMPLE SECRETVALUE\n  }\n  tsig {\n    secret key. c2VjcmV0\n  }\n  forward . 10.0.0.53\n}';
    expect(redactCorefile(text)).toBe('example.org {\n  route53 example.org.:Z1 {\n    aws_access_key <redacted>\n  }\n  tsig {\n    secret <redacted>\n  }\n  forward . 10.0.0.53\n}');
  });
});
