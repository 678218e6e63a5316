/**
 * Environment variables, parsed once with zod.
 *
 * The dashboard reaches a real cluster and account, or the sandbox, through the same
 * variables: `KUBECONFIG` (read by @kubernetes/client-node), the Alibaba Cloud credential
 * chain (`ALIBABA_CLOUD_ACCESS_KEY_ID`/`_SECRET`, RAM role, OIDC/RRSA, read by
 * @alicloud/credentials), and the endpoint overrides below.
 */
import 'server-only';

import { z } from 'zod';

const endpointSchema = z
  .string()
  .trim()
  .min(1)
  .refine((value) => /^(https?:\/\/)?[A-Za-z0-9.-]+(:\d+)?\/?$/.test(value), 'an endpoint is host[:port] or http(s)://host[:port]')
  .optional();

/** A yes/no switch: `true`/`1` or `false`/`0` (empty means the default, off). */
const flagSchema = z
  .enum(['true', 'false', '1', '0', ''], { error: 'must be true or false (or 1 / 0)' })
  .default('false')
  .transform((value) => value === 'true' || value === '1');

/** `https://host[:port]`, as a browser writes it in `Origin` (no path, no trailing slash). */
function toOrigin(text: string): string | null {
  try {
    const url = new URL(text);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return text.replace(/\/$/, '') === url.origin ? url.origin : null;
  } catch {
    return null;
  }
}

const originsSchema = z
  .string()
  .trim()
  .transform((value, context) => {
    const origins = value.split(',').map((part) => part.trim()).filter(Boolean);
    for (const origin of origins) {
      if (toOrigin(origin) === null) context.addIssue({ code: 'custom', message: `“${origin.slice(0, 100)}” is not an origin: write scheme://host[:port], e.g. https://egress-doctor.example.com` });
    }
    return origins.map((origin) => toOrigin(origin) ?? origin);
  })
  .optional();

