/**
 * A name often resolves to several addresses, and the pod connects to whichever its resolver
 * hands out: a path that fails for one of them "fails sometimes". This wraps the per-path
 * evaluation: it runs once per resolved address (the destination narrowed to that address,
 * with that address's owners) and combines the results. Pure.
 */
import { classifyDestination } from './classify-destination';
import type { AddressResult, CloudFacts, Diagnosis, DestinationOwner, FactError, PathFacts, ResolvedDestination, Verdict } from './model';
import { whitelistTargetFromHost } from './whitelist-hosts';

/** How many resolved addresses are evaluated; the others are listed as not evaluated. */
export const MAX_EVALUATED_ADDRESSES = 8;

/** One path evaluation: facts and a classified destination in, a Diagnosis out. */
export type PathEvaluation = (facts: PathFacts, destination: ResolvedDestination) => Diagnosis;

/**
 * The verdict over several addresses: `blocked` when any is blocked (the pod fails whenever
 * it picks that one), else `unknown` when any is unknown, else `reachable` (every evaluated
 * address reachable). `reachable` for none: callers pass at least one.
 */
export function combineAddressVerdicts(verdicts: Verdict[]): Verdict {
  if (verdicts.includes('blocked')) return 'blocked';
  return verdicts.includes('unknown') ? 'unknown' : 'reachable';
}

/** The owner lookups of an address the facts hold none for (read before every address was looked up). */
function unreadOwner(address: string): DestinationOwner {
  const error: FactError = {
    source: 'alicloud',
    reason: 'error',
    resource: `owner lookups of ${address}`,
    message: `Who holds ${address} (an ENI, an SLB) was not read: these facts were read before every resolved address was looked up. Run the diagnosis again.`,
    retryable: true,
  };
  return { address, destinationEni: { kind: 'missing', error }, loadBalancer: { kind: 'missing', error } };
}

/**
 * The owners of `address`: for the first address, the classic `destinationEni` / `loadBalancer`
 * fields (the first address's, and what an edit of the facts changes); for another, its entry
 * in `destinationOwners`.
 */
function ownerOf(cloud: CloudFacts, address: string, index: number): DestinationOwner {
  if (index === 0) return { address, destinationEni: cloud.destinationEni, loadBalancer: cloud.loadBalancer };
  return cloud.destinationOwners?.find((entry) => entry.address === address) ?? unreadOwner(address);
}

/**
 * The destination as `address` alone: the first address keeps the classification it was
 * given (narrowed to itself); another is classified on its own owners, keeping the RDS or
 * Redis instance the host names (a whitelist belongs to the name, not to one address).
 */
function destinationOf(destination: ResolvedDestination, facts: PathFacts, owner: DestinationOwner, index: number): ResolvedDestination {
  if (index === 0) return { ...destination, addresses: [owner.address] };
  // The instance a host names owns all its addresses; one recognised by address owns only that address.
  const named = whitelistTargetFromHost(destination.host);
  return classifyDestination({
    host: destination.host,
    addresses: [owner.address],
    cluster: facts.cluster,
    destinationEni: owner.destinationEni,
    loadBalancer: owner.loadBalancer,
    whitelistService: named?.service ?? null,
    whitelistInstanceId: named?.instanceId ?? null,
    whitelistAddress: owner.whitelistInstance ?? null,
  });
}

/** Every address's errors, once each (the same read fails the same way for each). */
function uniqueErrors(errors: FactError[]): FactError[] {
  const byRead = new Map(errors.map((error) => [JSON.stringify([error.source, error.reason, error.resource, error.code ?? null, error.message]), error] as const));
  return [...byRead.values()];
}

function addressResult(run: Diagnosis, address: string, withHops: boolean): AddressResult {
  const result: AddressResult = { address, label: run.destination.label, verdict: run.verdict, blockingHop: run.blockingHop, blockingHops: run.blockingHops };
  return withHops ? { ...result, hops: run.hops } : result;
}

/**
 * Returns an evaluation that runs `evaluateOne` once per resolved address (at most
 * `MAX_EVALUATED_ADDRESSES`, in resolution order) and combines them (see
 * `combineAddressVerdicts`). The top-level `hops`, `source`, `blockingHop(s)` and the
 * destination's classification are those of the **deciding address**: the first address whose
 * verdict is the combined one (the first blocked, else the first unknown, else the first) — so
 * the hops shown always explain the verdict shown. `destination.addresses` keeps every resolved
 * address; `addresses` holds each evaluated one's result (with its hops when there are several).
 * `errors` is every evaluation's, once each.
 */
export function evaluateAddressesWith(evaluateOne: PathEvaluation): PathEvaluation {
  return (facts, destination) => {
    const evaluated = destination.addresses.slice(0, MAX_EVALUATED_ADDRESSES);
    if (evaluated.length === 0) return { ...evaluateOne(facts, destination), addresses: [] };
    const runs = evaluated.map((address, index) => {
      const owner = ownerOf(facts.cloud, address, index);
      const narrowed: PathFacts = { ...facts, cloud: { ...facts.cloud, destinationEni: owner.destinationEni, loadBalancer: owner.loadBalancer } };
      return { address, run: evaluateOne(narrowed, destinationOf(destination, facts, owner, index)) };
    });
    const verdict = combineAddressVerdicts(runs.map(({ run }) => run.verdict));
    const deciding = (runs.find(({ run }) => run.verdict === verdict) ?? runs[0])?.run;
    if (deciding === undefined) throw new Error('invariant: at least one address was evaluated');
    return {
      ...deciding,
      destination: { ...deciding.destination, addresses: destination.addresses },
      verdict,
      errors: uniqueErrors(runs.flatMap(({ run }) => run.errors)),
      addresses: runs.map(({ address, run }) => addressResult(run, address, runs.length > 1)),
    };
  };
}
