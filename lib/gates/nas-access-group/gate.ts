/**
 * The NAS permission-group gate's registry entry (lib/gates/registry.ts): its label, place in the
 * path and pure parts. Its reader is read.ts (lib/gates/readers.ts), its sandbox actions
 * sandbox.ts (lib/gates/sandbox.ts). Pure. Semantics: docs/gates/nas-access-group.md.
 */
import type { GateDefinition } from '../types';
import { evaluateNasAccessGroupHop } from './evaluate';
import { diffNasAccessGroup, nasAccessGroupToWorld } from './world';
import { nasAccessGroupWorldSchema } from './world-schema';

export const nasAccessGroupGate: GateDefinition<'nasAccessGroup'> = {
  kind: 'nasAccessGroup',
  label: 'NAS access group',
  description: 'For NAS mount target domains: the mount target is Active and in the pod’s VPC, and a rule of its permission group covers the address NAS sees (the highest priority matching rule applies; RDONLY refuses writes).',
  // The service's own access control, after the network has delivered the packets (like whitelist and the OSS bucket policy).
  after: 'whitelist',
  // Recognised by its host name, not by the destination's classification.
  kindsThatChange: [],
  evaluate: evaluateNasAccessGroupHop,
  // The rules are read after the mount target: a failure of theirs alone is a read of its own.
  nestedReads: (value) => (value?.rules ? [value.rules] : []),
  worldSchema: nasAccessGroupWorldSchema,
  toWorld: nasAccessGroupToWorld,
  diff: diffNasAccessGroup,
};
