// What a container costs in real time and memory (not simulated time): 1,000
// containers from python:3.13 created and started through the Engine API,
// each running a long `sleep` as PID 1, after the image was pulled. The
// workload runs from a bundle built as the page ships (no tsx: its
// keep-names wrappers would add a few KB to every closure) in its own node
// (bench/shipped.ts).
import type { ScenarioResult } from './containers-scenario';
import { runShipped } from './shipped';
import { median, percentile, type BenchSuite } from './types';

const N = 1000;

export const suite: BenchSuite = async () => {
  const out = await runShipped('containers-scenario.ts', [String(N)]);
  const r = JSON.parse(out) as ScenarioResult;
  const med = median(r.times);
  const heapMb = r.heap / 1e6;
  return [
    {
      name: `create+start of python:3.13 running sleep, median of ${N}`,
      value: med * 1000,
      unit: 'µs',
      goal: '<= 1000 µs',
      ok: med <= 1,
    },
    { name: 'create+start, 95th percentile', value: percentile(r.times, 95) * 1000, unit: 'µs' },
    {
      name: `heap for ${N} running containers (beyond the pulled image)`,
      value: heapMb,
      unit: 'MB',
      goal: '<= 30 MB',
      ok: heapMb <= 30,
    },
    { name: 'containers running at the end', value: r.running, unit: '' },
  ];
};
