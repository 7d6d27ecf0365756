import { describe, expect, it } from 'vitest';
import { Pipe } from '../../../../src/core/kernel/stream';
import { flush } from '../harness';
import { machine, runC, SHELL_PATH, type Which } from './setup';

const argvs = (m: ReturnType<typeof machine>) => [...m.kernel.processes.values()].map((p) => `${p.nsPid}:${p.argv.join(' ')}`);

describe('PID 1 and signals (transcript 12)', () => {
  for (const which of ['dash', 'bash', 'ash'] as Which[]) {
    it(`${which}: a while-sleep loop as PID 1 ignores SIGTERM and dies of SIGKILL with 137`, async () => {
      const m = machine(which, { container: true });
      const out = new Pipe();
      const p = m.spawn([SHELL_PATH[which], '-c', 'while true; do sleep 1; done'], {}, out);
      await m.advance(1500);
      expect(p.nsPid).toBe(1);
      m.kernel.signal(p, 15);
      await m.advance(10_000);
      expect(p.alive).toBe(true);
      m.kernel.signal(p, 9);
      expect(await p.exited).toEqual({ code: 137, signal: 9 });
    });

    it(`${which}: a TERM trap runs after the current sleep finishes, then exit 0`, async () => {
      const m = machine(which, { container: true });
      const out = new Pipe();
      const p = m.spawn([SHELL_PATH[which], '-c', 'trap "echo caught SIGTERM; exit 0" TERM; while true; do sleep 1; done'], {}, out);
      await m.advance(2500);
      m.kernel.signal(p, 15);
      await m.advance(400);
      expect(p.alive).toBe(true);
      await m.advance(200);
      expect(await p.exited).toEqual({ code: 0 });
      expect(out.drain()).toBe('caught SIGTERM\n');
    });
  }

  it('a shell that is not PID 1 dies of SIGTERM (143)', async () => {
    const m = machine('dash');
    const p = m.spawn(['sh', '-c', 'while true; do sleep 1; done']);
    await m.advance(1000);
    m.kernel.signal(p, 15);
    expect(await p.exited).toEqual({ code: 143, signal: 15 });
  });

  it('trap - TERM restores the default; trap "" TERM ignores', async () => {
    const m = machine('dash');
    const p = m.spawn(['sh', '-c', 'trap "" TERM; sleep 1; trap - TERM; sleep 5']);
    await m.advance(500);
    m.kernel.signal(p, 15);
    await m.advance(1000);
    expect(p.alive).toBe(true);
    m.kernel.signal(p, 15);
    expect((await p.exited).code).toBe(143);
  });

  it('a trapped signal interrupts wait; the trap runs and the script goes on', async () => {
    const m = machine('bash');
    const out = new Pipe();
    const p = m.spawn(['bash', '-c', 'trap "echo got USR1" USR1; sleep 10 & wait; echo "wait said $?"'], {}, out);
    await m.advance(1000);
    m.kernel.signal(p, 10);
    await m.advance(100);
    expect(await p.exited).toEqual({ code: 0 });
    expect(out.drain()).toBe('got USR1\nwait said 138\n');
  });

  it('trap with no arguments lists the traps', async () => {
    expect((await runC('dash', 'trap "echo x" TERM INT; trap "" QUIT; trap')).stdout).toBe("trap -- 'echo x' INT\ntrap -- '' QUIT\ntrap -- 'echo x' TERM\n");
    expect((await runC('bash', 'trap "echo x" 15; trap')).stdout).toBe("trap -- 'echo x' SIGTERM\n");
  });
});

describe('fork or exec: what ps shows', () => {
  const cases: Array<[Which, string, string[]]> = [
    // bash and busybox exec the last simple command of -c; Debian's dash forks
    ['bash', 'sleep 5', ['1:sleep 5']],
    ['ash', 'sleep 5', ['1:sleep 5']],
    ['dash', 'sleep 5', ['1:sh -c sleep 5', '2:sleep 5']],
    ['bash', 'echo hi >/dev/null; sleep 5', ['1:sleep 5']],
    ['bash', 'sleep 5; echo', ['1:bash -c sleep 5; echo', '2:sleep 5']],
    ['bash', 'sleep 5 >/dev/null', ['1:bash -c sleep 5 >/dev/null', '2:sleep 5']],
    ['ash', 'sleep 5 >/dev/null', ['1:sleep 5']],
    ['ash', 'trap "echo bye" EXIT; sleep 5', ['1:sh -c trap "echo bye" EXIT; sleep 5', '2:sleep 5']],
    ['ash', 'if true; then sleep 5; fi', ['1:sleep 5']],
    ['bash', 'if true; then sleep 5; fi', ['1:bash -c if true; then sleep 5; fi', '2:sleep 5']],
    ['dash', 'exec sleep 5', ['1:sleep 5']],
    ['dash', '(sleep 5)', ['1:sh -c (sleep 5)', '2:sleep 5']],
    ['dash', 'sleep 5 | cat', ['1:sh -c sleep 5 | cat', '2:sleep 5', '3:cat']],
    ['bash', 'x=$(sleep 5)', ['1:bash -c x=$(sleep 5)', '2:sleep 5']],
    ['dash', 'sleep 5 & wait', ['1:sh -c sleep 5 & wait', '2:sleep 5']],
  ];
  it.each(cases)('%s -c %j', async (which, script, ps) => {
    const m = machine(which, { container: true });
    const p = m.spawn([SHELL_PATH[which], '-c', script]);
    await m.advance(1000);
    expect(argvs(m)).toEqual(ps);
    await m.drive(p);
    expect((await p.exited).code).toBe(0);
  });

  it('$$ is the shell, also in subshells; $! the last background job', async () => {
    const m = machine('dash', { container: true });
    const r = await m.run(['sh', '-c', 'echo $$; (echo $$); sleep 1 & echo $!; wait']);
    expect(r.stdout).toBe('1\n1\n3\n');
  });

  it('an exec keeps the PID and environment handling of execve', async () => {
    const r = await runC('bash', 'export A=1; exec env');
    expect(r.stdout).toContain('A=1\n');
  });
});

