/**
 * Kubernetes writes for applying fixes (issue 6): server-side apply, merge patch and delete
 * of one object, each optionally as a server-side dry run, returning the object before and
 * after with a YAML line diff.
 *
 * NOTE: these go over HTTPS with the KubeConfig's TLS and credentials (`applyToHTTPSOptions`)
 * rather than through the generated model classes: those rename wire fields (`from` becomes
 * `_from`) and drop unknown ones, and a patch must reach the server byte for byte.
 */
import 'server-only';

import https from 'node:https';

import { ApiException, KubeConfig } from '@kubernetes/client-node';
import { parse } from 'yaml';

import type { Fix } from '@/lib/analysis/model';
import { getEnv } from '@/lib/env';
import { UpstreamError } from '@/lib/errors';

import { toUpstreamError } from './errors';
import { asWrite } from './in-flight';
import { loadDefaultKubeConfig } from './load-kubeconfig';
import { lineDiff, toPreviewYaml } from './write-diff';

/** A Fix of kind `kubernetes`. */
export type KubernetesFix = Extract<Fix, { kind: 'kubernetes' }>;

/** Names one object. `namespace` is null for cluster-scoped kinds. */
export interface KubernetesObjectRef {
  apiVersion: string;
  kind: string;
  namespace: string | null;
  name: string;
}

/** What a write did (or, dry run, would do) to one object. */
export interface KubernetesChange {
  ref: KubernetesObjectRef;
  /** The object before the write; null when it did not exist. */
  before: Record<string, unknown> | null;
  /** The object after the write; null when deleted. */
  after: Record<string, unknown> | null;
  /** Line diff of the YAML of before → after (unified style, '+'/'-'/' ' prefixes), without managedFields/resourceVersion/generation. */
  diff: string;
}

export interface KubernetesWriteOptions {
  /** Server-side dry run (`dryRun=All`): validated and computed, nothing persists. */
  dryRun: boolean;
}

/** The field manager of our server-side applies. */
export const FIELD_MANAGER = 'acs-egress-doctor';

export interface K8sWriter {
  applyKubernetesFix(context: string, fix: KubernetesFix, options: KubernetesWriteOptions): Promise<KubernetesChange>;
  deleteKubernetesObject(context: string, ref: KubernetesObjectRef, options: KubernetesWriteOptions): Promise<KubernetesChange>;
  mergePatchKubernetesObject(context: string, ref: KubernetesObjectRef, patch: Record<string, unknown>, options: KubernetesWriteOptions): Promise<KubernetesChange>;
}

export interface K8sWriterOptions {
  kubeConfig: KubeConfig;
  /** Per-call timeout; `EGRESS_DOCTOR_TIMEOUT_MS` when absent. */
  timeoutMs?: number;
}

