import { describe, expect, it } from 'vitest';

import { ackDefaultCorefile } from './coredns-config';
import { parseCorefile } from './corefile';
import { corednsServers, type CorednsServer } from './corefile-plugins';
import { routeCorefile, type CorednsRoute } from './corefile-route';

const servers = (text: string): CorednsServer[] => {
  const parsed = parseCorefile(text);
  if (parsed.kind === 'invalid') throw new Error(`does not parse: ${parsed.message}`);
  return corednsServers(parsed.blocks);
};

/** A customised ACK Corefile: an IDC stub zone, rewrites, inline hosts, a template, a file zone. */
const CUSTOM = servers(
  [
    'idc.example.internal:53 {', // 1
    '    forward . 10.50.0.53 10.50.0.54:5353 {',
    '        except legacy.idc.example.internal',
    '    }',
    '}',
    'lab.example:53 {', // 6
    '    file /etc/coredns/lab.db',
    '}',
    '.:53 {', // 9
    '    rewrite name exact db.internal rm-a1.mysql.rds.aliyuncs.com',
    '    rewrite name suffix .old.example.com .example.com',
    '    rewrite name regex (.*)\\.svc\\.corp {1}.default.svc.cluster.local',
    '    hosts {',
    '        10.0.8.8 registry.example.com',
    '        10.0.8.9 registry.example.com',
    '        fallthrough',
    '    }',
    '    template IN A blocked.example {',
    '        answer "{{ .Name }} 60 IN A 0.0.0.0"',
    '    }',
    '    template IN ANY nx.example {',
    '        match ^www\\.',
    '        rcode NXDOMAIN',
    '        fallthrough',
    '    }',
    '    kubernetes cluster.local in-addr.arpa ip6.arpa {',
    '        fallthrough in-addr.arpa ip6.arpa',
    '    }',
    '    forward . /etc/resolv.conf',
    '    reload',
    '}',
  ].join('\n'),
);
const ROOT = { label: '.:53', line: 9, reload: true };
const IDC = { label: 'idc.example.internal:53', line: 1, reload: false };
const rootForward = CUSTOM[2]?.forward ?? null;
const idcForward = CUSTOM[0]?.forward ?? null;

