/**
 * The hops of a path in order, and their labels: the built-in hops (domain doc §11) with the
 * registry's gates placed among them (lib/gates/registry.ts). Pure.
 */
import { GATES, isGateKind, perGate, withGates } from '@/lib/gates/registry';
import type { GateDefinition } from '@/lib/gates/types';

import type { BuiltinHopKind, HopKind } from './model';

/** The built-in hops in path order. */
export const BUILTIN_HOP_ORDER: readonly BuiltinHopKind[] = ['dns', 'podEgress', 'networkPolicy', 'securityGroup', 'networkAcl', 'natEip', 'destinationAcl', 'whitelist', 'lbPolicy'];

/** Every hop kind in path order, gates included. */
export const HOP_ORDER: readonly HopKind[] = withGates(BUILTIN_HOP_ORDER);

const BUILTIN_LABELS: Readonly<Record<BuiltinHopKind, string>> = {
  dns: 'DNS',
  podEgress: 'Pod egress',
  networkPolicy: 'NetworkPolicy',
  securityGroup: 'Security group',
  networkAcl: 'Network ACL',
  natEip: 'NAT / EIP',
  destinationAcl: 'Destination ACL',
  whitelist: 'Whitelist',
  lbPolicy: 'LoadBalancer policy',
};

/** Labels people read on the nodes, in the hop table, the CLI and the re-run changes. */
export const HOP_LABELS: Readonly<Record<HopKind, string>> = { ...BUILTIN_LABELS, ...perGate((gate) => gate.label) };

/** The label of a hop kind. */
export function hopLabel(kind: HopKind): string {
  if (!isGateKind(kind)) return BUILTIN_LABELS[kind];
  const gate: GateDefinition = GATES[kind];
  return gate.label;
}
