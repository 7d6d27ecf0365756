// Processes: one host PID table, nested PID namespaces (a container's PID 1 is
// its command), signals with Linux's rules (PID 1 ignores signals it has no
// handler for, except SIGKILL/SIGSTOP from an ancestor namespace), exit
// statuses (128+signal), and cgroup charging (pids.max makes fork fail with
// EAGAIN; exceeding memory.max OOM-kills). Programs are async functions; a
// killed process is finished at once and its pending waits reject with
// ProcessKilled, so a program never needs to cooperate to die.
import type { Clock } from '../clock';
import type { Cgroup } from './cgroup';
import { SIGKILL, SIGSTOP, defaultAction, type Signal } from './signals';
import { EMPTY, NULL_SINK, type Readable, type Writable } from './stream';

export interface ExitStatus {
  /** The exit code as a shell sees it: the program's code, or 128+signal. */
  code: number;
  /** Set when a signal ended the process. */
  signal?: Signal;
  /** Set when the OOM killer ended it. */
  oomKilled?: boolean;
}

/** Unwinds a program whose process has already ended. Never reaches a student. */
export class ProcessKilled extends Error {
  constructor() {
    super('process ended');
  }
}

/** Thrown by ctx.exit() to unwind the program. */
export class ProcessExit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

export interface PidNamespace {
  readonly id: number;
  readonly parent?: PidNamespace;
  nextPid: number;
  readonly members: Map<number, Process<unknown>>;
}

export type SignalHandler = (sig: Signal) => void | Promise<void>;
export type Disposition = SignalHandler | 'ignore' | 'default';

export type Program<NS> = (ctx: ProcessContext<NS>) => Promise<number>;

export interface SpawnOptions<NS> {
  program: Program<NS>;
  argv: string[];
  env?: Record<string, string>;
  cwd?: string;
  uid?: number;
  gid?: number;
  /** getgroups(2): the supplementary groups the runtime set up (inherited from the parent when not given). */
  groups?: readonly number[];
  /** The parent process; none for processes the runtime starts (a container's PID 1, the host's init). */
  parent?: Process<NS>;
  /** PID namespace to create the process in (defaults to the parent's). A new namespace makes it PID 1. */
  pidns?: PidNamespace;
  cgroup?: Cgroup;
  /** Whatever the programs see of the other namespaces: mount (files), uts (hostname), net. */
  ns: NS;
  stdin?: Readable;
  stdout?: Writable;
  stderr?: Writable;
  /** stdin/stdout are a terminal. */
  tty?: boolean;
  /** Resident memory the program needs to run at all (charged to the cgroup at start). */
  rss?: number;
}

export type SpawnError = 'EAGAIN';

export class Process<NS> {
  readonly startTime: number;
  state: 'running' | 'stopped' | 'exited' = 'running';
  status: ExitStatus | undefined;
  readonly exited: Promise<ExitStatus>;
  // signal dispositions, children and timers are made on first use: most processes
  // never trap a signal or fork, and a container's processes live as long as it runs
  private handlerMap: Map<Signal, SignalHandler | 'ignore'> | undefined;
  private childSet: Set<Process<NS>> | undefined;
  rss = 0;
  /** CPU-bound threads currently spinning. */
  spinning = 0;
  /** utime+stime in µs up to the last change of `spinning`, and the thread clock then. */
  private cpuBaseUsec = 0;
  private cpuMarkUsec = 0;
  env: Record<string, string>;
  cwd: string;
  private resolveExit!: (s: ExitStatus) => void;
  private killSwitch: Promise<never>;
  private rejectKill!: (e: Error) => void;
  private timers: Set<number> | undefined;

  constructor(
    readonly kernel: Kernel<NS>,
    readonly pid: number,
    readonly nsPid: number,
    readonly pidns: PidNamespace,
    public parent: Process<NS> | undefined,
    readonly argv: string[],
    opts: SpawnOptions<NS>,
  ) {
    this.startTime = kernel.clock.now();
    this.env = { ...(opts.env ?? {}) };
    this.cwd = opts.cwd ?? '/';
    this.exited = new Promise((r) => (this.resolveExit = r));
    this.killSwitch = new Promise<never>((_, rej) => (this.rejectKill = rej));
    // never let an unobserved rejection escape
    this.killSwitch.catch(() => undefined);
  }

