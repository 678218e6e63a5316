/**
 * Plumbing around @kubernetes/client-node: one API client set per kubeconfig context, a
 * per-call timeout, paginated lists, and error mapping at the call site.
 */
import 'server-only';

import {
  AppsV1Api,
  CoreV1Api,
  DiscoveryV1Api,
  KubeConfig,
  NetworkingV1Api,
  Observable,
  type ConfigurationOptions,
  type ObservableMiddleware,
} from '@kubernetes/client-node';

import { getEnv } from '@/lib/env';
import { UpstreamError } from '@/lib/errors';
import { currentAttemptBudgetMs, retryRead } from '@/lib/read-retries';

import { classifyK8sAttempt, toUpstreamError } from './errors';

export interface ContextClients {
  core: CoreV1Api;
  discovery: DiscoveryV1Api;
  networking: NetworkingV1Api;
  apps: AppsV1Api;
}

/**
 * API clients bound to one context of `base`. Throws `UpstreamError` notFound when the
 * kubeconfig has no such context.
 *
 * NOTE: client-node resolves credentials from the KubeConfig's *current* context at request
 * time, so each context gets its own KubeConfig copy instead of switching a shared one.
 */
export function createContextClients(base: KubeConfig, context: string): ContextClients {
  if (!base.getContextObject(context)) {
    throw new UpstreamError({
      source: 'k8s',
      reason: 'notFound',
      resource: `context ${context}`,
      code: 'ContextNotFound',
      message: `The kubeconfig has no context "${context}"`,
    });
  }
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: base.getClusters(),
    users: base.getUsers(),
    contexts: base.getContexts(),
    currentContext: context,
  });
  shareOneConnectionPool(kubeConfig);
  return {
    core: kubeConfig.makeApiClient(CoreV1Api),
    discovery: kubeConfig.makeApiClient(DiscoveryV1Api),
    networking: kubeConfig.makeApiClient(NetworkingV1Api),
    apps: kubeConfig.makeApiClient(AppsV1Api),
  };
}

type RequestContext = Parameters<KubeConfig['applySecurityAuthentication']>[0];

/**
 * Makes every request of `kubeConfig`'s API clients use one connection pool.
 *
 * NOTE: client-node builds a new undici Agent for every request (from the context's TLS
 * options), so each request paid a TLS handshake and left its idle socket behind. The
 * options are the same for every request of one context (its cluster and user), so the
 * first Agent is kept and reused; the credentials that may change (bearer tokens, exec
 * plugins) are headers, applied per request as before.
 */
function shareOneConnectionPool(kubeConfig: KubeConfig): void {
  const authenticate = kubeConfig.applySecurityAuthentication.bind(kubeConfig);
  let pool: ReturnType<RequestContext['getDispatcher']>;
  kubeConfig.applySecurityAuthentication = async (context: RequestContext) => {
    await authenticate(context);
    const fresh = context.getDispatcher();
    if (fresh === undefined) return;
    pool ??= fresh;
    if (fresh !== pool) void fresh.close();
    context.setDispatcher(pool);
  };
}

/**
 * Per-call options that abort the HTTP request after `timeoutMs` (fetch rejects with a
 * TimeoutError), or sooner when a retried read has less of its budget left.
 */
export function timeoutOptions(timeoutMs: number): ConfigurationOptions<ObservableMiddleware> {
  const middleware: ObservableMiddleware = {
    pre(context) {
      context.setSignal(AbortSignal.timeout(Math.min(timeoutMs, currentAttemptBudgetMs() ?? timeoutMs)));
      return new Observable(Promise.resolve(context));
    },
    post(context) {
      return new Observable(Promise.resolve(context));
    },
  };
  return { middleware: [middleware], middlewareMergeStrategy: 'append' };
}

/**
 * Runs one read (retrying a reset, 5xx or 429 within `budgetMs`, see lib/read-retries.ts),
 * turning any failure into an `UpstreamError` about `resource`.
 */
export async function read<T>(resource: string, call: () => Promise<T>, budgetMs = getEnv().EGRESS_DOCTOR_TIMEOUT_MS): Promise<T> {
  try {
    return await retryRead({ source: 'k8s', resource, budgetMs, attempt: call, classify: classifyK8sAttempt });
  } catch (error) {
    throw toUpstreamError(error, resource);
  }
}

/** Like `read`, but a 404 gives null (for objects that may legitimately be absent). */
export async function readOptional<T>(resource: string, call: () => Promise<T>): Promise<T | null> {
  try {
    return await read(resource, call);
  } catch (error) {
    if (error instanceof UpstreamError && error.reason === 'notFound') return null;
    throw error;
  }
}

const pageSize = 500;
const maxPages = 200;

/**
 * Every item of a list, following `continue` tokens in pages of 500 (each page is one
 * call with its own timeout). Stops with an error after 200 pages rather than loop forever.
 */
export async function listAll<T>(
  resource: string,
  fetchPage: (page: { limit: number; _continue: string | undefined }) => Promise<{ items: T[]; metadata?: { _continue?: string } }>,
): Promise<T[]> {
  const items: T[] = [];
  let token: string | undefined;
  for (let page = 0; page < maxPages; page += 1) {
    const current = await read(resource, () => fetchPage({ limit: pageSize, _continue: token }));
    items.push(...current.items);
    token = current.metadata?._continue || undefined;
    if (token === undefined) return items;
  }
  throw new UpstreamError({
    source: 'k8s',
    reason: 'error',
    resource,
    message: `Listing ${resource} did not finish after ${maxPages} pages of ${pageSize}`,
  });
}