const envSchema = z.object({
  /** Region used when the cluster does not tell (node providerID / topology labels). */
  ALIBABA_CLOUD_REGION_ID: z.string().trim().min(1).optional(),
  /** Endpoint overrides per product; default `<product>.<region>.aliyuncs.com` over HTTPS. */
  ALIBABA_CLOUD_ENDPOINT_ECS: endpointSchema,
  ALIBABA_CLOUD_ENDPOINT_VPC: endpointSchema,
  ALIBABA_CLOUD_ENDPOINT_SLB: endpointSchema,
  ALIBABA_CLOUD_ENDPOINT_RDS: endpointSchema,
  ALIBABA_CLOUD_ENDPOINT_R_KVSTORE: endpointSchema,
  ALIBABA_CLOUD_ENDPOINT_PVTZ: endpointSchema,
  ALIBABA_CLOUD_ENDPOINT_POLARDB: endpointSchema,
  ALIBABA_CLOUD_ENDPOINT_DDS: endpointSchema,
  /** OSS endpoint for the bucket reads (`host[:port]` or `http(s)://…`); default `oss-<bucket region>.aliyuncs.com` over HTTPS. */
  ALIBABA_CLOUD_ENDPOINT_OSS: endpointSchema,
  /**
   * STS endpoint (`host[:port]`, always HTTPS) for RRSA's AssumeRoleWithOIDC; default the one
   * @alicloud/credentials derives from `ALIBABA_CLOUD_STS_REGION` and `ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED`.
   */
  ALIBABA_CLOUD_STS_ENDPOINT: endpointSchema,
  /** Per-call timeout for cloud and cluster reads. */
  EGRESS_DOCTOR_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  /** DNS server (`ip[:port]`) used to resolve names outside the cluster domain; system resolver when unset. */
  EGRESS_DOCTOR_DNS_SERVER: z.string().trim().min(1).optional(),
  /** The mounted service account the dashboard uses in a pod without a kubeconfig. */
  EGRESS_DOCTOR_SERVICE_ACCOUNT_DIR: z.string().trim().min(1).default('/var/run/secrets/kubernetes.io/serviceaccount'),
  /** The name the in-cluster cluster is shown under (its only cluster). */
  EGRESS_DOCTOR_CLUSTER_NAME: z.string().trim().regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, 'a cluster name is lowercase letters, digits, dots and dashes').default('in-cluster'),
  /** Directory for saved diagnoses (`egress-doctor.db`). */
  DATA_DIR: z.string().trim().min(1).default('.data'),
  /** Days a saved diagnosis (and its share link) is kept; expired ones answer 404 and are purged. */
  DIAGNOSIS_RETENTION_DAYS: z.coerce.number().positive().max(3650).default(30),
  /**
   * Alibaba Cloud account id shown beside saved diagnoses ("taken against account …"). Optional:
   * the read-only identity cannot always learn it, and it is a label, never a credential.
   */
  ALIBABA_CLOUD_ACCOUNT_ID: z.string().trim().regex(/^\d{6,32}$/, 'an account id is digits').optional(),
  /**
   * Lets the dashboard apply fixes (and undo them). Off by default: the read-only identity
   * cannot change anything anyway, and the write permissions are listed apart in the README.
   */
  EGRESS_DOCTOR_FIXES_ENABLED: flagSchema,
  /**
   * Request header an authenticating proxy sets to the user's name; recorded in the audit log.
   * Read only when `EGRESS_DOCTOR_TRUSTED_PROXY` is on: without a proxy any client can send it.
   */
  EGRESS_DOCTOR_IDENTITY_HEADER: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9-]+$/, 'a header name is letters, digits and dashes')
    .default('x-forwarded-user'),
  /** A proxy in front authenticates every request and sets the identity header (clients cannot). */
  EGRESS_DOCTOR_TRUSTED_PROXY: flagSchema,
  /** Every page and route except /api/healthz answers 401 without an identity (needs the trusted proxy). */
  EGRESS_DOCTOR_REQUIRE_IDENTITY: flagSchema,
  /**
   * Whether the list of saved diagnoses (`GET /api/diagnoses`, /diagnoses) is served. It shows
   * every share link's id, so by default (`auto`) only when every request carries an identity
   * (`EGRESS_DOCTOR_REQUIRE_IDENTITY`); `true` for a dashboard only trusted people reach.
   */
  EGRESS_DOCTOR_LIST_DIAGNOSES: z.enum(['auto', 'true', 'false'], { error: 'must be auto, true or false' }).default('auto'),
  /**
   * The origins browsers load the dashboard from (comma-separated `scheme://host[:port]`).
   * POSTs whose `Origin` is another are refused. Default: the address the server listens on.
   */
  EGRESS_DOCTOR_PUBLIC_ORIGIN: originsSchema,
  /**
   * Whether this process runs the watch scheduler (re-runs watched diagnoses on their schedule).
   * On by default; `false` on a replica that should only serve pages (a lease keeps replicas from running a watch twice anyway).
   */
  EGRESS_DOCTOR_WATCH_SCHEDULER: z.enum(['true', 'false'], { error: 'must be true or false' }).default('true').transform((value) => value === 'true'),
  /**
   * The hosts a watch's webhook may name (comma-separated): a host name or address
   * (`hooks.slack.com`, `127.0.0.1`) or a suffix (`.dingtalk.com`: any name below it). Unset:
   * any host. Set or not, link-local and metadata addresses are refused (lib/watch/webhook-hosts.ts).
   */
  EGRESS_DOCTOR_WEBHOOK_HOSTS: z
    .string()
    .transform((value, context) => {
      const hosts = value.split(',').map((part) => part.trim().toLowerCase()).filter(Boolean);
      for (const host of hosts) {
        if (!/^\.?[a-z0-9]([-a-z0-9.:]*[a-z0-9])?$/.test(host)) context.addIssue({ code: 'custom', message: `“${host.slice(0, 100)}” is not a host name, address or .suffix, e.g. hooks.slack.com or .dingtalk.com` });
      }
      return hosts;
    })
    .optional(),
  /**
   * `postgres://…`: saved diagnoses, the audit log and used confirmation tokens go to this
   * PostgreSQL database, shared by every replica; the SQLite files in DATA_DIR when unset.
   */
  DATABASE_URL: z
    .string()
    .trim()
    .regex(/^postgres(ql)?:\/\/\S+$/, 'DATABASE_URL is a postgres:// or postgresql:// URL')
    .optional(),
  /**
   * The secret replicas share (at least 32 characters): it keys the HMACs of confirmation
   * tokens and CSRF tokens, which must verify on every replica. A per-process random
   * secret when unset, which is only right for a single replica.
   */
  EGRESS_DOCTOR_SECRET: z.string().min(32, 'must be at least 32 characters (e.g. openssl rand -base64 48)').optional(),
}).superRefine((env, context) => {
  if (env.EGRESS_DOCTOR_REQUIRE_IDENTITY && !env.EGRESS_DOCTOR_TRUSTED_PROXY) {
    context.addIssue({ code: 'custom', path: ['EGRESS_DOCTOR_REQUIRE_IDENTITY'], message: 'needs EGRESS_DOCTOR_TRUSTED_PROXY=true (the identity header is believed only from a trusted proxy)' });
  }
  if (env.DATABASE_URL !== undefined && env.EGRESS_DOCTOR_SECRET === undefined) {
    context.addIssue({
      code: 'custom',
      path: ['EGRESS_DOCTOR_SECRET'],
      message: 'EGRESS_DOCTOR_SECRET is required with DATABASE_URL: replicas sharing a database must share the secret of their confirmation and CSRF tokens (e.g. `openssl rand -base64 48`).',
    });
  }
});