describe('routeCorefile', () => {
  if (rootForward === null || idcForward === null) throw new Error('fixture lost its forward plugins');
  const rows: Array<[string, string, CorednsServer[], CorednsRoute]> = [
    [
      'a public name goes to the node resolver (VPC DNS) in the ACK default',
      'api.partner.example.com',
      servers(ackDefaultCorefile('cluster.local')),
      {
        kind: 'forward',
        name: 'api.partner.example.com',
        server: { label: '.:53', line: 1, reload: true },
        steps: [],
        forward: { from: '.', to: ['/etc/resolv.conf'], except: [], policy: 'random', preferUdp: true, forceTcp: false, line: 13 },
        upstream: 'resolvConf',
        servers: [],
      },
    ],
    ['a cluster name is the kubernetes plugin’s, without fallthrough', 'web.shop.svc.cluster.local', CUSTOM, { kind: 'kubernetes', name: 'web.shop.svc.cluster.local', server: ROOT, steps: [], line: 26, next: null }],
    [
      'a name of the stub zone goes to its servers (the most specific block wins)',
      'ldap.idc.example.internal',
      CUSTOM,
      { kind: 'forward', name: 'ldap.idc.example.internal', server: IDC, steps: [], forward: idcForward, upstream: 'servers', servers: [{ ip: '10.50.0.53', port: 53 }, { ip: '10.50.0.54', port: 5353 }] },
    ],
    [
      'a name the stub excepts has no other plugin there: SERVFAIL',
      'legacy.idc.example.internal',
      CUSTOM,
      { kind: 'fail', name: 'legacy.idc.example.internal', server: IDC, steps: [], rcode: 'SERVFAIL', reason: 'no plugin of the server block idc.example.internal:53 answers legacy.idc.example.internal' },
    ],
    ['an inline hosts entry answers with every address of the name', 'registry.example.com', CUSTOM, { kind: 'hosts', name: 'registry.example.com', server: ROOT, steps: [], line: 14, addresses: ['10.0.8.8', '10.0.8.9'] }],
    [
      'an exact rewrite sends the new name on to the upstream',
      'db.internal',
      CUSTOM,
      {
        kind: 'forward',
        name: 'rm-a1.mysql.rds.aliyuncs.com',
        server: ROOT,
        steps: [{ line: 10, text: 'rewrite name exact db.internal rm-a1.mysql.rds.aliyuncs.com: db.internal → rm-a1.mysql.rds.aliyuncs.com' }],
        forward: rootForward,
        upstream: 'resolvConf',
        servers: [],
      },
    ],
    [
      'a suffix rewrite',
      'api.old.example.com',
      CUSTOM,
      {
        kind: 'forward',
        name: 'api.example.com',
        server: ROOT,
        steps: [{ line: 11, text: 'rewrite name suffix .old.example.com .example.com: api.old.example.com → api.example.com' }],
        forward: rootForward,
        upstream: 'resolvConf',
        servers: [],
      },
    ],
    [
      'a regex rewrite into the cluster domain reaches the kubernetes plugin',
      'cart.svc.corp',
      CUSTOM,
      {
        kind: 'kubernetes',
        name: 'cart.default.svc.cluster.local',
        server: ROOT,
        steps: [{ line: 12, text: 'rewrite name regex (.*)\\.svc\\.corp {1}.default.svc.cluster.local: cart.svc.corp → cart.default.svc.cluster.local' }],
        line: 26,
        next: null,
      },
    ],
    ['a template with a literal answer', 'ads.blocked.example', CUSTOM, { kind: 'template', name: 'ads.blocked.example', server: ROOT, steps: [], line: 18, rcode: 'NOERROR', addresses: ['0.0.0.0'] }],
    ['a template rcode for the names its pattern matches', 'www.nx.example', CUSTOM, { kind: 'template', name: 'www.nx.example', server: ROOT, steps: [], line: 21, rcode: 'NXDOMAIN', addresses: [] }],
    [
      'a template falls through for the names its pattern misses',
      'api.nx.example',
      CUSTOM,
      { kind: 'forward', name: 'api.nx.example', server: ROOT, steps: [], forward: rootForward, upstream: 'resolvConf', servers: [] },
    ],
    ['a zone served by a plugin this model does not read', 'host.lab.example', CUSTOM, { kind: 'unmodelled', name: 'host.lab.example', server: { label: 'lab.example:53', line: 6, reload: false }, steps: [], reason: 'the file plugin (line 7) serves host.lab.example; what it answers is not read' }],
    ['no block serves the name', 'api.example.com', servers('cluster.local:53 {\n kubernetes\n}'), { kind: 'fail', name: 'api.example.com', server: null, steps: [], rcode: 'REFUSED', reason: 'no server block of the Corefile serves api.example.com on port 53' }],
    [
      'hosts without fallthrough answers SERVFAIL for a name it lacks',
      'other.example.com',
      servers('.:53 {\n hosts {\n  10.0.0.1 one.example.com\n }\n forward . /etc/resolv.conf\n}'),
      {
        kind: 'fail',
        name: 'other.example.com',
        server: { label: '.:53', line: 1, reload: false },
        steps: [],
        rcode: 'SERVFAIL',
        reason: 'the hosts plugin (line 2) serves . without fallthrough and has no entry for other.example.com, so CoreDNS answers SERVFAIL',
      },
    ],
  ];
  it.each(rows)('%s', (_name, name, list, expected) => {
    expect(routeCorefile(name, list)).toStrictEqual(expected);
  });

  it('follows the kubernetes fallthrough to the next plugin for reverse zones', () => {
    const route = routeCorefile('20.0.0.10.in-addr.arpa', CUSTOM);
    expect(route.kind === 'kubernetes' ? route.next?.kind : route.kind).toBe('forward');
  });
});
