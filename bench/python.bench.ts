// Interpreter figures: simple loop iterations and Python function calls per
// second of real time, and the start-up cost of `python3 -c pass` (spawn,
// sys, builtins). The simulated CPU cost of a step is separate (STEP_MICROS).
import { VirtualClock } from '../src/core/clock';
import { buildLayer, gen, OverlayMount } from '../src/core/fs';
import { Kernel } from '../src/core/kernel/process';
import { NetNamespace, NetworkStack } from '../src/core/kernel/network';
import { Pipe } from '../src/core/kernel/stream';
import { seededRandom } from '../src/core/random';
import { pythonPrograms } from '../src/core/userland/python';
import { ProgramTable, type Sys } from '../src/core/userland/types';
import type { BenchRow, BenchSuite } from './types';
import { median } from './types';

const tick = () => new Promise<void>((r) => setImmediate(r));

async function run(code: string): Promise<number> {
  const clock = new VirtualClock(Date.UTC(2026, 10, 27));
  const kernel = new Kernel<Sys>(clock, 1);
  const fs = new OverlayMount([
    buildLayer({
      '/usr/local/bin/python3.13': { content: gen(16_008, 'py'), mode: 0o755 },
      '/tmp': { dir: true },
    }),
  ]);
  const programs = new ProgramTable().register(...pythonPrograms());
  const sys: Sys = {
    fs,
    uts: { hostname: 'bench' },
    net: new NetNamespace('b'),
    network: new NetworkStack(seededRandom(1)),
    host: {
      kernelRelease: '6.8.0',
      kernelVersion: '#1',
      machine: 'x86_64',
      memTotal: 8e9,
      cpus: 4,
      bootTime: 0,
    },
    programs,
  };
  const t0 = performance.now();
  const proc = kernel.spawn({
    program: programs.get('python3.13')!.run,
    argv: ['python3', '-c', code],
    env: { PATH: '/usr/local/bin' },
    ns: sys,
    stdout: new Pipe(),
    stderr: new Pipe(),
  });
  if (proc === 'EAGAIN') throw new Error('EAGAIN');
  while (proc.alive) {
    await tick();
    if (!clock.runNext()) await tick();
  }
  return performance.now() - t0;
}

export const suite: BenchSuite = async () => {
  const rows: BenchRow[] = [];
  const times = async (code: string, n = 3) => {
    const ms: number[] = [];
    for (let i = 0; i < n; i++) ms.push(await run(code));
    return median(ms);
  };
  const start = await times('pass', 5);
  rows.push({ name: 'python3 -c pass (real time)', value: start, unit: 'ms' });
  const loop = await times('x = 0\nfor i in range(100000):\n    x += i * 2');
  rows.push({
    name: 'python loop iterations (x += i * 2)',
    value: Math.round(100_000 / ((loop - start) / 1000)),
    unit: '/s',
  });
  const calls = await times('def f(n):\n    return n + 1\nfor i in range(20000):\n    f(i)');
  rows.push({
    name: 'python function calls',
    value: Math.round(20_000 / ((calls - start) / 1000)),
    unit: '/s',
  });
  return rows;
};
