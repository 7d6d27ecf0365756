// The containers benchmark's workload, run in its own process from a bundle
// built as the page ships its code (bench/containers.bench.ts builds it):
// pull python:3.13, then create and start N containers running `sleep`
// through the Engine API, timing each pair and weighing the heap.
import { VirtualClock } from '../src/core/clock';
import type { ApiResponse } from '../src/core/daemon/api';
import { createWorld } from '../src/core/world';
import { pullImage } from './pull';

export interface ScenarioResult {
  /** ms per create+start, in order. */
  times: number[];
  /** Heap growth in bytes for the N containers. */
  heap: number;
  running: number;
}

function heapUsed(): number {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) {
    g();
    g();
  }
  return process.memoryUsage().heapUsed;
}

const check = (r: ApiResponse, status: number): ApiResponse => {
  if (r.status !== status)
    throw new Error(`unexpected ${r.status}: ${JSON.stringify('body' in r ? r.body : '')}`);
  return r;
};

export async function scenario(n: number): Promise<ScenarioResult> {
  const clock = new VirtualClock();
  const world = createWorld({ clock });
  await pullImage(world, clock, 'python', '3.13');
  const body = () => ({ Image: 'python:3.13', Cmd: ['sleep', '3600'] });
  const one = async () => {
    const c = check(
      await world.engine.request({ method: 'POST', path: '/containers/create', body: body() }),
      201,
    );
    check(
      await world.engine.request({
        method: 'POST',
        path: `/containers/${'body' in c ? (c.body as { Id: string }).Id : ''}/start`,
      }),
      204,
    );
    await Promise.resolve();
  };
  // one container first: code paths and the image's shared trees are warm
  await one();
  const before = heapUsed();
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await one();
    times.push(performance.now() - t0);
  }
  for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 0));
  const heap = heapUsed() - before;
  return { times, heap, running: world.daemon.all().filter((c) => c.running).length - 1 };
}

// run as a program (the bundle): print the result as JSON
if (process.argv[1]?.endsWith('containers-scenario.mjs')) {
  const n = Number(process.argv[2] ?? '1000');
  void scenario(n).then((r) => process.stdout.write(JSON.stringify(r)));
}
