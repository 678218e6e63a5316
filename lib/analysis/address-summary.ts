/**
 * The sentences that say how each resolved address fared, for the banner, the graph, the hop
 * table and the CLI. Every such sentence is built here as a message (messages/<locale>.json,
 * `addressSummary`), with hop names nested as `hops.<kind>`; the `…Message` functions give the
 * message, the others its English. Pure.
 */
import { english, msg, type Message } from './message';
import type { AddressResult, Hop, HopKind, ResolvedDestination, Verdict } from './model';

/** Human names of the hop kinds. */
export type HopLabels = Readonly<Record<HopKind, string>>;

/** A hop's name as a message of the catalogs (`hops.<kind>`). */
const hopName = (kind: HopKind): Message => msg(`hops.${kind}`);

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
export function addressOutcomeMessage(result: AddressInput, fallbackHops: AddressSummaryInput['hops'] = []): Message {
  switch (result.verdict) {
    case 'reachable':
      return msg('addressSummary.reachable');
    case 'blocked':
      return result.blockingHop ? msg('addressSummary.blockedAt', { hop: hopName(result.blockingHop) }) : msg('addressSummary.blocked');
    case 'unknown': {
      const hop = firstUnknownHop(result.hops ?? fallbackHops);
      return hop ? msg('addressSummary.unknownAt', { hop: hopName(hop) }) : msg('addressSummary.unknown');
    }
    default: {
      const unreachable: never = result.verdict;
      throw new Error(`unhandled verdict ${JSON.stringify(unreachable)}`);
    }
  }
}

/** `addressOutcomeMessage` in English. */
export function addressOutcome(result: AddressInput, fallbackHops: AddressSummaryInput['hops'] = []): string {
  return english(addressOutcomeMessage(result, fallbackHops));
}

/** The label of an address that was resolved but not evaluated. */
export const NOT_EVALUATED = msg('addressSummary.notEvaluated');

/** `a; b; c` as nested messages (each locale says how a list of outcomes is joined). */
function joined(parts: readonly Message[]): Message {
  const [first, ...rest] = parts;
  if (first === undefined) return msg('addressSummary.none');
  return rest.length === 0 ? first : msg('addressSummary.join', { first, rest: joined(rest) });
}

/**
 * One line over several addresses, e.g. `1 of 2 addresses blocked: 203.0.113.7 at Security group;
 * 203.0.113.8 reachable`, or `All 2 addresses reachable: …`; then the addresses not evaluated.
 * Null when fewer than two addresses resolved (the verdict says it all).
 */
export function addressesLineMessage(diagnosis: AddressSummaryInput): Message | null {
  if (diagnosis.destination.addresses.length < 2) return null;
  const results = evaluatedAddresses(diagnosis);
  const skipped = unevaluatedAddresses(diagnosis);
  const tail = skipped.length > 0 ? msg('addressSummary.skipped', { count: skipped.length, addresses: skipped.join(', ') }) : msg('addressSummary.none');
  // Saved before every address was evaluated: the first one was.
  if (results.length === 0) return msg('addressSummary.firstOnly', { address: diagnosis.destination.addresses[0] ?? '', tail });
  const outcomes = results.map((result) => ({ result, outcome: addressOutcomeMessage(result, diagnosis.hops) }));
  const first = outcomes[0];
  if (results.length === 1 && first) return msg('addressSummary.oneOnly', { address: first.result.address, outcome: first.outcome, tail });
  const same = (a: Message, b: Message) => english(a) === english(b);
  if (first && outcomes.every((item) => same(item.outcome, first.outcome))) {
    return msg('addressSummary.allSame', { count: results.length, outcome: first.outcome, addresses: results.map((result) => result.address).join(', '), tail });
  }
  const worst = results.some((result) => result.verdict === 'blocked') ? 'blocked' : 'unknown';
  const count = results.filter((result) => result.verdict === worst).length;
  // An address of the worst verdict says only where ("at Security group"); the others say their outcome.
  const parts = outcomes.map(({ result, outcome }) => {
    const hop = result.verdict === 'blocked' ? result.blockingHop : result.verdict === 'unknown' ? firstUnknownHop(result.hops ?? diagnosis.hops) : null;
    const where = result.verdict !== worst ? outcome : hop ? msg('addressSummary.at', { hop: hopName(hop) }) : msg(`addressSummary.${worst}`);
    return msg('addressSummary.part', { address: result.address, outcome: where });
  });
  return msg('addressSummary.someWorst', { count, total: results.length, worst: msg(`addressSummary.${worst}`), parts: joined(parts), tail });
}

/** `addressesLineMessage` in English. */
export function addressesLine(diagnosis: AddressSummaryInput): string | null {
  const message = addressesLineMessage(diagnosis);
  return message ? english(message) : null;
}

/** The graph's words for one address node: its outcome, or `not evaluated`. */
export function addressNodeSummary(result: AddressInput | undefined, fallbackHops: AddressSummaryInput['hops'] = []): Message {
  return result ? addressOutcomeMessage(result, fallbackHops) : NOT_EVALUATED;
}

/**
 * Which address the hop list is for, when several resolved: e.g. `Hops of 203.0.113.7, the first
 * blocked address`. Null when fewer than two resolved.
 */
export function hopsOfLineMessage(diagnosis: AddressSummaryInput): Message | null {
  if (diagnosis.destination.addresses.length < 2) return null;
  const address = shownAddress(diagnosis) ?? diagnosis.destination.addresses[0] ?? '';
  if (evaluatedAddresses(diagnosis).length <= 1) return msg('addressSummary.hopsOf', { address });
  const which = diagnosis.verdict === 'blocked' ? 'hopsOfFirstBlocked' : diagnosis.verdict === 'unknown' ? 'hopsOfFirstUndecided' : 'hopsOfFirst';
  return msg(`addressSummary.${which}`, { address });
}

/** `hopsOfLineMessage` in English. */
export function hopsOfLine(diagnosis: AddressSummaryInput): string | null {
  const message = hopsOfLineMessage(diagnosis);
  return message ? english(message) : null;
}
