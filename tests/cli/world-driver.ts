// Runs `docker …` against a simulated world, moving its virtual clock forward
// whenever the command waits on it (a pull takes simulated seconds, no real time).
import type { World } from '../../src/core/world';
import { VirtualClock } from '../../src/core/clock';
import { runDocker } from '../../src/cli/docker';
import { captureIO } from './engine-replay';
import type { CapturedIO } from './engine-replay';

export interface RunResult {
  code: number;
  io: CapturedIO;
}

const tick = () => new Promise<void>((r) => setImmediate(r));

export interface DriveOptions {
  tty?: boolean;
  columns?: number;
  /** Press Ctrl-C once this returns true (checked between clock steps). */
  interruptWhen?: (io: CapturedIO) => boolean;
}

export async function dockerIn(world: World, argv: string[], opts: DriveOptions = {}): Promise<RunResult> {
  const clock = world.clock;
  if (!(clock instanceof VirtualClock)) throw new Error('dockerIn needs a world on a VirtualClock');
  const io = captureIO({ tty: opts.tty, columns: opts.columns ?? (opts.tty ? 120 : 200) });
  io.now = () => clock.now();
  const listeners = new Set<() => void>();
  let interrupted = false;
  io.interrupt = {
    get interrupted() {
      return interrupted;
    },
    onInterrupt(cb) {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
  };
  let done = false;
  let code = -1;
  const p = runDocker(argv, io, world.engine).then((c) => {
    done = true;
    code = c;
  });
  let idle = 0;
  while (!done) {
    await tick();
    if (done) break;
    if (!interrupted && opts.interruptWhen?.(io)) {
      interrupted = true;
      for (const l of listeners) l();
      continue;
    }
    if (clock.nextDue() !== undefined) {
      clock.runNext();
      idle = 0;
    } else if (++idle > 1000)
      throw new Error(`docker ${argv.join(' ')} is stuck: nothing scheduled on the clock`);
  }
  await p;
  return { code, io };
}
