// CLI latency: how long `docker ps -a`, `images`, `run -d` and `inspect`
// take from argv to the last byte of output (runDocker against the world's
// Engine API, on a VirtualClock, so no simulated wait is counted), with 100
// and with 1,000 containers on the machine.
import { VirtualClock } from '../src/core/clock';
import { isStream } from '../src/core/daemon/api';
import { createWorld, type World } from '../src/core/world';
import { runDocker } from '../src/cli/docker';
import type { CommandIO } from '../src/cli/io';
import { median, percentile, type BenchRow } from './types';

const GOAL_MS = 5;

async function pull(world: World, clock: VirtualClock, image: string, tag: string): Promise<void> {
  const r = await world.engine.request({
    method: 'POST',
    path: '/images/create',
    query: { fromImage: image, tag },
  });
  if (!isStream(r)) throw new Error(`pull ${image} failed`);
  let done = false;
  const reader = (async () => {
    for await (const m of r.stream) void m;
    done = true;
  })();
  while (!done) {
    await Promise.resolve();
    if (!done && !clock.runNext()) await reader;
  }
}

/** A machine with `n` containers (two thirds running `sleep`, the rest exited). */
export async function machine(n: number): Promise<World> {
  const clock = new VirtualClock(Date.UTC(2026, 10, 27, 21, 21, 3));
  const world = createWorld({ clock });
  await pull(world, clock, 'alpine', 'latest');
  await pull(world, clock, 'hello-world', 'latest');
  for (let i = 0; i < n; i++) {
    const running = i % 3 !== 0;
    const c = await world.engine.request({
      method: 'POST',
      path: '/containers/create',
      query: { name: `c${i}` },
      body: { Image: running ? 'alpine' : 'hello-world', Cmd: running ? ['sleep', '3600'] : null },
    });
    if (c.status !== 201) throw new Error(`create: ${JSON.stringify('body' in c ? c.body : '')}`);
    const id = (c as { body: { Id: string } }).body.Id;
    await world.engine.request({ method: 'POST', path: `/containers/${id}/start` });
  }
  // let the exited ones finish
  for (let i = 0; i < 10; i++) await new Promise((r) => setImmediate(r));
  return world;
}

export function io(world: World): CommandIO {
  const sink = { write: () => undefined };
  return {
    stdout: sink,
    stderr: sink,
    isTTY: false,
    columns: 80,
    now: () => world.clock.now(),
    env: { HOME: '/home/student' },
  };
}

/**
 * Simulated time between two commands: a student types one every second or so,
 * and the machine's ages and statuses move on meanwhile (a list whose CREATED
 * and STATUS texts all cross a boundary at once is timed too).
 */
const BETWEEN_COMMANDS_MS = 1000;

async function timeCommand(world: World, argv: () => string[], runs: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    (world.clock as VirtualClock).advance(BETWEEN_COMMANDS_MS);
    const args = argv();
    const t = performance.now();
    const code = await runDocker(args, io(world), world.engine);
    times.push(performance.now() - t);
    if (code !== 0) throw new Error(`docker ${args.join(' ')} exited ${code}`);
  }
  return times;
}

/** A full collection when the bench runs with --expose-gc (`npm run bench` does). */
function collect(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

export async function suite(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const n of [100, 1000]) {
    const world = await machine(n);
    let k = 0;
    const commands: Array<[string, () => string[], number]> = [
      ['ps -a', () => ['ps', '-a'], 100],
      ['images', () => ['images'], 200],
      ['run -d', () => ['run', '-d', '--name', `bench${k++}`, 'alpine', 'sleep', '3600'], 100],
      ['inspect', () => ['inspect', `c${(k++ * 7) % n}`], 200],
    ];
    for (const [name, argv, runs] of commands) {
      // the garbage of building the machine (a thousand containers made in a loop) is not
      // the command's: collect it before timing, so each command pays only for its own
      collect();
      // then the steady state: a full collection leaves sweeping to do and the first commands
      // after it run slow, and V8 settles its optimised code only after some thousands of rows
      // (the very first ps -a over 1,000 containers takes ~10x longer than the rest)
      await timeCommand(world, argv, 20);
      const times = await timeCommand(world, argv, runs);
      const p99 = percentile(times, 99);
      rows.push({ name: `docker ${name} median, ${n} containers`, value: median(times), unit: 'ms' });
      rows.push({
        name: `docker ${name} p99, ${n} containers`,
        value: p99,
        unit: 'ms',
        goal: `<= ${GOAL_MS} ms`,
        ok: p99 <= GOAL_MS,
      });
    }
  }
  return rows;
}
