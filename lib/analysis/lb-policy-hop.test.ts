import { describe, expect, it } from 'vitest';

import { endpointSlice, factError, missing, ok, onePod, pathContext, pathFacts, service } from './__fixtures__/kubernetes-builders';
import { evaluateLbPolicyHop } from './lb-policy-hop';
import type { ClusterFacts, Hop, ResolvedDestination, Service } from './model';

const NODE_I = 'virtual-kubelet-cn-hangzhou-i';
const NODE_H = 'virtual-kubelet-cn-hangzhou-h';

const gateway = (overrides: Partial<Service> = {}): Service =>
  service({
    namespace: 'shop',
    name: 'checkout-gateway',
    type: 'LoadBalancer',
    clusterIp: '192.168.5.5',
    externalTrafficPolicy: 'Local',
    loadBalancerIngress: [{ ip: '198.51.100.80', hostname: null }],
    ports: [{ name: 'https', port: 443, targetPort: 8443, protocol: 'TCP', nodePort: 31443 }],
    selector: { app: 'checkout-api' },
    ...overrides,
  });
const backends = endpointSlice({
  namespace: 'shop',
  name: 'checkout-gateway-x1',
  serviceName: 'checkout-gateway',
  endpoints: [
    { addresses: ['10.0.8.10'], ready: true, nodeName: NODE_H, podName: 'checkout-api-0' },
    { addresses: ['10.0.9.10'], ready: false, nodeName: NODE_I, podName: 'checkout-api-1' },
  ],
});
const lbDestination: Partial<ResolvedDestination> = {
  kind: 'clusterLoadBalancer',
  host: '198.51.100.80',
  addresses: ['198.51.100.80'],
  resourceId: 'shop/checkout-gateway',
  label: 'LoadBalancer Service shop/checkout-gateway (198.51.100.80)',
};
const sourceOn = (nodeName: string | null) => onePod({ namespace: 'shop', name: 'cart-worker-74c9d8b6f5-n3m7p', labels: { app: 'cart-worker' }, nodeName });

function outline(hop: Hop) {
  return {
    verdict: hop.verdict,
    summary: hop.summary,
    decidedBy: hop.evidence.decidedBy?.id ?? null,
    decidingRow: hop.evidence.tables[0]?.decidingRow ?? null,
    fixes: hop.fixes.map((fix) => `${fix.kind}:${fix.id}`),
  };
}

const HAIRPIN_FIXES = ['manual:lbPolicy-use-cluster-address', 'kubernetes:service-external-traffic-policy-cluster-checkout-gateway', 'kubernetes:service-loadbalancer-hostname-checkout-gateway'];

