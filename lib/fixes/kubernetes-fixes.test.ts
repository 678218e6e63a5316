import { describe, expect, it } from 'vitest';

import { onePod, service } from '@/lib/analysis/__fixtures__/kubernetes-builders';

import {
  allowDnsEgressFix,
  allowEgressFix,
  allowIngressFix,
  externalTrafficPolicyClusterFix,
  loadBalancerHostnameFix,
  policyName,
  workloadLabels,
} from './kubernetes-fixes';

const web = onePod();

describe('workloadLabels', () => {
  it.each([
    ['app-ish labels only', { app: 'web', 'pod-template-hash': 'abc', tier: 'fe' }, { app: 'web' }],
    ['without app-ish labels, every label except per-pod ones', { tier: 'fe', 'controller-revision-hash': 'x' }, { tier: 'fe' }],
    ['no labels gives an empty selector', {}, {}],
  ])('%s', (_name, labels, expected) => {
    expect(workloadLabels(onePod({ labels }))).toStrictEqual(expected);
  });
});

describe('policyName', () => {
  it.each([
    [['allow-egress', 'web', 'to', '203.0.113.10'], 'allow-egress-web-to-203-0-113-10'],
    [['Allow', 'Web_App', '--x--'], 'allow-web-app-x'],
    [['a'.repeat(70)], 'a'.repeat(63)],
  ])('%j → %s', (parts, expected) => {
    expect(policyName(parts)).toBe(expected);
  });
});

describe('allowEgressFix', () => {
  it('opens one address and port for the workload, as a new policy', () => {
    const yaml = [
      'apiVersion: networking.k8s.io/v1',
      'kind: NetworkPolicy',
      'metadata:',
      '  name: allow-egress-web-to-203-0-113-10',
      '  namespace: prod',
      '  labels:',
      '    app.kubernetes.io/managed-by: acs-egress-doctor',
      'spec:',
      '  podSelector:',
      '    matchLabels:',
      '      app: web',
      '  policyTypes:',
      '    - Egress',
      '  egress:',
      '    - to:',
      '        - ipBlock:',
      '            cidr: 203.0.113.10/32',
      '      ports:',
      '        - protocol: TCP',
      '          port: 443',
      '',
    ].join('\n');
    expect(allowEgressFix({ context: 'acs-prod', pod: web, peers: [{ kind: 'address', address: '203.0.113.10' }], ports: [{ protocol: 'TCP', port: 443 }] })).toStrictEqual({
      kind: 'kubernetes',
      id: 'networkPolicy-allow-egress-allow-egress-web-to-203-0-113-10',
      title: 'Add NetworkPolicy allow-egress-web-to-203-0-113-10 allowing TCP 443 to 203.0.113.10/32',
      description:
        'Creates NetworkPolicy prod/allow-egress-web-to-203-0-113-10, which lets pods app=web in namespace prod open TCP 443 to 203.0.113.10/32. Existing policies are left unchanged; policies are additive, so this only adds an allowed flow.',
      risk: 'Applies to pods app=web in namespace prod. Opens only TCP 443 to 203.0.113.10/32.',
      target: { kind: 'networkPolicy', id: 'prod/allow-egress-web-to-203-0-113-10', label: 'NetworkPolicy prod/allow-egress-web-to-203-0-113-10 (new)' },
      patchType: 'apply',
      yaml,
      command: `kubectl --context acs-prod apply --server-side --field-manager=acs-egress-doctor -f - <<'EOF'\n${yaml}EOF`,
    });
  });

  it('warns when the pod has no labels to select it by', () => {
    const fix = allowEgressFix({ context: 'acs-prod', pod: onePod({ labels: {} }), peers: [{ kind: 'address', address: '2001:db8::1' }], ports: [{ protocol: 'UDP', port: 123 }] });
    expect({ risk: fix.risk, title: fix.title }).toStrictEqual({
      risk: 'The pod has no workload labels, so the policy selects every pod in namespace prod. Opens only UDP 123 to 2001:db8::1/128.',
      title: 'Add NetworkPolicy allow-egress-web-7d9f8b6c5-x2k4p-to-2001-db8-1 allowing UDP 123 to 2001:db8::1/128',
    });
  });
});