  /** Signal dispositions other than the default. */
  get handlers(): Map<Signal, SignalHandler | 'ignore'> {
    return (this.handlerMap ??= new Map());
  }
  /** The disposition of one signal, undefined for the default (makes no table). */
  handlerOf(sig: Signal): SignalHandler | 'ignore' | undefined {
    return this.handlerMap?.get(sig);
  }
  get children(): Set<Process<NS>> {
    return (this.childSet ??= new Set());
  }
  /** @internal The children, if there ever were any (makes no set). */
  childrenIfAny(): Set<Process<NS>> | undefined {
    return this.childSet;
  }

  get uid(): number {
    return this.opts.uid ?? 0;
  }
  get gid(): number {
    return this.opts.gid ?? 0;
  }
  /** Supplementary groups, when the runtime (or an ancestor) set them. */
  get groups(): readonly number[] | undefined {
    return this.opts.groups;
  }
  get ns(): NS {
    return this.opts.ns;
  }
  get cgroup(): Cgroup | undefined {
    return this.opts.cgroup;
  }
  get opts(): SpawnOptions<NS> {
    return this.kernel.optionsOf(this);
  }
  /** The PID as seen from namespace `ns` (undefined when not visible there). */
  pidIn(ns: PidNamespace): number | undefined {
    for (const [n, p] of ns.members) if (p === this) return n;
    return undefined;
  }
  get ppid(): number {
    return this.parent?.pid ?? 0;
  }

  /** The CPU clock this process's threads run on: its cgroup's fair share, else a whole CPU each. */
  private threadClockUsec(): number {
    return this.cgroup?.threadUsageUsec() ?? this.kernel.clock.now() * 1000;
  }

  /** Cumulative CPU time (utime + stime) in µs: what `ps` shows as TIME, C and %CPU. */
  cpuUsageUsec(): number {
    if (this.spinning === 0) return this.cpuBaseUsec;
    return this.cpuBaseUsec + this.spinning * (this.threadClockUsec() - this.cpuMarkUsec);
  }

  /**
   * @internal The kernel calls this just before `spinning` changes, so the time so far
   * is kept at the old rate (the cgroup's thread clock is continuous across setBusy).
   */
  accountCpu(): void {
    this.cpuBaseUsec = this.cpuUsageUsec();
    this.cpuMarkUsec = this.threadClockUsec();
  }
  /** PPID as seen inside the process's own namespace: 0 when the parent is outside it. */
  get nsPpid(): number {
    return this.parent && this.parent.pidns === this.pidns ? this.parent.nsPid : 0;
  }
  get alive(): boolean {
    return this.state !== 'exited';
  }

  /** Resolve when p resolves, or reject with ProcessKilled when this process ends first. */
  guard<T>(p: Promise<T>): Promise<T> {
    if (!this.alive) return Promise.reject(new ProcessKilled());
    // a frozen cgroup (docker pause) holds every wake-up until it is thawed
    const cg = this.cgroup;
    const gated = cg ? p.then((v) => (cg.frozen ? cg.whenThawed().then(() => v) : v)) : p;
    return Promise.race([gated, this.killSwitch]);
  }

  /** Asleep until a timer fires (nanosleep): what ps shows as WCHAN hrtimer_nanosleep. */
  get onTimer(): boolean {
    return (this.timers?.size ?? 0) > 0;
  }
  /** @internal */
  addTimer(id: number): void {
    (this.timers ??= new Set()).add(id);
  }
  /** @internal */
  removeTimer(id: number): void {
    this.timers?.delete(id);
  }

  /** @internal called by the kernel exactly once. */
  finish(status: ExitStatus): void {
    this.state = 'exited';
    this.status = status;
    if (this.timers) for (const t of this.timers) this.kernel.clock.clearTimeout(t);
    this.timers = undefined;
    this.rejectKill(new ProcessKilled());
    this.resolveExit(status);
  }
}

export interface ProcessContext<NS> {
  readonly proc: Process<NS>;
  readonly kernel: Kernel<NS>;
  readonly argv: string[];
  readonly env: Record<string, string>;
  readonly ns: NS;
  readonly stdin: Readable;
  readonly stdout: Writable;
  readonly stderr: Writable;
  readonly tty: boolean;
  /** Wait on the world's clock. */
  sleep(ms: number): Promise<void>;
  /** Wait for anything, but wake up (by ProcessKilled) if the process ends. */
  wait<T>(p: Promise<T>): Promise<T>;
  /** The next chunk of stdin, or null at EOF. */
  read(): Promise<string | null>;
  trap(sig: Signal, disposition: Disposition): void;
  exit(code: number): never;
  spawn(opts: Omit<SpawnOptions<NS>, 'parent' | 'ns'> & { ns?: NS }): Process<NS> | SpawnError;
  /** Send a signal to a PID of this process's namespace. */
  kill(nsPid: number, sig: Signal): 'ESRCH' | 'EPERM' | undefined;
  /** Take memory; the OOM killer may end this process here. */
  alloc(bytes: number): void;
  free(bytes: number): void;
  /** Burn CPU: `cpuMs` of CPU time (throttled by cpu.max), or forever when omitted. */
  spin(cpuMs?: number): Promise<void>;
}

