// The student's login on the laptop: an interactive bash process on the
// world's kernel, in the host's namespaces, as user `student` in
// /home/student, with its stdio on a terminal. The page and the headless
// runner both drive one; they learn when bash prompts (and its $?) through
// the shell's prompt observer, and when anything blocks reading the terminal.
import type { ExitStatus, Kernel, Process } from '../../core/kernel/process';
import { SIGINT } from '../../core/kernel/signals';
import type { Writable } from '../../core/kernel/stream';
import { Tty, TtyInput, type TtyInputEvent } from '../../core/kernel/tty';
import { resolveExec } from '../../core/userland/exec';
import { promptObservers } from '../../core/userland/shell/main';
import type { Sys } from '../../core/userland/types';

/** What the host shell runs on: the world's kernel and the laptop's namespaces and programs. */
export interface HostMachine {
  readonly kernel: Kernel<Sys>;
  readonly sys: Sys;
}

export const STUDENT = { name: 'student', uid: 1000, gid: 1000, home: '/home/student' } as const;

/** Ubuntu's PATH for a desktop session (/etc/environment). */
export const HOST_PATH =
  '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/usr/games:/usr/local/games:/snap/bin';

/** The environment a terminal emulator gives the shell it starts. */
export function studentEnv(columns: number, rows: number): Record<string, string> {
  return {
    HOME: STUDENT.home,
    USER: STUDENT.name,
    LOGNAME: STUDENT.name,
    SHELL: '/bin/bash',
    PATH: HOST_PATH,
    TERM: 'xterm-256color',
    COLUMNS: String(columns),
    LINES: String(rows),
    LANG: 'C.UTF-8',
    PWD: STUDENT.home,
  };
}

type Waiter = { resolve: (c: string | null) => void; byShell: boolean };

/**
 * The terminal's input queue, as TtyInput, plus what a kernel does for a
 * tty that the simulation's promises cannot: it says when a reader starts
 * waiting, and it knows which waiting reads are the shell's. A command that
 * ended while reading (cat killed by Ctrl-C, docker after an attached
 * session) leaves its read behind; when the shell prompts again those reads
 * are withdrawn, so the next line goes to the shell.
 */
export class WatchedInput extends TtyInput {
  private typed: TtyInputEvent[] = [];
  private readers: Waiter[] = [];
  private gone = false;
  private readonly blockedListeners = new Set<() => void>();
  /** Reads made now are the shell's (it is at its prompt). */
  shellReading = false;

  override push(e: TtyInputEvent): void {
    const w = this.readers.shift();
    if (w) w.resolve(e.kind === 'eof' ? null : e.data);
    else this.typed.push(e);
  }

  override read(): Promise<string | null> {
    const e = this.typed.shift();
    if (e) return Promise.resolve(e.kind === 'eof' ? null : e.data);
    if (this.gone) return Promise.resolve(null);
    const p = new Promise<string | null>((resolve) =>
      this.readers.push({ resolve, byShell: this.shellReading }),
    );
    for (const l of [...this.blockedListeners]) l();
    return p;
  }

  override flush(): void {
    this.typed = this.typed.filter((e) => e.kind === 'eof');
  }

  override hangup(): void {
    this.gone = true;
    for (const w of this.readers.splice(0)) w.resolve(null);
  }

  override get waiting(): boolean {
    return this.readers.length > 0;
  }

  /** The foreground job is over: reads its commands left behind end (their processes are gone). */
  withdrawCommandReads(): void {
    const stale = this.readers.filter((w) => !w.byShell);
    this.readers = this.readers.filter((w) => w.byShell);
    for (const w of stale) w.resolve(null);
  }

  /** Called whenever a read finds nothing typed and waits. */
  onBlocked(fn: () => void): () => void {
    this.blockedListeners.add(fn);
    return () => this.blockedListeners.delete(fn);
  }
}

export interface HostShellOptions {
  columns?: number;
  rows?: number;
  /**
   * true (default): stdio on a Tty device (echo and line editing are the
   * front end's; output gets CR LF). false: stdin is a bare input queue and
   * stdout/stderr go to `output` — commands see no terminal, as when a
   * recorder captures them — while bash still prompts (`bash -i`).
   */
  terminal?: boolean;
  /** Where output goes when `terminal` is false. */
  output?: Writable;
  /** Extra environment (merged over the student's). */
  env?: Record<string, string>;
}

