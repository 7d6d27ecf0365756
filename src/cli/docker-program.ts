// The `docker` binary as a program of the simulated host: a process context
// (argv, env, stdio, cwd, the world's clock, signals) adapted to the CLI's
// CommandIO, so the shell runs `docker …` like any other command — in pipes,
// in $(…), with redirections — and Ctrl-C reaches it as SIGINT.
import type { EngineClient } from '../core/daemon/api';
import { SIGINT, SIGPIPE } from '../core/kernel/signals';
import { LineReader, type Writable } from '../core/kernel/stream';
import { ttyOf } from '../core/kernel/tty';
import { fsOf, type ProgramSpec, type UserContext } from '../core/userland/types';
import { versionedClient } from './api-version';
import { runDocker } from './docker';
import { ClientConnection } from './client-connection';
import type { CommandIO, Interrupt, Output } from './io';
import { watchKeys } from './runner/key-watch';

/** Resident memory of the Go client while it runs (the real one is about this size). */
export const DOCKER_CLI_RSS = 38_000_000;

/** Width and height of the terminal behind a stream, as TIOCGWINSZ reports it. */
export function windowSize(stream: unknown): { columns: number; rows: number } | undefined {
  const s = stream as { columns?: unknown; rows?: unknown } | null;
  if (s && typeof s.columns === 'number' && s.columns > 0) {
    return { columns: s.columns, rows: typeof s.rows === 'number' ? s.rows : 24 };
  }
  return undefined;
}

/**
 * A writer for one of the process's streams. Go's runtime turns EPIPE on
 * stdout or stderr into SIGPIPE, so `docker ps | head -1` ends quietly.
 */
function output(ctx: UserContext, w: Writable): Output {
  return {
    write(chunk: string) {
      if (!ctx.proc.alive || chunk === '') return;
      if (!w.write(chunk)) ctx.kernel.signal(ctx.proc, SIGPIPE, ctx.proc);
    },
  };
}

/**
 * SIGINT as the CLI sees it: a command that listens (pull cancels its stream,
 * logs -f stops following) decides; otherwise the process dies of the signal,
 * as the Go binary does without a handler.
 */
function interruptOf(ctx: UserContext): Interrupt {
  const listeners = new Set<() => void>();
  let interrupted = false;
  ctx.trap(SIGINT, () => {
    interrupted = true;
    if (listeners.size === 0) {
      ctx.trap(SIGINT, 'default');
      ctx.kernel.signal(ctx.proc, SIGINT, ctx.proc);
      return;
    }
    for (const l of [...listeners]) l();
  });
  return {
    get interrupted() {
      return interrupted;
    },
    onInterrupt(cb) {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
  };
}

/**
 * A wait that ends with the process: it rejects with ProcessKilled then, to
 * unwind whoever awaits it, but a wait nobody awaits any more (an attach loop's
 * last read) is not an unhandled rejection.
 */
function settled<T>(p: Promise<T>): Promise<T> {
  p.catch(() => undefined);
  return p;
}

/** The CommandIO of one `docker` process. */
export function commandIO(ctx: UserContext): CommandIO {
  const size = ctx.tty ? windowSize(ctx.stdout) : undefined;
  const lines = new LineReader(ctx.stdin);
  return {
    stdout: output(ctx, ctx.stdout),
    stderr: output(ctx, ctx.stderr),
    isTTY: ctx.tty,
    columns: size?.columns ?? 80,
    rows: size?.rows ?? 24,
    // the CommandIO contract: a read outlived by its process ends as end-of-file
    readLine: () => ctx.wait(lines.readLine()).catch(() => null),
    interrupt: interruptOf(ctx),
    env: { ...ctx.env },
    now: () => ctx.kernel.clock.now(),
    sleep: (ms) => settled(ctx.sleep(ms)),
    hostFs: fsOf(ctx),
    onDetach: (keys, cb) => {
      const tty = ctx.tty ? ttyOf(ctx.stdin) : undefined;
      return tty ? watchKeys(tty, keys, cb) : () => undefined;
    },
    rawTerminal: () => {
      const tty = ctx.tty ? ttyOf(ctx.stdout) : undefined;
      if (!tty) return () => undefined;
      const was = tty.opost;
      tty.opost = false;
      return () => {
        tty.opost = was;
      };
    },
  };
}

/** The program behind /usr/bin/docker, talking to `client` (the world's daemon). */
export function dockerProgram(client: EngineClient): ProgramSpec {
  return {
    name: 'docker',
    rss: DOCKER_CLI_RSS,
    run: (ctx) => {
      // the process's connections close when it exits, also when a signal kills it mid-command
      const connection = new ClientConnection(versionedClient(client));
      void ctx.proc.exited.then(() => connection.hangUp());
      return runDocker(ctx.argv.slice(1), commandIO(ctx), connection);
    },
  };
}