describe('evaluateLbPolicyHop', () => {
  const rows: Array<[string, Partial<ClusterFacts>, Partial<ResolvedDestination>, ReturnType<typeof outline>, number?]> = [
    [
      'skip when the destination is not a LoadBalancer Service of this cluster',
      {},
      {},
      { verdict: 'skip', summary: 'Not applicable: the destination is not the load balancer address of a LoadBalancer Service of this cluster', decidedBy: null, decidingRow: null, fixes: [] },
    ],
    [
      'block with Local when the source node runs no ready backend (lb-hairpin)',
      { pod: sourceOn(NODE_I), services: ok([gateway()]), endpointSlices: ok([backends]) },
      lbDestination,
      {
        verdict: 'block',
        summary: `Service shop/checkout-gateway has externalTrafficPolicy Local and node ${NODE_I} runs no ready backend: kube-proxy drops in-cluster traffic to 198.51.100.80`,
        decidedBy: 'shop/checkout-gateway',
        decidingRow: null,
        fixes: HAIRPIN_FIXES,
      },
    ],
    [
      'pass with Local when the source node runs a ready backend',
      { pod: sourceOn(NODE_H), services: ok([gateway()]), endpointSlices: ok([backends]) },
      lbDestination,
      {
        verdict: 'pass',
        summary: `Node ${NODE_H} of the source pod runs a ready backend of Service shop/checkout-gateway (checkout-api-0), so 198.51.100.80 is served locally`,
        decidedBy: 'shop/checkout-gateway',
        decidingRow: 0,
        fixes: [],
      },
    ],
    [
      'block with Local when the source pod has no node',
      { pod: sourceOn(null), services: ok([gateway()]), endpointSlices: ok([backends]) },
      lbDestination,
      {
        verdict: 'block',
        summary: 'Service shop/checkout-gateway has externalTrafficPolicy Local and the source pod has no node: kube-proxy drops in-cluster traffic to 198.51.100.80',
        decidedBy: 'shop/checkout-gateway',
        decidingRow: null,
        fixes: HAIRPIN_FIXES,
      },
    ],
    [
      'pass with Cluster (lb-cluster-ok)',
      { pod: sourceOn(NODE_I), services: ok([gateway({ externalTrafficPolicy: 'Cluster' })]), endpointSlices: ok([backends]) },
      lbDestination,
      {
        verdict: 'pass',
        summary: 'Service shop/checkout-gateway has externalTrafficPolicy Cluster: kube-proxy forwards 198.51.100.80 to any ready backend',
        decidedBy: 'shop/checkout-gateway',
        decidingRow: null,
        fixes: [],
      },
    ],
    [
      'pass with the loadbalancer-hostname annotation, even with Local',
      { pod: sourceOn(NODE_I), services: ok([gateway({ annotations: { 'service.beta.kubernetes.io/alibaba-cloud-loadbalancer-hostname': 'checkout.example.com' } })]) },
      lbDestination,
      {
        verdict: 'pass',
        summary: 'Service shop/checkout-gateway has the loadbalancer-hostname annotation: traffic to 198.51.100.80 goes to the CLB',
        decidedBy: 'shop/checkout-gateway',
        decidingRow: null,
        fixes: [],
      },
    ],
    [
      'unknown when the Service has no port for the request (the kube-proxy mode decides)',
      { pod: sourceOn(NODE_H), services: ok([gateway()]), endpointSlices: ok([backends]) },
      lbDestination,
      {
        verdict: 'unknown',
        summary:
          'Cannot tell: Service shop/checkout-gateway has no TCP port 8080: in IPVS mode 198.51.100.80 is local on every node and the connection is refused; in iptables mode it leaves for the CLB. The kube-proxy mode is not read',
        decidedBy: 'shop/checkout-gateway',
        decidingRow: null,
        fixes: [],
      },
      8080,
    ],
    [
      'unknown when Services could not be read',
      { services: missing(factError({ resource: 'services in all namespaces', message: 'forbidden' })) },
      lbDestination,
      { verdict: 'unknown', summary: 'Cannot tell: 403 on services in all namespaces: forbidden', decidedBy: null, decidingRow: null, fixes: [] },
    ],
    [
      'unknown with Local when EndpointSlices could not be read',
      { pod: sourceOn(NODE_H), services: ok([gateway()]), endpointSlices: missing(factError({ reason: 'throttled', code: '429', resource: 'endpointslices in all namespaces', message: 'too many requests', retryable: true })) },
      lbDestination,
      { verdict: 'unknown', summary: 'Cannot tell: 429 on endpointslices in all namespaces: too many requests', decidedBy: null, decidingRow: null, fixes: [] },
    ],
    [
      'unknown when no LoadBalancer Service has the address',
      { services: ok([gateway({ loadBalancerIngress: [] })]) },
      { ...lbDestination, resourceId: null },
      { verdict: 'unknown', summary: 'Cannot tell: no LoadBalancer Service of this cluster has the ingress address 198.51.100.80', decidedBy: null, decidingRow: null, fixes: [] },
    ],
  ];
  it.each(rows)('%s', (_name, cluster, target, expected, requestPort) => {
    const facts = pathFacts({ host: '198.51.100.80', port: requestPort ?? 443, cluster });
    expect(outline(evaluateLbPolicyHop(facts, pathContext(facts, target)))).toStrictEqual(expected);
  });

  it('lb-hairpin: the endpoint table and the fixes, narrowest first', () => {
    const facts = pathFacts({ host: '198.51.100.80', cluster: { pod: sourceOn(NODE_I), services: ok([gateway()]), endpointSlices: ok([backends]) } });
    const hop = evaluateLbPolicyHop(facts, pathContext(facts, lbDestination));
    expect({ tables: hop.evidence.tables, notes: hop.evidence.notes, fixes: hop.fixes.map((fix) => ({ id: fix.id, title: fix.title, risk: fix.risk })) }).toStrictEqual({
      tables: [
        {
          title: 'Endpoints of Service shop/checkout-gateway',
          columns: ['Address', 'Pod', 'Node', 'Ready'],
          rows: [
            ['10.0.8.10', 'checkout-api-0', NODE_H, 'yes'],
            ['10.0.9.10', 'checkout-api-1', NODE_I, 'no'],
          ],
          decidingRow: null,
        },
      ],
      notes: ['With externalTrafficPolicy Local, kube-proxy forwards 198.51.100.80 from a node only to ready backends on that node.'],
      fixes: [
        {
          id: 'lbPolicy-use-cluster-address',
          title: 'Call checkout-gateway.shop.svc.cluster.local instead of 198.51.100.80 from inside the cluster',
          risk: 'None for the cluster: only the address the client uses changes. Traffic no longer passes the CLB (its listener settings do not apply).',
        },
        {
          id: 'service-external-traffic-policy-cluster-checkout-gateway',
          title: 'Set externalTrafficPolicy: Cluster on Service shop/checkout-gateway',
          risk: 'Backends no longer see the client source IP (traffic is SNATed to a node), and external traffic may take an extra hop between nodes.',
        },
        {
          id: 'service-loadbalancer-hostname-checkout-gateway',
          title: 'Annotate Service shop/checkout-gateway with a load balancer hostname',
          risk: 'Clients that read the Service status get a hostname instead of an IP; <LB_HOSTNAME> must resolve to the CLB address. In-cluster traffic then passes the CLB (its listener ACLs apply, and a backend calling its own CLB on a layer-4 listener may be dropped).',
        },
      ],
    });
  });
});
