// Test harness for userland programs: a small machine (kernel on a virtual
// clock, an overlay root, a program table) and `run(argv)` that spawns a
// program through execve's lookup, drives the clock until it exits and
// returns what it wrote. Shared by the tool, procfs and shell tests.
import { VirtualClock } from '../../../src/core/clock';
import { buildLayer, OverlayMount, type Layer, type LayerSpec } from '../../../src/core/fs';
import { Cgroup, type CgroupLimits } from '../../../src/core/kernel/cgroup';
import { NetNamespace, NetworkStack } from '../../../src/core/kernel/network';
import { Kernel, type ExitStatus, type PidNamespace, type Process } from '../../../src/core/kernel/process';
import { Pipe, type Readable } from '../../../src/core/kernel/stream';
import { seededRandom } from '../../../src/core/random';
import { resolveExec } from '../../../src/core/userland/exec';
import { ProgramTable, type HostInfo, type ProgramSpec, type Sys } from '../../../src/core/userland/types';

/** 2026-11-27 21:21:03 UTC, the moment of the recorded transcripts. */
export const T0 = Date.UTC(2026, 10, 27, 21, 21, 3);

export const TEST_HOST: HostInfo = {
  kernelRelease: '6.8.0-49-generic',
  kernelVersion: '#49-Ubuntu SMP PREEMPT_DYNAMIC Mon Nov  4 02:06:24 UTC 2024',
  machine: 'x86_64',
  memTotal: 25_264_812_032,
  cpus: 2,
  bootTime: T0 - 3 * 3600_000 - 17 * 60_000,
};

export interface MachineOptions {
  /** Lower layers (image), base first; `files` adds one more on top. */
  layers?: Layer[];
  files?: LayerSpec;
  programs?: ProgramSpec[];
  hostname?: string;
  host?: Partial<HostInfo>;
  /** Give processes a container's cgroup with these limits. */
  limits?: CgroupLimits;
  /** Run processes in a fresh PID namespace (a container) instead of the root one. */
  container?: boolean;
  /** First host PID (containers' processes have big host PIDs). */
  firstPid?: number;
  now?: number;
  /** Extra Sys members (a mount provider, …). */
  sys?: Record<string, unknown>;
}

export interface RunOptions {
  env?: Record<string, string>;
  cwd?: string;
  uid?: number;
  gid?: number;
  tty?: boolean;
  stdin?: string | Readable;
  /** Stop driving the clock after this much simulated time (a `tail -f`, `yes`). */
  maxMs?: number;
  parent?: Process<Sys>;
}

export interface RunResult {
  stdout: string;
  stderr: string;
  code: number;
  status: ExitStatus;
}

export const flush = () => new Promise<void>((r) => setTimeout(r, 0));

