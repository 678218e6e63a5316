/**
 * The shape of a gate: one control on the egress path (Cloud Firewall, an OSS bucket policy, …)
 * that lives in its own folder under lib/gates/<gate>/ and is wired by one entry in
 * lib/gates/registry.ts (docs/adding-a-gate.md). Pure types only.
 *
 * A gate declares its facts and its world-file section by augmenting the two maps below from
 * its own files, e.g. in lib/gates/cloud-firewall/facts.ts:
 *
 *   declare module '../types' { interface GateFactsMap { cloudFirewall: CloudFirewallFacts } }
 *
 * so its hop kind joins `HopKind`, its facts travel in `CloudFacts.gates`, and its section
 * joins the world file's `cloud`, all typed, without editing the shared model.
 */
import type { z } from 'zod';

import type { DestinationKind, Fact, Hop, HopKind, PathContext, PathFacts } from '@/lib/analysis/model';
import type { DiagnosisChange } from '@/lib/schemas/saved-diagnosis';
import type { World } from '@/lib/schemas/world';

/** Gate kind → the facts it reads. Augmented by each gate (see the file comment). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface GateFactsMap {}

/** Gate kind → its section of the world file's `cloud` (the wire shapes the sandbox serves). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface GateWorldMap {}

/** The hop kinds of the registered gates. */
export type GateKind = keyof GateFactsMap & keyof GateWorldMap;

/** The facts of every gate, each read (or failed) as a whole; absent when the path did not read it (facts saved before the gate existed). */
export type GateFacts = { [K in GateKind]?: Fact<GateFactsMap[K]> };

/** The gates' sections of a world file's `cloud`. */
export type WorldGateSections = { [K in GateKind]?: GateWorldMap[K] };

/** The zod shape that parses the gates' sections (each optional: a world without it has none of that resource). */
export type GateWorldShape = { [K in GateKind]: z.ZodOptional<z.ZodType<GateWorldMap[K]>> };

/** The pure part of a gate: how it decides, how its facts enter a world fragment and a diff. */
export interface GateDefinition<K extends GateKind = GateKind> {
  kind: K;
  /** Label people read on the graph node, the hop table and the CLI (`Cloud Firewall`). */
  label: string;
  /** One sentence: what the gate checks. */
  description: string;
  /** The hop this gate follows in path order (a built-in hop or another gate). */
  after: HopKind;
  /**
   * Destination kinds that would change this gate's verdict had the classification decided
   * them (hop-proof.ts `KINDS_THAT_CHANGE_HOP`): a failed owner lookup that leaves one open
   * makes the hop's basis unread.
   */
  kindsThatChange: readonly DestinationKind[];
  /**
   * Decides the hop from the path's facts (`facts.cloud.gates?.[kind]`; undefined when they were
   * never read). Must put every read its verdict rests on in `hop.basis`: the path evaluation
   * turns a pass resting on a failed read into `unknown` (hop-proof.ts).
   */
  evaluate(facts: PathFacts, path: PathContext): Hop;
  /**
   * Optional: the reads nested in its facts once they are read, each its own `Fact` (a part that
   * failed while the rest was read, e.g. a permission group's rules after its mount target), so
   * the diagnosis's errors and a saved diagnosis's `ram.deny` and `faults` name that read too.
   * A gate whose facts are one read (or fail as a whole) has none.
   */
  nestedReads?(value: GateFactsMap[K]): ReadonlyArray<Fact<unknown>>;
  /** The zod schema of its world section (`world.cloud[kind]`). */
  worldSchema: z.ZodType<GateWorldMap[K]>;
  /** Its facts back in the wire shapes of its world section (`{ [kind]: section }`, empty when nothing was read), for a saved diagnosis's fragment. */
  toWorld(facts: PathFacts): WorldGateSections;
  /** What changed in its section between two worlds (a saved diagnosis and its re-run), for people. */
  diff(before: World, after: World): DiagnosisChange[];
}
