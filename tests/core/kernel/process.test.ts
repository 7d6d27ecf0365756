import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/core/clock';
import { Cgroup } from '../../../src/core/kernel/cgroup';
import { Kernel, type Process, type Program } from '../../../src/core/kernel/process';
import { SIGINT, SIGKILL, SIGTERM } from '../../../src/core/kernel/signals';
import { Pipe, readAll } from '../../../src/core/kernel/stream';

type NS = { name: string };
const flush = () => new Promise((r) => setTimeout(r, 0));

function setup(limits = {}) {
  const clock = new VirtualClock(0);
  const kernel = new Kernel<NS>(clock, 100);
  const cg = new Cgroup('/docker/abc', limits, () => clock.now(), 2);
  const pidns = kernel.newPidNamespace(kernel.root);
  return { clock, kernel, cg, pidns };
}

const sleeper: Program<NS> = async (ctx) => {
  await ctx.sleep(3_600_000);
  return 0;
};

function spawnOk(k: Kernel<NS>, o: Parameters<Kernel<NS>['spawn']>[0]): Process<NS> {
  const p = k.spawn(o);
  if (p === 'EAGAIN') throw new Error('unexpected EAGAIN');
  return p;
}

describe('PID namespaces', () => {
  it('makes the first process of a new namespace PID 1 with a host PID of its own', async () => {
    const { kernel, pidns, cg } = setup();
    const init = spawnOk(kernel, { program: sleeper, argv: ['sleep', '3600'], pidns, cgroup: cg, ns: { name: 'c' } });
    expect(init.nsPid).toBe(1);
    expect(init.pid).toBe(100);
    expect(init.pidIn(kernel.root)).toBe(100);
    const child = spawnOk(kernel, { program: sleeper, argv: ['sleep'], parent: init, ns: init.ns });
    expect(child.nsPid).toBe(2);
    expect(child.nsPpid).toBe(1);
    expect(child.pid).toBe(101);
    // a process joining from outside (docker exec) sees PPID 0
    const exec = spawnOk(kernel, { program: sleeper, argv: ['ps'], pidns, cgroup: cg, ns: init.ns });
    expect(exec.nsPid).toBe(3);
    expect(exec.nsPpid).toBe(0);
    expect(cg.pidsCurrent).toBe(3);
  });
});

describe('signals', () => {
  it('PID 1 ignores SIGTERM without a handler; SIGKILL from outside ends it with 137', async () => {
    const { kernel, pidns, cg } = setup();
    const init = spawnOk(kernel, { program: sleeper, argv: ['sleep'], pidns, cgroup: cg, ns: { name: 'c' } });
    kernel.signal(init, SIGTERM);
    await flush();
    expect(init.alive).toBe(true);
    kernel.signal(init, SIGKILL);
    expect(await init.exited).toEqual({ code: 137, signal: SIGKILL });
    expect(cg.pidsCurrent).toBe(0);
  });

  it('a trap handler runs and can exit with its own code', async () => {
    const { kernel, pidns, clock } = setup();
    const out = new Pipe();
    const trapper: Program<NS> = async (ctx) => {
      ctx.trap(SIGTERM, () => {
        ctx.stdout.write('caught SIGTERM\n');
        ctx.exit(0);
      });
      for (;;) await ctx.sleep(1000);
    };
    const p = spawnOk(kernel, { program: trapper, argv: ['sh'], pidns, stdout: out, ns: { name: 'c' } });
    await flush();
    clock.advance(2500);
    kernel.signal(p, SIGTERM);
    expect(await p.exited).toEqual({ code: 0 });
    out.close();
    expect(await readAll(out)).toBe('caught SIGTERM\n');
    expect(clock.pending()).toBe(0);
  });

  it('an ordinary process dies of SIGTERM (143) and SIGINT (130)', async () => {
    const { kernel } = setup();
    const a = spawnOk(kernel, { program: sleeper, argv: ['a'], ns: { name: 'h' } });
    const b = spawnOk(kernel, { program: sleeper, argv: ['b'], ns: { name: 'h' } });
    kernel.signal(a, SIGTERM);
    kernel.signal(b, SIGINT);
    expect((await a.exited).code).toBe(143);
    expect((await b.exited).code).toBe(130);
  });

  it('PID 1 cannot be SIGKILLed from inside its own namespace', async () => {
    const { kernel, pidns } = setup();
    const init = spawnOk(kernel, { program: sleeper, argv: ['init'], pidns, ns: { name: 'c' } });
    let result: string | undefined = 'unset';
    const killer: Program<NS> = async (ctx) => {
      result = ctx.kill(1, SIGKILL);
      return 0;
    };
    const k = spawnOk(kernel, { program: killer, argv: ['kill'], parent: init, ns: init.ns });
    await k.exited;
    expect(result).toBeUndefined();
    expect(init.alive).toBe(true);
  });

  it('when PID 1 exits, every other process of its namespace is killed', async () => {
    const { kernel, pidns } = setup();
    const init: Program<NS> = async (ctx) => {
      ctx.spawn({ program: sleeper, argv: ['sleep', '100'] });
      await ctx.sleep(10);
      return 3;
    };
    const p = spawnOk(kernel, { program: init, argv: ['sh'], pidns, ns: { name: 'c' } });
    await flush();
    const child = [...kernel.processes.values()].find((q) => q.argv[0] === 'sleep');
    expect(child?.nsPid).toBe(2);
    (kernel.clock as VirtualClock).advance(10);
    expect(await p.exited).toEqual({ code: 3 });
    expect(await child!.exited).toEqual({ code: 137, signal: SIGKILL });
    expect(kernel.processes.size).toBe(0);
  });
});

