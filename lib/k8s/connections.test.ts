/**
 * The API clients of one context share their connections: requests reuse a kept-alive TLS
 * connection instead of a handshake each (client-node builds a new Agent per request).
 */
import { once } from 'node:events';
import https from 'node:https';
import type { AddressInfo } from 'node:net';

import { KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildKubeconfig } from '@/lib/sandbox/kubeconfig';
import { createTlsMaterial } from '@/lib/sandbox/tls';

import { createContextClients } from './client';

const tls = createTlsMaterial();
let server: https.Server;
let handshakes = 0;
let requests = 0;

beforeAll(async () => {
  server = https.createServer({ key: tls.keyPem, cert: tls.certPem }, (request, response) => {
    requests += 1;
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ kind: 'NamespaceList', apiVersion: 'v1', metadata: {}, items: [{ metadata: { name: 'default' } }] }));
  });
  server.on('secureConnection', () => {
    handshakes += 1;
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
});

afterAll(async () => {
  server.closeAllConnections();
  server.close();
  await once(server, 'close');
});

function kubeConfig(): KubeConfig {
  const { port } = server.address() as AddressInfo;
  const config = new KubeConfig();
  config.loadFromString(buildKubeconfig({ clusters: [{ name: 'one', server: `https://127.0.0.1:${port}` }], caCertPem: tls.caCertPem, userName: 'test', token: 'token-0123456789' }));
  return config;
}

describe('createContextClients', () => {
  it('reuses the connections of earlier requests, of every API group, instead of a handshake per request', async () => {
    const clients = createContextClients(kubeConfig(), 'one');
    const wave = () => Promise.all([clients.core.listNamespace(), clients.core.listNamespace(), clients.networking.listNetworkPolicyForAllNamespaces().catch(() => undefined)]);
    await wave();
    const afterFirst = handshakes;
    await wave();
    await wave();
    expect(afterFirst).toBeGreaterThan(0);
    expect(requests).toBe(9);
    // A connection is free again only once its response has been read to the end, so a request
    // sent at that instant may open one more; a handshake per request would be 6 more.
    expect(handshakes - afterFirst).toBeLessThanOrEqual(1);
  });
});
