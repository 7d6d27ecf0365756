import { describe, expect, it } from 'vitest';
import { VirtualClock, sleep } from '../../src/core/clock';

describe('VirtualClock', () => {
  it('fires timers in due order as time advances, and only then', () => {
    const clock = new VirtualClock(1000);
    const fired: string[] = [];
    clock.setTimeout(() => fired.push('b'), 20);
    clock.setTimeout(() => fired.push('a'), 10);
    clock.setTimeout(() => fired.push('c'), 20);
    clock.advance(9);
    expect(fired).toEqual([]);
    clock.advance(11);
    expect(fired).toEqual(['a', 'b', 'c']);
    expect(clock.now()).toBe(1020);
  });

  it('cancels timers and reports the next due time', () => {
    const clock = new VirtualClock(0);
    const id = clock.setTimeout(() => {
      throw new Error('cancelled timer fired');
    }, 5);
    clock.setTimeout(() => undefined, 7);
    clock.clearTimeout(id);
    expect(clock.nextDue()).toBe(7);
    expect(clock.runNext()).toBe(true);
    expect(clock.now()).toBe(7);
    expect(clock.runNext()).toBe(false);
  });

  it('resolves sleep() only when simulated time passes', async () => {
    const clock = new VirtualClock(0);
    let done = false;
    const p = sleep(clock, 10_000).then(() => (done = true));
    await Promise.resolve();
    expect(done).toBe(false);
    clock.advance(10_000);
    await p;
    expect(done).toBe(true);
  });
});
