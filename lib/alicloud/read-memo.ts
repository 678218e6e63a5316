/**
 * A memo of cloud reads shared by the diagnoses of one audit: inside `withCloudReadMemo`, a
 * read (Describe/List/Get) with the same product, action and parameters as one already made
 * is answered from the first call's promise, so pods that share a vSwitch, security-group set,
 * route table or NAT gateway share its reads. Outside it every read goes to the cloud, as a
 * single diagnosis always has (an AsyncLocalStorage scope, so the adapters need no parameter).
 */
import 'server-only';

import { AsyncLocalStorage } from 'node:async_hooks';

/** Promises of reads already made, by read key. */
export type CloudReadMemo = Map<string, Promise<Record<string, unknown>>>;

const scope = new AsyncLocalStorage<CloudReadMemo>();

/** Runs `run` with every cloud read inside it memoised in `memo` (a fresh one by default). */
export function withCloudReadMemo<T>(run: () => Promise<T>, memo: CloudReadMemo = new Map()): Promise<T> {
  return scope.run(memo, run);
}

/**
 * Runs `run` inside the current memo scope (an audit's, whose pods share reads), or in a fresh
 * one: a diagnosis makes each read once (the DNS step and the path share the source ENI, and a
 * read started early is not made again).
 */
export function withinCloudReadMemo<T>(run: () => Promise<T>): Promise<T> {
  return scope.getStore() === undefined ? withCloudReadMemo(run) : run();
}

/**
 * The read's promise: the memo's when the same `key` was read in this scope, else `read()`
 * (remembered). A failed read stays remembered too: the pods that share it share its error.
 */
export function memoizedRead(key: string, read: () => Promise<Record<string, unknown>>): Promise<Record<string, unknown>> {
  const memo = scope.getStore();
  if (memo === undefined) return read();
  const found = memo.get(key);
  if (found !== undefined) return found;
  const started = read();
  memo.set(key, started);
  return started;
}
