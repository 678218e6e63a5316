import { describe, expect, it } from 'vitest';

import {
  answer,
  clusterDns,
  clusterInfo,
  factError,
  missing,
  ok,
  pathContext,
  pathFacts,
  peer,
  policy,
  port,
  rule,
  service,
  onePod,
} from './__fixtures__/kubernetes-builders';
import { evaluateDnsHop } from './dns-hop';
import type { ClusterFacts, DnsAnswer, Fact, Hop, NetworkPolicy } from './model';
import { withoutMessages } from '@/lib/test/without-messages';

const HOST = 'api.partner.example.com';
const expansions = (host: string) => [`${host}.prod.svc.cluster.local`, `${host}.svc.cluster.local`, `${host}.cluster.local`];
const nx = (host: string): DnsAnswer[] => expansions(host).map((name) => answer(name, 'NXDOMAIN', [], 'cluster DNS (Service records)'));
const resolvedAnswers = ok([...nx(HOST), answer(HOST, 'NOERROR', ['198.51.100.7'])]);
const nxdomainAnswers = ok([...nx('api.partnr.example.com'), answer('api.partnr.example.com', 'NXDOMAIN')]);

const only443 = policy({ name: 'web-egress', egress: [rule({ ports: [port(443)] })] });
const dnsUdpOnly = policy({
  name: 'dns-udp',
  egress: [rule({ peers: [peer({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } })], ports: [port(53, 'UDP')] })],
});
const dnsBoth = policy({ ...dnsUdpOnly, name: 'dns-both', egress: [rule({ ...dnsUdpOnly.egress?.[0], ports: [port(53, 'UDP'), port('dns-tcp', 'TCP')] })] });
const vpcDnsOnly = policy({ name: 'vpc-dns', egress: [rule({ peers: [peer({ ipBlock: { cidr: '100.100.2.136/32', except: [] } })], ports: [port(53, 'UDP'), port(53, 'TCP')] })] });

const pzZone = { id: 'zone-1', name: 'partner.internal', proxyPattern: 'ZONE' as const, vpcs: [{ vpcId: 'vpc-other', regionId: 'cn-hangzhou' }] };
const pzRecord = { id: 7, rr: 'api', type: 'A', value: '203.0.113.20', ttl: 60, enabled: true };
const PZ_HOST = 'api.partner.internal';
const pzAnswer = (rcode: DnsAnswer['rcode'], source: DnsAnswer['source']): DnsAnswer => ({ ...answer(PZ_HOST, rcode, [], 'VPC DNS'), source });
const boundZone = { ...pzZone, vpcs: [{ vpcId: 'vpc-pod', regionId: 'cn-hangzhou' }] };

function outline(hop: Hop) {
  return {
    verdict: hop.verdict,
    summary: hop.summary,
    decidedBy: hop.evidence.decidedBy?.label ?? null,
    decidingRow: hop.evidence.tables[0]?.decidingRow ?? null,
    fixes: hop.fixes.map((fix) => fix.id),
  };
}

