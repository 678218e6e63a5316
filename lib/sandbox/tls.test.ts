import { once } from 'node:events';
import https from 'node:https';
import { X509Certificate } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { createTlsMaterial } from './tls';

describe('createTlsMaterial', () => {
  const tls = createTlsMaterial();

  it('makes a CA and a server certificate it signed, for 127.0.0.1 and localhost', () => {
    const ca = new X509Certificate(tls.caCertPem);
    const server = new X509Certificate(tls.certPem);
    expect(ca.ca).toBe(true);
    expect(server.ca).toBe(false);
    expect(server.verify(ca.publicKey)).toBe(true);
    expect(server.checkIssued(ca)).toBe(true);
    expect(server.subjectAltName).toBe('IP Address:127.0.0.1, DNS:localhost');
  });

  it('serves HTTPS that a client trusting only the CA accepts', async () => {
    const server = https.createServer({ key: tls.keyPem, cert: tls.certPem }, (_request, response) => {
      response.end('ok');
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('expected a TCP address');
    const { port } = address;
    try {
      const body = await new Promise<string>((resolve, reject) => {
        https
          .get({ host: '127.0.0.1', port, path: '/', ca: tls.caCertPem }, (response) => {
            let text = '';
            response.on('data', (chunk: Buffer) => (text += chunk.toString()));
            response.on('end', () => resolve(text));
          })
          .on('error', reject);
      });
      expect(body).toBe('ok');
    } finally {
      server.close();
    }
  });

  it('makes new keys on every call', () => {
    expect(createTlsMaterial().caCertPem).not.toBe(tls.caCertPem);
  });
});
