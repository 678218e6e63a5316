import { describe, expect, it } from 'vitest';

import { corednsPod, defaultNamespaces, namespace, onePod, peer, policy, port, rule } from './__fixtures__/kubernetes-builders';
import type { NetworkPolicy, Pod } from './model';
import { decideEgress, decideIngress, effectivePolicyTypes, type PolicyDecision, type RuleMatch } from './network-policy';

const web = onePod();
const orders = onePod({
  namespace: 'data',
  name: 'orders-0',
  labels: { app: 'orders' },
  ip: '10.0.2.20',
  ips: ['10.0.2.20'],
  containerPorts: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
});
const sameNamespaceApi = onePod({ name: 'api-0', labels: { app: 'api' }, ip: '10.0.1.30', ips: ['10.0.1.30'] });
const pods = [web, orders, sameNamespaceApi, corednsPod()];

type Destination = { address: string; port: number; protocol: 'TCP' | 'UDP' | 'SCTP'; pod: Pod | null };
const external: Destination = { address: '203.0.113.10', port: 443, protocol: 'TCP', pod: null };
const toOrders: Destination = { address: '10.0.2.20', port: 8080, protocol: 'TCP', pod: null };
const toApi: Destination = { address: '10.0.1.30', port: 8080, protocol: 'TCP', pod: null };

const allowed = (matches: RuleMatch[], selecting: NetworkPolicy[]): PolicyDecision => {
  const [first, ...rest] = matches;
  if (!first) throw new Error('test table: allowed needs a match');
  return { kind: 'allowed', direction: 'Egress', selecting, matches: [first, ...rest] };
};
const match = (p: NetworkPolicy, ruleIndex: number, peerIndex: number | null, portIndex: number | null): RuleMatch => ({
  policy: p,
  direction: 'Egress',
  ruleIndex,
  peerIndex,
  portIndex,
});

const denyAll = policy({ name: 'deny-all', podSelector: {}, egress: [] });
const allow443 = policy({ name: 'allow-443', egress: [rule({ ports: [port(443)] })] });
const exceptBlock = policy({
  name: 'internet-except-partner',
  egress: [rule({ peers: [peer({ ipBlock: { cidr: '0.0.0.0/0', except: ['203.0.113.0/24'] } })], ports: [port(443)] })],
});
const hostBits = policy({ name: 'host-bits', egress: [rule({ peers: [peer({ ipBlock: { cidr: '203.0.113.99/24', except: [] } })] })] });
const andPeer = policy({
  name: 'orders-and',
  egress: [rule({ peers: [peer({ namespaceSelector: { matchLabels: { team: 'data' } }, podSelector: { matchLabels: { app: 'orders' } } })] })],
});
const andPeerWrongPod = policy({
  name: 'billing-and',
  egress: [rule({ peers: [peer({ namespaceSelector: { matchLabels: { team: 'data' } }, podSelector: { matchLabels: { app: 'billing' } } })] })],
});
const orPeers = policy({
  name: 'orders-or',
  egress: [rule({ peers: [peer({ namespaceSelector: { matchLabels: { team: 'data' } } }), peer({ podSelector: { matchLabels: { app: 'billing' } } })] })],
});
const podSelectorOnly = policy({ name: 'pods-here', egress: [rule({ peers: [peer({ podSelector: { matchLabels: { app: 'orders' } } })] })] });
const emptyPodSelectorPeer = policy({ name: 'all-pods-here', egress: [rule({ peers: [peer({ podSelector: {} })] })] });
const namedPort = policy({ name: 'named-http', egress: [rule({ ports: [port('http')] })] });
const namedUdp = policy({ name: 'named-http-udp', egress: [rule({ ports: [port('http', 'UDP')] })] });
const range = policy({ name: 'range', egress: [rule({ ports: [port(8000, 'TCP', 8999)] })] });
const ingressOnlyDefault = policy({ name: 'no-types', policyTypes: null, ingress: [], egress: null });
const egressDefault = policy({ name: 'no-types-egress', policyTypes: null, ingress: null, egress: [rule({ ports: [port(53, 'UDP')] })] });
const emptyEgressNoTypes = policy({ name: 'no-types-empty-egress', policyTypes: null, egress: [] });
const otherNamespace = policy({ name: 'other-ns', namespace: 'data', podSelector: {}, egress: [] });
const udpOnly = policy({ name: 'udp-443', egress: [rule({ ports: [port(443, 'UDP')] })] });
const emptyToList = policy({ name: 'empty-to', egress: [rule({ peers: [], ports: [port(443)] })] });

