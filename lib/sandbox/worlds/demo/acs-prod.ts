/**
 * The `acs-prod` cluster: ACS with virtual nodes, pods on their own ENIs in VPC
 * vSwitches, NetworkPolicy enforced per pod (network-policy agent annotation).
 */
import type { KubernetesObject, WorldCluster } from '@/lib/schemas/world';

import { ACS_COREDNS, ACS_PODS, acsPodAnnotations, podEniId, virtualNodeName, type AcsPodPlan } from './acs-pods';
import { clusterDnsObjects } from './cluster-dns';
import { cloudId } from './ids';
import { namespace, node, pod } from './kubernetes-objects';
import { endpointSlice, networkPolicy, service } from './kubernetes-services';
import { KUBE_DNS_IP, KUBELET_VERSION, REGION_ID, SECURITY_GROUPS, V_SWITCHES, VPCS, type SecurityGroupKey } from './topology';

const ZONES = ['cn-hangzhou-h', 'cn-hangzhou-i'] as const;

function securityGroupIds(keys: SecurityGroupKey[]): string[] {
  return keys.map((key) => SECURITY_GROUPS[key].id);
}

function virtualNode(zone: string): KubernetesObject {
  const name = virtualNodeName(zone);
  return node({
    name,
    labels: {
      'beta.kubernetes.io/arch': 'amd64',
      'beta.kubernetes.io/os': 'linux',
      'kubernetes.io/arch': 'amd64',
      'kubernetes.io/os': 'linux',
      'kubernetes.io/hostname': name,
      'kubernetes.io/role': 'agent',
      type: 'virtual-kubelet',
      'topology.kubernetes.io/region': REGION_ID,
      'topology.kubernetes.io/zone': zone,
      'failure-domain.beta.kubernetes.io/region': REGION_ID,
      'failure-domain.beta.kubernetes.io/zone': zone,
      'alibabacloud.com/virtual-node': 'true',
    },
    // NOTE: virtual nodes report no InternalIP: each pod has its own ENI.
    addresses: [{ type: 'Hostname', address: name }],
    taints: [{ key: 'virtual-kubelet.io/provider', value: 'alibabacloud', effect: 'NoSchedule' }],
    kubeletVersion: KUBELET_VERSION,
    osImage: 'Alibaba Cloud Container Compute Service',
    capacity: { cpu: '10k', memory: '100Ti', pods: '10k', 'ephemeral-storage': '100Ti' },
  });
}

function acsPod(plan: AcsPodPlan): KubernetesObject {
  const hash = plan.owner.kind === 'ReplicaSet' ? plan.owner.name.slice(plan.app.length + 1) : undefined;
  const labels: Record<string, string> = { app: plan.app, ...(hash === undefined ? {} : { 'pod-template-hash': hash }), ...plan.labels };
  return pod({
    namespace: plan.namespace,
    name: plan.name,
    labels,
    annotations: acsPodAnnotations(plan, securityGroupIds),
    owner: plan.owner,
    nodeName: virtualNodeName(V_SWITCHES[plan.vSwitch].zone),
    ip: plan.ip,
    hostIp: plan.ip,
    containers: [{ name: plan.app, image: plan.image, ports: [{ name: 'http', containerPort: plan.containerPort }] }],
  });
}

function podsOf(app: string): AcsPodPlan[] {
  return ACS_PODS.filter((plan) => plan.app === app);
}