export interface KernelEvents<NS> {
  exit?: (p: Process<NS>, s: ExitStatus) => void;
  oom?: (cgroup: Cgroup, victim: Process<NS>) => void;
}

export class Kernel<NS> {
  readonly root: PidNamespace;
  readonly processes = new Map<number, Process<NS>>();
  private nextHostPid: number;
  private nsCount = 0;
  private options = new WeakMap<Process<NS>, SpawnOptions<NS>>();
  readonly listeners: KernelEvents<NS>[] = [];

  constructor(
    readonly clock: Clock,
    firstPid = 1,
  ) {
    this.root = this.newPidNamespace();
    this.nextHostPid = firstPid;
  }

  newPidNamespace(parent?: PidNamespace): PidNamespace {
    return { id: this.nsCount++, parent, nextPid: 1, members: new Map() };
  }

  /** @internal */
  optionsOf(p: Process<NS>): SpawnOptions<NS> {
    const o = this.options.get(p);
    if (!o) throw new Error('unknown process');
    return o;
  }

  on(l: KernelEvents<NS>): () => void {
    this.listeners.push(l);
    return () => this.listeners.splice(this.listeners.indexOf(l), 1);
  }

  spawn(opts: SpawnOptions<NS>): Process<NS> | SpawnError {
    const cg = opts.cgroup ?? opts.parent?.cgroup;
    if (cg && !cg.canFork()) return 'EAGAIN';
    const pidns = opts.pidns ?? opts.parent?.pidns ?? this.root;
    const hostPid = this.allocPid(this.root);
    // a PID in every namespace from the process's own up to the root
    let nsPid = hostPid;
    const entries: Array<[PidNamespace, number]> = [];
    for (let ns: PidNamespace | undefined = pidns; ns && ns !== this.root; ns = ns.parent) {
      const n = this.allocPid(ns);
      entries.push([ns, n]);
      if (ns === pidns) nsPid = n;
    }
    // every member named (not spread): options of one shape, whichever caller made them
    const o: SpawnOptions<NS> = {
      program: opts.program,
      argv: opts.argv,
      env: opts.env,
      cwd: opts.cwd,
      uid: opts.uid,
      gid: opts.gid,
      groups: opts.groups ?? opts.parent?.groups,
      parent: opts.parent,
      pidns,
      cgroup: cg,
      ns: opts.ns,
      stdin: opts.stdin,
      stdout: opts.stdout,
      stderr: opts.stderr,
      tty: opts.tty,
      rss: opts.rss,
    } satisfies Record<keyof SpawnOptions<NS>, unknown>;
    const p = new Process<NS>(this, hostPid, nsPid, pidns, opts.parent, opts.argv, o);
    this.options.set(p, o);
    this.root.members.set(hostPid, p as Process<unknown>);
    for (const [ns, n] of entries) ns.members.set(n, p as Process<unknown>);
    this.processes.set(hostPid, p);
    opts.parent?.children.add(p);
    if (cg) cg.pidsCurrent++;
    const rss = opts.rss ?? 0;
    if (rss > 0 && cg && !cg.tryCharge(rss)) {
      // not even enough memory to start: the OOM killer takes it at once
      void Promise.resolve().then(() => this.oomKill(cg, p, rss));
    } else {
      p.rss = rss;
    }
    this.run(p);
    return p;
  }

  private allocPid(ns: PidNamespace): number {
    if (ns === this.root) return this.nextHostPid++;
    return ns.nextPid++;
  }

  private run(p: Process<NS>): void {
    const ctx = this.contextFor(p);
    const o = this.optionsOf(p);
    Promise.resolve()
      .then(() => (p.alive ? o.program(ctx) : 0))
      .then(
        (code) => this.terminate(p, { code: code & 0xff }),
        (e: unknown) => this.unwound(p, e),
      );
  }

