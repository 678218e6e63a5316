import { describe, expect, it } from 'vitest';

import {
  clusterInfo,
  corednsPod,
  endpointSlice,
  factError,
  missing,
  ok,
  onePod,
  pathContext,
  pathFacts,
  peer,
  policy,
  port,
  rule,
  service,
} from './__fixtures__/kubernetes-builders';
import type { ClusterFacts, Hop, NetworkPolicy, ResolvedDestination } from './model';
import { evaluateNetworkPolicyHop } from './network-policy-hop';

const web = onePod();
const orders = onePod({ namespace: 'data', name: 'orders-0', labels: { app: 'orders' }, ip: '10.0.2.20', ips: ['10.0.2.20'] });
const exceptPartner = policy({
  name: 'web-egress',
  egress: [rule({ peers: [peer({ ipBlock: { cidr: '0.0.0.0/0', except: ['203.0.113.0/24'] } })], ports: [port(443)] })],
});
const allowAll443 = policy({ name: 'allow-443', egress: [rule({ ports: [port(443)] })] });
const denyAllEgress = policy({ name: 'deny-all', podSelector: {}, egress: [] });
const ordersIngressFromNowhere = policy({ namespace: 'data', name: 'orders-ingress', podSelector: { matchLabels: { app: 'orders' } }, policyTypes: ['Ingress'], ingress: [], egress: null });
const allowOrdersEgress = policy({ name: 'to-orders', egress: [rule({ peers: [peer({ namespaceSelector: { matchLabels: { team: 'data' } } })], ports: [port('http')] })] });

const external: Partial<ResolvedDestination> = {};
const ordersService: Partial<ResolvedDestination> = { kind: 'clusterService', host: 'orders.data', addresses: ['192.168.10.20'], resourceId: 'data/orders', label: 'Service data/orders (192.168.10.20)' };
const ordersPod: Partial<ResolvedDestination> = { kind: 'clusterPod', host: '10.0.2.20', addresses: ['10.0.2.20'], resourceId: 'data/orders-0', label: 'pod data/orders-0 (10.0.2.20)' };

/** The parts of a hop a row checks: verdict, wording, what decided, the rule tables' deciding rows and the fixes. */
function outline(hop: Hop) {
  return {
    verdict: hop.verdict,
    summary: hop.summary,
    reason: hop.reason,
    facts: hop.evidence.facts.map((fact) => fact.id),
    decidedBy: hop.evidence.decidedBy?.label ?? null,
    decidingRows: hop.evidence.tables.map((table) => table.decidingRow),
    fixes: hop.fixes.map((fix) => fix.id),
  };
}

const withPolicies = (policies: NetworkPolicy[], extra: Partial<ClusterFacts> = {}): Partial<ClusterFacts> => ({
  networkPolicies: ok(policies),
  pods: ok([web, orders, corednsPod()]),
  ...extra,
});

const flannel = clusterInfo({ name: 'ack-flannel', kind: 'ack', networkMode: 'flannel', networkPolicyEnforcement: 'never', enforcementReason: 'Flannel does not enforce NetworkPolicy' });
const acs = clusterInfo({ networkPolicyEnforcement: 'perPod', enforcementReason: 'ACS enforces NetworkPolicy per pod' });
const agent = { 'alibabacloud.com/enable-network-policy-agent': 'true' };
const ordersServiceFacts = {
  services: ok([service()]),
  endpointSlices: ok([endpointSlice()]),
};