describe('decideEgress', () => {
  const rows: Array<[string, NetworkPolicy[], Destination, PolicyDecision, Pod?]> = [
    ['no policy selects the pod: unrestricted', [], external, { kind: 'unrestricted', direction: 'Egress' }],
    ['a policy in another namespace does not select the pod', [otherNamespace], external, { kind: 'unrestricted', direction: 'Egress' }],
    ['empty podSelector with no egress rules denies everything', [denyAll], external, { kind: 'denied', direction: 'Egress', selecting: [denyAll] }],
    ['a rule without `to` allows every peer on its port', [allow443], external, allowed([match(allow443, 0, null, 0)], [allow443])],
    ['an empty `to` list allows every peer too', [emptyToList], external, allowed([match(emptyToList, 0, null, 0)], [emptyToList])],
    ['multiple policies are ORed: deny-all plus allow-443 allows', [denyAll, allow443], external, allowed([match(allow443, 0, null, 0)], [denyAll, allow443])],
    ['the port protocol must match (UDP rule, TCP flow)', [udpOnly], external, { kind: 'denied', direction: 'Egress', selecting: [udpOnly] }],
    ['ipBlock except holds the address: denied', [exceptBlock], external, { kind: 'denied', direction: 'Egress', selecting: [exceptBlock] }],
    [
      'ipBlock except does not hold the address: allowed',
      [exceptBlock],
      { ...external, address: '198.51.100.7' },
      allowed([match(exceptBlock, 0, 0, 0)], [exceptBlock]),
    ],
    ['ipBlock matches an in-cluster pod address', [exceptBlock], { ...toOrders, port: 443 }, allowed([match(exceptBlock, 0, 0, 0)], [exceptBlock])],
    ['a CIDR with host bits set is read as its network', [hostBits], external, allowed([match(hostBits, 0, 0, null)], [hostBits])],
    ['namespaceSelector AND podSelector in one peer: matching pod in matching namespace', [andPeer], toOrders, allowed([match(andPeer, 0, 0, null)], [andPeer])],
    ['namespaceSelector AND podSelector in one peer: other pod label denies', [andPeerWrongPod], toOrders, { kind: 'denied', direction: 'Egress', selecting: [andPeerWrongPod] }],
    ['two peers are ORed: the namespaceSelector peer alone allows', [orPeers], toOrders, allowed([match(orPeers, 0, 0, null)], [orPeers])],
    ['podSelector alone only matches pods of the policy namespace', [podSelectorOnly], toOrders, { kind: 'denied', direction: 'Egress', selecting: [podSelectorOnly] }],
    ['empty podSelector peer matches every pod of the policy namespace', [emptyPodSelectorPeer], toApi, allowed([match(emptyPodSelectorPeer, 0, 0, null)], [emptyPodSelectorPeer])],
    ['pod peers never match a non-pod destination', [emptyPodSelectorPeer], external, { kind: 'denied', direction: 'Egress', selecting: [emptyPodSelectorPeer] }],
    ['named port resolves against the destination pod', [namedPort], toOrders, allowed([match(namedPort, 0, null, 0)], [namedPort])],
    ['named port with another protocol does not resolve', [namedUdp], toOrders, { kind: 'denied', direction: 'Egress', selecting: [namedUdp] }],
    ['named port never matches a non-pod destination', [namedPort], { ...external, port: 8080 }, { kind: 'denied', direction: 'Egress', selecting: [namedPort] }],
    ['endPort range admits a port inside it', [range], toOrders, allowed([match(range, 0, null, 0)], [range])],
    ['endPort range rejects a port outside it', [range], external, { kind: 'denied', direction: 'Egress', selecting: [range] }],
    ['no policyTypes and no egress: ingress only, egress unrestricted', [ingressOnlyDefault], external, { kind: 'unrestricted', direction: 'Egress' }],
    ['no policyTypes and an empty egress list: still ingress only', [emptyEgressNoTypes], external, { kind: 'unrestricted', direction: 'Egress' }],
    ['no policyTypes with egress rules: egress isolated', [egressDefault], external, { kind: 'denied', direction: 'Egress', selecting: [egressDefault] }],
    [
      'a given destination pod wins over the address lookup',
      [andPeer],
      { ...external, pod: orders },
      allowed([match(andPeer, 0, 0, null)], [andPeer]),
    ],
    [
      'every admitting rule is listed, first decides',
      [allow443, exceptBlock],
      { ...external, address: '198.51.100.7' },
      allowed([match(allow443, 0, null, 0), match(exceptBlock, 0, 0, 0)], [allow443, exceptBlock]),
    ],
    ['a hostNetwork pod is not a pod peer', [emptyPodSelectorPeer], toApi, { kind: 'denied', direction: 'Egress', selecting: [emptyPodSelectorPeer] }, { ...sameNamespaceApi, hostNetwork: true }],
  ];
  it.each(rows)('%s', (_name, policies, destination, expected, replaceApi) => {
    const cluster = replaceApi ? [web, orders, replaceApi] : pods;
    expect(decideEgress({ pod: web, namespaces: defaultNamespaces(), pods: cluster, policies, destination })).toStrictEqual(expected);
  });

  it('namespace labels come from the namespace list, plus kubernetes.io/metadata.name', () => {
    const byName = policy({ name: 'by-name', egress: [rule({ peers: [peer({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'data' } } })] })] });
    const decision = decideEgress({ pod: web, namespaces: [namespace('prod')], pods, policies: [byName], destination: toOrders });
    expect(decision).toStrictEqual(allowed([match(byName, 0, 0, null)], [byName]));
  });
});

