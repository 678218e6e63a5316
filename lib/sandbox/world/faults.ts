/**
 * The world's `faults` section as the sandbox servers use it: which fault (if any) a read
 * meets, counting the calls each transient fault (`times`) has already failed.
 * See docs/world-format.md#faults.
 */
import type { CloudFault, DnsFault, KubernetesFault, WorldFaults } from '@/lib/schemas/world';

/** A Kubernetes read as the API server sees it. */
export interface KubernetesReadTarget {
  cluster: string;
  verb: 'get' | 'list';
  /** Plural resource name, e.g. `services`. */
  resource: string;
  /** Null for a cluster-scoped object or a list across all namespaces. */
  namespace: string | null;
  /** The object's name for a get, null for a list. */
  name: string | null;
}

/** The faults of one world, with the count of calls each has failed so far. */
export interface FaultPlan {
  /** The fault a call of `action` naming `values` (ids, addresses) meets, if any. */
  cloud(action: string, values: readonly string[]): CloudFault | undefined;
  kubernetes(target: KubernetesReadTarget): KubernetesFault | undefined;
  /** `name` absolute, with or without the trailing dot, any case. */
  dns(name: string): DnsFault | undefined;
}

/** No faults at all. */
export const NO_FAULTS: WorldFaults = { cloud: [], kubernetes: [], dns: [] };

/** A plan over `faults` (`undefined` is none); the first matching fault with calls left wins. */
export function createFaultPlan(faults: WorldFaults | undefined): FaultPlan {
  const used = new Map<object, number>();
  const take = <T extends { times?: number }>(candidates: readonly T[], matches: (fault: T) => boolean): T | undefined => {
    for (const fault of candidates) {
      if (!matches(fault)) continue;
      const count = used.get(fault) ?? 0;
      if (fault.times !== undefined && count >= fault.times) continue;
      used.set(fault, count + 1);
      return fault;
    }
    return undefined;
  };
  const all = faults ?? NO_FAULTS;
  return {
    cloud: (action, values) => take(all.cloud, (fault) => fault.action === action && (fault.resource === undefined || values.includes(fault.resource))),
    kubernetes: (target) =>
      take(
        all.kubernetes,
        (fault) =>
          fault.resource === target.resource &&
          (fault.cluster === undefined || fault.cluster === target.cluster) &&
          (fault.namespace === undefined || fault.namespace === target.namespace) &&
          (fault.name === undefined || fault.name === target.name) &&
          (fault.verb === undefined || fault.verb === target.verb),
      ),
    dns: (name) => {
      const wanted = normalize(name);
      return take(all.dns, (fault) => fault.name === undefined || normalize(fault.name) === wanted);
    },
  };
}

function normalize(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}

/** HTTP status and message of well-known Alibaba Cloud error codes. */
const cloudErrors: Record<string, { status: number; message: string }> = {
  'Throttling.User': { status: 400, message: 'Request was denied due to user flow control.' },
  'Throttling.Api': { status: 400, message: 'Request was denied due to API flow control.' },
  Throttling: { status: 400, message: 'Request was denied due to request throttling.' },
  ServiceUnavailable: { status: 503, message: 'The request has failed due to a temporary failure of the server.' },
  InternalError: { status: 500, message: 'The request processing has failed due to some unknown error, exception or failure.' },
  UnknownError: { status: 500, message: 'The server has encountered an unknown error.' },
  'Forbidden.RAM': { status: 403, message: "User not authorized to operate on the specified resource, or this API doesn't support RAM." },
  Forbidden: { status: 403, message: 'User not authorized to operate on the specified resource.' },
};

/** The HTTP status and message the sandbox answers a cloud fault with (not for `timeout` / `reset`). */
export function cloudFaultAnswer(fault: CloudFault): { status: number; code: string; message: string } {
  const known = cloudErrors[fault.error];
  const status = fault.status ?? known?.status ?? statusOfCode(fault.error);
  const message = fault.message ?? known?.message ?? `The sandbox world fails ${fault.action} with ${fault.error}.`;
  return { status, code: fault.error, message };
}

function statusOfCode(code: string): number {
  if (/^(Forbidden|NoPermission)/.test(code)) return 403;
  if (/^Throttling/.test(code)) return 400;
  if (/(NotFound|NotExist)$/.test(code)) return 404;
  if (/^(Invalid|Missing)/.test(code)) return 400;
  return 500;
}