/** `Fix.target.kind` of the kubernetes fixes → the object's apiVersion and kind. */
const targetKinds: Record<string, { apiVersion: string; kind: string }> = {
  networkPolicy: { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy' },
  service: { apiVersion: 'v1', kind: 'Service' },
};

/** Kinds whose URL plural is not the regular one. */
const irregularPlurals: Record<string, string> = { Endpoints: 'endpoints' };
const clusterScopedKinds: ReadonlySet<string> = new Set(['Namespace', 'Node', 'PodNetworking', 'ClusterRole', 'ClusterRoleBinding']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalid(resource: string, message: string): UpstreamError {
  return new UpstreamError({ source: 'k8s', reason: 'invalid', resource, code: 'InvalidFix', message });
}

/** `/api/v1/namespaces/ns/services/name` or `/apis/group/version/…`. */
export function objectPath(ref: KubernetesObjectRef): string {
  const prefix = ref.apiVersion.includes('/') ? `/apis/${ref.apiVersion}` : `/api/${ref.apiVersion}`;
  const lower = ref.kind.toLowerCase();
  const plural = irregularPlurals[ref.kind] ?? (lower.endsWith('y') ? `${lower.slice(0, -1)}ies` : lower.endsWith('s') ? `${lower}es` : `${lower}s`);
  const scope = ref.namespace === null ? '' : `/namespaces/${encodeURIComponent(ref.namespace)}`;
  return `${prefix}${scope}/${plural}/${encodeURIComponent(ref.name)}`;
}

function describeRef(ref: KubernetesObjectRef, context: string): string {
  return `${ref.kind} ${ref.namespace === null ? '' : `${ref.namespace}/`}${ref.name} of ${context}`;
}

/** The object a fix writes: the manifest's identity for `apply`, `fix.target` for `merge`. */
export function fixRef(fix: KubernetesFix): { ref: KubernetesObjectRef; document: Record<string, unknown> } {
  const resource = `fix ${fix.id}`;
  let document: unknown;
  try {
    document = parse(fix.yaml);
  } catch (error) {
    throw new UpstreamError({ source: 'k8s', reason: 'invalid', resource, code: 'InvalidFix', message: `The fix's YAML does not parse`, cause: error });
  }
  if (!isRecord(document)) throw invalid(resource, 'The fix YAML is not an object');
  const [namespace, name, extra] = fix.target.id.split('/');
  if (!namespace || !name || extra !== undefined) throw invalid(resource, `The fix target "${fix.target.id}" is not namespace/name`);
  if (fix.patchType === 'merge') {
    const kind = targetKinds[fix.target.kind];
    if (!kind) throw invalid(resource, `No Kubernetes kind is known for fix targets of kind "${fix.target.kind}"`);
    return { ref: { ...kind, namespace, name }, document };
  }
  const metadata = isRecord(document.metadata) ? document.metadata : {};
  const { apiVersion, kind } = document;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string' || metadata.name !== name || (metadata.namespace ?? namespace) !== namespace) {
    throw invalid(resource, `The manifest does not name the fix target ${fix.target.id}`);
  }
  return { ref: { apiVersion, kind, namespace: clusterScopedKinds.has(kind) ? null : namespace, name }, document };
}

/** Creates a writer over the contexts of `kubeConfig`. */
export function createK8sWriter(options: K8sWriterOptions): K8sWriter {
  const timeoutMs = () => options.timeoutMs ?? getEnv().EGRESS_DOCTOR_TIMEOUT_MS;
  const configs = new Map<string, KubeConfig>();
  const configFor = (context: string): KubeConfig => {
    const found = configs.get(context);
    if (found) return found;
    if (!options.kubeConfig.getContextObject(context)) {
      throw new UpstreamError({ source: 'k8s', reason: 'notFound', resource: `context ${context}`, code: 'ContextNotFound', message: `The kubeconfig has no context "${context}"` });
    }
    // NOTE: credentials follow the current context, so each context gets its own copy (as in client.ts).
    const copy = new KubeConfig();
    copy.loadFromOptions({ clusters: options.kubeConfig.getClusters(), users: options.kubeConfig.getUsers(), contexts: options.kubeConfig.getContexts(), currentContext: context });
    configs.set(context, copy);
    return copy;
  };
  const call = (context: string, request: HttpCall, resource: string) =>
    request.method === 'GET' ? send(configFor(context), request, timeoutMs(), resource) : asWrite(() => send(configFor(context), request, timeoutMs(), resource));
  const readOrNull = async (context: string, ref: KubernetesObjectRef): Promise<Record<string, unknown> | null> => {
    try {
      return await call(context, { method: 'GET', path: objectPath(ref) }, describeRef(ref, context));
    } catch (error) {
      if (error instanceof UpstreamError && error.reason === 'notFound') return null;
      throw error;
    }
  };
  const change = (ref: KubernetesObjectRef, before: Record<string, unknown> | null, after: Record<string, unknown> | null): KubernetesChange => ({
    ref,
    before,
    after,
    diff: lineDiff(toPreviewYaml(before), toPreviewYaml(after)),
  });
  const dryRunQuery = (dryRun: boolean): Record<string, string> => (dryRun ? { dryRun: 'All' } : {});

  const writer: K8sWriter = {
    async applyKubernetesFix(context, fix, writeOptions) {
      const { ref, document } = fixRef(fix);
      if (fix.patchType === 'merge') return writer.mergePatchKubernetesObject(context, ref, document, writeOptions);
      const before = await readOrNull(context, ref);
      const after = await call(
        context,
        {
          method: 'PATCH',
          path: objectPath(ref),
          query: { fieldManager: FIELD_MANAGER, force: 'true', ...dryRunQuery(writeOptions.dryRun) },
          contentType: 'application/apply-patch+yaml',
          body: fix.yaml,
        },
        describeRef(ref, context),
      );
      return change(ref, before, after);
    },

    async deleteKubernetesObject(context, ref, writeOptions) {
      const before = await readOrNull(context, ref);
      await call(context, { method: 'DELETE', path: objectPath(ref), query: dryRunQuery(writeOptions.dryRun) }, describeRef(ref, context));
      return change(ref, before, null);
    },

    async mergePatchKubernetesObject(context, ref, patch, writeOptions) {
      const before = await readOrNull(context, ref);
      const after = await call(
        context,
        {
          method: 'PATCH',
          path: objectPath(ref),
          query: { fieldManager: FIELD_MANAGER, ...dryRunQuery(writeOptions.dryRun) },
          contentType: 'application/merge-patch+json',
          body: JSON.stringify(patch),
        },
        describeRef(ref, context),
      );
      return change(ref, before, after);
    },
  };
  return writer;
}

interface HttpCall {
  method: 'GET' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string>;
  contentType?: string;
  body?: string;
}

/** One HTTPS call to the context's API server; the JSON object answered, or an `UpstreamError`. */
async function send(kubeConfig: KubeConfig, request: HttpCall, timeoutMs: number, resource: string): Promise<Record<string, unknown>> {
  try {
    const server = kubeConfig.getCurrentCluster()?.server;
    if (!server) throw invalid(resource, 'The kubeconfig context has no cluster server');
    const url = new URL(`${server.replace(/\/$/, '')}${request.path}`);
    for (const [key, value] of Object.entries(request.query ?? {})) url.searchParams.set(key, value);
    const httpsOptions: https.RequestOptions = {
      method: request.method,
      headers: {
        Accept: 'application/json',
        ...(request.contentType === undefined ? {} : { 'Content-Type': request.contentType }),
      },
    };
    await kubeConfig.applyToHTTPSOptions(httpsOptions);
    const { status, text, headers } = await exchange(url, httpsOptions, request.body, timeoutMs);
    if (status < 200 || status >= 300) throw new ApiException(status, `HTTP ${status} for ${request.method} ${request.path}`, text, headers);
    const parsed: unknown = text === '' ? {} : JSON.parse(text);
    if (!isRecord(parsed)) throw invalid(resource, 'The API server did not answer with a JSON object');
    return parsed;
  } catch (error) {
    throw toUpstreamError(error, resource);
  }
}

function exchange(
  url: URL,
  options: https.RequestOptions,
  body: string | undefined,
  timeoutMs: number,
): Promise<{ status: number; text: string; headers: Record<string, string> }> {
  return new Promise((resolve, reject) => {
    const request = https.request(url, options, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        const headers: Record<string, string> = {};
        for (const [key, value] of Object.entries(response.headers)) if (typeof value === 'string') headers[key] = value;
        resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), headers });
      });
    });
    request.setTimeout(timeoutMs, () => request.destroy(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: 'ETIMEDOUT' })));
    request.on('error', reject);
    request.end(body);
  });
}

