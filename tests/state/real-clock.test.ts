import { describe, expect, it } from 'vitest';
import { RealClock } from '../../src/state/real-clock';
import type { TimerHost } from '../../src/state/real-clock';

/** A host whose time only moves when the test says so. */
class FakeHost implements TimerHost {
  t = 0;
  private timers = new Map<number, { at: number; fn: () => void }>();
  private next = 1;
  monotonic() {
    return this.t;
  }
  epoch() {
    return 1_000_000;
  }
  setTimeout(fn: () => void, ms: number) {
    const h = this.next++;
    this.timers.set(h, { at: this.t + ms, fn });
    return h;
  }
  clearTimeout(h: unknown) {
    this.timers.delete(h as number);
  }
  advance(ms: number) {
    const end = this.t + ms;
    for (;;) {
      const due = [...this.timers.entries()]
        .filter(([, x]) => x.at <= end)
        .sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.t = Math.max(this.t, due[1].at);
      due[1].fn();
    }
    this.t = end;
  }
  get armed() {
    return this.timers.size;
  }
}

describe('RealClock', () => {
  it('starts at the host epoch and follows real time at 1x', () => {
    const host = new FakeHost();
    const clock = new RealClock(host);
    expect(clock.now()).toBe(1_000_000);
    host.advance(250);
    expect(clock.now()).toBe(1_000_250);
  });

  it('runs simulated time faster at a higher speed, continuously across the change', () => {
    const host = new FakeHost();
    const clock = new RealClock(host);
    host.advance(100);
    clock.setSpeed(10);
    expect(clock.now()).toBe(1_000_100);
    host.advance(100);
    expect(clock.now()).toBe(1_001_100);
    clock.setSpeed(1);
    host.advance(1);
    expect(clock.now()).toBe(1_001_101);
  });

  it('fires a timer after ms of simulated time, i.e. ms/speed of real time', () => {
    const host = new FakeHost();
    const clock = new RealClock(host, 5);
    const fired: number[] = [];
    clock.setTimeout(() => fired.push(clock.now()), 10_000);
    host.advance(1_999);
    expect(fired).toEqual([]);
    host.advance(1);
    expect(fired).toEqual([1_010_000]);
  });

  it('re-arms pending timers when the speed changes', () => {
    const host = new FakeHost();
    const clock = new RealClock(host);
    let fired = false;
    clock.setTimeout(() => (fired = true), 10_000); // due at sim +10 s
    host.advance(4_000);
    clock.setSpeed(2); // 6 s of simulated time left = 3 s real
    host.advance(2_999);
    expect(fired).toBe(false);
    host.advance(1);
    expect(fired).toBe(true);
    expect(host.armed).toBe(0);
  });

  it('cancels timers, including across a speed change', () => {
    const host = new FakeHost();
    const clock = new RealClock(host);
    const id = clock.setTimeout(() => {
      throw new Error('cancelled timer ran');
    }, 50);
    clock.setSpeed(10);
    clock.clearTimeout(id);
    host.advance(1_000);
    expect(host.armed).toBe(0);
  });

  it('refuses a speed that is not a positive number', () => {
    const clock = new RealClock(new FakeHost());
    expect(() => clock.setSpeed(0)).toThrow(RangeError);
    expect(() => clock.setSpeed(Number.NaN)).toThrow(RangeError);
    expect(clock.speed).toBe(1);
  });
});
