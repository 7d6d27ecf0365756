import { describe, expect, it } from 'vitest';
import { Pipe } from '../../../../src/core/kernel/stream';
import { alpine, debian } from './images';

const MiB = 1 << 20;

describe('memory of buffering tools (transcript 19)', () => {
  it('tail /dev/zero never sees a newline and is OOM-killed under -m 8m', async () => {
    const m = debian({ container: true, limits: { memoryMax: 8 * MiB } });
    const r = await m.run(['tail', '/dev/zero']);
    expect(r.status).toEqual({ code: 137, signal: 9, oomKilled: true });
    expect(m.cgroup!.oomKillEvents).toBe(1);
    expect(m.cgroup!.memoryCurrent).toBe(0);
  });

  it('head -c 100m /dev/zero | tail: tail buffers and is killed, head then dies of SIGPIPE', async () => {
    const m = alpine({ container: true, limits: { memoryMax: 8 * MiB } });
    m.init(['sleep', '3600']);
    const r = await m.pipeline([['head', '-c', '100m', '/dev/zero'], ['tail']]);
    expect(r.statuses[1]).toMatchObject({ code: 137, oomKilled: true });
    expect(r.statuses[0]).toMatchObject({ code: 141, signal: 13 });
    // PID 1 goes on: the container is not OOM-killed as a whole
    expect(m.initProc!.alive).toBe(true);
  });

  it('without a limit the same pipeline ends normally and tail prints the last (only) line', async () => {
    const m = debian();
    const r = await m.pipeline([['head', '-c', '3m', '/dev/zero'], ['tail', '-c', '4']]);
    expect(r.statuses.map((s) => s.code)).toEqual([0, 0]);
    expect(r.stdout).toBe('\0\0\0\0');
  });

  it('cat /dev/zero streams without holding memory', async () => {
    const m = debian({ container: true, limits: { memoryMax: 8 * MiB } });
    m.init();
    const r = await m.pipeline([['cat', '/dev/zero'], ['head', '-c', '20m']]);
    expect(r.statuses[1].code).toBe(0);
    expect(r.stdout.length).toBe(20 * MiB);
    expect(r.statuses[0].signal).toBe(13);
    expect(m.cgroup!.oomKillEvents).toBe(0);
  });

  it('as a namespace init, SIGPIPE is ignored and the write error is reported instead', async () => {
    const m = debian({ container: true });
    const r = await m.pipeline([['yes'], ['head', '-n', '1']]);
    expect(r.statuses[0].code).toBe(1);
    expect(r.stderr).toBe('yes: standard output: Broken pipe\n');
  });

  it('yes | head -n 3 stops yes with SIGPIPE', async () => {
    const m = debian();
    const r = await m.pipeline([['yes'], ['head', '-n', '3']]);
    expect(r.stdout).toBe('y\ny\ny\n');
    expect(r.statuses[0]).toMatchObject({ code: 141 });
  });
});

describe('tail -f', () => {
  it('follows a growing file on the clock until killed', async () => {
    const m = debian();
    m.fs.writeFile('/tmp/log', 'one\ntwo\n');
    const out = new Pipe();
    const proc = m.spawn(['tail', '-f', '/tmp/log'], {}, out);
    await m.advance(500);
    expect(out.drain()).toBe('one\ntwo\n');
    m.fs.appendFile('/tmp/log', 'three\n');
    await m.advance(500);
    expect(out.drain()).toBe('three\n');
    m.fs.writeFile('/tmp/log', 'x\n');
    const err = new Pipe();
    void err;
    await m.advance(500);
    expect(out.drain()).toBe('x\n');
    expect(proc.alive).toBe(true);
    m.kernel.signal(proc, 15);
    expect((await proc.exited).code).toBe(143);
  });
});

describe('head and tail', () => {
  const text = Array.from({ length: 15 }, (_, i) => `line ${i + 1}\n`).join('');
  it.each([
    [['head', '/f'], text.split('\n').slice(0, 10).join('\n') + '\n'],
    [['head', '-n', '2', '/f'], 'line 1\nline 2\n'],
    [['head', '-3', '/f'], 'line 1\nline 2\nline 3\n'],
    [['head', '-c', '6', '/f'], 'line 1'],
    [['head', '-n', '-13', '/f'], 'line 1\nline 2\n'],
    [['tail', '-n', '2', '/f'], 'line 14\nline 15\n'],
    [['tail', '-2', '/f'], 'line 14\nline 15\n'],
    [['tail', '-n', '+14', '/f'], 'line 14\nline 15\n'],
    [['tail', '-c', '3', '/f'], '15\n'],
  ])('%j', async (argv, want) => {
    const m = debian({ extra: { '/f': text } });
    expect((await m.run(argv)).stdout).toBe(want);
    const a = alpine({ extra: { '/f': text } });
    expect((await a.run(argv)).stdout).toBe(want);
  });

  it('prints headers for several files and words errors per flavour', async () => {
    const m = debian({ extra: { '/a': '1\n', '/b': '2\n' } });
    expect((await m.run(['head', '/a', '/b'])).stdout).toBe('==> /a <==\n1\n\n==> /b <==\n2\n');
    expect((await m.run(['tail', '/nope'])).stderr).toBe("tail: cannot open '/nope' for reading: No such file or directory\n");
    expect((await alpine().run(['head', '/nope'])).stderr).toBe("head: can't open '/nope': No such file or directory\n");
  });
});

describe('cat and tee', () => {
  it('cat -n numbers lines across files; reads stdin; reports a directory', async () => {
    const m = debian({ extra: { '/a': 'x\ny\n', '/b': 'z\n' } });
    expect((await m.run(['cat', '-n', '/a', '/b'])).stdout).toBe('     1\tx\n     2\ty\n     3\tz\n');
    expect((await m.run(['cat'], { stdin: 'from stdin\n' })).stdout).toBe('from stdin\n');
    expect((await m.run(['cat', '-', '/b'], { stdin: 'in\n' })).stdout).toBe('in\nz\n');
    expect(await m.run(['cat', '/etc'])).toMatchObject({ code: 1, stderr: 'cat: /etc: Is a directory\n' });
    expect((await m.run(['cat', '/nope'])).stderr).toBe('cat: /nope: No such file or directory\n');
    expect((await alpine().run(['cat', '/nope'])).stderr).toBe("cat: can't open '/nope': No such file or directory\n");
    expect((await m.run(['cat', '-A'], { stdin: 'a\tb\n' })).stdout).toBe('a^Ib$\n');
  });

  it('tee writes stdin to stdout and files (copy-up of an image file)', async () => {
    const m = debian({ extra: { '/etc/motd': 'old\n' } });
    expect((await m.run(['tee', '/tmp/t', '/etc/motd'], { stdin: 'hello\n' })).stdout).toBe('hello\n');
    expect(m.fs.readFile('/tmp/t')).toBe('hello\n');
    expect(m.fs.readFile('/etc/motd')).toBe('hello\n');
    expect((await m.run(['tee', '-a', '/tmp/t'], { stdin: 'more\n' })).code).toBe(0);
    expect(m.fs.readFile('/tmp/t')).toBe('hello\nmore\n');
  });
});
