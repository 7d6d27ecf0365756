// A terminal on the simulated laptop for the container commands' tests: runs `docker …`
// against a World with the student's environment, working directory and files, typed
// input (echoed as a terminal does), Ctrl-C and the detach keys, moving the virtual
// clock whenever the command waits on it.
import type { World } from '../../src/core/world';
import { createWorld } from '../../src/core/world';
import { VirtualClock, sleep } from '../../src/core/clock';
import { runDocker } from '../../src/cli/docker';
import type { FileSystem } from '../../src/core/userland/types';
import { captureIO } from './engine-replay';
import type { CapturedIO } from './engine-replay';
import { splitWords, wordValues } from '../../src/core/userland/shell-words';

/** 2026-11-27 21:19:00 UTC, about when the transcripts were recorded. */
/** Words of a command line as bash splits them (quotes removed). */
function shellWords(line: string): string[] {
  const r = splitWords(line);
  if (!r.ok) throw new Error(`cannot split: ${line}`);
  return wordValues(r.tokens);
}

export const TRANSCRIPT_EPOCH = Date.UTC(2026, 10, 27, 21, 19, 0);

export interface TermOptions {
  tty?: boolean;
  columns?: number;
  rows?: number;
  /**
   * What is typed while the command runs: lines, or the keys "^C" (Ctrl-C), "^D" (Ctrl-D)
   * and "^P^Q" (the detach keys). Piped input (no TTY) ends after the last line; a terminal
   * just waits for more.
   */
  input?: string[];
  /** Wait for this before typing each line (a prompt on the screen). */
  typeWhen?: (io: CapturedIO) => boolean;
  /** Press Ctrl-C once this returns true (checked between clock steps). */
  interruptWhen?: (io: CapturedIO) => boolean;
  /** Type the detach keys once this returns true. */
  detachWhen?: (io: CapturedIO) => boolean;
  /** Extra environment for this command (`export X=…; docker …`). */
  env?: Record<string, string>;
  /** Give up after this much simulated time (ms) with nothing else to do but wait. */
  maxMs?: number;
  /** The client is killed after this much simulated time (coreutils `timeout`). */
  killAfterMs?: number;
}

export interface TermResult {
  code: number;
  io: CapturedIO;
  /** killAfterMs ran out before the command ended. */
  killed?: boolean;
}

const tick = () => new Promise<void>((r) => setImmediate(r));

export class Laptop {
  readonly env: Record<string, string>;
  constructor(
    readonly world: World = createWorld({ now: TRANSCRIPT_EPOCH }),
    readonly cwd = '/tmp/demo',
  ) {
    const fs = this.world.hostFs;
    fs.mkdir(cwd);
    fs.chown(cwd, 1000, 1000);
    this.env = { HOME: '/home/student', USER: 'student', PATH: '/usr/local/bin:/usr/bin:/bin', PWD: cwd };
  }

  /** The laptop's files as the student sees them from the working directory. */
  get fs(): FileSystem {
    return this.world.hostFs.as({ uid: 1000, gid: 1000, cwd: this.cwd });
  }

  /** Time passes at the prompt (the student reads and types): timers run, processes go on. */
  async pause(ms: number): Promise<void> {
    const clock = this.world.clock;
    if (!(clock instanceof VirtualClock)) throw new Error('the laptop needs a world on a VirtualClock');
    const end = clock.now() + ms;
    for (;;) {
      await tick();
      const due = clock.nextDue();
      if (due === undefined || due > end) break;
      clock.runNext();
    }
    clock.advance(end - clock.now());
    await tick();
  }

  /** `docker ARGS` typed as one shell line (quotes as bash splits them; $PWD expanded). */
  docker(line: string, opts: TermOptions = {}): Promise<TermResult> {
    const words = shellWords(line.replace(/\$PWD|\$\(pwd\)/g, this.cwd));
    if (words[0] !== 'docker') throw new Error(`not a docker command: ${line}`);
    return this.run(words.slice(1), opts);
  }

