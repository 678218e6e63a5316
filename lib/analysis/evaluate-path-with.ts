/**
 * The path evaluation, with the hop evaluators passed in (the default wiring lives in
 * evaluate-path.ts). Pure.
 */
import { skipHop } from './hop-helpers';
import type { Diagnosis, Fact, FactError, Hop, HopKind, PathContext, PathFacts, ResolvedDestination, Verdict } from './model';
import { resolveSource } from './resolve-source';

/** Decides one hop of the path. */
export type HopEvaluator = (facts: PathFacts, path: PathContext) => Hop;

/** One evaluator per hop kind. */
export type HopEvaluators = Record<HopKind, HopEvaluator>;

/** Hop kinds in path order (domain doc §11). */
export const HOP_ORDER: HopKind[] = ['dns', 'networkPolicy', 'securityGroup', 'networkAcl', 'natEip', 'destinationAcl', 'whitelist', 'lbPolicy'];

/** `blocked` when any hop blocks; else `unknown` when any hop is unknown; else `reachable` (warnings allowed). */
export function aggregateVerdict(hops: Hop[]): Verdict {
  if (hops.some((hop) => hop.verdict === 'block')) return 'blocked';
  if (hops.some((hop) => hop.verdict === 'unknown')) return 'unknown';
  return 'reachable';
}

const errorOf = <T>(fact: Fact<T> | null): FactError[] => (fact !== null && fact.kind === 'missing' ? [fact.error] : []);

/** Every fact error in `facts`, once each, in the order the facts are declared. */
export function collectFactErrors(facts: PathFacts): FactError[] {
  const { cluster, cloud } = facts;
  const errors = [
    ...[cluster.node, cluster.namespaces, cluster.pods, cluster.nodes, cluster.services, cluster.endpointSlices, cluster.networkPolicies, cluster.dns].flatMap(
      (fact: Fact<unknown>) => errorOf(fact),
    ),
    ...errorOf(facts.dnsAnswers),
    ...[
      cloud.sourceEni,
      cloud.vSwitches,
      cloud.securityGroups,
      cloud.networkAcls,
      cloud.prefixLists,
      cloud.portRangeLists,
      cloud.routeTables,
      cloud.natGateways,
      cloud.snatEntries,
      cloud.eips,
      cloud.destinationEni,
      cloud.loadBalancer,
      cloud.slbAcls,
    ].flatMap((fact: Fact<unknown>) => errorOf(fact)),
    ...errorOf(cloud.whitelist),
  ];
  const seen = new Set<string>();
  return errors.filter((error) => {
    const key = JSON.stringify([error.source, error.reason, error.resource, error.code ?? null, error.message]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Returns an `evaluatePath` that uses `evaluators`: resolves the source, runs the hops in
 * path order, and aggregates. When the destination has no address (DNS failed), every hop
 * after DNS is `skip` ("no address to evaluate").
 */
export function evaluatePathWith(evaluators: HopEvaluators): (facts: PathFacts, destination: ResolvedDestination) => Diagnosis {
  return (facts, destination) => {
    const source = resolveSource(facts);
    const path: PathContext = { source, destination };
    const hasAddress = destination.addresses.length > 0;
    const hops = HOP_ORDER.map((kind) =>
      kind === 'dns' || hasAddress ? evaluators[kind](facts, path) : skipHop(kind, 'no address to evaluate'),
    );
    const blockingHops = hops.filter((hop) => hop.verdict === 'block').map((hop) => hop.kind);
    return {
      id: null,
      createdAt: facts.readAt,
      request: facts.request,
      source,
      destination,
      hops,
      verdict: aggregateVerdict(hops),
      blockingHop: blockingHops[0] ?? null,
      blockingHops,
      errors: collectFactErrors(facts),
    };
  };
}
