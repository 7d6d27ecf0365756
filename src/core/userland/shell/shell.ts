// One running shell: its variables, positional parameters, functions,
// aliases, options, traps, jobs and file descriptors, bound to the process
// it runs in. Subshells (`( )`, `$( )`, pipeline parts, `&`) are real child
// processes with a copy of this state, so they count against pids.max and
// show up in ps as the shell does.
import type { Process, SpawnOptions } from '../../kernel/process';
import { EMPTY, Pipe, readAll, type Readable, type Writable } from '../../kernel/stream';
import { FsError } from '../../fs/types';
import type { FileSystem, Sys, UserContext, UserProgram } from '../types';
import { ExpandError, type ExpandHost } from './expand';
import type { Flavour, MessageSite } from './flavour';
import { FdTable } from './io';
import { Vars } from './vars';
import type { Node } from './ast';
import { Abort, BreakLoop, ContinueLoop, Execed, ExitShell, ReturnFrom, ev, isControl } from './control';

export * from './control';

export interface Job {
  id: number;
  procs: Array<Process<Sys>>;
  text: string;
  /** Reported as done (interactive shells say so before the next prompt). */
  reported: boolean;
}

export type Options = { e: boolean; x: boolean; u: boolean; f: boolean; C: boolean; v: boolean; a: boolean; pipefail: boolean };

export class Shell implements ExpandHost {
  ctx: UserContext;
  vars: Vars;
  params: string[] = [];
  arg0: string;
  /** The script being read (dash and ash name it in messages). */
  script?: string;
  functions = new Map<string, Node>();
  aliases = new Map<string, string>();
  opts: Options = { e: false, x: false, u: false, f: false, C: false, v: false, a: false, pipefail: false };
  /** $? */
  status = 0;
  /** $! */
  lastBg = '';
  /** Command substitutions run so far (an assignment-only command takes the last one's status). */
  substCount = 0;
  fds: FdTable;
  /** Signal number (0 = EXIT) to the command of its trap; '' ignores. */
  traps = new Map<number, string>();
  pending: number[] = [];
  jobs: Job[] = [];
  interactive = false;
  commandMode = false;
  line = 1;
  /** $$: the PID of the shell a subshell was forked from. */
  rootPid: number;
  history: string[] = [];
  subshell = false;
  funcDepth = 0;
  loopDepth = 0;
  sourceDepth = 0;
  umask = 0o022;
  inTrap = false;
  /** bash's shopt expand_aliases. */
  expandAliases = false;
  /** getopts' place inside a bundle of options (-abc). */
  getoptsPos?: number;
  /** The foreground job's processes (SIGINT of an interactive shell goes to them, as the tty would send it). */
  fg: Array<Process<Sys>> = [];
  /** Wakes a `wait` or `read` when a trapped signal arrives. */
  private wakers = new Set<(sig: number) => void>();

  constructor(
    ctx: UserContext,
    readonly flavour: Flavour,
    arg0: string,
  ) {
    this.ctx = ctx;
    this.arg0 = arg0;
    this.vars = Vars.fromEnv(ctx.env);
    this.fds = FdTable.of(ctx.stdin, ctx.stdout, ctx.stderr);
    this.rootPid = ctx.proc.nsPid;
  }

  // ---- ExpandHost ----

  get(name: string): string | undefined {
    const v = this.vars.get(name);
    if (v === undefined && name === 'LINENO') return String(this.line);
    return v;
  }

  set(name: string, value: string): void {
    if (!this.vars.set(name, value, this.opts.a)) throw new ExpandError(this.readonlyMessage(name));
  }

  readonlyMessage(name: string): string {
    return this.flavour.name === 'bash' ? `${name}: readonly variable` : `${name}: is read only`;
  }

  special(c: string): string {
    switch (c) {
      case '?':
        return String(this.status);
      case '$':
        return String(this.rootPid);
      case '!':
        return this.lastBg;
      case '#':
        return String(this.params.length);
      case '0':
        return this.arg0;
      case '-':
        return this.flags();
    }
    return '';
  }

  flags(): string {
    let s = '';
    for (const k of ['e', 'f', 'u', 'v', 'x', 'C', 'a'] as const) if (this.opts[k]) s += k;
    if (this.flavour.name === 'bash') s = `h${s}B`;
    if (this.interactive) s += 'i';
    if (this.commandMode && this.flavour.name !== 'dash') s += 'c';
    return s;
  }

  get nounset(): boolean {
    return this.opts.u;
  }

  get noglob(): boolean {
    return this.opts.f;
  }

  get cwd(): string {
    return this.ctx.proc.cwd;
  }

  fs(): FileSystem {
    const p = this.ctx.proc;
    return this.ctx.ns.fs.as({ uid: p.uid, gid: p.gid, cwd: p.cwd, umask: this.umask });
  }