export interface HostShellEvents {
  /** bash is about to print PS1 (continuation false) or PS2; `status` is its $?. */
  prompt?: (status: number, continuation: boolean) => void;
  /** Something (bash at its prompt, or a command) waits for typing. */
  blocked?: () => void;
  /** bash exited (`exit`, Ctrl-D at the prompt). */
  exit?: (status: ExitStatus) => void;
}

export class HostShell {
  readonly input = new WatchedInput();
  readonly tty: Tty;
  readonly proc: Process<Sys>;
  /** $? as of the last prompt. */
  status = 0;
  /** bash has printed its prompt and nothing has been typed since. */
  atPrompt = false;
  /** The last prompt was PS2 (a command still open). */
  continuation = false;
  private readonly listeners = new Set<HostShellEvents>();
  private readonly releaseForeground: () => void;

  constructor(
    readonly machine: HostMachine,
    opts: HostShellOptions = {},
  ) {
    const columns = opts.columns ?? 80;
    const rows = opts.rows ?? 24;
    const terminal = opts.terminal ?? true;
    this.tty = new Tty({ columns, rows, input: this.input });
    const env = { ...studentEnv(columns, rows), ...(opts.env ?? {}) };
    const fs = machine.sys.fs.as({ uid: STUDENT.uid, gid: STUDENT.gid, cwd: STUDENT.home });
    const target = resolveExec(fs, ['bash', ...(terminal ? [] : ['-i'])], env, machine.sys.programs);
    if ('kind' in target) throw new Error(`the laptop cannot start bash: ${target.message}`);
    const out = terminal ? this.tty.output : opts.output;
    if (!out) throw new Error('a host shell without a terminal needs an output stream');
    const proc = machine.kernel.spawn({
      program: target.program.run,
      argv: target.argv,
      env,
      cwd: STUDENT.home,
      uid: STUDENT.uid,
      gid: STUDENT.gid,
      ns: machine.sys,
      stdin: this.input,
      stdout: out,
      stderr: out,
      tty: terminal,
      rss: target.program.rss,
    });
    if (proc === 'EAGAIN') throw new Error('the laptop cannot fork');
    this.proc = proc;
    // the program starts on a later turn: the observer is in place before its first prompt
    promptObservers.set(proc, (status, continuation) => {
      this.input.withdrawCommandReads();
      this.atPrompt = true;
      this.input.shellReading = true;
      this.continuation = continuation;
      if (!continuation) this.status = status;
      for (const l of [...this.listeners]) l.prompt?.(status, continuation);
    });
    this.input.onBlocked(() => {
      for (const l of [...this.listeners]) l.blocked?.();
    });
    // Ctrl-C: SIGINT to the shell, which passes it to its foreground job (the tty's process group)
    this.releaseForeground = this.tty.pushForeground({
      interrupt: () => machine.kernel.signal(proc, SIGINT),
    });
    void proc.exited.then((s) => {
      this.releaseForeground();
      this.input.hangup();
      for (const l of [...this.listeners]) l.exit?.(s);
    });
  }

  on(events: HostShellEvents): () => void {
    this.listeners.add(events);
    return () => this.listeners.delete(events);
  }

  /** Keys for whoever reads the terminal: a whole line in cooked mode, raw keys in raw mode. */
  type(data: string): void {
    this.setAtPrompt(false);
    this.input.push({ kind: 'data', data });
  }

  /** Ctrl-D at the start of a line. */
  eof(): void {
    this.setAtPrompt(false);
    this.input.push({ kind: 'eof' });
  }

  /** Ctrl-C. */
  interrupt(): void {
    this.setAtPrompt(false);
    this.tty.interrupt();
  }

  private setAtPrompt(on: boolean): void {
    this.atPrompt = on;
    this.input.shellReading = on;
  }

  /** A reader is waiting for typing. */
  get reading(): boolean {
    return this.input.waiting;
  }

  /** The terminal window went away: bash gets SIGHUP's effect (its reads end). */
  hangup(): void {
    this.input.hangup();
    this.machine.kernel.signal(this.proc, 1);
  }
}
