/**
 * Small shared pieces of the cloud hop evaluators: hop constructors, fact lookups and
 * the wording of missing facts. Pure.
 */
import type { Evidence, Fact, FactError, FactRef, Fix, Hop, HopKind, HopVerdict, PathContext, PathFacts } from './model';

/** Evidence with nothing in it. */
export function emptyEvidence(): Evidence {
  return { facts: [], decidedBy: null, tables: [], notes: [] };
}

/** Builds a hop; evidence and fixes default to empty, reason to null. */
export function makeHop(
  kind: HopKind,
  verdict: HopVerdict,
  summary: string,
  options: { reason?: string | null; evidence?: Partial<Evidence>; fixes?: Fix[] } = {},
): Hop {
  return {
    kind,
    verdict,
    summary,
    reason: options.reason ?? null,
    evidence: { ...emptyEvidence(), ...options.evidence },
    fixes: options.fixes ?? [],
  };
}

/** A hop that does not apply to this path. */
export function skipHop(kind: HopKind, reason: string, evidence: Partial<Evidence> = {}): Hop {
  return makeHop(kind, 'skip', `Not applicable: ${reason}`, { reason, evidence });
}

/** A hop that cannot be decided; `reason` says which fact is missing and why. */
export function unknownHop(kind: HopKind, reason: string, evidence: Partial<Evidence> = {}): Hop {
  return makeHop(kind, 'unknown', `Cannot tell: ${reason}`, { reason, evidence });
}

/** "Forbidden.RAM on DescribeDBInstanceIPArrayList rm-1: …" — the wording of a missing fact. */
export function describeFactError(error: FactError): string {
  const code = error.code ?? error.reason;
  return `${code} on ${error.resource}: ${error.message}`;
}

/** Unwraps a fact: the value, or the hop that says why it is missing. */
export function readFact<T>(kind: HopKind, fact: Fact<T>): { ok: true; value: T } | { ok: false; hop: Hop } {
  if (fact.kind === 'ok') return { ok: true, value: fact.value };
  return { ok: false, hop: unknownHop(kind, describeFactError(fact.error)) };
}

/** Shorthand for a FactRef. */
export function ref(kind: string, id: string, label: string = id): FactRef {
  return { kind, id, label };
}

/** The region fixes are issued in, null when unknown. */
export function regionOf(facts: PathFacts): string | null {
  return facts.cluster.cluster.region;
}

/** Verdict order for combining sub-results: block > unknown > warn > pass > skip. */
const SEVERITY: Record<HopVerdict, number> = { skip: 0, pass: 1, warn: 2, unknown: 3, block: 4 };

/** The most severe of several verdicts (skip when empty). */
export function worstVerdict(verdicts: HopVerdict[]): HopVerdict {
  return verdicts.reduce<HopVerdict>((worst, verdict) => (SEVERITY[verdict] > SEVERITY[worst] ? verdict : worst), 'skip');
}

/**
 * The destination addresses packets actually carry once they leave the source ENI:
 * for Services of this cluster (ClusterIP or a LoadBalancer ingress address that kube-proxy
 * short-circuits) the ready backend pod IPs when known; otherwise the resolved addresses'
 * first entry. Empty when nothing resolved.
 */
export function packetDestinations(facts: PathFacts, path: PathContext): string[] {
  const destination = path.destination;
  const first = destination.addresses[0];
  if (first === undefined) return [];
  if (destination.kind !== 'clusterService' && destination.kind !== 'clusterLoadBalancer') return [first];
  const backends = serviceBackends(facts, destination.resourceId);
  return backends.length > 0 ? backends : [first];
}

/** Ready endpoint addresses of the Service `namespace/name`, empty when unknown. */
export function serviceBackends(facts: PathFacts, serviceId: string | null): string[] {
  const slices = facts.cluster.endpointSlices;
  if (serviceId === null || slices.kind !== 'ok') return [];
  const [namespace, name] = serviceId.split('/');
  const addresses = slices.value
    .filter((slice) => slice.namespace === namespace && slice.serviceName === name)
    .flatMap((slice) => slice.endpoints.filter((endpoint) => endpoint.ready).flatMap((endpoint) => endpoint.addresses));
  return [...new Set(addresses)];
}
