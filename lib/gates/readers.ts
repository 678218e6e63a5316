/**
 * The I/O half of the registry: what each gate reads, keyed by the same kinds as
 * lib/gates/registry.ts (the compiler refuses a registered gate without its reader). Server only.
 */
import 'server-only';

import type { CloudClients } from '@/lib/alicloud';
import type { CloudFacts, Fact, NatGateway, NetworkInterface } from '@/lib/analysis/model';

import { readBucketPolicyFacts } from './bucket-policy/read';
import { prefetchCloudFirewall, readCloudFirewallFacts } from './cloud-firewall/read';
import { prefetchNasAccessGroup, readNasAccessGroupFacts } from './nas-access-group/read';
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
  nasAccessGroup: readNasAccessGroupFacts,
};

/**
 * What a gate may start reading from before the built-in rounds end: each built-in read as a
 * promise that settles when its round does.
 */
export interface GatePrefetchContext {
  clients: CloudClients;
  destinationAddresses: string[];
  /** The destination as asked (as in `GateReadContext`): a gate that recognises its destination by name can start at once. */
  request: { host: string; destination: string };
  /** Round 1: the source ENI. */
  sourceEni: Promise<Fact<NetworkInterface | null>>;
  /** Round 2: the NAT gateways of the source VPC. */
  natGateways: Promise<Fact<NatGateway[]>>;
}

/**
 * Starts a gate's reads as soon as what they depend on is read, so they share the built-in
 * rounds instead of following them. Fire and forget: inside a diagnosis every cloud read is
 * memoised (lib/alicloud/read-memo.ts), so the reader's same calls are answered from these;
 * a prefetch must make exactly the calls its reader will make (or, speculatively, a few more)
 * and never throw.
 */
export type GatePrefetch = (context: GatePrefetchContext) => void;

/** Optional: the gates whose reads can start before the built-in rounds end. */
export const GATE_PREFETCHES: { readonly [K in GateKind]?: GatePrefetch } = {
  cloudFirewall: prefetchCloudFirewall,
  nasAccessGroup: prefetchNasAccessGroup,
};

/** Starts every registered gate's prefetch. */
export function prefetchGateFacts(context: GatePrefetchContext): void {
  for (const kind of GATE_KINDS) GATE_PREFETCHES[kind]?.(context);
}

/** Every registered gate's facts, read in parallel. */
export async function readGateFacts(context: GateReadContext): Promise<GateFacts> {
  const readers: GateReader[] = GATE_KINDS.map((kind) => GATE_READERS[kind]);
  const facts = await Promise.all(readers.map((read) => read(context)));
  return facts.reduce<GateFacts>((all, one) => ({ ...all, ...one }), {});
}
