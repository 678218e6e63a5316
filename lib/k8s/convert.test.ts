import type { V1EndpointSlice, V1Namespace, V1Node, V1Pod, V1Service } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';

import type { EndpointSlice, Node, Pod, Service } from '@/lib/analysis/model';

import { loadFixture } from './__fixtures__/load-fixture';
import { toEndpointSlice, toNamespace, toNode, toPod, toService } from './convert';

describe('toPod', () => {
  it('converts a running ACS pod with dnsConfig and ports of every container', () => {
    const expected: Pod = {
      namespace: 'shop',
      name: 'web-6f7c9d8b5-q2x7k',
      uid: '7b0a4f2e-4c1d-4e4a-9d67-2f3c1b5e8a90',
      labels: { app: 'web', 'pod-template-hash': '6f7c9d8b5' },
      annotations: {
        'alibabacloud.com/enable-network-policy-agent': 'true',
        'k8s.aliyun.com/eni-instance-id': 'eni-bp1web000000000001',
      },
      ip: '10.0.1.21',
      ips: ['10.0.1.21', '2408:4005:3de:8500::21'],
      nodeName: 'virtual-kubelet-cn-hangzhou-j',
      phase: 'Running',
      ready: false,
      hostNetwork: false,
      dnsPolicy: 'None',
      dnsConfig: {
        nameservers: ['192.168.0.10'],
        searches: ['shop.svc.cluster.local', 'svc.cluster.local'],
        options: [
          { name: 'ndots', value: '2' },
          { name: 'single-request-reopen', value: null },
        ],
      },
      containerPorts: [
        { name: 'http', containerPort: 8080, protocol: 'TCP' },
        { name: null, containerPort: 9090, protocol: 'TCP' },
        { name: 'dns', containerPort: 5353, protocol: 'UDP' },
      ],
    };
    expect(toPod(loadFixture<V1Pod>('pod.json'))).toStrictEqual(expected);
  });

  it.each([
    ['the controller among the owner references', [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-6f7c9d8b5', uid: 'u1', controller: true }], { kind: 'ReplicaSet', name: 'web-6f7c9d8b5' }],
    ['no owner when none is the controller', [{ apiVersion: 'v1', kind: 'Node', name: 'n1', uid: 'u2' }], undefined],
  ])('reads %s', (_name, ownerReferences, owner) => {
    expect(toPod({ metadata: { name: 'p', namespace: 'default', ownerReferences }, spec: { containers: [] } }).owner).toStrictEqual(owner);
  });

  it('defaults a minimal pending pod: ClusterFirst, no IPs, not ready', () => {
    const pod: V1Pod = { metadata: { name: 'pending', namespace: 'default' }, spec: { containers: [{ name: 'app' }] } };
    expect(toPod(pod)).toStrictEqual({
      namespace: 'default',
      name: 'pending',
      uid: null,
      labels: {},
      annotations: {},
      ip: null,
      ips: [],
      nodeName: null,
      phase: 'Unknown',
      ready: false,
      hostNetwork: false,
      dnsPolicy: 'ClusterFirst',
      dnsConfig: null,
      containerPorts: [],
    } satisfies Pod);
  });

  it('is ready when every container is ready, and falls back to podIP for ips', () => {
    const pod: V1Pod = {
      metadata: { name: 'api', namespace: 'default' },
      spec: { containers: [{ name: 'api' }], hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet' },
      status: { phase: 'Running', podIP: '10.1.0.5', containerStatuses: [{ name: 'api', ready: true, restartCount: 0, image: '', imageID: '' }] },
    };
    expect(toPod(pod)).toMatchObject({ ready: true, ips: ['10.1.0.5'], hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet' });
  });
});

describe('toNode', () => {
  it('takes the InternalIP address and the providerID', () => {
    expect(toNode(loadFixture<V1Node>('node.json'))).toStrictEqual({
      name: 'cn-shanghai.10.1.0.5',
      internalIp: '10.1.0.5',
      providerId: 'cn-shanghai.i-uf6node00000000001',
      labels: { 'kubernetes.io/os': 'linux', 'node.kubernetes.io/instance-type': 'ecs.g7.xlarge' },
    } satisfies Node);
  });

  it('gives nulls for a virtual node without addresses', () => {
    expect(toNode({ metadata: { name: 'virtual-kubelet' } })).toStrictEqual({ name: 'virtual-kubelet', internalIp: null, providerId: null, labels: {} });
  });
});

describe('toNamespace', () => {
  it('keeps name and labels', () => {
    const namespace: V1Namespace = { metadata: { name: 'shop', labels: { 'kubernetes.io/metadata.name': 'shop' } } };
    expect(toNamespace(namespace)).toStrictEqual({ name: 'shop', labels: { 'kubernetes.io/metadata.name': 'shop' } });
    expect(toNamespace({ metadata: { name: 'bare' } })).toStrictEqual({ name: 'bare', labels: {} });
  });
});

describe('toService', () => {
  it('converts a LoadBalancer Service with Local traffic policy and ingress IP and hostname', () => {
    expect(toService(loadFixture<V1Service>('service-load-balancer.json'))).toStrictEqual({
      namespace: 'shop',
      name: 'shop-gateway',
      type: 'LoadBalancer',
      clusterIp: '192.168.12.40',
      externalTrafficPolicy: 'Local',
      loadBalancerIngress: [
        { ip: '198.51.100.20', hostname: null },
        { ip: null, hostname: 'gw.shop.example.com' },
      ],
      ports: [
        { name: 'https', port: 443, targetPort: 'https', protocol: 'TCP', nodePort: 31443 },
        { name: 'metrics', port: 9100, targetPort: 9100, protocol: 'TCP', nodePort: null },
      ],
      selector: { app: 'gateway' },
      annotations: { 'service.beta.kubernetes.io/alibaba-cloud-loadbalancer-address-type': 'internet' },
      externalName: null,
    } satisfies Service);
  });

  it('gives a headless Service no clusterIp and an empty selector no selector', () => {
    expect(toService(loadFixture<V1Service>('service-headless.json'))).toStrictEqual({
      namespace: 'shop',
      name: 'orders-db',
      type: 'ClusterIP',
      clusterIp: null,
      externalTrafficPolicy: null,
      loadBalancerIngress: [],
      ports: [{ name: null, port: 5432, targetPort: 5432, protocol: 'TCP', nodePort: null }],
      selector: null,
      annotations: {},
      externalName: null,
    } satisfies Service);
  });

  it('keeps the external name of an ExternalName Service', () => {
    const service: V1Service = { metadata: { name: 'partner', namespace: 'shop' }, spec: { type: 'ExternalName', externalName: 'api.partner.example.com' } };
    expect(toService(service)).toMatchObject({ type: 'ExternalName', clusterIp: null, externalName: 'api.partner.example.com', ports: [] });
  });
});

describe('toEndpointSlice', () => {
  it('reads readiness (unset = ready), pod names and numbered ports', () => {
    expect(toEndpointSlice(loadFixture<V1EndpointSlice>('endpoint-slice.json'))).toStrictEqual({
      namespace: 'kube-system',
      name: 'kube-dns-x7p2q',
      serviceName: 'kube-dns',
      endpoints: [
        { addresses: ['10.0.1.53'], ready: true, nodeName: 'virtual-kubelet-cn-hangzhou-j', podName: 'coredns-5d4b8c7f9-a1' },
        { addresses: ['10.0.1.54'], ready: false, nodeName: null, podName: 'coredns-5d4b8c7f9-b2' },
        { addresses: ['10.0.1.55'], ready: true, nodeName: null, podName: null },
      ],
      ports: [
        { name: 'dns', port: 53, protocol: 'UDP' },
        { name: 'dns-tcp', port: 53, protocol: 'TCP' },
      ],
    } satisfies EndpointSlice);
  });
});
