import { KubeConfig } from '@kubernetes/client-node';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

import { buildKubeconfig } from './kubeconfig';

const caCertPem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const clusters = [
  { name: 'acs-prod', server: 'https://127.0.0.1:6443' },
  { name: 'ack-flannel', server: 'https://127.0.0.1:6444' },
];

describe('buildKubeconfig', () => {
  it('writes one cluster and one context per cluster, sharing one token user', () => {
    const yaml = buildKubeconfig({ clusters, caCertPem, userName: 'sandbox-admin', token: 'secret-token' });
    const caData = Buffer.from(caCertPem).toString('base64');
    expect(parse(yaml)).toStrictEqual({
      apiVersion: 'v1',
      kind: 'Config',
      preferences: {},
      'current-context': 'acs-prod',
      clusters: [
        { name: 'acs-prod', cluster: { server: 'https://127.0.0.1:6443', 'certificate-authority-data': caData } },
        { name: 'ack-flannel', cluster: { server: 'https://127.0.0.1:6444', 'certificate-authority-data': caData } },
      ],
      contexts: [
        { name: 'acs-prod', context: { cluster: 'acs-prod', user: 'sandbox-admin' } },
        { name: 'ack-flannel', context: { cluster: 'ack-flannel', user: 'sandbox-admin' } },
      ],
      users: [{ name: 'sandbox-admin', user: { token: 'secret-token' } }],
    });
  });

  it('loads in @kubernetes/client-node with the chosen current context', () => {
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromString(
      buildKubeconfig({ clusters, caCertPem, userName: 'restricted', token: 't', currentContext: 'ack-flannel' }),
    );
    expect(kubeConfig.getCurrentContext()).toBe('ack-flannel');
    expect(kubeConfig.getCurrentCluster()?.server).toBe('https://127.0.0.1:6444');
    expect(kubeConfig.getCurrentCluster()?.caData).toBe(Buffer.from(caCertPem).toString('base64'));
    expect(kubeConfig.getCurrentUser()?.token).toBe('t');
  });

  it('rejects a current context that names no cluster, and an empty cluster list', () => {
    expect(() => buildKubeconfig({ clusters, caCertPem, userName: 'u', token: 't', currentContext: 'nope' })).toThrow(
      'current context "nope" is not one of the clusters',
    );
    expect(() => buildKubeconfig({ clusters: [], caCertPem, userName: 'u', token: 't' })).toThrow(
      'a kubeconfig needs at least one cluster',
    );
  });
});