  /** /etc/passwd entry: by name, or by uid. */
  passwd(key: string | number): { name: string; uid: number; home: string; shell: string } | undefined {
    const text = this.ctx.ns.fs.readFile('/etc/passwd');
    if (text instanceof FsError) return undefined;
    for (const line of text.split('\n')) {
      const f = line.split(':');
      if (f.length < 7) continue;
      if (typeof key === 'string' ? f[0] === key : Number(f[2]) === key) return { name: f[0], uid: Number(f[2]), home: f[5], shell: f[6] };
    }
    return undefined;
  }

  home(user?: string): string | undefined {
    if (user === undefined) return this.vars.get('HOME') ?? this.passwd(this.ctx.proc.uid)?.home;
    return this.passwd(user)?.home;
  }

  async substitute(script: string): Promise<string> {
    const pipe = new Pipe();
    this.substCount++;
    const p = await this.fork((child) => ev().evalString(child, script, { exitLast: true }), { stdout: pipe });
    if (!p) return '';
    const [out, st] = await this.ctx.wait(Promise.all([readAll(pipe), p.exited.then((s) => (pipe.close(), s))]));
    this.status = st.code;
    return out;
  }

  // ---- output and diagnostics ----

  /** Write to fd 1. A pipe nobody reads any more kills the shell with SIGPIPE, as write(2) would. */
  out(s: string): boolean {
    return this.write(1, s);
  }

  errOut(s: string): void {
    this.write(2, s);
  }

  write(fd: number, s: string): boolean {
    const w = this.fds.writer(fd);
    const ok = w.write(s);
    if (!ok && w instanceof Pipe && !w.isClosed) this.ctx.kernel.signal(this.ctx.proc, 13, this.ctx.proc);
    return ok;
  }

  site(): MessageSite {
    return { arg0: this.arg0, line: this.line, interactive: this.interactive, script: this.script };
  }

  /** A diagnostic with the flavour's prefix (`sh: 1: `, `bash: line 1: `…). */
  error(msg: string, builtin?: string): void {
    this.errOut(`${this.flavour.prefix(this.site(), builtin)}${msg}\n`);
  }

  /** A fatal error: non-interactive shells exit, interactive ones abandon the line. */
  fatal(status: number): never {
    if (this.interactive) throw new Abort(status);
    throw new ExitShell(status);
  }

  // ---- processes ----

  /**
   * Start a child process, with fork's failure under pids.max: dash and ash
   * give up at once; bash retries, sleeping 1, 2, 4 and 8 s and saying so.
   */
  async spawn(opts: Omit<SpawnOptions<Sys>, 'parent' | 'ns'>): Promise<Process<Sys>> {
    let p = this.ctx.spawn(opts);
    if (this.flavour.name === 'bash') {
      for (let delay = 1; p === 'EAGAIN' && delay < 16; delay *= 2) {
        this.errOut(`${this.arg0}: fork: retry: Resource temporarily unavailable\n`);
        await this.ctx.sleep(delay * 1000);
        p = this.ctx.spawn(opts);
      }
    }
    if (p !== 'EAGAIN') return p;
    const f = this.flavour.forkFailure;
    if (this.flavour.name === 'bash') this.errOut(`${this.arg0}: ${f.message}\n`);
    else this.error(f.message);
    this.status = f.status;
    return this.fatal(f.status);
  }

  /** A copy of this shell for a subshell process. */
  forkState(): Shell {
    const c = Object.create(Shell.prototype) as Shell;
    Object.assign(c, this);
    c.vars = this.vars.clone();
    c.params = [...this.params];
    c.functions = new Map(this.functions);
    c.aliases = new Map(this.aliases);
    c.opts = { ...this.opts };
    c.fds = this.fds.clone();
    // a subshell keeps ignored signals ignored and resets caught ones
    c.traps = new Map([...this.traps].filter(([sig, cmd]) => cmd === '' && sig !== 0));
    c.pending = [];
    c.jobs = [];
    c.interactive = false;
    c.subshell = true;
    c.fg = [];
    c.wakers = new Set();
    c.history = [];
    return c;
  }

