/**
 * The proof rule of a diagnosis: a hop counts as passed only on facts that were read.
 * Every hop gets a basis (the facts its verdict or its "does not apply" rests on); a
 * `pass`, `warn` or `skip` whose basis holds a failed read becomes `unknown` naming it. Pure.
 */
import { GATES, isGateKind } from '@/lib/gates/registry';
import type { GateDefinition } from '@/lib/gates/types';

import { describeFactError, notesOf } from './hop-helpers';
import { msg } from './message';
import type { BuiltinHopKind, DestinationKind, FactBasis, Hop, HopKind, PathContext, PathFacts } from './model';

/**
 * For each hop, the destination kinds that would change its verdict (or make it apply) had
 * the classification decided them: a failed owner lookup that leaves one of them open makes
 * the hop's basis unread. E.g. an address that may be an SLB (DescribeLoadBalancers failed)
 * leaves the SLB listener ACL unchecked.
 */
export const KINDS_THAT_CHANGE_HOP: Readonly<Record<BuiltinHopKind, readonly DestinationKind[]>> = {
  dns: [],
  podEgress: [],
  // Peers are matched by pod labels; a Service is evaluated toward its backends.
  networkPolicy: ['clusterLoadBalancer', 'clusterService', 'clusterPod'],
  // kube-proxy rewrites a Service address to a backend before the packet leaves the ENI.
  securityGroup: ['clusterLoadBalancer', 'clusterService'],
  networkAcl: ['clusterLoadBalancer', 'clusterService'],
  // kube-proxy short-circuits a cluster LoadBalancer address: no NAT is used.
  natEip: ['clusterLoadBalancer'],
  destinationAcl: ['ecs', 'slb'],
  whitelist: ['rds', 'redis', 'polardb', 'mongodb'],
  lbPolicy: ['clusterLoadBalancer'],
};

/** `KINDS_THAT_CHANGE_HOP` for a built-in hop, the registry entry's `kindsThatChange` for a gate. */
export function kindsThatChangeHop(kind: HopKind): readonly DestinationKind[] {
  if (!isGateKind(kind)) return KINDS_THAT_CHANGE_HOP[kind];
  const gate: GateDefinition = GATES[kind];
  return gate.kindsThatChange;
}

/** Hops that evaluate the packets' real destination, which for a cluster Service is its backends. */
const BACKEND_HOPS: ReadonlySet<HopKind> = new Set(['networkPolicy', 'securityGroup', 'networkAcl']);

/**
 * The facts the path itself makes a hop depend on: the classification reads that could
 * change it, and, for a Service of this cluster, its EndpointSlices (the backends the
 * packets really go to). Evaluators add their own reads to `hop.basis`.
 */
export function pathBasis(kind: HopKind, facts: PathFacts, path: PathContext): FactBasis[] {
  const relevant = kindsThatChangeHop(kind);
  const basis: FactBasis[] = (path.destination.basis ?? [])
    .filter((entry) => relevant.includes(entry.couldBe))
    .map(({ fact, neededFor, error }) => ({ fact, neededFor, error }));
  const destination = path.destination;
  if (BACKEND_HOPS.has(kind) && (destination.kind === 'clusterService' || destination.kind === 'clusterLoadBalancer')) {
    const slices = facts.cluster.endpointSlices;
    basis.push({
      fact: 'endpointSlices',
      neededFor: `the backends of Service ${destination.resourceId ?? destination.host}, where kube-proxy sends the packets`,
      error: slices.kind === 'missing' ? slices.error : null,
    });
  }
  return basis;
}

/** The reads of `basis` that failed. */
export function unreadBasis(basis: readonly FactBasis[]): FactBasis[] {
  return basis.filter((entry) => entry.error !== null);
}

/**
 * "services could not be read (403 on services: …); it was needed for whether … and for
 * whether …" — one sentence per failed read, its purposes joined.
 */
export function describeUnread(unread: readonly FactBasis[]): string {
  const byFact = new Map<string, FactBasis[]>();
  for (const entry of unread) byFact.set(entry.fact, [...(byFact.get(entry.fact) ?? []), entry]);
  return [...byFact.entries()]
    .map(([fact, entries]) => {
      const error = entries.find((entry) => entry.error !== null)?.error;
      const cause = error ? `could not be read (${describeFactError(error)})` : 'was read';
      return `${fact} ${cause}; it was needed for ${entries.map((entry) => entry.neededFor).join(' and for ')}`;
    })
    .join('; ');
}

/**
 * The hop with `extra` added to its basis. A `pass`, `warn` or `skip` whose basis holds a
 * failed read becomes `unknown`, naming the read(s); its evidence is kept. `block` and
 * `unknown` stand as they are: a block found on facts that were read is still a block.
 */
export function proveHop(hop: Hop, extra: readonly FactBasis[]): Hop {
  const basis = dedupe([...(hop.basis ?? []), ...extra]);
  const unread = unreadBasis(basis);
  if (unread.length === 0 || hop.verdict === 'block' || hop.verdict === 'unknown') return { ...hop, basis };
  const reason = describeUnread(unread);
  // The hop's own sentences change: their messages go with them (the new summary is English text only).
  const { summaryMessage, reasonMessage, ...rest } = hop;
  const before =
    hop.verdict === 'skip'
      ? msg('analysis.proof.wouldNotApply', { reason: hop.reason === null ? (summaryMessage ?? hop.summary) : (reasonMessage ?? hop.reason) })
      : msg('analysis.proof.onFactsRead', { summary: summaryMessage ?? hop.summary });
  return {
    ...rest,
    verdict: 'unknown',
    summary: `Cannot tell: ${reason}`,
    reason,
    evidence: { ...hop.evidence, ...notesOf([before, ...hop.evidence.notes], [null, ...(hop.evidence.noteMessages ?? [])]) },
    fixes: [],
    basis,
  };
}

/** True when the hop counts as passed: `pass`, `warn` or `skip`, with every fact of its basis read. */
export function isProvenPass(hop: Hop): boolean {
  if (hop.verdict !== 'pass' && hop.verdict !== 'warn' && hop.verdict !== 'skip') return false;
  return unreadBasis(hop.basis ?? []).length === 0;
}

function dedupe(basis: FactBasis[]): FactBasis[] {
  const seen = new Set<string>();
  return basis.filter((entry) => {
    const key = `${entry.fact}\u0000${entry.neededFor}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
