/**
 * The registry of gates: the one list that wires a gate (lib/gates/<gate>/) into the path
 * model. Everything that walks the hops — the path evaluation and its order, the proof basis,
 * the error collection, the world fragment and its schema, the re-run diff, the hop labels —
 * iterates this list. The I/O halves are keyed by the same kinds in lib/gates/readers.ts
 * (server only) and lib/gates/sandbox.ts (the sandbox's), so the compiler refuses a gate
 * registered here without them. Pure (lint-checked like lib/analysis). See docs/adding-a-gate.md.
 */
import type { BuiltinHopKind, Fact, HopKind, PathFacts } from '@/lib/analysis/model';

import { bucketPolicyGate } from './bucket-policy/gate';
import { cloudFirewallGate } from './cloud-firewall/gate';
import { nasAccessGroupGate } from './nas-access-group/gate';
import type { GateDefinition, GateFacts, GateKind, GateWorldShape, WorldGateSections } from './types';

/** Every gate, by kind. Adding a gate: one line here (and its reader and sandbox entries). */
export const GATES: { readonly [K in GateKind]: GateDefinition<K> } = {
  cloudFirewall: cloudFirewallGate,
  bucketPolicy: bucketPolicyGate,
  nasAccessGroup: nasAccessGroupGate,
};

/** True when `kind` names a registered gate (not a built-in hop). */
export function isGateKind(kind: string): kind is GateKind {
  return Object.hasOwn(GATES, kind);
}

/** The kinds of the registered gates. */
export const GATE_KINDS: readonly GateKind[] = Object.keys(GATES).filter(isGateKind);

/** The registered gates. */
export const GATE_LIST: readonly GateDefinition[] = GATE_KINDS.map((kind) => GATES[kind]);

/** One value per registered gate, keyed by its kind. */
export function perGate<R>(value: (gate: GateDefinition) => R): Record<GateKind, R> {
  // NOTE: Object.fromEntries loses the key type; its keys are exactly GATE_KINDS.
  return Object.fromEntries(GATE_LIST.map((gate) => [gate.kind, value(gate)])) as Record<GateKind, R>;
}

/** Every gate's reads: its fact and, once read, the reads nested in it (`nestedReads`), in registry order. */
export function gateReadFacts(gates: GateFacts | undefined): Array<Fact<unknown>> {
  return GATE_KINDS.flatMap((kind) => {
    const gate: GateDefinition = GATES[kind];
    const fact = gates?.[kind];
    if (fact === undefined) return [];
    return [fact, ...(fact.kind === 'ok' && gate.nestedReads ? gate.nestedReads(fact.value) : [])];
  });
}

/** Every gate's facts in its world section (for a saved diagnosis's fragment). */
export function gateWorldSections(facts: PathFacts): WorldGateSections {
  return GATE_LIST.reduce<WorldGateSections>((sections, gate) => ({ ...sections, ...gate.toWorld(facts) }), {});
}

/** The zod shape of the gates' sections of a world file's `cloud` (each optional). */
// NOTE: built by iteration, so typed by assertion: each key holds its own gate's schema.
export const gateWorldShape = Object.fromEntries(GATE_LIST.map((gate) => [gate.kind, gate.worldSchema.optional()])) as GateWorldShape;

/**
 * `builtin` (the built-in hops in path order) with every gate inserted right after the hop
 * its `after` names (gates after the same hop keep registry order; a gate may follow a gate).
 * Throws when a gate follows a hop that does not exist (a broken registry).
 */
export function withGates(builtin: readonly BuiltinHopKind[]): HopKind[] {
  const order: HopKind[] = [...builtin];
  const pending = [...GATE_LIST];
  while (pending.length > 0) {
    const index = pending.findIndex((gate) => order.includes(gate.after));
    const gate = pending[index];
    if (gate === undefined) throw new Error(`gate ${pending[0]?.kind} follows ${pending[0]?.after}, which is no hop`);
    pending.splice(index, 1);
    let at = order.indexOf(gate.after) + 1;
    // After the gates already placed behind the same hop, so registry order holds.
    while (at < order.length && GATE_LIST.some((other) => other.kind === order[at] && other.after === gate.after)) at += 1;
    order.splice(at, 0, gate.kind);
  }
  return order;
}