  private unwound(p: Process<NS>, e: unknown): void {
    if (e instanceof ProcessExit) this.terminate(p, { code: e.code & 0xff });
    else if (e instanceof ProcessKilled) this.terminate(p, p.status ?? { code: 137, signal: SIGKILL });
    else {
      // a bug of ours inside a program: say so briefly instead of hanging
      const msg = e instanceof Error ? e.message : String(e);
      this.optionsOf(p).stderr?.write(`stevedore: internal error in ${p.argv[0] ?? 'process'}: ${msg}\n`);
      this.terminate(p, { code: 70 });
    }
  }

  contextFor(p: Process<NS>): ProcessContext<NS> {
    const o = this.optionsOf(p);
    // the methods are shared by every context (no closures per process: a container's
    // processes live as long as it runs); they find the process through `this`, so a
    // context spread into a new one with other streams or argv keeps working
    return {
      proc: p,
      kernel: this,
      argv: p.argv,
      env: p.env,
      ns: o.ns,
      stdin: o.stdin ?? EMPTY,
      stdout: o.stdout ?? NULL_SINK,
      stderr: o.stderr ?? NULL_SINK,
      tty: o.tty ?? false,
      ...(CONTEXT_METHODS as ContextMethods<NS>),
    };
  }

  /**
   * Deliver a signal. `sender` undefined means the runtime or the host (an
   * ancestor namespace), which may SIGKILL a namespace's init.
   */
  signal(target: Process<NS>, sig: Signal, sender?: Process<NS>): void {
    if (!target.alive) return;
    const fromOutside = !sender || !isSameOrDescendant(sender.pidns, target.pidns);
    const isInit = target.nsPid === 1 && target.pidns !== this.root;
    if (sig === SIGKILL) {
      if (isInit && !fromOutside) return;
      this.terminate(target, { code: 128 + sig, signal: sig });
      return;
    }
    if (sig === SIGSTOP) {
      if (isInit && !fromOutside) return;
      target.state = 'stopped';
      return;
    }
    // a frozen task takes only SIGKILL now; other signals wait for the thaw
    const cg = target.cgroup;
    if (cg?.frozen) {
      void cg.whenThawed().then(() => this.signal(target, sig, sender));
      return;
    }
    const h = target.handlerOf(sig);
    if (h === 'ignore') return;
    if (h) {
      Promise.resolve()
        .then(() => h(sig))
        .catch((e: unknown) => this.unwound(target, e));
      return;
    }
    const action = defaultAction(sig);
    if (action === 'cont') {
      if (target.state === 'stopped') target.state = 'running';
      return;
    }
    if (action === 'ign') return;
    // PID 1 of a namespace ignores signals whose action is the default
    if (isInit) return;
    if (action === 'stop') {
      target.state = 'stopped';
      return;
    }
    this.terminate(target, { code: 128 + sig, signal: sig });
  }

  /** End a process now (no-op if it has ended already). */
  terminate(p: Process<NS>, status: ExitStatus): void {
    if (!p.alive) return;
    const cg = p.cgroup;
    p.accountCpu();
    if (cg) {
      cg.pidsCurrent = Math.max(0, cg.pidsCurrent - 1);
      cg.uncharge(p.rss);
      if (p.spinning) cg.setBusy(-p.spinning);
    }
    p.spinning = 0;
    p.rss = 0;
    p.finish(status);
    this.processes.delete(p.pid);
    for (let ns: PidNamespace | undefined = p.pidns; ns; ns = ns.parent) {
      for (const [n, q] of ns.members) if (q === p) ns.members.delete(n);
    }
    p.parent?.childrenIfAny()?.delete(p);
    // orphans are adopted by the namespace's init (or the host's)
    const init = p.pidns.members.get(1) as Process<NS> | undefined;
    const orphans = p.childrenIfAny();
    if (orphans) {
      for (const c of orphans) {
        c.parent = init && init !== p ? init : undefined;
        init?.children.add(c);
      }
      orphans.clear();
    }
    for (const l of [...this.listeners]) l.exit?.(p, status);
    // when a namespace's init dies, the kernel kills everything else in it
    if (p.nsPid === 1 && p.pidns !== this.root) {
      for (const q of [...p.pidns.members.values()]) {
        this.terminate(q as Process<NS>, { code: 128 + SIGKILL, signal: SIGKILL });
      }
    }
  }

  /** @internal ProcessContext.alloc */
  alloc(p: Process<NS>, bytes: number): void {
    if (!p.alive) throw new ProcessKilled();
    const cg = p.cgroup;
    if (!cg) {
      p.rss += bytes;
      return;
    }
    while (!cg.tryCharge(bytes)) {
      const victim = this.oomVictim(cg, p, bytes);
      this.oomKill(cg, victim, bytes);
      if (victim === p || !p.alive) throw new ProcessKilled();
    }
    p.rss += bytes;
  }

