// The CLI benchmark's workload, run in its own process from a bundle built as
// the page ships its code (bench/cli.bench.ts builds it): how long `docker
// ps -a`, `images`, `run -d` and `inspect` take from argv to the last byte of
// output (runDocker against the world's Engine API, on a VirtualClock, so no
// simulated wait is counted), with 100 and with 1,000 containers.
import { VirtualClock } from '../src/core/clock';
import { createWorld, type World } from '../src/core/world';
import { runDocker } from '../src/cli/docker';
import type { CommandIO } from '../src/cli/io';
import { pullImage } from './pull';

/** A machine with `n` containers (two thirds running `sleep`, the rest exited). */
export async function machine(n: number): Promise<World> {
  const clock = new VirtualClock(Date.UTC(2026, 10, 27, 21, 21, 3));
  const world = createWorld({ clock });
  await pullImage(world, clock, 'alpine', 'latest');
  await pullImage(world, clock, 'hello-world', 'latest');
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

/**
 * The page goes back to its event loop between two commands: the next one comes
 * with a keystroke, an event of its own. What V8 scheduled meanwhile runs there,
 * as in the page: the young-generation collection it asks for as that space fills
 * (a task, V8's ScavengeJob) then falls between commands, unless a command fills
 * the space by itself. Commands run back to back with no turn in between could
 * never happen in the page.
 */
const nextEvent = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Runs `argv` `runs` times and returns the times; `undo` is run after each, untimed. */
async function timeCommand(
  world: World,
  argv: () => string[],
  runs: number,
  undo?: (args: string[]) => string[],
): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    (world.clock as VirtualClock).advance(BETWEEN_COMMANDS_MS);
    await nextEvent();
    const args = argv();
    const t = performance.now();
    const code = await runDocker(args, io(world), world.engine);
    times.push(performance.now() - t);
    if (code !== 0) throw new Error(`docker ${args.join(' ')} exited ${code}`);
    if (undo) await untimed(world, undo(args));
  }
  return times;
}

async function untimed(world: World, args: string[]): Promise<void> {
  (world.clock as VirtualClock).advance(BETWEEN_COMMANDS_MS);
  await nextEvent();
  const code = await runDocker(args, io(world), world.engine);
  if (code !== 0) throw new Error(`docker ${args.join(' ')} exited ${code}`);
}

/** A full collection when the bench runs with --expose-gc (`npm run bench` does). */
function collect(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

export interface CliTiming {
  /** The command, e.g. "ps -a". */
  name: string;
  containers: number;
  /** ms per timed run, in order. */
  times: number[];
}

/**
 * Runs of each command timed. A p99 of 100 runs is the second-slowest run: on this
 * two-core VM the host takes the CPU away from the process for some milliseconds a few
 * times a minute (perf sampled no instruction of it at all in such runs), and two of
 * those in a phase decided the figure. Over 500 runs the p99 is the fifth-slowest, the
 * command's own tail: ps -a still rebuilds all 1,000 rows every second of the first
 * minute (40 of its runs), and those are its slowest.
 */
const TIMED_RUNS = 500;

/** `run -d` leaves its container behind: removed again after each run (untimed), so
 * the machine holds its 100 or 1,000 containers throughout (it grew to 2.2 times that). */
const removeIt = (args: string[]) => ['rm', '-f', args[3]];

/**
 * Before `run -d` is timed, containers are run and removed again (untimed), so the
 * timed runs start on the machine as it was. Making a container goes through a long
 * chain of code (flags, create, mounts, the runtime, exec): V8 has optimised all of it
 * only after some hundreds of runs, which a session that holds 100 containers has long
 * made. After 20 runs TurboFan was still compiling it on V8's worker threads during the
 * timed ones, and on this two-core machine they took the CPU from the command (perf
 * showed the main thread getting a fifth of a core in the slow runs).
 */
async function warmRun(world: World): Promise<void> {
  for (let i = 0; i < RUN_WARM_UPS; i++) {
    const name = `warm${i}`;
    await timeCommand(world, () => ['run', '-d', '--name', name, 'alpine', 'sleep', '3600'], 1, removeIt);
  }
}
const RUN_WARM_UPS = 300;

export async function scenario(): Promise<CliTiming[]> {
  const out: CliTiming[] = [];
  for (const n of [100, 1000]) {
    const world = await machine(n);
    let k = 0;
    const commands: Array<[string, () => string[], ((args: string[]) => string[])?]> = [
      ['ps -a', () => ['ps', '-a']],
      ['images', () => ['images']],
      ['run -d', () => ['run', '-d', '--name', `bench${k++}`, 'alpine', 'sleep', '3600'], removeIt],
      ['inspect', () => ['inspect', `c${(k++ * 7) % n}`]],
    ];
    for (const [name, argv, undo] of commands) {
      // the garbage of building the machine (a thousand containers made in a loop) is not
      // the command's: collect it before timing, so each command pays only for its own
      collect();
      if (name === 'run -d') await warmRun(world);
      // then the steady state: a full collection leaves sweeping to do and the first commands
      // after it run slow, and V8 settles its optimised code only after some thousands of rows
      // (the very first ps -a over 1,000 containers takes ~10x longer than the rest)
      await timeCommand(world, argv, 20, undo);
      out.push({ name, containers: n, times: await timeCommand(world, argv, TIMED_RUNS, undo) });
    }
  }
  return out;
}

// run as a program (the bundle): print the timings as JSON
if (process.argv[1]?.endsWith('cli-scenario.mjs')) {
  void scenario().then((r) => process.stdout.write(JSON.stringify(r)));
}
