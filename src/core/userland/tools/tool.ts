// What every tool gets: its process context, the process's view of files, the
// flavour it imitates (GNU coreutils/procps on Debian and Ubuntu, BusyBox on
// Alpine and busybox images) and the diagnostics each flavour prints.
import { FsError } from '../../fs/types';
import { ProcessKilled } from '../../kernel/process';
import { SIGKILL, SIGPIPE } from '../../kernel/signals';
import { fsOf, type FileSystem, type UserContext, type UserProgram } from '../types';

export type Flavour = 'gnu' | 'busybox';

/** The reading end of stdout has gone: the tool unwinds (SIGPIPE, or EPIPE when it is ignored). */
export class BrokenPipe extends Error {
  constructor() {
    super('Broken pipe');
  }
}

export const BUSYBOX_BANNER = 'BusyBox v1.37.0 (2025-05-26 20:04:45 UTC) multi-call binary.';

/** GNU's shell-escape-always quoting (quoteaf): 'name', with ' written as '\''. */
export function quoteAlways(s: string): string {
  return `'${s.replace(/'/g, "'\\''")}'`;
}

/** GNU's quotef: quoted only when the shell would need it. */
export function quoteIfNeeded(s: string): string {
  return s !== '' && /^[A-Za-z0-9_./+,:@%^=-]+$/.test(s) ? s : quoteAlways(s);
}

export class Tool {
  readonly fs: FileSystem;

  constructor(
    readonly ctx: UserContext,
    /** The name diagnostics start with: the applet name, or argv[0]'s basename. */
    readonly name: string,
    readonly flavour: Flavour,
  ) {
    this.fs = fsOf(ctx);
  }

  get gnu(): boolean {
    return this.flavour === 'gnu';
  }

  get now(): number {
    return this.ctx.kernel.clock.now();
  }

  /** Write to stdout; a closed pipe raises SIGPIPE as the kernel would. */
  out(s: string): void {
    if (s === '') return;
    if (this.ctx.stdout.write(s)) return;
    this.ctx.kernel.signal(this.ctx.proc, SIGPIPE, this.ctx.proc);
    throw new BrokenPipe();
  }

  /** Take memory for data the tool holds; past the host's RAM the host's OOM killer ends it. */
  charge(bytes: number): void {
    this.ctx.alloc(bytes);
    if (this.ctx.proc.rss > this.ctx.ns.host.memTotal) {
      this.ctx.kernel.signal(this.ctx.proc, SIGKILL);
      throw new ProcessKilled();
    }
  }

  err(s: string): void {
    this.ctx.stderr.write(s);
  }

  /** `name: message` on stderr. */
  warn(msg: string): void {
    this.err(`${this.name}: ${msg}\n`);
  }

  /** A path inside a GNU diagnostic that always quotes ('x'), or BusyBox's plain or quoted form. */
  qa(path: string, busyboxQuoted = false): string {
    if (this.gnu) return quoteAlways(path);
    return busyboxQuoted ? `'${path}'` : path;
  }

  /** A path GNU quotes only when needed (cat, wc, grep, md5sum). */
  qf(path: string): string {
    return this.gnu ? quoteIfNeeded(path) : path;
  }

  /** `name: PATH: strerror` — the most common diagnostic of both flavours. */
  fail(path: string, e: FsError | string): void {
    this.warn(`${this.qf(path)}: ${typeof e === 'string' ? e : e.message}`);
  }

  /** An invalid option; returns the exit status the flavour uses. */
  badOption(detail: string, status = 1, usage?: string): number {
    this.warn(detail);
    if (this.gnu) this.err(`Try '${this.name} --help' for more information.\n`);
    else this.err(`${BUSYBOX_BANNER}\n\nUsage: ${this.name}${usage ? ` ${usage}` : ''}\n`);
    return this.gnu ? status : 1;
  }

  /**
   * TIOCGWINSZ, then $COLUMNS, then 80 (as ls and busybox ask). A terminal
   * stream that knows its size exposes `columns` (the Tty device's output).
   */
  terminalWidth(): number {
    for (const s of [this.ctx.stdout, this.ctx.stdin] as unknown[]) {
      const c = (s as { columns?: unknown }).columns;
      if (this.ctx.tty && typeof c === 'number' && c > 0) return c;
    }
    const env = Number(this.ctx.env.COLUMNS);
    return Number.isInteger(env) && env > 0 ? env : 80;
  }

  /** A path as the process sees it from its working directory (for messages and /dev). */
  abs(path: string): string {
    if (path.startsWith('/')) return path;
    const cwd = this.ctx.proc.cwd;
    return cwd === '/' ? `/${path}` : `${cwd}/${path}`;
  }
}

export type ToolMain = (t: Tool, args: string[]) => Promise<number> | number;

/** Wrap a tool body as a program: diagnostics prefix, broken pipes, flushing. */
export function program(name: string | undefined, flavour: Flavour, main: ToolMain): UserProgram {
  return async (ctx) => {
    const argv0 = ctx.argv[0] ?? name ?? '';
    // glibc's error() prints argv[0] as typed (`/bin/ls: …`); BusyBox prints the applet name
    const t = new Tool(ctx, name ?? (flavour === 'gnu' ? argv0 : baseOf(argv0)), flavour);
    try {
      return await main(t, ctx.argv.slice(1));
    } catch (e) {
      if (e instanceof BrokenPipe) {
        // SIGPIPE ended the process: nothing more to say
        if (!ctx.proc.alive) throw new ProcessKilled();
        // SIGPIPE ignored (a namespace's init has no handler): the write failed with EPIPE
        t.warn(writeError(t));
        return 1;
      }
      throw e;
    }
  };
}

/** How each GNU tool words a failed write to stdout (close_stdout, or its own message). */
function writeError(t: Tool): string {
  const base = baseOf(t.name);
  if (!t.gnu) return 'write error: Broken pipe';
  if (base === 'yes') return 'standard output: Broken pipe';
  if (base === 'head' || base === 'tail') return "error writing 'standard output': Broken pipe";
  return 'write error: Broken pipe';
}

export function baseOf(p: string): string {
  const s = p.replace(/\/+$/, '');
  const i = s.lastIndexOf('/');
  return i < 0 ? s : s.slice(i + 1) || '/';
}

export function isErr(x: unknown): x is FsError {
  return x instanceof FsError;
}