describe('decideIngress', () => {
  const ingressPolicy = (overrides: Partial<NetworkPolicy>): NetworkPolicy =>
    policy({ namespace: 'data', name: 'orders-ingress', podSelector: { matchLabels: { app: 'orders' } }, policyTypes: ['Ingress'], egress: null, ...overrides });
  const fromProd = ingressPolicy({ ingress: [rule({ peers: [peer({ namespaceSelector: { matchLabels: { team: 'shop' } } })], ports: [port('http')] })] });
  const fromOther = ingressPolicy({ name: 'from-other', ingress: [rule({ peers: [peer({ podSelector: {} })] })] });
  const rows: Array<[string, NetworkPolicy[], PolicyDecision]> = [
    ['no ingress policy selects the destination: unrestricted', [], { kind: 'unrestricted', direction: 'Ingress' }],
    [
      'namespaceSelector peer admits the source pod on the named port',
      [fromProd],
      { kind: 'allowed', direction: 'Ingress', selecting: [fromProd], matches: [{ policy: fromProd, direction: 'Ingress', ruleIndex: 0, peerIndex: 0, portIndex: 0 }] },
    ],
    ['podSelector peer only admits pods of the destination namespace', [fromOther], { kind: 'denied', direction: 'Ingress', selecting: [fromOther] }],
  ];
  it.each(rows)('%s', (_name, policies, expected) => {
    const decision = decideIngress({
      pod: orders,
      namespaces: defaultNamespaces(),
      pods,
      policies,
      source: { address: web.ip ?? '', pod: null },
      port: 8080,
      protocol: 'TCP',
    });
    expect(decision).toStrictEqual(expected);
  });
});

describe('effectivePolicyTypes', () => {
  it.each<[string, NetworkPolicy, string[]]>([
    ['declared types are kept', policy({ policyTypes: ['Egress'] }), ['Egress']],
    ['absent types without egress default to Ingress', ingressOnlyDefault, ['Ingress']],
    ['absent types with egress rules add Egress', egressDefault, ['Ingress', 'Egress']],
    ['an empty types list counts as absent', policy({ policyTypes: [], egress: null }), ['Ingress']],
  ])('%s', (_name, p, expected) => {
    expect(effectivePolicyTypes(p)).toStrictEqual(expected);
  });
});