  private oomVictim(cg: Cgroup, p: Process<NS>, want: number): Process<NS> {
    let victim = p;
    let best = p.rss + want;
    for (const q of this.processes.values()) {
      if (q.cgroup === cg && q !== p && q.rss > best) {
        victim = q;
        best = q.rss;
      }
    }
    return victim;
  }

  private oomKill(cg: Cgroup, victim: Process<NS>, _want: number): void {
    cg.oomEvents++;
    cg.oomKillEvents++;
    for (const l of [...this.listeners]) l.oom?.(cg, victim);
    this.terminate(victim, { code: 128 + SIGKILL, signal: SIGKILL, oomKilled: true });
  }

  /** @internal ProcessContext.spin */
  async spin(p: Process<NS>, cpuMs?: number): Promise<void> {
    if (!p.alive) throw new ProcessKilled();
    const cg = p.cgroup;
    p.accountCpu();
    p.spinning++;
    cg?.setBusy(1);
    const stop = () => {
      if (!p.alive) return;
      p.accountCpu();
      p.spinning--;
      cg?.setBusy(-1);
    };
    if (cpuMs === undefined) {
      await p.guard(new Promise<never>(() => undefined));
      return;
    }
    // the share of a CPU this thread gets under cpu.max, taken when it starts
    const share = cg ? Math.min(1, cg.cpuRate() / Math.max(1, cg.busyThreads)) || 1 : 1;
    try {
      await p.guard(
        new Promise<void>((resolve) => {
          const id = this.clock.setTimeout(() => {
            p.removeTimer(id);
            resolve();
          }, cpuMs / share);
          p.addTimer(id);
        }),
      );
    } finally {
      stop();
    }
  }

  /** Processes whose cgroup is `cg`, in PID order (docker top). */
  inCgroup(cg: Cgroup): Process<NS>[] {
    return [...this.processes.values()].filter((p) => p.cgroup === cg).sort((a, b) => a.pid - b.pid);
  }
}

type ContextMethods<NS> = Pick<
  ProcessContext<NS>,
  'sleep' | 'wait' | 'read' | 'trap' | 'exit' | 'spawn' | 'kill' | 'alloc' | 'free' | 'spin'
>;

/** ProcessContext's methods, one set for every process. */
const CONTEXT_METHODS: ContextMethods<unknown> = {
  sleep(this: ProcessContext<unknown>, ms) {
    const p = this.proc;
    const clock = this.kernel.clock;
    return p.guard(
      new Promise<void>((resolve) => {
        const id = clock.setTimeout(() => {
          p.removeTimer(id);
          resolve();
        }, ms);
        p.addTimer(id);
      }),
    );
  },
  wait(this: ProcessContext<unknown>, x) {
    return this.proc.guard(x);
  },
  read(this: ProcessContext<unknown>) {
    return this.proc.guard(this.stdin.read());
  },
  trap(this: ProcessContext<unknown>, sig, d) {
    const p = this.proc;
    if (d !== 'default') p.handlers.set(sig, d);
    else if (p.handlerOf(sig) !== undefined) p.handlers.delete(sig);
  },
  exit(code) {
    throw new ProcessExit(code);
  },
  spawn(this: ProcessContext<unknown>, so) {
    const p = this.proc;
    return this.kernel.spawn({ ...so, ns: so.ns ?? this.ns, parent: p, pidns: so.pidns ?? p.pidns });
  },
  kill(this: ProcessContext<unknown>, nsPid, sig) {
    const p = this.proc;
    const target = p.pidns.members.get(nsPid) as Process<unknown> | undefined;
    if (!target || !target.alive) return 'ESRCH';
    if (p.uid !== 0 && target.uid !== p.uid) return 'EPERM';
    this.kernel.signal(target, sig, p);
    return undefined;
  },
  alloc(this: ProcessContext<unknown>, bytes) {
    this.kernel.alloc(this.proc, bytes);
  },
  free(this: ProcessContext<unknown>, bytes) {
    const p = this.proc;
    const n = Math.min(bytes, p.rss);
    p.rss -= n;
    p.cgroup?.uncharge(n);
  },
  spin(this: ProcessContext<unknown>, cpuMs) {
    return this.kernel.spin(this.proc, cpuMs);
  },
};

function isSameOrDescendant(ns: PidNamespace, of: PidNamespace): boolean {
  for (let n: PidNamespace | undefined = ns; n; n = n.parent) if (n === of) return true;
  return false;
}
