// Injectable time. Everything in the core reads time and schedules work through
// a Clock, so tests and the headless runner use simulated time (a 10 s stop
// grace takes no real time) and the browser uses real time with a speed factor.
// The shape matches xstate v5's Clock, so the same object is passed to actors.

export type TimerId = number;

export interface Clock {
  /** Milliseconds since the Unix epoch, as Date.now(). */
  now(): number;
  setTimeout(fn: () => void, ms: number): TimerId;
  clearTimeout(id: TimerId): void;
}

interface Timer {
  id: TimerId;
  at: number;
  fn: () => void;
}

/** Simulated time: nothing happens until advance()/runNext() is called. */
export class VirtualClock implements Clock {
  private time: number;
  private timers: Timer[] = [];
  private nextId = 1;

  constructor(startMs = Date.UTC(2026, 10, 27, 12, 0, 0)) {
    this.time = startMs;
  }

  now(): number {
    return this.time;
  }

  setTimeout(fn: () => void, ms: number): TimerId {
    const id = this.nextId++;
    const at = this.time + Math.max(0, ms);
    // keep timers ordered by due time, then by creation (stable)
    let i = this.timers.length;
    while (i > 0 && this.timers[i - 1].at > at) i--;
    this.timers.splice(i, 0, { id, at, fn });
    return id;
  }

  clearTimeout(id: TimerId): void {
    const i = this.timers.findIndex((t) => t.id === id);
    if (i >= 0) this.timers.splice(i, 1);
  }

  /** Due time of the next pending timer, or undefined when idle. */
  nextDue(): number | undefined {
    return this.timers[0]?.at;
  }

  pending(): number {
    return this.timers.length;
  }

  /** Fire the next timer (moving time to it). Returns false when idle. */
  runNext(): boolean {
    const t = this.timers.shift();
    if (!t) return false;
    if (t.at > this.time) this.time = t.at;
    t.fn();
    return true;
  }

  /** Move time forward by ms, firing every timer due on the way, in order. */
  advance(ms: number): void {
    const end = this.time + ms;
    while (this.timers.length && this.timers[0].at <= end) this.runNext();
    this.time = end;
  }
}

export function sleep(clock: Clock, ms: number): Promise<void> {
  return new Promise((resolve) => clock.setTimeout(resolve, ms));
}
