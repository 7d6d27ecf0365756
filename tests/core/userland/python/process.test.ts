// python3 as a process: its command line, stdout buffering (the empty
// `docker logs` of a detached server), signals as PID 1 and not, memory
// charged to the cgroup (OOM kill under -m), CPU time under --cpus, the
// clock for time.sleep, and honest refusals for what is not simulated.
import { describe, expect, it } from 'vitest';
import { gen } from '../../../../src/core/fs';
import { Pipe } from '../../../../src/core/kernel/stream';
import { SIGINT, SIGKILL, SIGTERM } from '../../../../src/core/kernel/signals';
import { pythonPrograms } from '../../../../src/core/userland/python';
import { packagePrograms } from '../../../../src/core/userland/packages';
import { toolPrograms } from '../../../../src/core/userland/tools';
import { Machine } from '../harness';
import { pythonImage } from './image';

const MiB = 1024 * 1024;
const machine = (o: ConstructorParameters<typeof Machine>[0] = {}) =>
  new Machine({ files: pythonImage(), programs: pythonPrograms(), ...o });

describe('the command line', () => {
  it('prints the version (-V, --version, -VV)', async () => {
    const m = machine();
    expect((await m.run(['python3', '--version'])).stdout).toBe('Python 3.13.5\n');
    expect((await m.run(['python', '-V'])).stdout).toBe('Python 3.13.5\n');
    expect((await m.run(['python3', '-VV'])).stdout).toBe(
      'Python 3.13.5 (main, Jun 10 2025, 23:12:46) [GCC 12.2.0]\n',
    );
    // the binary's version, whatever the environment says (transcript 08)
    expect((await m.run(['python3', '--version'], { env: { PYTHON_VERSION: 'overridden' } })).stdout).toBe(
      'Python 3.13.5\n',
    );
  });

  it('reports usage errors with exit 2', async () => {
    const m = machine();
    const usage =
      "usage: python3 [option] ... [-c cmd | -m mod | file | -] [arg] ...\nTry `python -h' for more information.\n";
    expect(await m.run(['python3', '-z'])).toMatchObject({ stderr: `Unknown option: -z\n${usage}`, code: 2 });
    expect(await m.run(['python3', '-c'])).toMatchObject({
      stderr: `Argument expected for the -c option\n${usage}`,
      code: 2,
    });
  });

  it("can't open a missing script (transcript 07), or a directory without __main__", async () => {
    const m = machine();
    expect(await m.run(['python3', '/app/missing.py'])).toMatchObject({
      stderr: "python3: can't open file '/app/missing.py': [Errno 2] No such file or directory\n",
      code: 2,
    });
    expect(await m.run(['python3', 'nope.py'], { cwd: '/tmp' })).toMatchObject({
      stderr: "python3: can't open file '/tmp/nope.py': [Errno 2] No such file or directory\n",
      code: 2,
    });
    expect(await m.run(['python3', '/tmp'])).toMatchObject({
      stderr: "python3: can't find '__main__' module in '/tmp'\n",
      code: 1,
    });
    expect(await m.run(['python3', '-m', 'nosuch'])).toMatchObject({
      stderr: 'python3: No module named nosuch\n',
      code: 1,
    });
  });

  it('exits with sys.exit codes (transcript 07)', async () => {
    expect((await machine().run(['python3', '-c', 'import sys; sys.exit(4)'])).code).toBe(4);
  });

  it('imports only what sys.path holds, and says plainly what it does not simulate', async () => {
    const m = machine();
    expect(await m.run(['python3', '-c', 'import csv'])).toMatchObject({
      stderr:
        "python3: Stevedore's python does not simulate the module 'csv' (/usr/local/lib/python3.13/csv.py) (<string>, line 1)\n",
      code: 1,
    });
    expect((await m.run(['python3', '-c', 'z = 1j'])).stderr).toBe(
      "python3: Stevedore's python does not simulate complex numbers (<string>, line 1)\n",
    );
    // try/except cannot swallow it: no silent wrong answers
    expect(
      (await m.run(['python3', '-c', 'try:\n    import csv\nexcept Exception:\n    print("fine")'])).stdout,
    ).toBe('');
    // without the stdlib file, even a native module is gone
    const bare = new Machine({
      files: pythonImage({ '/usr/local/lib/python3.13/json/__init__.py': { dir: true } as never }),
      programs: pythonPrograms(),
    });
    void bare;
  });

  it("runs the student's own modules next to the script", async () => {
    const m = new Machine({
      files: pythonImage({
        '/app/helpers.py': 'GREETING = "hi"\n\ndef shout(s):\n    return s.upper() + "!"\n',
        '/app/main.py': 'import helpers\nfrom helpers import shout\nprint(shout(helpers.GREETING))\n',
      }),
      programs: pythonPrograms(),
    });
    expect((await m.run(['python3', '/app/main.py'])).stdout).toBe('HI!\n');
  });

  it('hands pip scripts and -m pip to the pip program', async () => {
    const m = new Machine({ files: pythonImage(), programs: [...pythonPrograms(), ...packagePrograms()] });
    const viaModule = await m.run(['python3', '-m', 'pip', '--version']);
    const viaScript = await m.run(['pip3', '--version']);
    expect(viaModule.stdout).toBe(viaScript.stdout);
    expect(viaModule.stderr).not.toContain('does not simulate');
  });
});

