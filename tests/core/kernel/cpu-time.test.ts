// Per-process CPU accounting (utime+stime) under the cgroup's CPU share, and the
// columns procps derives from it: C, %CPU, TIME ([dd-]hh:mm:ss) and BSD TIME.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/core/clock';
import { Cgroup } from '../../../src/core/kernel/cgroup';
import { cpuTicks, psBsdTime, psC, psPcpu, psTime, topTime } from '../../../src/core/kernel/cpu-time';
import { Kernel, type Process, type Program } from '../../../src/core/kernel/process';
import { SIGKILL } from '../../../src/core/kernel/signals';

type NS = { name: string };
const flush = () => new Promise((r) => setTimeout(r, 0));

function setup(limits = {}, hostCpus = 2) {
  const clock = new VirtualClock(0);
  const kernel = new Kernel<NS>(clock, 100);
  const cg = new Cgroup('/system.slice/docker-x.scope', limits, () => clock.now(), hostCpus);
  const pidns = kernel.newPidNamespace(kernel.root);
  const spawn = (program: Program<NS>, cgroup: Cgroup | undefined = cg): Process<NS> => {
    const p = kernel.spawn({ program, argv: ['x'], pidns, cgroup, ns: { name: 'c' } });
    if (p === 'EAGAIN') throw new Error('EAGAIN');
    return p;
  };
  return { clock, kernel, cg, spawn };
}

const busy: Program<NS> = async (ctx) => {
  await ctx.spin();
  return 0;
};
const idle: Program<NS> = async (ctx) => {
  await ctx.sleep(3_600_000);
  return 0;
};

describe('per-process CPU time', () => {
  it('a busy loop runs on a whole CPU: C caps at 99, %CPU 100, TIME grows; a sleeper shows 0 and 00:00:00', async () => {
    const { clock, spawn } = setup();
    const p = spawn(busy);
    const s = spawn(idle);
    await flush();
    clock.advance(65_000);
    expect(p.cpuUsageUsec()).toBe(65_000_000);
    expect([psC(p, clock.now()), psPcpu(p, clock.now()), psTime(p), psBsdTime(p)]).toEqual([
      '99',
      '100',
      '00:01:05',
      '  1:05',
    ]);
    expect([psC(s, clock.now()), psPcpu(s, clock.now()), psTime(s), psBsdTime(s)]).toEqual([
      '0',
      '0.0',
      '00:00:00',
      '  0:00',
    ]);
  });

  it('--cpus 0.5 (cpu.max 50000 100000): C 50 and half the wall time', async () => {
    const { clock, spawn } = setup({ cpuQuota: 50_000, cpuPeriod: 100_000 });
    const p = spawn(busy);
    await flush();
    clock.advance(10_000);
    expect(p.cpuUsageUsec()).toBe(5_000_000);
    expect(psC(p, clock.now())).toBe('50');
    expect(psPcpu(p, clock.now())).toBe('50.0');
    expect(psTime(p)).toBe('00:00:05');
  });

  it('busy threads share the cgroup fairly; the share changes when one stops', async () => {
    const { clock, kernel, spawn } = setup({ cpuQuota: 100_000, cpuPeriod: 100_000 });
    const a = spawn(busy);
    const b = spawn(busy);
    await flush();
    clock.advance(4_000);
    expect([a.cpuUsageUsec(), b.cpuUsageUsec()]).toEqual([2_000_000, 2_000_000]);
    kernel.signal(b, SIGKILL);
    await flush();
    clock.advance(4_000);
    // a alone now gets the whole quota; b's time stays what it was at its death
    expect([a.cpuUsageUsec(), b.cpuUsageUsec()]).toEqual([6_000_000, 2_000_000]);
    expect(psC(a, clock.now())).toBe('75');
  });

  it('a frozen cgroup (docker pause) uses no CPU: the time stands still until thawed', async () => {
    const { clock, cg, spawn } = setup();
    const p = spawn(busy);
    await flush();
    clock.advance(2_000);
    cg.freeze();
    clock.advance(5_000);
    expect([p.cpuUsageUsec(), cg.cpuUsageUsec()]).toEqual([2_000_000, 2_000_000]);
    cg.thaw();
    clock.advance(1_000);
    expect([p.cpuUsageUsec(), cg.cpuUsageUsec()]).toEqual([3_000_000, 3_000_000]);
    expect(psC(p, clock.now())).toBe('37');
  });

  it('a process spinning for a while, then sleeping, keeps its time and its C falls', async () => {
    const { clock, spawn } = setup();
    const p = spawn(async (ctx) => {
      await ctx.spin(3_000);
      await ctx.sleep(3_600_000);
      return 0;
    });
    for (let i = 0; i < 5; i++) {
      await flush();
      clock.advance(1_000);
    }
    await flush();
    clock.advance(7_000);
    expect(p.cpuUsageUsec()).toBe(3_000_000);
    expect(psC(p, clock.now())).toBe('25');
    expect(psPcpu(p, clock.now())).toBe('25.0');
  });

  it('TIME shows days past 24 hours; a host process without a cgroup has a CPU of its own', async () => {
    const { clock, spawn } = setup();
    const p = spawn(busy, undefined);
    await flush();
    clock.advance(90_061_000);
    expect(psTime(p)).toBe('1-01:01:01');
    expect(psBsdTime(p)).toBe('1501:01');
    expect(topTime(p)).toBe('1501:01.00');
  });

  it("top's TIME+ counts minutes, seconds and hundredths", async () => {
    const { clock, spawn } = setup();
    const p = spawn(busy, undefined);
    const s = spawn(idle, undefined);
    await flush();
    clock.advance(75_430);
    expect(topTime(p)).toBe('1:15.43');
    expect(topTime(s)).toBe('0:00.00');
  });

  it('property: CPU time never exceeds the wall time times the cgroup rate, and never goes down', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 5_000 })), {
          minLength: 1,
          maxLength: 12,
        }),
        async (steps) => {
          const { clock, kernel, spawn } = setup({ cpuQuota: 150_000, cpuPeriod: 100_000 });
          const procs: Process<NS>[] = [];
          let last = new Map<Process<NS>, number>();
          const t0 = clock.now();
          for (const [op, ms] of steps) {
            if (op === 0 || procs.length === 0) procs.push(spawn(busy));
            else if (op === 1) procs.push(spawn(idle));
            else if (op === 2) kernel.signal(procs[ms % procs.length], SIGKILL);
            await flush();
            clock.advance(ms);
            const total = procs.reduce((n, p) => n + p.cpuUsageUsec(), 0);
            expect(total).toBeLessThanOrEqual(1.5 * (clock.now() - t0) * 1000 + 1e-3);
            for (const p of procs) {
              expect(p.cpuUsageUsec()).toBeGreaterThanOrEqual((last.get(p) ?? 0) - 1e-3);
              expect(cpuTicks(p)).toBeLessThanOrEqual(Math.floor((clock.now() - p.startTime) / 10) + 1);
            }
            last = new Map(procs.map((p) => [p, p.cpuUsageUsec()]));
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