const DEFAULT_ENV = { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', HOME: '/root' };

export class Machine {
  readonly clock: VirtualClock;
  readonly kernel: Kernel<Sys>;
  readonly fs: OverlayMount;
  readonly sys: Sys;
  readonly programs: ProgramTable;
  readonly cgroup: Cgroup | undefined;
  readonly pidns: PidNamespace;
  /** The container's PID 1 once started with `init()`. */
  initProc: Process<Sys> | undefined;

  constructor(opts: MachineOptions = {}) {
    this.clock = new VirtualClock(opts.now ?? T0);
    this.kernel = new Kernel<Sys>(this.clock, opts.firstPid ?? 1);
    const layers = [...(opts.layers ?? [])];
    if (opts.files) layers.push(buildLayer(opts.files, { mtime: T0 - 60_000 }));
    this.fs = new OverlayMount(layers, { clock: this.clock });
    this.programs = new ProgramTable().register(...(opts.programs ?? []));
    const host = { ...TEST_HOST, ...(opts.host ?? {}) };
    this.sys = {
      fs: this.fs,
      uts: { hostname: opts.hostname ?? '6dc22a59ab90' },
      net: new NetNamespace('test'),
      network: new NetworkStack(seededRandom(1)),
      host,
      programs: this.programs,
      ...(opts.sys ?? {}),
    } as Sys;
    this.cgroup = opts.limits || opts.container ? new Cgroup('/docker/6dc22a59ab90', opts.limits ?? {}, () => this.clock.now(), host.cpus) : undefined;
    this.pidns = opts.container ? this.kernel.newPidNamespace(this.kernel.root) : this.kernel.root;
  }

  /** Spawn argv as execve would find it; throws on a lookup failure (a test bug). */
  spawn(argv: string[], o: RunOptions = {}, stdout = new Pipe(), stderr = new Pipe()): Process<Sys> {
    const env = { ...DEFAULT_ENV, ...(o.env ?? {}) };
    const t = resolveExec(this.fs.as({ uid: o.uid ?? 0, gid: o.gid ?? 0, cwd: o.cwd ?? '/' }), argv, env, this.programs);
    if ('kind' in t) throw new Error(t.message);
    let stdin: Readable | undefined;
    if (typeof o.stdin === 'string') {
      const p = new Pipe();
      p.write(o.stdin);
      p.close();
      stdin = p;
    } else stdin = o.stdin;
    const proc = this.kernel.spawn({
      program: t.program.run,
      argv: t.argv,
      env,
      cwd: o.cwd ?? '/',
      uid: o.uid,
      gid: o.gid,
      ns: this.sys,
      parent: o.parent,
      pidns: o.parent ? undefined : this.pidns,
      cgroup: o.parent ? undefined : this.cgroup,
      stdin,
      stdout,
      stderr,
      tty: o.tty,
      rss: t.program.rss,
    });
    if (proc === 'EAGAIN') throw new Error('EAGAIN');
    return proc;
  }

  /** Start a long-running PID 1 (`sleep 3600` by default) so later runs are "docker exec"s. */
  init(argv = ['sleep', '3600']): Process<Sys> {
    this.initProc = this.spawn(argv);
    return this.initProc;
  }

  /** Run a program to its end (or until maxMs of simulated time), driving the virtual clock. */
  async run(argv: string[], o: RunOptions = {}): Promise<RunResult> {
    const out = new Pipe();
    const err = new Pipe();
    const proc = this.spawn(argv, o, out, err);
    await this.drive(proc, o.maxMs);
    if (proc.alive) this.kernel.signal(proc, 9);
    const status = await proc.exited;
    return { stdout: out.drain(), stderr: err.drain(), code: status.code, status };
  }

  /**
   * `a | b | c` as a shell wires it: each process's stdout is the next one's
   * stdin; a writer's exit closes its pipe (EOF), a reader's exit makes later
   * writes fail (EPIPE -> SIGPIPE). Returns every stage's exit status.
   */
  async pipeline(cmds: string[][], o: RunOptions = {}): Promise<{ stdout: string; stderr: string; statuses: ExitStatus[] }> {
    const err = new Pipe();
    const out = new Pipe();
    const procs: Process<Sys>[] = [];
    let stdin: string | Readable | undefined = o.stdin;
    cmds.forEach((argv, i) => {
      const last = i === cmds.length - 1;
      const pipe = last ? out : new Pipe();
      const proc = this.spawn(argv, { ...o, stdin }, pipe, err);
      if (!last) void proc.exited.then(() => pipe.close());
      if (i > 0) {
        const feeding = stdin as Pipe;
        void proc.exited.then(() => feeding.closeReader());
      }
      procs.push(proc);
      stdin = pipe;
    });
    const lastProc = procs[procs.length - 1];
    await this.drive(lastProc, o.maxMs);
    for (const p of procs) {
      await this.drive(p, 1000);
      if (p.alive) this.kernel.signal(p, 9);
    }
    const statuses = await Promise.all(procs.map((p) => p.exited));
    return { stdout: out.drain(), stderr: err.drain(), statuses };
  }

  /** Let a process run: flush microtasks, fire due timers, until it exits or maxMs passes. */
  async drive(proc: Process<Sys>, maxMs = 3_600_000): Promise<void> {
    const end = this.clock.now() + maxMs;
    for (let i = 0; i < 1_000_000 && proc.alive; i++) {
      await flush();
      if (!proc.alive) break;
      const due = this.clock.nextDue();
      if (due === undefined) {
        // nothing scheduled: give pending promises a few more turns, then stop
        await flush();
        await flush();
        if (this.clock.nextDue() === undefined) break;
        continue;
      }
      if (due > end) {
        this.clock.advance(end - this.clock.now());
        break;
      }
      this.clock.runNext();
    }
  }

  /** Advance simulated time, letting processes react. */
  async advance(ms: number): Promise<void> {
    const end = this.clock.now() + ms;
    for (;;) {
      await flush();
      const due = this.clock.nextDue();
      if (due === undefined || due > end) break;
      this.clock.runNext();
    }
    this.clock.advance(end - this.clock.now());
    await flush();
  }
}