describe('stdout buffering', () => {
  it('block-buffers a pipe: output written before a kill is lost, as in an empty docker logs', async () => {
    const m = machine({ container: true });
    const out = new Pipe();
    const proc = m.spawn(
      ['python3', '-c', 'import time\nprint("started")\ntime.sleep(100)'],
      {},
      out,
      new Pipe(),
    );
    await m.drive(proc, 10_000);
    expect(out.drain()).toBe('');
    m.kernel.signal(proc, SIGKILL);
    expect((await proc.exited).code).toBe(137);
    // nothing arrives later either: the buffer died with the process
    await new Promise((r) => setTimeout(r, 20));
    expect(out.drain()).toBe('');
  });

  it('writes at once with PYTHONUNBUFFERED or -u, and line by line on a TTY', async () => {
    for (const [argv, o] of [
      [
        ['python3', '-c', 'import time\nprint("started")\ntime.sleep(100)'],
        { env: { PYTHONUNBUFFERED: '1' } },
      ],
      [['python3', '-u', '-c', 'import time\nprint("started")\ntime.sleep(100)'], {}],
      [['python3', '-c', 'import time\nprint("started")\ntime.sleep(100)'], { tty: true }],
    ] as const) {
      const m = machine();
      const out = new Pipe();
      const proc = m.spawn([...argv], o, out, new Pipe());
      await m.drive(proc, 10_000);
      expect(out.drain()).toBe('started\n');
      m.kernel.signal(proc, SIGKILL);
    }
  });
});

describe('pipes', () => {
  it('raises BrokenPipeError when the reader has gone (python3 -c ... | head -1)', async () => {
    const m = new Machine({
      files: pythonImage({ '/usr/bin/head': { content: gen(43_432, 'head'), mode: 0o755 } }),
      programs: [...pythonPrograms(), ...toolPrograms()],
    });
    const r = await m.pipeline([
      ['python3', '-c', 'for i in range(100000): print(i)'],
      ['head', '-1'],
    ]);
    expect(r.stdout).toBe('0\n');
    expect(r.statuses[0]).toMatchObject({ code: 1 });
    // as CPython 3.13 reports it
    expect(r.stderr).toBe(
      'Traceback (most recent call last):\n  File "<string>", line 1, in <module>\n    for i in range(100000): print(i)\n                            ~~~~~^^^\nBrokenPipeError: [Errno 32] Broken pipe\n',
    );
  });
});