describe('allowDnsEgressFix', () => {
  it('allows UDP and TCP 53 to the CoreDNS pods of kube-system', () => {
    const fix = allowDnsEgressFix(web, { kind: 'clusterDns', podLabels: { 'k8s-app': 'kube-dns' } }, 'acs-prod');
    expect(fix.kind === 'kubernetes' ? fix.yaml : '').toBe(
      [
        'apiVersion: networking.k8s.io/v1',
        'kind: NetworkPolicy',
        'metadata:',
        '  name: allow-dns-web',
        '  namespace: prod',
        '  labels:',
        '    app.kubernetes.io/managed-by: acs-egress-doctor',
        'spec:',
        '  podSelector:',
        '    matchLabels:',
        '      app: web',
        '  policyTypes:',
        '    - Egress',
        '  egress:',
        '    - to:',
        '        - namespaceSelector:',
        '            matchLabels:',
        '              kubernetes.io/metadata.name: kube-system',
        '          podSelector:',
        '            matchLabels:',
        '              k8s-app: kube-dns',
        '      ports:',
        '        - protocol: UDP',
        '          port: 53',
        '        - protocol: TCP',
        '          port: 53',
        '',
      ].join('\n'),
    );
    expect({ id: fix.id, title: fix.title }).toStrictEqual({
      id: 'networkPolicy-allow-egress-allow-dns-web',
      title: 'Add NetworkPolicy allow-dns-web allowing DNS (UDP and TCP 53)',
    });
  });
});

describe('allowIngressFix', () => {
  it('admits the source workload from its namespace on the port', () => {
    const orders = onePod({ namespace: 'data', name: 'orders-0', labels: { app: 'orders' } });
    const fix = allowIngressFix({ context: 'acs-prod', pod: orders, source: web, ports: [{ protocol: 'TCP', port: 8080 }] });
    expect({ id: fix.id, target: fix.target, risk: fix.risk }).toStrictEqual({
      id: 'networkPolicy-allow-ingress-allow-ingress-orders-from-prod-web',
      target: { kind: 'networkPolicy', id: 'data/allow-ingress-orders-from-prod-web', label: 'NetworkPolicy data/allow-ingress-orders-from-prod-web (new)' },
      risk: 'Applies to pods app=orders in namespace data. Admits only pods app=web in namespace prod on TCP 8080.',
    });
  });
});

describe('Service fixes', () => {
  const lb = service({ namespace: 'shop', name: 'gateway', type: 'LoadBalancer', externalTrafficPolicy: 'Local' });
  it.each([
    [
      'externalTrafficPolicy: Cluster as a merge patch',
      externalTrafficPolicyClusterFix(lb, 'acs-prod'),
      {
        id: 'service-external-traffic-policy-cluster-gateway',
        yaml: 'spec:\n  externalTrafficPolicy: Cluster\n',
        command: `kubectl --context acs-prod -n shop patch service gateway --type merge -p '{"spec":{"externalTrafficPolicy":"Cluster"}}'`,
      },
    ],
    [
      'the loadbalancer-hostname annotation as a merge patch',
      loadBalancerHostnameFix(lb, 'gateway.example.com', 'acs-prod'),
      {
        id: 'service-loadbalancer-hostname-gateway',
        yaml: 'metadata:\n  annotations:\n    service.beta.kubernetes.io/alibaba-cloud-loadbalancer-hostname: gateway.example.com\n',
        command: `kubectl --context acs-prod -n shop patch service gateway --type merge -p '{"metadata":{"annotations":{"service.beta.kubernetes.io/alibaba-cloud-loadbalancer-hostname":"gateway.example.com"}}}'`,
      },
    ],
    [
      'without a known hostname: the <LB_HOSTNAME> placeholder, never an invented name',
      loadBalancerHostnameFix(lb, null, 'acs-prod'),
      {
        id: 'service-loadbalancer-hostname-gateway',
        yaml: 'metadata:\n  annotations:\n    service.beta.kubernetes.io/alibaba-cloud-loadbalancer-hostname: <LB_HOSTNAME>\n',
        command: `kubectl --context acs-prod -n shop patch service gateway --type merge -p '{"metadata":{"annotations":{"service.beta.kubernetes.io/alibaba-cloud-loadbalancer-hostname":"<LB_HOSTNAME>"}}}'`,
      },
    ],
  ])('%s', (_name, fix, expected) => {
    expect(fix.kind === 'kubernetes' ? { id: fix.id, yaml: fix.yaml, command: fix.command } : null).toStrictEqual(expected);
  });
});
