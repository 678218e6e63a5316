/**
 * The embedded sandbox: a Kubernetes API server (HTTPS), an Alibaba Cloud OpenAPI
 * endpoint (ACS3-signed HTTP) and a DNS server, all on loopback, serving one world.
 *
 * The app reaches it exactly as it reaches a real cluster and account: through the
 * kubeconfig and the environment written to `outDir` (`kubeconfig`, `env`).
 * Started by scripts and tests only; the app never imports this folder.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { GATE_SANDBOX_LIST, type GateServer } from '@/lib/gates/sandbox';
import type { World, WorldFaults } from '@/lib/schemas/world';

import { startDnsServer, type DnsSandbox } from './dns/server';
import { startKubernetesApiServer, type KubernetesSandbox } from './k8s/server';
import { buildKubeconfig } from './kubeconfig';
import { startOpenApiServer, type Faults, type OpenApiSandbox } from './openapi/server';
import { createTlsMaterial } from './tls';

export interface SandboxOptions {
  world: World;
  /** Where to write `kubeconfig`, `kubeconfig-restricted` and `env`; nothing is written when absent. */
  outDir?: string;
  /** Fault knobs of the cloud endpoint (latency, error rate). */
  faults?: Faults;
}

export interface Sandbox {
  world: World;
  k8s: KubernetesSandbox;
  openApi: OpenApiSandbox;
  dns: DnsSandbox;
  /** The gates' own servers (lib/gates/sandbox.ts), by endpoint code, e.g. `oss`. */
  gateServers: Record<string, GateServer>;
  /** Kubeconfig (YAML) of the admin user, one context per world cluster. */
  kubeconfig: string;
  /** Kubeconfig of a user that gets 403 on networkpolicies, configmaps and nodes. */
  restrictedKubeconfig: string;
  /** The AccessKey the cloud endpoint accepts. */
  credentials: { accessKeyId: string; accessKeySecret: string };
  /**
   * RRSA: the RAM role and OIDC provider STS trusts, the token a pod would present, and the
   * STS endpoint (`host:port`, HTTPS with `caCertPem`; @alicloud/credentials only speaks HTTPS).
   */
  rrsa: { roleArn: string; oidcProviderArn: string; token: string; stsEndpoint: string; caCertPem: string };
  /** Environment for the app: endpoints, region, credentials, DNS server (KUBECONFIG only when `outDir` is set). */
  env: Record<string, string>;
  /** Serves another world from now on (same ports, same credentials). */
  setWorld(world: World): void;
  /**
   * Replaces the world's `faults` on all three servers (a fresh count for `times`) until the
   * next `setWorld`: the fault knob of tests that fail one read at a time.
   */
  setWorldFaults(faults: WorldFaults | undefined): void;
  close(): Promise<void>;
}

