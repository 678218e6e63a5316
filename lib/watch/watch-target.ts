/**
 * What a watch names, for people and links: `shop/web-0 → api.example.com (443/tcp, cluster
 * acs-prod)`, `audit of namespace shop → …`, and the namespace page that re-runs a watched
 * audit. Pure.
 */
import { parseDestination } from '@/lib/schemas/destination';
import type { AuditScope } from '@/lib/schemas/audit';
import type { WatchedAudit, WatchTarget } from '@/lib/schemas/watch';

/** `namespace shop`, `workload shop/deployment/web`, `every namespace`. */
export function describeAuditScope(scope: AuditScope): string {
  switch (scope.kind) {
    case 'namespace':
      return `namespace ${scope.namespace}`;
    case 'workload':
      return `workload ${scope.namespace}/${scope.workloadKind}/${scope.name}`;
    case 'cluster':
      return 'every namespace';
    default: {
      const exhaustive: never = scope;
      throw new Error(`invariant: unknown audit scope ${JSON.stringify(exhaustive)}`);
    }
  }
}

/** The destination as the audit form takes it: as typed when it names its port, else `host:port`. */
export function auditDestinationText(audit: WatchedAudit): string {
  const { destination } = audit;
  const parsed = parseDestination(destination.destination);
  if (parsed.ok && parsed.value.port === destination.port) return destination.destination;
  return destination.host.includes(':') ? `[${destination.host}]:${destination.port}` : `${destination.host}:${destination.port}`;
}

/** The path of the namespace page with the watched audit filled in (a workload's namespace for a workload). */
export function auditPagePath(audit: WatchedAudit): string {
  const params = new URLSearchParams({ cluster: audit.cluster });
  if (audit.scope.kind !== 'cluster') params.set('namespace', audit.scope.namespace);
  params.set('to', auditDestinationText(audit));
  return `/namespaces?${params.toString()}`;
}

/** One line naming what is watched. */
export function describeWatchTarget(target: WatchTarget): string {
  if (target.kind === 'audit') {
    const { audit } = target;
    return `audit of ${describeAuditScope(audit.scope)} → ${audit.destination.destination} (${audit.destination.port}/${audit.destination.protocol}, cluster ${audit.cluster})`;
  }
  const { request } = target;
  return `${request.namespace}/${request.pod} → ${request.destination} (${request.port}/${request.protocol}, cluster ${request.cluster})`;
}
