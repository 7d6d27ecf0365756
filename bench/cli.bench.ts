// CLI latency: `docker ps -a`, `images`, `run -d` and `inspect` with 100 and
// with 1,000 containers on the machine, from argv to the last byte of output
// (no simulated wait is counted). The workload (bench/cli-scenario.ts) runs
// from a bundle built as the page ships, in its own node (bench/shipped.ts).
import type { CliTiming } from './cli-scenario';
import { runShipped } from './shipped';
import { median, percentile, type BenchSuite } from './types';

const GOAL_MS = 5;

export const suite: BenchSuite = async () => {
  const timings = JSON.parse(await runShipped('cli-scenario.ts', [])) as CliTiming[];
  return timings.flatMap(({ name, containers, times }) => {
    const p99 = percentile(times, 99);
    return [
      { name: `docker ${name} median, ${containers} containers`, value: median(times), unit: 'ms' },
      {
        name: `docker ${name} p99, ${containers} containers`,
        value: p99,
        unit: 'ms',
        goal: `<= ${GOAL_MS} ms`,
        ok: p99 <= GOAL_MS,
      },
    ];
  });
};
