// A terminal device as the simulation's programs see it. The page's front end
// does line editing and echo (a cooked-mode line discipline), then delivers
// whole lines, end-of-file (Ctrl-D) and interrupts (Ctrl-C -> SIGINT to the
// foreground process). Programs that want every key (an editor, attach's
// detach keys) switch the tty to raw mode and read keystrokes as typed.
import type { Readable, Writable } from './stream';

export type TtyInputEvent = { kind: 'data'; data: string } | { kind: 'eof' };

/** The input side of a terminal: unlike a pipe, end-of-file is one event, and reading can go on after it. */
export class TtyInput implements Readable {
  private queue: TtyInputEvent[] = [];
  private waiters: Array<(c: string | null) => void> = [];
  private hungUp = false;

  push(e: TtyInputEvent): void {
    const w = this.waiters.shift();
    if (w) w(e.kind === 'eof' ? null : e.data);
    else this.queue.push(e);
  }

  read(): Promise<string | null> {
    const e = this.queue.shift();
    if (e) return Promise.resolve(e.kind === 'eof' ? null : e.data);
    if (this.hungUp) return Promise.resolve(null);
    return new Promise((r) => this.waiters.push(r));
  }

  /** Discard typed-ahead input (what the line discipline does on SIGINT). */
  flush(): void {
    this.queue = this.queue.filter((e) => e.kind === 'eof');
  }

  /** The terminal went away: every read ends. */
  hangup(): void {
    this.hungUp = true;
    for (const w of this.waiters.splice(0)) w(null);
  }

  get waiting(): boolean {
    return this.waiters.length > 0;
  }
}

/** Whoever gets the terminal's signals: the process running in the foreground. */
export interface ForegroundTarget {
  interrupt(): void;
}

/** Which terminal a stream belongs to (a process's stdin/stdout), for ttyOf. */
const devices = new WeakMap<object, Tty>();

/**
 * The terminal device behind a stream, as isatty(3)/ttyname(3) find it: a
 * program that switches the terminal to raw mode (an editor) needs the device.
 */
export function ttyOf(stream: unknown): Tty | undefined {
  return typeof stream === 'object' && stream !== null ? devices.get(stream) : undefined;
}

export class Tty {
  readonly input: TtyInput;
  columns: number;
  rows: number;
  /** Raw mode: every keystroke goes to the program unedited and unechoed. */
  raw = false;
  /**
   * Output post-processing (OPOST with ONLCR): each newline a program writes
   * reaches the screen as CR LF, even one that already follows a CR (so a
   * container terminal's CR LF shows as CR CR LF here). Off, bytes pass as
   * they are: what the docker client's setRawTerminal does for `-it`.
   */
  opost = true;
  private fg: ForegroundTarget[] = [];
  private readonly sinks = new Set<(s: string) => void>();

  constructor(opts: { columns?: number; rows?: number; input?: TtyInput } = {}) {
    this.columns = opts.columns ?? 80;
    this.rows = opts.rows ?? 24;
    this.input = opts.input ?? new TtyInput();
    devices.set(this.input, this);
    devices.set(this.output, this);
  }

  /**
   * The output side: programs write here; the screen subscribes. Newlines
   * become CR LF while `opost` is on. It carries the window size, as TIOCGWINSZ would.
   */
  readonly output: Writable & { readonly columns: number; readonly rows: number } = (() => {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const tty = this;
    return {
      write: (chunk: string) => {
        const s = tty.opost ? chunk.replace(/\n/g, '\r\n') : chunk;
        for (const f of tty.sinks) f(s);
        return true;
      },
      close: () => undefined,
      get columns() {
        return tty.columns;
      },
      get rows() {
        return tty.rows;
      },
    };
  })();

  /**
   * The echo of what was typed (ECHO with ONLCR): CR LF for a newline even with
   * OPOST off, where a real session gets the same bytes from the container's terminal.
   */
  echo(typed: string): void {
    const s = typed.replace(/\n/g, '\r\n');
    for (const f of this.sinks) f(s);
  }

  onOutput(fn: (s: string) => void): () => void {
    this.sinks.add(fn);
    return () => this.sinks.delete(fn);
  }

  /** A line typed and confirmed with Enter (cooked mode), or raw keys (raw mode). */
  type(data: string): void {
    this.input.push({ kind: 'data', data });
  }

  /** Ctrl-D at the start of a line. */
  eof(): void {
    this.input.push({ kind: 'eof' });
  }

  /** Ctrl-C: SIGINT to the foreground process; pending input is dropped. */
  interrupt(): void {
    this.input.flush();
    this.fg.at(-1)?.interrupt();
  }

  /** A program takes the foreground (a shell running a command); returns the release function. */
  pushForeground(t: ForegroundTarget): () => void {
    this.fg.push(t);
    return () => {
      const i = this.fg.lastIndexOf(t);
      if (i >= 0) this.fg.splice(i, 1);
    };
  }

  resize(columns: number, rows: number): void {
    this.columns = columns;
    this.rows = rows;
  }
}