describe('fork failure under pids.max (transcript 19)', () => {
  const script = 'for i in 1 2 3 4 5 6 7 8; do sleep 5 & done; wait; echo done';
  it('busybox: "can\'t fork", exit 2', async () => {
    const r = await runC('ash', script, { machine: machine('ash', { container: true, limits: { pidsMax: 5 } }) });
    expect([r.stdout, r.stderr, r.code]).toEqual(['', "sh: can't fork: Resource temporarily unavailable\n", 2]);
  });
  it('dash: "Cannot fork", exit 2', async () => {
    const r = await runC('dash', script, { machine: machine('dash', { container: true, limits: { pidsMax: 5 } }) });
    expect([r.stdout, r.stderr, r.code]).toEqual(['', 'sh: 1: Cannot fork\n', 2]);
  });
  it('bash retries with growing sleeps and succeeds once the sleeps end', async () => {
    const m = machine('bash', { container: true, limits: { pidsMax: 5 } });
    const r = await runC('bash', script, { machine: m });
    expect(r.stderr).toBe('bash: fork: retry: Resource temporarily unavailable\n'.repeat(3));
    expect([r.stdout, r.code]).toEqual(['done\n', 0]);
  });
  it('bash gives up after 1+2+4+8 s: "fork: Resource temporarily unavailable", exit 254', async () => {
    const m = machine('bash', { container: true, limits: { pidsMax: 2 } });
    const start = m.clock.now();
    const r = await runC('bash', 'sleep 100 & sleep 100 & echo never', { machine: m, maxMs: 50_000 });
    expect(r.stderr).toBe('bash: fork: retry: Resource temporarily unavailable\n'.repeat(4) + 'bash: fork: Resource temporarily unavailable\n');
    expect(r.code).toBe(254);
    expect(m.clock.now() - start).toBe(15_000);
  });
});

describe('a job killed by a signal', () => {
  it('OOM in a pipeline: "Killed" then the pipeline status 137 (transcript 19)', async () => {
    for (const which of ['dash', 'ash'] as Which[]) {
      const m = machine(which, { container: true, limits: { memoryMax: 8 * 1024 * 1024 } });
      const r = await runC(which, 'zeros | hog; echo "pipeline exit: $?"', { machine: m });
      expect([r.stdout, r.stderr, r.code]).toEqual(['pipeline exit: 137\n', 'Killed\n', 0]);
    }
  });
  it('bash, not interactive: the job line with pid and command', async () => {
    const m = machine('bash');
    const out = new Pipe();
    const err = new Pipe();
    const p = m.spawn(['bash', '-c', 'sleep 100; echo after $?'], {}, out, err);
    await m.advance(100);
    const child = [...m.kernel.processes.values()].find((q) => q.argv[0] === 'sleep')!;
    m.kernel.signal(child, 9);
    await m.drive(p);
    expect((await p.exited).code).toBe(0);
    expect(out.drain()).toBe('after 137\n');
    expect(err.drain()).toBe('bash: line 1:     2 Killed                  sleep 100\n');
  });
  it('kill $! and wait give 143', async () => {
    const r = await runC('dash', 'sleep 100 & kill $!; wait $!; echo $?');
    expect(r.stdout).toBe('143\n');
  });
  it('kill -l and signal names', async () => {
    expect((await runC('bash', 'kill -l 15; kill -l 137')).stdout).toBe('TERM\nKILL\n');
  });
});

describe('background jobs', () => {
  it('wait waits for all of them', async () => {
    const m = machine('dash');
    const start = m.clock.now();
    const r = await m.run(['sh', '-c', 'sleep 1 & sleep 2 & wait; echo done']);
    expect(r.stdout).toBe('done\n');
    expect(m.clock.now() - start).toBe(2000);
  });
  it('a background job of a script reads /dev/null', async () => {
    const m = machine('dash');
    const r = await m.run(['sh', '-c', 'cat & wait'], { stdin: 'typed\n' });
    expect(r.stdout).toBe('');
  });
  it('flushes nothing strange: subshell output through a pipe', async () => {
    const r = await runC('dash', '(echo a; echo b) | cat; echo c');
    expect(r.stdout).toBe('a\nb\nc\n');
    await flush();
  });
});
