/**
 * The sentences that say how each resolved address fared, for the banner, the graph, the hop
 * table and the CLI. Every such sentence is built here (one place to translate); hop names come
 * from the caller's `labels` (graph.ts's `HOP_LABELS`, or a translation of them). Pure.
 */
import type { AddressResult, Hop, HopKind, ResolvedDestination, Verdict } from './model';

/** Human names of the hop kinds. */
export type HopLabels = Readonly<Record<HopKind, string>>;

/** What these functions read of a diagnosis; the domain `Diagnosis` and the browser's parsed view both satisfy it. */
export interface AddressSummaryInput {
  verdict: Verdict;
  destination: Pick<ResolvedDestination, 'addresses'>;
  hops: ReadonlyArray<Pick<Hop, 'kind' | 'verdict'>>;
  addresses?: ReadonlyArray<Pick<AddressResult, 'address' | 'verdict' | 'blockingHop'> & { hops?: ReadonlyArray<Pick<Hop, 'kind' | 'verdict'>> }>;
}

type AddressInput = NonNullable<AddressSummaryInput['addresses']>[number];

/** The evaluated addresses' results; for a diagnosis saved before they existed, none. */
export function evaluatedAddresses(diagnosis: AddressSummaryInput): ReadonlyArray<AddressInput> {
  return diagnosis.addresses ?? [];
}

/**
 * Resolved addresses that were not evaluated (beyond the bound). A diagnosis saved before
 * every address was evaluated evaluated only the first.
 */
export function unevaluatedAddresses(diagnosis: AddressSummaryInput): string[] {
  if (diagnosis.addresses === undefined) return diagnosis.destination.addresses.slice(1);
  const evaluated = new Set(diagnosis.addresses.map((result) => result.address));
  return diagnosis.destination.addresses.filter((address) => !evaluated.has(address));
}

/**
 * The address whose path the diagnosis's `hops` show: the first evaluated address whose verdict
 * is the overall verdict (evaluate-addresses.ts decides it so); null when none was evaluated.
 */
export function shownAddress(diagnosis: AddressSummaryInput): string | null {
  const results = evaluatedAddresses(diagnosis);
  return (results.find((result) => result.verdict === diagnosis.verdict) ?? results[0])?.address ?? null;
}

function firstUnknownHop(hops: ReadonlyArray<Pick<Hop, 'kind' | 'verdict'>>): HopKind | null {
  return hops.find((hop) => hop.verdict === 'unknown')?.kind ?? null;
}

/** One address's outcome in a few words: `blocked at Security group`, `reachable`, `unknown at NAT / EIP`. */
export function addressOutcome(result: AddressInput, labels: HopLabels, fallbackHops: AddressSummaryInput['hops'] = []): string {
  switch (result.verdict) {
    case 'reachable':
      return 'reachable';
    case 'blocked':
      return result.blockingHop ? `blocked at ${labels[result.blockingHop]}` : 'blocked';
    case 'unknown': {
      const hop = firstUnknownHop(result.hops ?? fallbackHops);
      return hop ? `unknown at ${labels[hop]}` : 'unknown';
    }
    default: {
      const unreachable: never = result.verdict;
      throw new Error(`unhandled verdict ${JSON.stringify(unreachable)}`);
    }
  }
}

/** The label of an address that was resolved but not evaluated. */
export const NOT_EVALUATED = 'not evaluated';

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 'es'}`;

/**
 * One line over several addresses, e.g. `1 of 2 addresses blocked: 203.0.113.7 at Security group;
 * 203.0.113.8 reachable`, or `All 2 addresses reachable: …`; then the addresses not evaluated.
 * Null when fewer than two addresses resolved (the verdict says it all).
 */
export function addressesLine(diagnosis: AddressSummaryInput, labels: HopLabels): string | null {
  if (diagnosis.destination.addresses.length < 2) return null;
  const results = evaluatedAddresses(diagnosis);
  const skipped = unevaluatedAddresses(diagnosis);
  const tail = skipped.length > 0 ? ` (${plural(skipped.length, 'address')} ${NOT_EVALUATED}: ${skipped.join(', ')})` : '';
  // Saved before every address was evaluated: the first one was.
  if (results.length === 0) return `Evaluated for ${diagnosis.destination.addresses[0] ?? ''} only${tail}`;
  const outcomes = results.map((result) => ({ address: result.address, outcome: addressOutcome(result, labels, diagnosis.hops) }));
  const first = outcomes[0];
  if (results.length === 1 && first) return `Evaluated for ${first.address} only (${first.outcome})${tail}`;
  if (first && outcomes.every((item) => item.outcome === first.outcome)) {
    return `All ${results.length} addresses ${first.outcome}: ${outcomes.map((item) => item.address).join(', ')}${tail}`;
  }
  const worst = results.some((result) => result.verdict === 'blocked') ? 'blocked' : 'unknown';
  const count = results.filter((result) => result.verdict === worst).length;
  const parts = outcomes.map((item) => `${item.address} ${item.outcome.startsWith(worst) ? item.outcome.slice(worst.length + 1) || worst : item.outcome}`);
  return `${count} of ${results.length} addresses ${worst}: ${parts.join('; ')}${tail}`;
}

/** The graph's words for one address node: its outcome, or `not evaluated`. */
export function addressNodeSummary(result: AddressInput | undefined, labels: HopLabels, fallbackHops: AddressSummaryInput['hops'] = []): string {
  return result ? addressOutcome(result, labels, fallbackHops) : NOT_EVALUATED;
}

/**
 * Which address the hop list is for, when several resolved: e.g. `Hops of 203.0.113.7, the first
 * blocked address`. Null when fewer than two resolved.
 */
export function hopsOfLine(diagnosis: AddressSummaryInput): string | null {
  if (diagnosis.destination.addresses.length < 2) return null;
  const shown = shownAddress(diagnosis) ?? diagnosis.destination.addresses[0] ?? '';
  const several = evaluatedAddresses(diagnosis).length > 1;
  if (!several) return `Hops of ${shown}`;
  const which = diagnosis.verdict === 'blocked' ? 'the first blocked address' : diagnosis.verdict === 'unknown' ? 'the first address not decided' : 'the first address';
  return `Hops of ${shown}, ${which}`;
}
