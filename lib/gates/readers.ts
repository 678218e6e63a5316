/**
 * The I/O half of the registry: what each gate reads, keyed by the same kinds as
 * lib/gates/registry.ts (the compiler refuses a registered gate without its reader). Server only.
 */
import 'server-only';

import type { CloudClients } from '@/lib/alicloud';
import type { CloudFacts } from '@/lib/analysis/model';

import { readBucketPolicyFacts } from './bucket-policy/read';
import { readCloudFirewallFacts } from './cloud-firewall/read';
import { GATE_KINDS } from './registry';
import type { GateFacts, GateKind } from './types';

/** What a gate's reader is given: the clients and the cloud facts read before the gates. */
export interface GateReadContext {
  clients: CloudClients;
  /** The built-in collections (rounds 1–4 of lib/diagnose/cloud-facts.ts). */
  cloud: Omit<CloudFacts, 'gates'>;
  /** Resolved destination addresses (empty when the name did not resolve). */
  destinationAddresses: string[];
  /** The destination as asked (host name and what was typed: a URL's path names an OSS bucket path-style). */
  request: { host: string; destination: string };
}

/**
 * Reads one gate's facts: `{ [kind]: fact }`, the fact `missing` when a read failed (never
 * throws for an upstream failure: wrap the calls in `readFact` of lib/diagnose/facts.ts).
 */
export type GateReader = (context: GateReadContext) => Promise<GateFacts>;

/** Every gate's reader. Adding a gate: one line here. */
export const GATE_READERS: { readonly [K in GateKind]: GateReader } = {
  cloudFirewall: readCloudFirewallFacts,
  bucketPolicy: readBucketPolicyFacts,
};

/** Every registered gate's facts, read in parallel. */
export async function readGateFacts(context: GateReadContext): Promise<GateFacts> {
  const readers: GateReader[] = GATE_KINDS.map((kind) => GATE_READERS[kind]);
  const facts = await Promise.all(readers.map((read) => read(context)));
  return facts.reduce<GateFacts>((all, one) => ({ ...all, ...one }), {});
}