describe('evaluateDnsHop', () => {
  const rows: Array<[string, { host?: string; answers: Fact<DnsAnswer[]> | null; cluster?: Partial<ClusterFacts> }, ReturnType<typeof outline>]> = [
    [
      'skip for an IP destination',
      { host: '203.0.113.10', answers: null },
      { verdict: 'skip', summary: 'Not applicable: the destination 203.0.113.10 is an IP address; nothing to resolve', decidedBy: null, decidingRow: null, fixes: [] },
    ],
    [
      'pass when the absolute name resolves after the search-list expansions',
      { answers: resolvedAnswers },
      {
        verdict: 'pass',
        summary: 'api.partner.example.com resolves to 198.51.100.7 (name 4 of 4 tried, answered by 192.168.0.10)',
        decidedBy: 'api.partner.example.com',
        decidingRow: 3,
        fixes: [],
      },
    ],
    [
      'block when every name tried is NXDOMAIN (dns-nxdomain)',
      { host: 'api.partnr.example.com', answers: nxdomainAnswers },
      { verdict: 'block', summary: 'api.partnr.example.com does not resolve: NXDOMAIN for all 4 names tried', decidedBy: null, decidingRow: null, fixes: ['dns-check-name'] },
    ],
    [
      'block when NetworkPolicy denies DNS, even though the dashboard got answers (dns-policy-denied)',
      { answers: resolvedAnswers, cluster: { networkPolicies: ok([only443]) } },
      {
        verdict: 'block',
        summary: 'The pod cannot reach its DNS server: NetworkPolicy prod/web-egress selecting prod/web-7d9f8b6c5-x2k4p allows no UDP 53 to 10.0.1.53 (pod kube-system/coredns-5b8f7d6c9-abcde)',
        decidedBy: 'NetworkPolicy prod/web-egress',
        decidingRow: 3,
        fixes: ['networkPolicy-allow-egress-allow-dns-web'],
      },
    ],
    [
      'warn when UDP 53 is allowed but TCP 53 is not',
      { answers: resolvedAnswers, cluster: { networkPolicies: ok([dnsUdpOnly]) } },
      {
        verdict: 'warn',
        summary:
          'DNS over UDP is allowed but TCP 53 is not (NetworkPolicy prod/dns-udp selecting prod/web-7d9f8b6c5-x2k4p allows no TCP 53 to 10.0.1.53 (pod kube-system/coredns-5b8f7d6c9-abcde)): truncated answers will fail',
        decidedBy: 'NetworkPolicy prod/dns-udp',
        decidingRow: 3,
        fixes: ['networkPolicy-allow-egress-allow-dns-web'],
      },
    ],
    [
      'pass when UDP and TCP 53 to CoreDNS are allowed (named port dns-tcp)',
      { answers: resolvedAnswers, cluster: { networkPolicies: ok([only443, dnsBoth]) } },
      {
        verdict: 'pass',
        summary: 'api.partner.example.com resolves to 198.51.100.7 (name 4 of 4 tried, answered by 192.168.0.10)',
        decidedBy: 'api.partner.example.com',
        decidingRow: 3,
        fixes: [],
      },
    ],
    [
      'warn when the denying policy is not enforced (Flannel)',
      { answers: resolvedAnswers, cluster: { networkPolicies: ok([only443]), cluster: clusterInfo({ networkPolicyEnforcement: 'never', enforcementReason: 'Flannel does not enforce NetworkPolicy' }) } },
      {
        verdict: 'warn',
        summary:
          'NetworkPolicy would keep the pod from DNS (NetworkPolicy prod/web-egress selecting prod/web-7d9f8b6c5-x2k4p allows no UDP 53 to 10.0.1.53 (pod kube-system/coredns-5b8f7d6c9-abcde)), but it is not enforced',
        decidedBy: 'NetworkPolicy prod/web-egress',
        decidingRow: 3,
        fixes: [],
      },
    ],
    [
      'block when CoreDNS has no ready endpoint',
      { answers: resolvedAnswers, cluster: { dns: ok(clusterDns({ readyEndpoints: [], notReadyEndpoints: ['10.0.1.53'], deployment: { name: 'coredns', replicas: 2, readyReplicas: 0 } })) } },
      {
        verdict: 'block',
        summary: "kube-dns (192.168.0.10) has no ready CoreDNS endpoint (1 not ready): nothing answers the pod's queries",
        decidedBy: 'Service kube-system/kube-dns',
        decidingRow: 3,
        fixes: ['dns-coredns-not-ready'],
      },
    ],
    [
      'warn when some CoreDNS endpoints are not ready',
      { answers: resolvedAnswers, cluster: { dns: ok(clusterDns({ notReadyEndpoints: ['10.0.1.54'] })) } },
      { verdict: 'warn', summary: '1 of 2 CoreDNS endpoints behind kube-dns are not ready; some queries may time out', decidedBy: null, decidingRow: 3, fixes: [] },
    ],
    [
      'unknown when the CoreDNS facts are missing',
      { answers: resolvedAnswers, cluster: { dns: missing(factError({ resource: 'services in kube-system', message: 'forbidden' })) } },
      { verdict: 'unknown', summary: 'Cannot tell: 403 on services in kube-system: forbidden', decidedBy: null, decidingRow: null, fixes: [] },
    ],
    [
      'unknown, never pass, when NetworkPolicies are missing even if the name resolves',
      { answers: resolvedAnswers, cluster: { networkPolicies: missing() } },
      {
        verdict: 'unknown',
        summary: 'Cannot tell whether NetworkPolicy lets the pod reach DNS: 403 on networkpolicies in all namespaces: networkpolicies.networking.k8s.io is forbidden',
        decidedBy: null,
        decidingRow: 3,
        fixes: [],
      },
    ],
    [
      'unknown when the answers are missing',
      { answers: missing(factError({ source: 'dns', reason: 'unreachable', code: undefined, resource: 'DNS api.partner.example.com @ 127.0.0.1:53', message: 'ECONNREFUSED' })) },
      {
        verdict: 'unknown',
        summary: 'The name could not be looked up: unreachable on DNS api.partner.example.com @ 127.0.0.1:53: ECONNREFUSED',
        decidedBy: null,
        decidingRow: null,
        fixes: [],
      },
    ],
    [
      'unknown when the server timed out',
      { answers: ok([...nx(HOST), answer(HOST, 'TIMEOUT')]) },
      { verdict: 'unknown', summary: 'The DNS server did not answer for api.partner.example.com (timeout)', decidedBy: null, decidingRow: null, fixes: [] },
    ],
    [
      'block when the server answers SERVFAIL',
      { answers: ok([...nx(HOST), answer(HOST, 'SERVFAIL')]) },
      { verdict: 'block', summary: 'api.partner.example.com does not resolve: 192.168.0.10 answered SERVFAIL for api.partner.example.com', decidedBy: null, decidingRow: null, fixes: ['dns-server-failure'] },
    ],
    [
      'block at a CNAME loop (cname-dead-end), not a warning with every later hop skipped',
      { answers: ok([...nx(HOST), { ...answer(HOST, 'NOERROR'), cnames: ['cdn.partner.example.com', HOST] }]) },
      {
        verdict: 'block',
        summary: 'api.partner.example.com does not resolve: the CNAME chain api.partner.example.com → cdn.partner.example.com → api.partner.example.com loops',
        decidedBy: 'api.partner.example.com',
        decidingRow: null,
        fixes: ['dns-cname-dead-end'],
      },
    ],
    [
      'block at a CNAME to a name without an address record',
      { answers: ok([...nx(HOST), { ...answer(HOST, 'NOERROR'), cnames: ['edge.partner.example.com'] }]) },
      {
        verdict: 'block',
        summary: 'api.partner.example.com does not resolve: the CNAME chain api.partner.example.com → edge.partner.example.com ends at edge.partner.example.com, which has no address (no A or AAAA record)',
        decidedBy: 'api.partner.example.com',
        decidingRow: null,
        fixes: ['dns-cname-dead-end'],
      },
    ],
    [
      'block at a CNAME to a name that does not exist',
      { answers: ok([...nx(HOST), { ...answer(HOST, 'NXDOMAIN'), cnames: ['gone.partner.example.com'] }]) },
      {
        verdict: 'block',
        summary: 'api.partner.example.com does not resolve: the CNAME chain api.partner.example.com → gone.partner.example.com ends at gone.partner.example.com, which has no address (NXDOMAIN)',
        decidedBy: 'api.partner.example.com',
        decidingRow: null,
        fixes: ['dns-cname-dead-end'],
      },
    ],
    [
      'pvtz-not-bound: a zone holding the name but bound to another VPC blocks with BindZoneVpc',
      { host: PZ_HOST, answers: ok([...nx(PZ_HOST), pzAnswer('NXDOMAIN', { kind: 'public', server: '127.0.0.1:53', vpcId: 'vpc-pod', regionId: 'cn-hangzhou', recursedFrom: null, unboundZones: [{ zone: pzZone, records: [pzRecord] }] })]) },
      {
        verdict: 'block',
        summary: "api.partner.internal does not resolve from the pod's VPC: PrivateZone partner.internal holds it but is bound to vpc-other, not to vpc-pod",
        decidedBy: 'PrivateZone partner.internal',
        decidingRow: null,
        fixes: ['dns-pvtz-bind-vpc'],
      },
    ],
    [
      'pvtz-record-disabled: a disabled record of a bound zone blocks with SetZoneRecordStatus',
      { host: PZ_HOST, answers: ok([...nx(PZ_HOST), pzAnswer('NXDOMAIN', { kind: 'privateZone', zone: boundZone, vpcId: 'vpc-pod', outcome: 'recordDisabled', records: [{ ...pzRecord, enabled: false }] })]) },
      {
        verdict: 'block',
        summary: 'api.partner.internal does not resolve: its record in PrivateZone partner.internal is disabled, and the zone answers NXDOMAIN for it',
        decidedBy: 'PrivateZone partner.internal',
        decidingRow: null,
        fixes: ['dns-pvtz-enable-record'],
      },
    ],
    [
      'pvtz-zone-nxdomain: ZONE recursion of a bound zone without the name blocks with SetProxyPattern',
      { host: PZ_HOST, answers: ok([...nx(PZ_HOST), pzAnswer('NXDOMAIN', { kind: 'privateZone', zone: boundZone, vpcId: 'vpc-pod', outcome: 'noRecord', records: [] })]) },
      {
        verdict: 'block',
        summary: 'api.partner.internal does not resolve: PrivateZone partner.internal is bound to vpc-pod with recursion ZONE and has no record for it, so the VPC DNS answers NXDOMAIN instead of asking public DNS',
        decidedBy: 'PrivateZone partner.internal',
        decidingRow: null,
        fixes: ['dns-pvtz-recursion'],
      },
    ],
    [
      'unknown when the zones of the VPC could not be read, never a fallback to the dashboard resolver',
      { host: PZ_HOST, answers: ok([...nx(PZ_HOST), pzAnswer('UNKNOWN', { kind: 'unasked', reason: 'the zones could not be read (Forbidden.RAM)' })]) },
      { verdict: 'unknown', summary: 'Cannot tell how api.partner.internal resolves for the pod: the zones could not be read (Forbidden.RAM)', decidedBy: null, decidingRow: null, fixes: [] },
    ],
    [
      'unknown when a name tried before the one that resolved was forwarded elsewhere',
      { answers: ok([{ ...answer(expansions(HOST)[0] ?? '', 'UNKNOWN', [], '172.16.0.53:53'), source: { kind: 'forwarded', servers: ['172.16.0.53:53'], by: 'CoreDNS forward (cluster.local)' } }, answer(HOST, 'NOERROR', ['198.51.100.7'])]) },
      {
        verdict: 'unknown',
        summary: 'api.partner.example.com.prod.svc.cluster.local is forwarded by CoreDNS forward (cluster.local) to 172.16.0.53:53, which the dashboard does not ask: what it answers is unknown',
        decidedBy: null,
        decidingRow: 1,
        fixes: [],
      },
    ],
    [
      'dnsPolicy Default: the VPC DNS reached through an ipBlock passes',
      { answers: ok([answer(HOST, 'NOERROR', ['198.51.100.7'], '100.100.2.136')]), cluster: { pod: onePod({ dnsPolicy: 'Default' }), networkPolicies: ok([only443, vpcDnsOnly]) } },
      {
        verdict: 'pass',
        summary: 'api.partner.example.com resolves to 198.51.100.7 (name 1 of 1 tried, answered by 100.100.2.136)',
        decidedBy: 'api.partner.example.com',
        decidingRow: 0,
        fixes: [],
      },
    ],
    [
      'dnsPolicy Default: a policy denying the VPC DNS blocks with an ipBlock fix',
      { answers: ok([answer(HOST, 'NOERROR', ['198.51.100.7'], '100.100.2.136')]), cluster: { pod: onePod({ dnsPolicy: 'Default' }), networkPolicies: ok([only443]) } },
      {
        verdict: 'block',
        summary: 'The pod cannot reach its DNS server: NetworkPolicy prod/web-egress selecting prod/web-7d9f8b6c5-x2k4p allows no UDP 53 to 100.100.2.136',
        decidedBy: 'NetworkPolicy prod/web-egress',
        decidingRow: 0,
        fixes: ['networkPolicy-allow-egress-allow-dns-web'],
      },
    ],
    [
      'block when dnsPolicy None leaves no nameserver',
      { answers: ok([]), cluster: { pod: onePod({ dnsPolicy: 'None' }) } },
      { verdict: 'block', summary: 'The pod has no nameserver (dnsPolicy None): it cannot resolve api.partner.example.com', decidedBy: null, decidingRow: null, fixes: [] },
    ],
  ];
  it.each(rows)('%s', (_name, input, expected) => {
    const facts = pathFacts({ host: input.host ?? HOST, dnsAnswers: input.answers, cluster: input.cluster });
    expect(outline(evaluateDnsHop(facts, pathContext(facts, { host: input.host ?? HOST })))).toStrictEqual(expected);
  });

  it('dns-nxdomain: the whole hop lists every name tried and what to check', () => {
    const host = 'api.partnr.example.com';
    const facts = pathFacts({ host, dnsAnswers: nxdomainAnswers });
    const hop = evaluateDnsHop(facts, pathContext(facts, { kind: 'unresolved', host, addresses: [] }));
    expect(withoutMessages(hop)).toStrictEqual({
      kind: 'dns',
      verdict: 'block',
      summary: 'api.partnr.example.com does not resolve: NXDOMAIN for all 4 names tried',
      reason: null,
      evidence: {
        facts: [
          { kind: 'service', id: 'kube-system/kube-dns', label: 'Service kube-system/kube-dns' },
          ...[...expansions(host), host].map((name) => ({ kind: 'dnsName', id: name, label: `${name} (NXDOMAIN)` })),
        ],
        decidedBy: null,
        tables: [
          {
            title: 'Names the resolver tried, in order',
            columns: ['#', 'Name', 'Answered by', 'Rcode', 'Addresses', 'Via'],
            rows: [
              ['1', 'api.partnr.example.com.prod.svc.cluster.local', 'cluster DNS (Service records)', 'NXDOMAIN', '—', '—'],
              ['2', 'api.partnr.example.com.svc.cluster.local', 'cluster DNS (Service records)', 'NXDOMAIN', '—', '—'],
              ['3', 'api.partnr.example.com.cluster.local', 'cluster DNS (Service records)', 'NXDOMAIN', '—', '—'],
              ['4', 'api.partnr.example.com', '192.168.0.10', 'NXDOMAIN', '—', '—'],
            ],
            decidingRow: null,
          },
        ],
        notes: [
          'Resolver (dnsPolicy ClusterFirst): nameservers 192.168.0.10; search prod.svc.cluster.local svc.cluster.local cluster.local; ndots 5.',
          "The node's own search domains follow the cluster ones in the pod's resolv.conf; they are not known here.",
          'NetworkPolicy enforcement for prod/web-7d9f8b6c5-x2k4p: Terway enforces NetworkPolicy.',
          'Deployment coredns: 1/1 replicas ready.',
          "The pod's queries go CoreDNS (kube-dns 192.168.0.10).",
          "The Corefile was not recorded in these facts: ACK's default Corefile is assumed (kubernetes cluster.local, forward . /etc/resolv.conf → the VPC DNS, cache 30).",
        ],
      },
      fixes: [
        {
          kind: 'manual',
          id: 'dns-check-name',
          title: 'Check the name api.partnr.example.com and its DNS record',
          description: 'No name the resolver tried for api.partnr.example.com has an address.',
          risk: 'None: read-only checks, then a change to the name the application uses or to the DNS record.',
          target: { kind: 'dnsName', id: host, label: host },
          steps: [
            'Check the spelling of api.partnr.example.com: every name the resolver tried answered NXDOMAIN.',
            'Check that the record exists where api.partnr.example.com is served (public DNS, or a PrivateZone attached to the VPC), e.g. dig api.partnr.example.com @100.100.2.136 from a node.',
            'If api.partnr.example.com is a full name, write it as api.partnr.example.com. (with a trailing dot) so the resolver skips the 3 search-list expansions.',
          ],
        },
      ],
    });
  });

  it('a short name of a Service in another namespace gets a cross-namespace hint', () => {
    const facts = pathFacts({ host: 'orders', dnsAnswers: ok([...nx('orders'), answer('orders', 'NXDOMAIN')]), cluster: { services: ok([service()]) } });
    const fix = evaluateDnsHop(facts, pathContext(facts, { kind: 'unresolved', host: 'orders', addresses: [] })).fixes[0];
    expect(fix?.kind === 'manual' ? fix.steps : null).toStrictEqual([
      'Check the spelling of orders: every name the resolver tried answered NXDOMAIN.',
      'A Service orders exists in namespace data: use orders.data or orders.data.svc.cluster.local.',
      'If orders is a full name, write it as orders. (with a trailing dot) so the resolver skips the 3 search-list expansions.',
    ]);
  });

  it('notes when security groups toward the DNS server could not be read', () => {
    const facts = pathFacts({ dnsAnswers: resolvedAnswers, cloud: { securityGroups: missing(factError({ source: 'alicloud', code: 'Forbidden.RAM', resource: 'DescribeSecurityGroupAttribute sg-pod', message: 'denied' })) } });
    const hop = evaluateDnsHop(facts, pathContext(facts, { host: HOST }));
    expect(hop.evidence.notes.at(-1)).toBe('Security groups between the pod and its DNS server were not checked: Forbidden.RAM on DescribeSecurityGroupAttribute sg-pod: denied.');
  });

  it('the policy-denied hop carries the DNS NetworkPolicy fix as YAML with kubectl apply', () => {
    const facts = pathFacts({ dnsAnswers: resolvedAnswers, cluster: { networkPolicies: ok<NetworkPolicy[]>([only443]) } });
    const fix = evaluateDnsHop(facts, pathContext(facts, { host: HOST })).fixes[0];
    expect(fix?.kind === 'kubernetes' ? { target: fix.target, command: fix.command.split('\n')[0], hasBothPorts: fix.yaml.includes('protocol: UDP') && fix.yaml.includes('protocol: TCP') } : null).toStrictEqual({
      target: { kind: 'networkPolicy', id: 'prod/allow-dns-web', label: 'NetworkPolicy prod/allow-dns-web (new)' },
      command: "kubectl --context acs-prod apply --server-side --field-manager=acs-egress-doctor -f - <<'EOF'",
      hasBothPorts: true,
    });
  });
});
