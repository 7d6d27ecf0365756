// The page's Clock: real timers, optionally sped up so a class need not wait
// for a 10 s stop grace or a slow pull. Changing the speed keeps simulated time
// continuous and re-arms pending timers at the new rate.
import type { Clock, TimerId } from '../core/clock';

/** The host's timers and time source; injectable so tests control them. */
export interface TimerHost {
  /** Milliseconds, monotonic (performance.now()). */
  monotonic(): number;
  /** Milliseconds since the epoch, read once at start (Date.now()). */
  epoch(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const browserTimers: TimerHost = {
  monotonic: () => performance.now(),
  epoch: () => Date.now(),
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof globalThis.setTimeout>),
};

interface Pending {
  fn: () => void;
  /** Simulated due time. */
  at: number;
  handle: unknown;
}

export const SPEEDS = [1, 2, 5, 10] as const;

export class RealClock implements Clock {
  private speedFactor = 1;
  /** Simulated time at the last anchor, and the monotonic reading then. */
  private anchorSim: number;
  private anchorReal: number;
  private readonly pending = new Map<TimerId, Pending>();
  private nextId = 1;

  constructor(
    private readonly host: TimerHost = browserTimers,
    speed = 1,
  ) {
    this.anchorSim = host.epoch();
    this.anchorReal = host.monotonic();
    this.speedFactor = checkSpeed(speed);
  }

  now(): number {
    return this.anchorSim + (this.host.monotonic() - this.anchorReal) * this.speedFactor;
  }

  get speed(): number {
    return this.speedFactor;
  }

  setSpeed(speed: number): void {
    const s = checkSpeed(speed);
    if (s === this.speedFactor) return;
    this.anchorSim = this.now();
    this.anchorReal = this.host.monotonic();
    this.speedFactor = s;
    for (const [id, p] of this.pending) {
      this.host.clearTimeout(p.handle);
      p.handle = this.arm(id, p.at);
    }
  }

  setTimeout(fn: () => void, ms: number): TimerId {
    const id = this.nextId++;
    const at = this.now() + Math.max(0, ms);
    this.pending.set(id, { fn, at, handle: this.arm(id, at) });
    return id;
  }

  clearTimeout(id: TimerId): void {
    const p = this.pending.get(id);
    if (!p) return;
    this.host.clearTimeout(p.handle);
    this.pending.delete(id);
  }

  private arm(id: TimerId, at: number): unknown {
    const realMs = Math.max(0, (at - this.now()) / this.speedFactor);
    return this.host.setTimeout(() => {
      const p = this.pending.get(id);
      if (!p) return;
      this.pending.delete(id);
      p.fn();
    }, realMs);
  }
}

function checkSpeed(speed: number): number {
  if (!(speed > 0) || !Number.isFinite(speed))
    throw new RangeError(`clock speed must be a positive number, got ${speed}`);
  return speed;
}
