// A cgroup v2 leaf per container: the limits `docker run` sets (memory.max,
// memory.swap.max, cpu.max, pids.max) and live accounting fed by what the
// processes do. It is the source of `docker stats` and of the files under
// /sys/fs/cgroup inside a container (reference §8).

export interface CgroupLimits {
  /** Bytes; undefined = "max". */
  memoryMax?: number;
  /** memory.swap.max in bytes (runc writes memorySwap - memory); undefined = "max". */
  memorySwapMax?: number;
  /** cpu.max quota in µs per period; undefined = "max". */
  cpuQuota?: number;
  /** cpu.max period in µs (100000 by default). */
  cpuPeriod?: number;
  /** undefined = "max". */
  pidsMax?: number;
}

export class Cgroup {
  limits: CgroupLimits;
  /** Bytes charged by processes (their resident memory). */
  memoryCurrent = 0;
  pidsCurrent = 0;
  /** memory.events counters. */
  oomEvents = 0;
  oomKillEvents = 0;
  /** io.stat totals, bytes. */
  ioRead = 0;
  ioWrite = 0;
  /** Interface counters, bytes. */
  netRx = 0;
  netTx = 0;

  // CPU usage is piecewise linear in time: usage(t) = cpuBase + rate * (t - since).
  private cpuBaseUsec = 0;
  private cpuSince: number;
  private busy = 0;
  // what one busy thread has had since the cgroup was made: the CFS fair share, rate / busy
  private threadBaseUsec = 0;

  constructor(
    readonly path: string,
    limits: CgroupLimits,
    private readonly now: () => number,
    /** Online CPUs of the host: a cgroup can use at most this many. */
    private readonly hostCpus: number,
  ) {
    this.limits = { ...limits };
    this.cpuSince = now();
  }

  /** CPUs this cgroup may use at once: min(busy threads, quota/period, host CPUs); none while frozen. */
  cpuRate(): number {
    if (this.frozen) return 0;
    const cap = this.limits.cpuQuota !== undefined ? this.limits.cpuQuota / (this.limits.cpuPeriod ?? 100000) : Infinity;
    return Math.min(this.busy, cap, this.hostCpus);
  }

  /** Cumulative CPU time in µs (cpu.stat usage_usec). */
  cpuUsageUsec(): number {
    return this.cpuBaseUsec + this.cpuRate() * (this.now() - this.cpuSince) * 1000;
  }

  /**
   * CPU time in µs one thread that was busy all along would have had: the
   * cgroup's threads share its rate equally, so a process's own CPU time
   * grows by (its busy threads) × (the growth of this clock).
   */
  threadUsageUsec(): number {
    if (this.busy === 0) return this.threadBaseUsec;
    return this.threadBaseUsec + (this.cpuRate() / this.busy) * (this.now() - this.cpuSince) * 1000;
  }

  get busyThreads(): number {
    return this.busy;
  }

  /** A thread starts (delta 1) or stops (delta -1) spinning on the CPU. */
  setBusy(delta: number): void {
    this.checkpoint();
    this.busy = Math.max(0, this.busy + delta);
  }

  /** Keep the usage so far before the rate changes. */
  private checkpoint(): void {
    this.cpuBaseUsec = this.cpuUsageUsec();
    this.threadBaseUsec = this.threadUsageUsec();
    this.cpuSince = this.now();
  }

  /** Charge memory. Returns false when the charge would exceed memory.max (the caller OOM-kills). */
  tryCharge(bytes: number): boolean {
    const max = this.limits.memoryMax;
    if (max !== undefined && this.memoryCurrent + bytes > max) return false;
    this.memoryCurrent += bytes;
    return true;
  }

  uncharge(bytes: number): void {
    this.memoryCurrent = Math.max(0, this.memoryCurrent - bytes);
  }

  /** cgroup.freeze (docker pause): processes make no progress until thawed. */
  get frozen(): boolean {
    return this.thawWaiters !== undefined;
  }

  private thawWaiters: Array<() => void> | undefined;

  freeze(): void {
    this.checkpoint();
    this.thawWaiters ??= [];
  }

  thaw(): void {
    this.checkpoint();
    const w = this.thawWaiters;
    this.thawWaiters = undefined;
    for (const f of w ?? []) f();
  }

  /** Resolves at once unless frozen, else when thawed. */
  whenThawed(): Promise<void> {
    const w = this.thawWaiters;
    return w ? new Promise((r) => w.push(r)) : Promise.resolve();
  }

  /** Whether one more process may be created (pids.max). */
  canFork(): boolean {
    return this.limits.pidsMax === undefined || this.pidsCurrent < this.limits.pidsMax;
  }

  /** The interface files as the container sees them under /sys/fs/cgroup. */
  files(): Record<string, string> {
    const max = (v: number | undefined) => (v === undefined ? 'max' : String(v));
    const usage = Math.floor(this.cpuUsageUsec());
    return {
      'memory.max': `${max(this.limits.memoryMax)}\n`,
      'memory.current': `${this.memoryCurrent}\n`,
      'memory.swap.max': `${max(this.limits.memorySwapMax)}\n`,
      'memory.events': `low 0\nhigh 0\nmax ${this.oomEvents}\noom ${this.oomEvents}\noom_kill ${this.oomKillEvents}\noom_group_kill 0\n`,
      'cpu.max': `${max(this.limits.cpuQuota)} ${this.limits.cpuPeriod ?? 100000}\n`,
      'cpu.stat': `usage_usec ${usage}\nuser_usec ${Math.floor(usage * 0.8)}\nsystem_usec ${usage - Math.floor(usage * 0.8)}\n`,
      'pids.max': `${max(this.limits.pidsMax)}\n`,
      'pids.current': `${this.pidsCurrent}\n`,
      'cgroup.controllers': 'cpuset cpu io memory hugetlb pids rdma misc\n',
    };
  }
}