let cached: K8sWriter | undefined;

function defaultK8sWriter(): K8sWriter {
  if (!cached) {
    const kubeConfig = loadDefaultKubeConfig();
    cached = createK8sWriter({ kubeConfig });
  }
  return cached;
}

/** For tests: use `writer` (or, with no argument, reload the default kubeconfig on next use). */
export function setDefaultK8sWriterForTests(writer?: K8sWriter): void {
  cached = writer;
}

/**
 * Applies a kubernetes Fix against the default kubeconfig: `apply` → server-side apply of
 * `fix.yaml` (field manager `acs-egress-doctor`, force); `merge` → JSON merge patch of the
 * parsed `fix.yaml` onto `fix.target` (`namespace/name`). `dryRun` → `dryRun=All`.
 * Returns the object before (null when it did not exist) and after. Throws `UpstreamError`.
 */
export function applyKubernetesFix(context: string, fix: KubernetesFix, options: KubernetesWriteOptions): Promise<KubernetesChange> {
  return defaultK8sWriter().applyKubernetesFix(context, fix, options);
}

/** Deletes an object (the inverse of creating one); `after` is null. `dryRun` as above. */
export function deleteKubernetesObject(context: string, ref: KubernetesObjectRef, options: KubernetesWriteOptions): Promise<KubernetesChange> {
  return defaultK8sWriter().deleteKubernetesObject(context, ref, options);
}

/** Applies a raw JSON merge patch to an object (the inverse of a merge fix; `null` values remove keys). */
export function mergePatchKubernetesObject(
  context: string,
  ref: KubernetesObjectRef,
  patch: Record<string, unknown>,
  options: KubernetesWriteOptions,
): Promise<KubernetesChange> {
  return defaultK8sWriter().mergePatchKubernetesObject(context, ref, patch, options);
}
