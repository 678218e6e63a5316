/**
 * The path evaluation, with the hop evaluators passed in (the default wiring lives in
 * evaluate-path.ts). Pure.
 */
import { gateReadFacts, GATES, isGateKind } from '@/lib/gates/registry';
import type { GateDefinition, GateKind } from '@/lib/gates/types';

import { skipHop, unknownHop } from './hop-helpers';
import { HOP_ORDER } from './hop-order';
import { isProvenPass, pathBasis, proveHop } from './hop-proof';
import type { BuiltinHopKind, Diagnosis, Fact, FactError, Hop, HopKind, PathContext, PathFacts, ResolvedDestination, Verdict } from './model';
import { settledAtPod } from './pod-egress-hop';
import { resolveSource } from './resolve-source';

/** Decides one hop of the path. */
export type HopEvaluator = (facts: PathFacts, path: PathContext) => Hop;

/** One evaluator per built-in hop kind; a gate is decided by its registry entry unless one is given here. */
export type HopEvaluators = Record<BuiltinHopKind, HopEvaluator> & Partial<Record<GateKind, HopEvaluator>>;

/** Hop kinds in path order (domain doc §11), the registry's gates among them. */
export { HOP_ORDER } from './hop-order';

function evaluatorOf(evaluators: HopEvaluators, kind: HopKind): HopEvaluator {
  if (!isGateKind(kind)) return evaluators[kind];
  const gate: GateDefinition = GATES[kind];
  return evaluators[kind] ?? gate.evaluate;
}

/**
 * `blocked` when any hop blocks; else `reachable` only when every hop is a proven pass
 * (`pass`, `warn` or `skip` with every fact of its basis read); else `unknown`.
 */
export function aggregateVerdict(hops: Hop[]): Verdict {
  if (hops.some((hop) => hop.verdict === 'block')) return 'blocked';
  return hops.every(isProvenPass) ? 'reachable' : 'unknown';
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
    // The whitelist's parts read on their own (trusted security groups, RDS templates).
    ...(cloud.whitelist?.kind === 'ok' ? [cloud.whitelist.value.securityGroups, cloud.whitelist.value.templates].flatMap((fact?: Fact<unknown>) => (fact ? errorOf(fact) : [])) : []),
    ...gateReadFacts(cloud.gates).flatMap((fact) => errorOf<unknown>(fact)),
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
 * The hop after DNS when the name gave no address: `skip` when the DNS hop already says why
 * (block or unknown); otherwise `unknown`, so a DNS hop that failed to explain cannot leave
 * the path reachable.
 */
function hopWithoutAddress(kind: HopKind, dns: Hop): Hop {
  if (dns.verdict === 'block' || dns.verdict === 'unknown') return skipHop(kind, 'no address to evaluate');
  return unknownHop(kind, 'the name gave no address to evaluate');
}

/**
 * Returns an `evaluatePath` that uses `evaluators`: resolves the source, runs the hops in
 * path order, proves each (`proveHop` with the path's basis: a pass or skip resting on a
 * failed read becomes `unknown`), and aggregates. When the destination has no address, the
 * hops after DNS do not run (see `hopWithoutAddress`).
 */
export function evaluatePathWith(evaluators: HopEvaluators): (facts: PathFacts, destination: ResolvedDestination) => Diagnosis {
  return (facts, destination) => {
    const source = resolveSource(facts, destination.addresses[0]);
    const path: PathContext = { source, destination };
    const hasAddress = destination.addresses.length > 0;
    const dns = proveHop(evaluators.dns(facts, path), pathBasis('dns', facts, path));
    const podEgress = hasAddress ? proveHop(evaluators.podEgress(facts, path), []) : hopWithoutAddress('podEgress', dns);
    // Decided from the address and the pod's own IPs: the owner lookups of the VPC do not matter to what never reaches it.
    const settled = settledAtPod(podEgress, path);
    const hops = HOP_ORDER.map((kind) => {
      if (kind === 'dns') return dns;
      if (kind === 'podEgress') return podEgress;
      if (!hasAddress) return proveHop(hopWithoutAddress(kind, dns), []);
      if (settled && !settled.stillApply.includes(kind)) return proveHop(skipHop(kind, settled.reason), []);
      return proveHop(evaluatorOf(evaluators, kind)(facts, path), pathBasis(kind, facts, path));
    });
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