export type Env = z.infer<typeof envSchema>;

/** The settings are wrong: answered 503 `invalid_configuration` (the operator's problem, not the user's). */
export class ConfigurationError extends Error {
  /** One line per bad variable: `NAME: what is wrong`. Never the value of a secret. */
  readonly problems: string[];

  constructor(problems: string[]) {
    super(`Invalid configuration — ${problems.join('; ')}`);
    this.name = 'ConfigurationError';
    this.problems = problems;
  }
}

type Parsed = { ok: true; env: Env } | { ok: false; error: ConfigurationError };
let cached: Parsed | undefined;

function parseEnv(): Parsed {
  const result = envSchema.safeParse(process.env);
  if (result.success) return { ok: true, env: result.data };
  return { ok: false, error: new ConfigurationError(result.error.issues.map((issue) => `${issue.path.join('.') || '(environment)'}: ${issue.message}`)) };
}

/** The parsed environment; throws a `ConfigurationError` naming each bad variable. */
export function getEnv(): Env {
  cached ??= parseEnv();
  if (!cached.ok) throw cached.error;
  return cached.env;
}

/** What is wrong with the settings (empty when they parse): for /api/healthz and the start-up check. */
export function envProblems(): string[] {
  cached ??= parseEnv();
  return cached.ok ? [] : cached.error.problems;
}

/** Whether the list of saved diagnoses is served (see `EGRESS_DOCTOR_LIST_DIAGNOSES`). */
export function isDiagnosisListEnabled(env: Env): boolean {
  return env.EGRESS_DOCTOR_LIST_DIAGNOSES === 'auto' ? env.EGRESS_DOCTOR_REQUIRE_IDENTITY : env.EGRESS_DOCTOR_LIST_DIAGNOSES === 'true';
}

/**
 * The endpoint override of a product a gate reaches through the generic OpenAPI client
 * (lib/gates/<gate>/read.ts): `ALIBABA_CLOUD_ENDPOINT_<CODE>` (`ALIBABA_CLOUD_ENDPOINT_CLOUDFW`),
 * undefined when unset. Throws a `ConfigurationError` when it is not an endpoint.
 */
export function productEndpoint(code: string): string | undefined {
  const name = `ALIBABA_CLOUD_ENDPOINT_${code.toUpperCase().replace(/-/g, '_')}`;
  const result = endpointSchema.safeParse(process.env[name] === '' ? undefined : process.env[name]);
  if (!result.success) throw new ConfigurationError([`${name}: ${result.error.issues[0]?.message ?? 'invalid'}`]);
  return result.data;
}

/** For tests: forget the parsed environment so the next `getEnv()` reads it again. */
export function resetEnvForTests(): void {
  cached = undefined;
}
