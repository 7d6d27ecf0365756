// One figure of `npm run bench`. Benchmarks report; tests never assert times.
export interface BenchRow {
  /** What was measured, e.g. "overlay stat median, 125 lower layers". */
  name: string;
  value: number;
  unit: string;
  /** The goal, shown beside the value, e.g. "<= 5 µs". */
  goal?: string;
  /** Whether the value meets the goal (undefined when there is no goal). */
  ok?: boolean;
}

export type BenchSuite = () => Promise<BenchRow[]>;

/** Median of a list of numbers. */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

/** Heap in use after a full collection (needs node --expose-gc). */
export function heapUsed(): number {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) {
    g();
    g();
  }
  return process.memoryUsage().heapUsed;
}