  async run(argv: string[], opts: TermOptions = {}): Promise<TermResult> {
    const clock = this.world.clock;
    if (!(clock instanceof VirtualClock)) throw new Error('the laptop needs a world on a VirtualClock');
    const tty = opts.tty ?? false;
    const io = captureIO({ tty, columns: opts.columns ?? (tty ? 120 : 200) });
    io.rows = opts.rows ?? (tty ? 40 : undefined);
    io.now = () => clock.now();
    // docker stats redraws on the world's clock
    io.sleep = (ms) => sleep(clock, ms);
    io.env = { ...this.env, ...(opts.env ?? {}) };
    io.hostFs = this.fs;
    const pending = [...(opts.input ?? [])];
    let waitingReader: ((l: string | null) => void) | undefined;
    io.readLine = () =>
      new Promise((resolve) => {
        if (pending.length === 0 && !tty) return resolve(null);
        waitingReader = resolve;
      });
    const intListeners = new Set<() => void>();
    let interrupted = false;
    io.interrupt = {
      get interrupted() {
        return interrupted;
      },
      onInterrupt(cb) {
        intListeners.add(cb);
        return () => intListeners.delete(cb);
      },
    };
    const detachListeners = new Set<() => void>();
    io.onDetach = (_keys, cb) => {
      detachListeners.add(cb);
      return () => detachListeners.delete(cb);
    };
    let done = false;
    let code = -1;
    const p = runDocker(argv, io, this.world.engine).then((c) => {
      done = true;
      code = c;
    });
    let idle = 0;
    let detached = false;
    const started = clock.now();
    const deadline = started + (opts.maxMs ?? 600_000);
    const killAt = opts.killAfterMs !== undefined ? started + opts.killAfterMs : undefined;
    while (!done) {
      await tick();
      if (done) break;
      if (killAt !== undefined && (clock.nextDue() ?? Infinity) > killAt) {
        // the process is killed where it stands: its output so far is all there is
        clock.advance(killAt - clock.now());
        // its connections close with it (a following `logs -f` stops on the daemon's side)
        const frozen = { ...io };
        for (const l of [...intListeners]) l();
        return { code: 143, io: frozen, killed: true };
      }
      if (
        pending.length > 0 &&
        (waitingReader || pending[0].startsWith('^')) &&
        (!opts.typeWhen || opts.typeWhen(io))
      ) {
        const line = pending.shift()!;
        if (line === '^C') {
          // the terminal echoes ^C; the foreground command gets SIGINT, a pending read ends
          if (tty) io.all += '^C';
          interrupted = true;
          for (const l of [...intListeners]) l();
          continue;
        }
        if (line === '^P^Q') {
          for (const l of [...detachListeners]) l();
          continue;
        }
        const r = waitingReader;
        if (!r) {
          pending.unshift(line);
        } else {
          waitingReader = undefined;
          if (line === '^D') r(null);
          else {
            // the terminal echoes what is typed (CR LF on a terminal)
            if (tty) {
              io.all += `${line}\r\n`;
              io.out += `${line}\r\n`;
            }
            r(line);
          }
          continue;
        }
      }
      if (!interrupted && opts.interruptWhen?.(io)) {
        interrupted = true;
        for (const l of [...intListeners]) l();
        continue;
      }
      if (!detached && opts.detachWhen?.(io)) {
        detached = true;
        for (const l of [...detachListeners]) l();
        continue;
      }
      const due = clock.nextDue();
      if (due !== undefined && due <= deadline) {
        clock.runNext();
        idle = 0;
      } else if (++idle > 1000)
        throw new Error(
          `docker ${argv.join(' ')} is stuck: nothing scheduled on the clock; output ${JSON.stringify(io.all)}`,
        );
    }
    await p;
    return { code, io };
  }
}