describe('cgroup limits', () => {
  it('pids.max makes fork fail with EAGAIN', async () => {
    const { kernel, pidns, cg } = setup({ pidsMax: 2 });
    const results: string[] = [];
    const sh: Program<NS> = async (ctx) => {
      for (let i = 0; i < 3; i++) {
        const c = ctx.spawn({ program: sleeper, argv: ['sleep'] });
        results.push(c === 'EAGAIN' ? 'EAGAIN' : `pid ${c.nsPid}`);
      }
      return 2;
    };
    const p = spawnOk(kernel, { program: sh, argv: ['sh'], pidns, cgroup: cg, ns: { name: 'c' } });
    await p.exited;
    expect(results).toEqual(['pid 2', 'EAGAIN', 'EAGAIN']);
  });

  it('exceeding memory.max OOM-kills the biggest process (137, oomKilled) and counts the event', async () => {
    const { kernel, pidns, cg } = setup({ memoryMax: 8 * 1024 * 1024 });
    const ooms: string[] = [];
    kernel.on({ oom: (_c, v) => ooms.push(v.argv[0]) });
    const tail: Program<NS> = async (ctx) => {
      for (;;) {
        ctx.alloc(1024 * 1024);
        await ctx.sleep(1);
      }
    };
    const p = spawnOk(kernel, { program: tail, argv: ['tail', '/dev/zero'], pidns, cgroup: cg, ns: { name: 'c' }, rss: 512 * 1024 });
    for (let i = 0; i < 20; i++) {
      await flush();
      (kernel.clock as VirtualClock).advance(1);
    }
    expect(await p.exited).toEqual({ code: 137, signal: SIGKILL, oomKilled: true });
    expect(ooms).toEqual(['tail']);
    expect(cg.files()['memory.events']).toContain('oom_kill 1');
    expect(cg.memoryCurrent).toBe(0);
  });

  it('a child OOM-killed leaves PID 1 running and able to report 137', async () => {
    const { kernel, pidns, cg } = setup({ memoryMax: 8 * 1024 * 1024 });
    const out = new Pipe();
    const hog: Program<NS> = async (ctx) => {
      ctx.alloc(100 * 1024 * 1024);
      return 0;
    };
    const sh: Program<NS> = async (ctx) => {
      const c = ctx.spawn({ program: hog, argv: ['tail'] });
      if (c === 'EAGAIN') return 2;
      const st = await ctx.wait(c.exited);
      ctx.stdout.write(`pipeline exit: ${st.code}\n`);
      return 0;
    };
    const p = spawnOk(kernel, { program: sh, argv: ['sh'], pidns, cgroup: cg, ns: { name: 'c' }, stdout: out });
    expect(await p.exited).toEqual({ code: 0 });
    out.close();
    expect(await readAll(out)).toBe('pipeline exit: 137\n');
    expect(cg.oomKillEvents).toBe(1);
  });

  it('cpu.max caps a busy program: 0.5 CPUs means half the CPU time', async () => {
    const { kernel, pidns, cg, clock } = setup({ cpuQuota: 50000, cpuPeriod: 100000 });
    const busy: Program<NS> = async (ctx) => {
      await ctx.spin(1000);
      return 0;
    };
    const p = spawnOk(kernel, { program: busy, argv: ['python3'], pidns, cgroup: cg, ns: { name: 'c' } });
    await flush();
    clock.advance(1000);
    await flush();
    expect(p.alive).toBe(true);
    expect(cg.cpuUsageUsec()).toBe(500_000);
    clock.advance(1000);
    expect(await p.exited).toEqual({ code: 0 });
    expect(cg.cpuUsageUsec()).toBe(1_000_000);
    expect(cg.files()['cpu.max']).toBe('50000 100000\n');
  });
});
