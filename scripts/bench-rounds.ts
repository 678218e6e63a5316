/**
 * Groups timed calls into sequential rounds: a call that starts after every call of the
 * current round has ended opens the next round. Calls in flight together share a round.
 */
export function countSequentialRounds(calls: Array<{ startedAt: number; endedAt: number }>): number {
  const sorted = [...calls].sort((a, b) => a.startedAt - b.startedAt);
  let rounds = 0;
  let roundEnd = Number.NEGATIVE_INFINITY;
  for (const call of sorted) {
    if (call.startedAt >= roundEnd) {
      rounds += 1;
      roundEnd = call.endedAt;
    } else {
      roundEnd = Math.max(roundEnd, call.endedAt);
    }
  }
  return rounds;
}