describe('signals', () => {
  it('as PID 1 ignores SIGTERM (no handler) and dies of SIGKILL: docker stop takes the grace period', async () => {
    const m = machine({ container: true });
    const proc = m.spawn(['python3', '-c', 'import time\nwhile True:\n    time.sleep(1)']);
    await m.drive(proc, 3000);
    m.kernel.signal(proc, SIGTERM);
    await m.drive(proc, 3000);
    expect(proc.alive).toBe(true);
    m.kernel.signal(proc, SIGKILL);
    expect(await proc.exited).toMatchObject({ code: 137 });
  });

  it('not as PID 1, SIGTERM ends it (143)', async () => {
    const m = machine();
    const proc = m.spawn(['python3', '-c', 'import time\ntime.sleep(60)']);
    await m.drive(proc, 1000);
    m.kernel.signal(proc, SIGTERM);
    expect(await proc.exited).toMatchObject({ code: 143, signal: SIGTERM });
  });

  it('SIGINT raises KeyboardInterrupt: a traceback, then death by SIGINT (130); PID 1 exits 130 too', async () => {
    for (const container of [false, true]) {
      const m = machine({ container });
      const err = new Pipe();
      const proc = m.spawn(['python3', '-c', 'import time\ntime.sleep(60)'], {}, new Pipe(), err);
      await m.drive(proc, 1000);
      m.kernel.signal(proc, SIGINT);
      await m.drive(proc);
      const st = await proc.exited;
      expect(st.code).toBe(130);
      expect(err.drain()).toBe(
        'Traceback (most recent call last):\n  File "<string>", line 2, in <module>\n    time.sleep(60)\n    ~~~~~~~~~~^^^^\nKeyboardInterrupt\n',
      );
    }
  });

  it('runs a SIGTERM handler from signal.signal between statements, so docker stop is quick', async () => {
    const m = machine({ container: true });
    const out = new Pipe();
    const code =
      'import signal, sys, time\ndef bye(signum, frame):\n    print("got", signum)\n    sys.exit(0)\nsignal.signal(signal.SIGTERM, bye)\nwhile True:\n    time.sleep(1)';
    const proc = m.spawn(['python3', '-u', '-c', code], {}, out, new Pipe());
    await m.drive(proc, 2500);
    m.kernel.signal(proc, SIGTERM);
    await m.drive(proc);
    expect(await proc.exited).toMatchObject({ code: 0 });
    expect(out.drain()).toBe('got 15\n');
  });
});

describe('time, memory and CPU', () => {
  it('time.sleep waits on the world clock', async () => {
    const m = machine();
    const start = m.clock.now();
    const r = await m.run([
      'python3',
      '-c',
      'import time\nt = time.time()\ntime.sleep(2.5)\nprint(round(time.time() - t, 3))',
    ]);
    expect(r.stdout).toBe('2.5\n');
    expect(m.clock.now() - start).toBeGreaterThanOrEqual(2500);
  });

  it('bytearray(300 MiB) under -m 64m is OOM-killed (137); without a limit it is fine', async () => {
    const limited = machine({ container: true, limits: { memoryMax: 64 * MiB } });
    const r = await limited.run(['python3', '-c', 'x = bytearray(300*1024*1024)\nprint("survived")']);
    expect(r.status).toMatchObject({ code: 137, oomKilled: true });
    expect(r.stdout).toBe('');
    const free = machine({ container: true, limits: {} });
    const ok = await free.run(['python3', '-c', 'x = bytearray(300*1024*1024)\nprint(len(x))']);
    expect(ok.stdout).toBe('314572800\n');
  });

  it("'x' * N, b'x' * N and [0] * N are charged too", async () => {
    for (const expr of ["'x' * (100*1024*1024)", "b'x' * (100*1024*1024)", '[0] * (20*1024*1024)']) {
      const m = machine({ container: true, limits: { memoryMax: 64 * MiB } });
      expect((await m.run(['python3', '-c', `y = ${expr}`])).status).toMatchObject({
        code: 137,
        oomKilled: true,
      });
    }
  });

  it('memory of objects nobody references any more is given back', async () => {
    const m = machine({ container: true, limits: { memoryMax: 64 * MiB } });
    const r = await m.run([
      'python3',
      '-c',
      'for i in range(20):\n    x = bytearray(20*1024*1024)\nprint("ok")',
    ]);
    expect(r.stdout).toBe('ok\n');
    expect(m.cgroup!.memoryCurrent).toBe(0);
  });

  it('while True: pass spins the CPU, capped by cpu.max (--cpus 0.5)', async () => {
    const m = machine({ container: true, limits: { cpuQuota: 50_000, cpuPeriod: 100_000 } });
    const proc = m.spawn(['python3', '-c', 'while True: pass']);
    await m.drive(proc, 600);
    expect(proc.alive).toBe(true);
    // half a CPU for 600 ms of wall time: 300 ms of CPU, give or take a batch
    const usedMs = m.cgroup!.cpuUsageUsec() / 1000;
    expect(usedMs).toBeGreaterThan(270);
    expect(usedMs).toBeLessThanOrEqual(300);
    m.kernel.signal(proc, SIGKILL);
    expect((await proc.exited).code).toBe(137);
  });
});
