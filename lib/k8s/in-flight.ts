/**
 * Joining identical Kubernetes reads in flight: a cluster-wide list that another diagnosis
 * started and that has not answered yet is joined instead of sent again, so concurrent
 * diagnoses of one cluster read each list once. Nothing is kept once the read answers.
 *
 * A write (by this process) starts a new generation: a read started before or during a write
 * is never joined by one that starts after it, so a re-read after a fix sees the fix.
 */
import 'server-only';

let generation = 0;

/** Runs `write`, with reads started before, during and after it kept apart. */
export async function asWrite<T>(write: () => Promise<T>): Promise<T> {
  generation += 1;
  try {
    return await write();
  } finally {
    generation += 1;
  }
}

/** Joins the reads of one reader (one kubeconfig, one identity): never across identities. */
export type InFlightJoiner = <T>(key: string, read: () => Promise<T>) => Promise<T>;

/** A joiner: the in-flight read of `key` when there is one of this generation, else `read()` (shared until it settles). */
export function createInFlightJoiner(): InFlightJoiner {
  const inFlight = new Map<string, Promise<unknown>>();
  return <T>(key: string, read: () => Promise<T>): Promise<T> => {
    const scoped = JSON.stringify([generation, key]);
    const found = inFlight.get(scoped);
    if (found !== undefined) return found as Promise<T>;
    const started = read().finally(() => inFlight.delete(scoped));
    inFlight.set(scoped, started);
    return started;
  };
}