function loadBalancerServices(): KubernetesObject[] {
  const endpoints = (app: string) =>
    podsOf(app).map((plan) => ({
      ip: plan.ip,
      nodeName: virtualNodeName(V_SWITCHES[plan.vSwitch].zone),
      zone: V_SWITCHES[plan.vSwitch].zone,
      podName: plan.name,
    }));
  return [
    service({
      namespace: 'shop',
      name: 'checkout-gateway',
      labels: { app: 'checkout-api' },
      annotations: {
        'service.beta.kubernetes.io/alibaba-cloud-loadbalancer-id': cloudId('lb', 'checkout-gateway'),
        'service.beta.kubernetes.io/alibaba-cloud-loadbalancer-address-type': 'internet',
        'service.beta.kubernetes.io/alibaba-cloud-loadbalancer-force-override-listeners': 'true',
      },
      type: 'LoadBalancer',
      clusterIP: '172.21.4.18',
      selector: { app: 'checkout-api' },
      ports: [{ name: 'https', port: 443, targetPort: 8443, nodePort: 31443 }],
      externalTrafficPolicy: 'Local',
      healthCheckNodePort: 32541,
      loadBalancerIp: '198.51.100.80',
    }),
    endpointSlice({ namespace: 'shop', name: 'checkout-gateway', suffix: 'v9c2k' }, endpoints('checkout-api'), [{ name: 'https', port: 8443 }]),
    service({
      namespace: 'shop',
      name: 'catalog-public',
      labels: { app: 'catalog-web' },
      annotations: {
        'service.beta.kubernetes.io/alibaba-cloud-loadbalancer-id': cloudId('lb', 'catalog-public'),
        'service.beta.kubernetes.io/alibaba-cloud-loadbalancer-address-type': 'internet',
        'service.beta.kubernetes.io/alibaba-cloud-loadbalancer-force-override-listeners': 'true',
      },
      type: 'LoadBalancer',
      clusterIP: '172.21.7.201',
      selector: { app: 'catalog-web' },
      ports: [{ name: 'http', port: 80, targetPort: 8080, nodePort: 30880 }],
      externalTrafficPolicy: 'Cluster',
      loadBalancerIp: '198.51.100.81',
    }),
    endpointSlice({ namespace: 'shop', name: 'catalog-public', suffix: 'm4t8r' }, endpoints('catalog-web'), [{ name: 'http', port: 8080 }]),
    service({
      namespace: 'shop',
      name: 'storefront-web',
      labels: { app: 'storefront-web' },
      type: 'ClusterIP',
      clusterIP: '172.21.2.44',
      selector: { app: 'storefront-web' },
      ports: [{ name: 'http', port: 80, targetPort: 8080 }],
    }),
    endpointSlice({ namespace: 'shop', name: 'storefront-web', suffix: 'p2w6d' }, endpoints('storefront-web'), [{ name: 'http', port: 8080 }]),
  ];
}

const KUBE_DNS_PEER = {
  namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
  podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
};

function networkPolicies(): KubernetesObject[] {
  return [
    // netpol-deny: Internet HTTPS allowed except to one address; DNS allowed.
    networkPolicy('partners', 'partner-gateway-egress', {
      podSelector: { matchLabels: { app: 'partner-gateway' } },
      policyTypes: ['Egress'],
      egress: [
        {
          to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['203.0.113.10/32'] } }],
          ports: [{ protocol: 'TCP', port: 443 }],
        },
        { to: [KUBE_DNS_PEER], ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }] },
      ],
    }),
    // dns-policy-denied: every pod of the namespace may only use TCP 443 — DNS was forgotten.
    networkPolicy('reports', 'egress-https-only', {
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [{ ports: [{ protocol: 'TCP', port: 443 }] }],
    }),
    // Ingress-only policy: does not restrict egress of anybody.
    networkPolicy('orders', 'allow-from-shop', {
      podSelector: { matchLabels: { app: 'order-api' } },
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'shop' } } }], ports: [{ protocol: 'TCP', port: 8080 }] }],
    }),
  ];
}

/** The acs-prod cluster entry of the demo world. */
export function acsProdCluster(): WorldCluster {
  const coreDns = ACS_COREDNS.map((replica) => ({
    suffix: replica.suffix,
    ip: replica.ip,
    hostIp: replica.ip,
    nodeName: virtualNodeName(V_SWITCHES[replica.vSwitch].zone),
    zone: V_SWITCHES[replica.vSwitch].zone,
    annotations: { 'k8s.aliyun.com/eni-instance-id': podEniId({ namespace: 'kube-system', name: `coredns-7c8d9b6f54-${replica.suffix}` }) },
  }));
  const namespaces = ['default', 'kube-system', 'kube-public', 'kube-node-lease', 'shop', 'orders', 'partners', 'reports', 'payments', 'finance', 'batch', 'edge'];
  return {
    name: 'acs-prod',
    kind: 'acs',
    networkMode: 'vpc',
    region: REGION_ID,
    vpcId: VPCS.prod.id,
    description: 'ACS (serverless): every pod on its own ENI in a VPC vSwitch; NetworkPolicy per pod via the network-policy agent.',
    objects: [
      ...namespaces.map((name) => namespace(name, name === 'payments' ? { 'compliance.example.com/pci': 'true' } : {})),
      ...ZONES.map(virtualNode),
      service({
        namespace: 'default',
        name: 'kubernetes',
        labels: { component: 'apiserver', provider: 'kubernetes' },
        type: 'ClusterIP',
        clusterIP: '172.21.0.1',
        ports: [{ name: 'https', port: 443, targetPort: 6443 }],
      }),
      ...clusterDnsObjects(KUBE_DNS_IP, coreDns),
      ...ACS_PODS.map(acsPod),
      ...loadBalancerServices(),
      ...networkPolicies(),
    ],
  };
}