/** Starts the three servers on free loopback ports and, with `outDir`, writes the kubeconfigs and env file. */
export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  const { world } = options;
  const tls = createTlsMaterial();
  const tokens = { admin: randomToken(), restricted: randomToken() };
  const credentials = {
    accessKeyId: `LTAI5tSandbox${randomBytes(6).toString('hex')}`,
    accessKeySecret: randomBytes(15).toString('base64url'),
  };

  const account = world.cloud.accountId ?? '1234567890123456';
  const rrsaTrust = {
    providerArn: `acs:ram::${account}:oidc-provider/ack-rrsa-sandbox`,
    roleArn: `acs:ram::${account}:role/acs-egress-doctor-read`,
    token: randomToken(),
    subject: 'system:serviceaccount:egress-doctor:acs-egress-doctor',
    issuer: `https://oidc-ack-${world.cloud.regionId}.oss-${world.cloud.regionId}.aliyuncs.com/sandbox`,
  };

  const [k8s, openApi, dns] = await Promise.all([
    startKubernetesApiServer({ world, tls, tokens }),
    startOpenApiServer({ world, credentials: [credentials], faults: options.faults, tls, oidcTrust: [rrsaTrust] }),
    startDnsServer({ world }),
  ]);

  // Gates whose product speaks its own protocol (OSS) get a server of their own, accepting the same AccessKeys.
  const gateServers = Object.fromEntries(
    await Promise.all(
      GATE_SANDBOX_LIST.flatMap((gate) => (gate.server ? [gate.server({ world, secretOf: openApi.secretOf, checkSecurityToken: openApi.checkSecurityToken }).then((server) => [gate.endpointCode, server] as const)] : [])),
    ),
  );

  const kubeconfig = buildKubeconfig({ clusters: k8s.clusters, caCertPem: tls.caCertPem, userName: 'sandbox-admin', token: tokens.admin });
  const restrictedKubeconfig = buildKubeconfig({ clusters: k8s.clusters, caCertPem: tls.caCertPem, userName: 'restricted', token: tokens.restricted });

  const env: Record<string, string> = {
    ALIBABA_CLOUD_ACCESS_KEY_ID: credentials.accessKeyId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: credentials.accessKeySecret,
    ALIBABA_CLOUD_REGION_ID: world.cloud.regionId,
    ALIBABA_CLOUD_ENDPOINT_ECS: openApi.endpoint,
    ALIBABA_CLOUD_ENDPOINT_VPC: openApi.endpoint,
    ALIBABA_CLOUD_ENDPOINT_SLB: openApi.endpoint,
    ALIBABA_CLOUD_ENDPOINT_PVTZ: openApi.endpoint,
    ALIBABA_CLOUD_ENDPOINT_RDS: openApi.endpoint,
    ALIBABA_CLOUD_ENDPOINT_R_KVSTORE: openApi.endpoint,
    ALIBABA_CLOUD_ENDPOINT_POLARDB: openApi.endpoint,
    ALIBABA_CLOUD_ENDPOINT_DDS: openApi.endpoint,
    // The gates' products (lib/gates/sandbox.ts), served by the same endpoint.
    ...Object.fromEntries(GATE_SANDBOX_LIST.map((gate) => [`ALIBABA_CLOUD_ENDPOINT_${gate.endpointCode.toUpperCase()}`, gateServers[gate.endpointCode]?.endpoint ?? openApi.endpoint])),
    EGRESS_DOCTOR_DNS_SERVER: `${dns.host}:${dns.port}`,
    // A label shown beside saved diagnoses, as an operator would configure it.
    ...(world.cloud.accountId ? { ALIBABA_CLOUD_ACCOUNT_ID: world.cloud.accountId } : {}),
  };

  if (options.outDir) {
    const outDir = path.resolve(options.outDir);
    await mkdir(outDir, { recursive: true, mode: 0o700 });
    const kubeconfigPath = path.join(outDir, 'kubeconfig');
    env.KUBECONFIG = kubeconfigPath;
    await Promise.all([
      writeFile(kubeconfigPath, kubeconfig, { mode: 0o600 }),
      writeFile(path.join(outDir, 'kubeconfig-restricted'), restrictedKubeconfig, { mode: 0o600 }),
      writeFile(path.join(outDir, 'env'), formatEnvFile(env), { mode: 0o600 }),
    ]);
  }

  return {
    world,
    k8s,
    openApi,
    dns,
    gateServers,
    kubeconfig,
    restrictedKubeconfig,
    credentials,
    rrsa: {
      roleArn: rrsaTrust.roleArn,
      oidcProviderArn: rrsaTrust.providerArn,
      token: rrsaTrust.token,
      stsEndpoint: openApi.httpsEndpoint ?? '',
      caCertPem: tls.caCertPem,
    },
    env,
    setWorld(next) {
      k8s.setWorld(next);
      openApi.setWorld(next);
      dns.setWorld(next);
      for (const server of Object.values(gateServers)) server.setWorld(next);
    },
    setWorldFaults(faults) {
      k8s.setWorldFaults(faults);
      openApi.setWorldFaults(faults);
      dns.setWorldFaults(faults);
      for (const server of Object.values(gateServers)) server.setWorldFaults(faults);
    },
    async close() {
      await Promise.all([k8s.close(), openApi.close(), dns.close(), ...Object.values(gateServers).map((server) => server.close())]);
    },
  };
}

function randomToken(): string {
  return randomBytes(24).toString('base64url');
}

/** `KEY=value` lines, shell-sourceable (`set -a; . .sandbox/env`). */
export function formatEnvFile(env: Record<string, string>): string {
  const lines = Object.entries(env).map(([key, value]) => `${key}=${shellQuote(value)}`);
  return `# Written by the ACS Egress Doctor sandbox. Source it: set -a; . ./.sandbox/env; set +a\n${lines.join('\n')}\n`;
}

function shellQuote(value: string): string {
  return /^[A-Za-z0-9_./:@,-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}
