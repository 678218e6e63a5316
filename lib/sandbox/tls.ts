/**
 * TLS material for the sandbox's HTTPS servers: a throw-away certificate authority and
 * a server certificate it signed, valid for `127.0.0.1` and `localhost`.
 *
 * Clients trust the CA through the kubeconfig's `certificate-authority-data`, exactly as
 * they trust a real cluster's CA, so no client needs `insecure-skip-tls-verify`.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';

import forge from 'node-forge';

export interface TlsMaterial {
  /** PEM of the self-signed CA certificate (what clients trust). */
  caCertPem: string;
  /** PEM of the server certificate, signed by the CA. */
  certPem: string;
  /** PEM (PKCS#8) of the server certificate's private key. */
  keyPem: string;
}

const validityMs = 365 * 24 * 60 * 60 * 1000;

/**
 * Creates a new CA and a server certificate signed by it (SAN `IP:127.0.0.1`, `DNS:localhost`).
 * Every call makes new keys; callers generate once per sandbox.
 */
export function createTlsMaterial(): TlsMaterial {
  // NOTE: node-forge's pure-JS RSA key generation takes seconds; Node's native generator
  // takes milliseconds, so keys come from node:crypto and forge only builds the certificates.
  const caKeys = generateRsaKeyPair();
  const serverKeys = generateRsaKeyPair();
  const now = Date.now();

  const caSubject = [{ name: 'commonName', value: 'acs-egress-doctor-sandbox-ca' }];
  const caCert = forge.pki.createCertificate();
  caCert.publicKey = caKeys.publicKey;
  caCert.serialNumber = randomSerialNumber();
  caCert.validity.notBefore = new Date(now - 60_000);
  caCert.validity.notAfter = new Date(now + validityMs);
  caCert.setSubject(caSubject);
  caCert.setIssuer(caSubject);
  caCert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  caCert.sign(caKeys.privateKey, forge.md.sha256.create());

  const serverCert = forge.pki.createCertificate();
  serverCert.publicKey = serverKeys.publicKey;
  serverCert.serialNumber = randomSerialNumber();
  serverCert.validity.notBefore = new Date(now - 60_000);
  serverCert.validity.notAfter = new Date(now + validityMs);
  serverCert.setSubject([{ name: 'commonName', value: 'kube-apiserver' }]);
  serverCert.setIssuer(caSubject);
  serverCert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    {
      name: 'subjectAltName',
      altNames: [
        { type: 7, ip: '127.0.0.1' }, // 7 = iPAddress
        { type: 2, value: 'localhost' }, // 2 = dNSName
      ],
    },
  ]);
  serverCert.sign(caKeys.privateKey, forge.md.sha256.create());

  return {
    caCertPem: forge.pki.certificateToPem(caCert),
    certPem: forge.pki.certificateToPem(serverCert),
    keyPem: serverKeys.privateKeyPem,
  };
}

function generateRsaKeyPair(): {
  publicKey: forge.pki.rsa.PublicKey;
  privateKey: forge.pki.rsa.PrivateKey;
  privateKeyPem: string;
} {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return {
    publicKey: forge.pki.publicKeyFromPem(publicKey),
    privateKey: forge.pki.privateKeyFromPem(privateKey),
    privateKeyPem: privateKey,
  };
}

/** A positive 128-bit serial in hex (the high bit cleared so DER keeps it positive). */
function randomSerialNumber(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return bytes.toString('hex');
}
