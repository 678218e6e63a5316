import { describe, expect, it } from 'vitest';

import { asWrite, createInFlightJoiner } from './in-flight';

/** A read whose answer the test releases, counting how often it was started. */
function gatedRead() {
  let starts = 0;
  let release: (value: number) => void = () => undefined;
  const read = () => {
    starts += 1;
    return new Promise<number>((resolve) => {
      release = resolve;
    });
  };
  return { read, starts: () => starts, release: (value: number) => release(value) };
}

describe('createInFlightJoiner', () => {
  it('joins a read of the same key while it is in flight, and starts a new one once it answered', async () => {
    const join = createInFlightJoiner();
    const gate = gatedRead();
    const first = join('pods', gate.read);
    const second = join('pods', gate.read);
    gate.release(1);
    expect(await Promise.all([first, second])).toStrictEqual([1, 1]);
    const third = join('pods', gate.read);
    gate.release(2);
    expect(await third).toBe(2);
    expect(gate.starts()).toBe(2);
  });

  it('never joins across keys or joiners (identities)', async () => {
    const gate = gatedRead();
    const join = createInFlightJoiner();
    const reads = [join('pods', gate.read), join('services', gate.read), createInFlightJoiner()('pods', gate.read)];
    expect(gate.starts()).toBe(3);
    gate.release(0);
    await Promise.race(reads);
  });

  it('does not join a read started before or during a write to one started after it', async () => {
    const join = createInFlightJoiner();
    const before = gatedRead();
    const beforeRead = join('pods', before.read);
    let duringRead: Promise<number> | undefined;
    const during = gatedRead();
    await asWrite(async () => {
      duringRead = join('pods', during.read);
    });
    const after = gatedRead();
    const afterRead = join('pods', after.read);
    expect([before.starts(), during.starts(), after.starts()]).toStrictEqual([1, 1, 1]);
    before.release(1);
    during.release(2);
    after.release(3);
    expect(await Promise.all([beforeRead, duringRead, afterRead])).toStrictEqual([1, 2, 3]);
  });
});
