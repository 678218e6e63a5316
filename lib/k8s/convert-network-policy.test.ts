import type { V1NetworkPolicy } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';

import type { NetworkPolicy } from '@/lib/analysis/model';

import { loadFixture } from './__fixtures__/load-fixture';
import { toLabelSelector, toNetworkPolicy } from './convert-network-policy';

describe('toNetworkPolicy', () => {
  it('converts ingress (`_from`) and egress rules, defaulting port protocols to TCP', () => {
    const expected: NetworkPolicy = {
      namespace: 'shop',
      name: 'web-egress',
      podSelector: {
        matchLabels: { app: 'web' },
        matchExpressions: [
          { key: 'tier', operator: 'NotIn', values: ['batch'] },
          { key: 'canary', operator: 'DoesNotExist' },
        ],
      },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [
        {
          peers: [{ podSelector: {}, namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress' } }, ipBlock: null }],
          ports: [{ protocol: 'TCP', port: 'http', endPort: null }],
        },
        { peers: null, ports: null },
      ],
      egress: [
        {
          peers: [{ podSelector: null, namespaceSelector: null, ipBlock: { cidr: '0.0.0.0/0', except: ['203.0.113.10/32'] } }],
          ports: [{ protocol: 'TCP', port: 443, endPort: null }],
        },
        {
          peers: [{ podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } }, namespaceSelector: {}, ipBlock: null }],
          ports: [
            { protocol: 'UDP', port: 53, endPort: null },
            { protocol: 'TCP', port: 53, endPort: null },
          ],
        },
        { peers: null, ports: [{ protocol: 'TCP', port: 30000, endPort: 32767 }] },
        { peers: [{ podSelector: null, namespaceSelector: null, ipBlock: { cidr: '10.0.0.0/8', except: [] } }], ports: null },
      ],
    };
    expect(toNetworkPolicy(loadFixture<V1NetworkPolicy>('network-policy.json'))).toStrictEqual(expected);
  });

  it('keeps policyTypes, ingress and egress null when the manifest omits them', () => {
    expect(toNetworkPolicy(loadFixture<V1NetworkPolicy>('network-policy-default-deny.json'))).toStrictEqual({
      namespace: 'locked',
      name: 'default-deny',
      podSelector: {},
      policyTypes: null,
      ingress: null,
      egress: null,
    } satisfies NetworkPolicy);
  });

  it('keeps empty rule lists apart from absent ones', () => {
    const policy: V1NetworkPolicy = {
      metadata: { name: 'deny-egress', namespace: 'shop' },
      spec: { podSelector: {}, policyTypes: ['Egress'], egress: [] },
    };
    expect(toNetworkPolicy(policy)).toMatchObject({ policyTypes: ['Egress'], ingress: null, egress: [] });
  });
});

describe('toLabelSelector', () => {
  it('rejects an operator Kubernetes does not allow', () => {
    expect(() => toLabelSelector({ matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1'] }] })).toThrow(
      'invariant: a label selector operator is In, NotIn, Exists or DoesNotExist, not "Gt"',
    );
  });
});