describe('evaluateNetworkPolicyHop', () => {
  const rows: Array<[string, Partial<ClusterFacts>, Partial<ResolvedDestination>, ReturnType<typeof outline>, number?]> = [
    [
      'pass when no policy selects the pod (unrestricted)',
      withPolicies([]),
      external,
      { verdict: 'pass', summary: 'No NetworkPolicy restricts traffic to 203.0.113.10 TCP 443', reason: null, facts: [], decidedBy: null, decidingRows: [], fixes: [] },
    ],
    [
      'block when the ipBlock except holds the address (netpol-deny)',
      withPolicies([exceptPartner]),
      external,
      {
        verdict: 'block',
        summary: 'Traffic to 203.0.113.10 TCP 443 is denied: no egress rule of NetworkPolicy prod/web-egress selecting prod/web-7d9f8b6c5-x2k4p allows it',
        reason: null,
        facts: ['prod/web-egress'],
        decidedBy: 'NetworkPolicy prod/web-egress',
        decidingRows: [null],
        fixes: ['networkPolicy-ask-owner', 'networkPolicy-allow-egress-allow-egress-web-to-203-0-113-10'],
      },
    ],
    [
      'pass naming the allowing rule when policies are ORed',
      withPolicies([denyAllEgress, allowAll443]),
      external,
      {
        verdict: 'pass',
        summary: 'Allowed to 203.0.113.10 TCP 443: egress allowed by prod/allow-443 egress[0]',
        reason: null,
        facts: ['prod/deny-all', 'prod/allow-443'],
        decidedBy: 'NetworkPolicy prod/allow-443 egress[0]',
        decidingRows: [1],
        fixes: [],
      },
    ],
    [
      'warn, not block, when Flannel does not enforce policies',
      { ...withPolicies([exceptPartner]), cluster: flannel },
      external,
      {
        verdict: 'warn',
        summary:
          'Traffic to 203.0.113.10 TCP 443 is denied: no egress rule of NetworkPolicy prod/web-egress selecting prod/web-7d9f8b6c5-x2k4p allows it, but it is not enforced: Flannel does not enforce NetworkPolicy',
        reason: 'Flannel does not enforce NetworkPolicy',
        facts: ['prod/web-egress'],
        decidedBy: 'NetworkPolicy prod/web-egress',
        decidingRows: [null],
        fixes: [],
      },
    ],
    [
      'pass when an unenforced policy would allow',
      { ...withPolicies([allowAll443]), cluster: flannel },
      external,
      {
        verdict: 'pass',
        summary: 'Allowed to 203.0.113.10 TCP 443: egress allowed by prod/allow-443 egress[0]',
        reason: null,
        facts: ['prod/allow-443'],
        decidedBy: 'NetworkPolicy prod/allow-443 egress[0]',
        decidingRows: [0],
        fixes: [],
      },
    ],
    [
      'warn on ACS when the pod lacks the network-policy agent annotation',
      { ...withPolicies([exceptPartner]), cluster: acs },
      external,
      {
        verdict: 'warn',
        summary:
          'Traffic to 203.0.113.10 TCP 443 is denied: no egress rule of NetworkPolicy prod/web-egress selecting prod/web-7d9f8b6c5-x2k4p allows it, but it is not enforced: ACS enforces NetworkPolicy only for pods annotated alibabacloud.com/enable-network-policy-agent: "true", and pod prod/web-7d9f8b6c5-x2k4p is not',
        reason: 'ACS enforces NetworkPolicy only for pods annotated alibabacloud.com/enable-network-policy-agent: "true", and pod prod/web-7d9f8b6c5-x2k4p is not',
        facts: ['prod/web-egress'],
        decidedBy: 'NetworkPolicy prod/web-egress',
        decidingRows: [null],
        fixes: [],
      },
    ],
    [
      'block on ACS when the pod has the network-policy agent annotation',
      { ...withPolicies([exceptPartner]), cluster: acs, pod: onePod({ annotations: agent }) },
      external,
      {
        verdict: 'block',
        summary: 'Traffic to 203.0.113.10 TCP 443 is denied: no egress rule of NetworkPolicy prod/web-egress selecting prod/web-7d9f8b6c5-x2k4p allows it',
        reason: null,
        facts: ['prod/web-egress'],
        decidedBy: 'NetworkPolicy prod/web-egress',
        decidingRows: [null],
        fixes: ['networkPolicy-ask-owner', 'networkPolicy-allow-egress-allow-egress-web-to-203-0-113-10'],
      },
    ],
    [
      'unknown, never pass, when NetworkPolicies could not be read',
      { networkPolicies: missing() },
      external,
      {
        verdict: 'unknown',
        summary: 'Cannot tell: 403 on networkpolicies in all namespaces: networkpolicies.networking.k8s.io is forbidden',
        reason: '403 on networkpolicies in all namespaces: networkpolicies.networking.k8s.io is forbidden',
        facts: [],
        decidedBy: null,
        decidingRows: [],
        fixes: [],
      },
    ],
    [
      'unknown when pods could not be read',
      { pods: missing(factError({ reason: 'timeout', code: undefined, resource: 'pods in all namespaces', message: 'no answer in 5 s', retryable: true })) },
      external,
      {
        verdict: 'unknown',
        summary: 'Cannot tell: timeout on pods in all namespaces: no answer in 5 s',
        reason: 'timeout on pods in all namespaces: no answer in 5 s',
        facts: [],
        decidedBy: null,
        decidingRows: [],
        fixes: [],
      },
    ],
    [
      'a Service is evaluated toward its backend pod and target port (named port resolves)',
      withPolicies([allowOrdersEgress], ordersServiceFacts),
      ordersService,
      {
        verdict: 'pass',
        summary: 'Allowed to 10.0.2.20 (pod data/orders-0) TCP 8080: egress allowed by prod/to-orders egress[0]',
        reason: null,
        facts: ['data/orders', 'prod/to-orders'],
        decidedBy: 'NetworkPolicy prod/to-orders egress[0]',
        decidingRows: [0],
        fixes: [],
      },
      80,
    ],
    [
      "block when the backend pod's ingress policies do not admit the source",
      withPolicies([ordersIngressFromNowhere], ordersServiceFacts),
      ordersService,
      {
        verdict: 'block',
        summary:
          'Traffic to 10.0.2.20 (pod data/orders-0) TCP 8080 is denied: no ingress rule of NetworkPolicy data/orders-ingress selecting data/orders-0 admits it',
        reason: null,
        facts: ['data/orders', 'data/orders-ingress'],
        decidedBy: 'NetworkPolicy data/orders-ingress',
        decidingRows: [null],
        fixes: ['networkPolicy-allow-ingress-allow-ingress-orders-from-prod-web'],
      },
      80,
    ],
    [
      'block on egress to a pod, with a pod-selector fix rather than its IP',
      withPolicies([denyAllEgress]),
      ordersPod,
      {
        verdict: 'block',
        summary:
          'Traffic to 10.0.2.20 (pod data/orders-0) TCP 8080 is denied: no egress rule of NetworkPolicy prod/deny-all selecting prod/web-7d9f8b6c5-x2k4p allows it',
        reason: null,
        facts: ['prod/deny-all'],
        decidedBy: 'NetworkPolicy prod/deny-all',
        decidingRows: [null],
        fixes: ['networkPolicy-allow-egress-allow-egress-web-to-data-orders'],
      },
      8080,
    ],
    [
      'warn on ACS when only the unannotated destination pod would deny ingress',
      { ...withPolicies([ordersIngressFromNowhere]), cluster: acs, pod: onePod({ annotations: agent }) },
      ordersPod,
      {
        verdict: 'warn',
        summary:
          'Traffic to 10.0.2.20 (pod data/orders-0) TCP 8080 is denied: no ingress rule of NetworkPolicy data/orders-ingress selecting data/orders-0 admits it, but it is not enforced: ACS enforces NetworkPolicy only for pods annotated alibabacloud.com/enable-network-policy-agent: "true", and pod data/orders-0 is not',
        reason: 'ACS enforces NetworkPolicy only for pods annotated alibabacloud.com/enable-network-policy-agent: "true", and pod data/orders-0 is not',
        facts: ['data/orders-ingress'],
        decidedBy: 'NetworkPolicy data/orders-ingress',
        decidingRows: [null],
        fixes: [],
      },
      8080,
    ],
    [
      'unknown when the Services behind a Service destination could not be read',
      withPolicies([], { services: missing(factError({ resource: 'services in all namespaces', message: 'forbidden' })) }),
      ordersService,
      {
        verdict: 'unknown',
        summary: 'Cannot tell: 403 on services in all namespaces: forbidden',
        reason: '403 on services in all namespaces: forbidden',
        facts: [],
        decidedBy: null,
        decidingRows: [],
        fixes: [],
      },
      80,
    ],
    [
      'unknown when the Service has no ready backend',
      withPolicies([], { services: ok([service()]), endpointSlices: ok([endpointSlice({ endpoints: [] })]) }),
      ordersService,
      {
        verdict: 'unknown',
        summary: 'Cannot tell: Service data/orders (192.168.10.20) has no ready backend, so NetworkPolicy toward it cannot be evaluated',
        reason: 'Service data/orders (192.168.10.20) has no ready backend, so NetworkPolicy toward it cannot be evaluated',
        facts: ['data/orders'],
        decidedBy: null,
        decidingRows: [],
        fixes: [],
      },
      80,
    ],
    [
      'a LoadBalancer Service with the hostname annotation is evaluated toward the CLB address',
      withPolicies([exceptPartner], {
        services: ok([service({ namespace: 'prod', name: 'gateway', type: 'LoadBalancer', clusterIp: '192.168.3.3', externalTrafficPolicy: 'Local', loadBalancerIngress: [{ ip: '198.51.100.20', hostname: null }], annotations: { 'service.beta.kubernetes.io/alibaba-cloud-loadbalancer-hostname': 'gw.example.com' } })]),
      }),
      { kind: 'clusterLoadBalancer', host: '198.51.100.20', addresses: ['198.51.100.20'], resourceId: 'prod/gateway', label: 'LoadBalancer Service prod/gateway (198.51.100.20)' },
      {
        verdict: 'pass',
        summary: 'Allowed to 198.51.100.20 TCP 443: egress allowed by prod/web-egress egress[0]',
        reason: null,
        facts: ['prod/gateway', 'prod/web-egress'],
        decidedBy: 'NetworkPolicy prod/web-egress egress[0]',
        decidingRows: [0],
        fixes: [],
      },
    ],
    [
      'skip when the destination did not resolve',
      withPolicies([]),
      { kind: 'unresolved', addresses: [] },
      { verdict: 'skip', summary: 'Not applicable: the destination did not resolve to an address', reason: 'the destination did not resolve to an address', facts: [], decidedBy: null, decidingRows: [], fixes: [] },
    ],
    [
      'skip for a hostNetwork source pod',
      { ...withPolicies([denyAllEgress]), pod: onePod({ hostNetwork: true }) },
      external,
      {
        verdict: 'skip',
        summary: 'Not applicable: the source pod uses the host network, where NetworkPolicy behaviour is undefined upstream',
        reason: 'the source pod uses the host network, where NetworkPolicy behaviour is undefined upstream',
        facts: [],
        decidedBy: null,
        decidingRows: [],
        fixes: [],
      },
    ],
  ];
  it.each(rows)('%s', (_name, cluster, target, expected, requestPort) => {
    const facts = pathFacts({ cluster, port: requestPort ?? 443 });
    expect(outline(evaluateNetworkPolicyHop(facts, pathContext(facts, target)))).toStrictEqual(expected);
  });

  it('netpol-deny: the whole hop, with the rule table, notes, the explicit except as intent, asking the owner first and the narrow policy as an exception', () => {
    const facts = pathFacts({ cluster: withPolicies([exceptPartner]) });
    const hop = evaluateNetworkPolicyHop(facts, pathContext(facts));
    expect({ ...hop, fixes: hop.fixes.map((fix) => ({ id: fix.id, kind: fix.kind, risk: fix.risk, exception: fix.exception })) }).toStrictEqual({
      kind: 'networkPolicy',
      verdict: 'block',
      summary: 'Traffic to 203.0.113.10 TCP 443 is denied: no egress rule of NetworkPolicy prod/web-egress selecting prod/web-7d9f8b6c5-x2k4p allows it',
      reason: null,
      evidence: {
        facts: [{ kind: 'networkPolicy', id: 'prod/web-egress', label: 'NetworkPolicy prod/web-egress' }],
        decidedBy: { kind: 'networkPolicy', id: 'prod/web-egress', label: 'NetworkPolicy prod/web-egress' },
        tables: [
          {
            title: 'Egress rules of NetworkPolicies selecting prod/web-7d9f8b6c5-x2k4p',
            columns: ['Policy', 'Rule', 'To', 'Ports'],
            rows: [['prod/web-egress', 'egress[0]', 'ipBlock 0.0.0.0/0 except 203.0.113.0/24', 'TCP 443']],
            decidingRow: null,
          },
        ],
        notes: ['Enforcement for prod/web-7d9f8b6c5-x2k4p: Terway enforces NetworkPolicy.'],
        intent: {
          control: { kind: 'networkPolicy', id: 'prod/web-egress', label: 'NetworkPolicy prod/web-egress egress[0]' },
          signal: 'except',
          says: '0.0.0.0/0 except 203.0.113.0/24',
        },
      },
      fixes: [
        {
          id: 'networkPolicy-ask-owner',
          kind: 'manual',
          risk: 'None: nothing changes until the owner agrees. The exceptions below are recorded in the audit log when applied from here.',
          exception: undefined,
        },
        {
          id: 'networkPolicy-allow-egress-allow-egress-web-to-203-0-113-10',
          kind: 'kubernetes',
          risk: 'Applies to pods app=web in namespace prod. Opens only TCP 443 to 203.0.113.10/32.',
          exception: {
            blastRadius:
              'Applies to pods app=web in namespace prod. Opens only TCP 443 to 203.0.113.10/32. That is the 1 pod of acs-prod today; it overrides NetworkPolicy prod/web-egress egress[0] (0.0.0.0/0 except 203.0.113.0/24).',
          },
        },
      ],
    });
  });
});

describe('policyEnforcement wording', () => {
  it('drops the final period of the cluster reason inside sentences', () => {
    const facts = pathFacts({ cluster: { ...withPolicies([exceptPartner]), cluster: clusterInfo({ networkPolicyEnforcement: 'never', enforcementReason: 'Flannel does not enforce NetworkPolicy.' }) } });
    const hop = evaluateNetworkPolicyHop(facts, pathContext(facts));
    expect({ reason: hop.reason, notes: hop.evidence.notes }).toStrictEqual({
      reason: 'Flannel does not enforce NetworkPolicy',
      notes: ['Enforcement for prod/web-7d9f8b6c5-x2k4p: Flannel does not enforce NetworkPolicy.'],
    });
  });
});