  /**
   * Fork: run `body` in a child shell process with its own copy of the state.
   * `stdin`/`stdout` override descriptors 0 and 1; `background` jobs of a
   * shell without job control read /dev/null and ignore SIGINT and SIGQUIT.
   */
  async fork(body: (child: Shell) => Promise<number>, io: { stdin?: Readable; stdout?: Writable; background?: boolean } = {}): Promise<Process<Sys> | undefined> {
    const child = this.forkState();
    if (io.stdin) child.fds.set(0, { r: io.stdin });
    else if (io.background && !this.interactive && this.fds.get(0)?.r === this.ctx.stdin) child.fds.set(0, { r: EMPTY });
    if (io.stdout) child.fds.set(1, { w: io.stdout });
    const ignoreInt = io.background && !this.interactive;
    const program: UserProgram = async (cctx) => {
      child.ctx = cctx;
      for (const [sig, cmd] of child.traps) if (cmd === '') cctx.trap(sig, 'ignore');
      if (ignoreInt) {
        cctx.trap(2, 'ignore');
        cctx.trap(3, 'ignore');
      }
      return child.runAsProcess(body);
    };
    return this.spawn({
      program,
      argv: [...this.ctx.proc.argv],
      env: { ...this.ctx.env },
      cwd: this.cwd,
      uid: this.ctx.proc.uid,
      gid: this.ctx.proc.gid,
      stdin: child.fds.reader(0),
      stdout: child.fds.writer(1),
      stderr: child.fds.writer(2),
      tty: this.ctx.tty && child.fds.reader(0) === this.ctx.stdin && child.fds.writer(1) === this.ctx.stdout,
      rss: this.flavour.rss,
    });
  }

  /** The body of a process (a subshell, or the shell itself): control flow to an exit status, EXIT trap included. */
  async runAsProcess(body: (sh: Shell) => Promise<number>): Promise<number> {
    let status: number;
    try {
      status = await body(this);
    } catch (e) {
      if (e instanceof Execed) return e.status;
      if (e instanceof ExitShell || e instanceof Abort || e instanceof ReturnFrom) status = e.status;
      else if (e instanceof BreakLoop || e instanceof ContinueLoop) status = this.status;
      else throw e;
    }
    return this.exitTrap(status);
  }

  async exitTrap(status: number): Promise<number> {
    const cmd = this.traps.get(0);
    if (!cmd) return status;
    this.traps.delete(0);
    this.status = status;
    try {
      await ev().evalString(this, cmd, { exitLast: false });
    } catch (e) {
      if (e instanceof ExitShell) return e.status;
      if (e instanceof Execed) return e.status;
      if (!isControl(e)) throw e;
    }
    return status;
  }

  // ---- signals and traps ----

  /** Install the kernel-level disposition for a trapped signal. */
  applyTrap(sig: number): void {
    if (sig === 0) return;
    const cmd = this.traps.get(sig);
    if (cmd === undefined) {
      if (this.interactive && (sig === 15 || sig === 3)) this.ctx.trap(sig, 'ignore');
      else if (this.interactive && sig === 2) this.ctx.trap(sig, () => this.onInterrupt());
      else this.ctx.trap(sig, 'default');
    } else if (cmd === '') this.ctx.trap(sig, 'ignore');
    else
      this.ctx.trap(sig, () => {
        // a trap runs when the shell is between commands, as real shells run them
        if (!this.pending.includes(sig)) this.pending.push(sig);
        this.wakeUp(sig);
      });
  }

  /** SIGINT of an interactive shell: the foreground job gets it (the tty would send it to its process group). */
  private onInterrupt(): void {
    if (this.fg.length > 0) {
      // the whole foreground job: its processes and what they started
      const all = new Set<Process<Sys>>();
      const add = (p: Process<Sys>) => {
        if (all.has(p)) return;
        all.add(p);
        for (const c of p.children) add(c);
      };
      for (const p of this.fg) add(p);
      for (const p of all) this.ctx.kernel.signal(p, 2, this.ctx.proc);
    } else {
      this.interruptedAt = (this.interruptedAt ?? 0) + 1;
      this.wakeUp(2);
    }
  }

  /** Counts SIGINTs that arrived at the prompt. */
  interruptedAt?: number;

  wakeUp(sig: number): void {
    for (const w of [...this.wakers]) w(sig);
  }

  /** A promise that settles with the signal's number when a trapped signal (or an interactive SIGINT) arrives. */
  wakeSignal(): { promise: Promise<{ wokenBy: number }>; cancel: () => void } {
    let cancel = () => undefined as void;
    const promise = new Promise<{ wokenBy: number }>((resolve) => {
      const w = (signal: number) => resolve({ wokenBy: signal });
      this.wakers.add(w);
      cancel = () => void this.wakers.delete(w);
    });
    return { promise, cancel };
  }

  /** Run the traps of signals that arrived (dotrap): between commands, with $? kept. */
  async runTraps(): Promise<void> {
    if (this.inTrap) return;
    while (this.pending.length > 0) {
      const sig = this.pending.shift()!;
      const cmd = this.traps.get(sig);
      if (!cmd) continue;
      const saved = this.status;
      this.inTrap = true;
      try {
        await ev().evalString(this, cmd, { exitLast: false });
      } finally {
        this.inTrap = false;
      }
      this.status = saved;
    }
  }

  hasTraps(): boolean {
    for (const cmd of this.traps.values()) if (cmd !== '') return true;
    return false;
  }
}
