import { describe, expect, it } from 'vitest';
import { BASH_BASHRC, PROFILE, ROOT_BASHRC, ROOT_PROFILE } from '../../../../src/core/image/catalog/debian-etc';
import type { Process } from '../../../../src/core/kernel/process';
import { Pipe } from '../../../../src/core/kernel/stream';
import type { Sys } from '../../../../src/core/userland/types';
import type { Machine } from '../harness';
import { machine, type Which } from './setup';

/** A shell on a terminal: type lines, read what the screen got. */
class Session {
  readonly stdin = new Pipe();
  readonly out = new Pipe();
  readonly err = new Pipe();
  readonly proc: Process<Sys>;
  constructor(
    readonly m: Machine,
    argv: string[],
    opts: { env?: Record<string, string>; cwd?: string; uid?: number; gid?: number } = {},
  ) {
    this.proc = m.spawn(argv, { tty: true, stdin: this.stdin, ...opts }, this.out, this.err);
  }
  async type(line: string, ms = 0): Promise<void> {
    this.stdin.write(`${line}\n`);
    await this.m.advance(ms);
  }
  /** Everything written so far to stdout and stderr. */
  screen(): { out: string; err: string } {
    return { out: this.out.drain(), err: this.err.drain() };
  }
}

const DEBIAN = { '/etc/bash.bashrc': BASH_BASHRC, '/root/.bashrc': ROOT_BASHRC, '/root/.profile': ROOT_PROFILE, '/etc/profile': PROFILE };

describe('interactive bash in a Debian container', () => {
  it('reads /etc/bash.bashrc: root@<hostname>:<dir># prompts, PS2, errors without line numbers, exit', async () => {
    const m = machine('bash', { hostname: '4f2a9c1e7b3d', container: true }, DEBIAN);
    const s = new Session(m, ['bash'], { env: { HOME: '/root', TERM: 'xterm' } });
    await m.advance(0);
    expect(s.screen()).toEqual({ out: 'root@4f2a9c1e7b3d:/# ', err: '' });
    await s.type('echo hi');
    expect(s.screen().out).toBe('hi\nroot@4f2a9c1e7b3d:/# ');
    await s.type('cd /tmp');
    expect(s.screen().out).toBe('root@4f2a9c1e7b3d:/tmp# ');
    await s.type('cd');
    expect(s.screen().out).toBe('root@4f2a9c1e7b3d:~# ');
    await s.type('for i in 1 2; do');
    expect(s.screen().out).toBe('> ');
    await s.type('echo $i');
    expect(s.screen().out).toBe('> ');
    await s.type('done');
    expect(s.screen().out).toBe('1\n2\nroot@4f2a9c1e7b3d:~# ');
    await s.type('nosuch');
    expect(s.screen()).toEqual({ out: 'root@4f2a9c1e7b3d:~# ', err: 'bash: nosuch: command not found\n' });
    await s.type('fi');
    expect(s.screen().err).toBe("bash: syntax error near unexpected token `fi'\n");
    await s.type('history');
    expect(s.screen().out).toBe('    1  echo hi\n    2  cd /tmp\n    3  cd\n    4  for i in 1 2; do\necho $i\ndone\n    5  nosuch\n    6  fi\n    7  history\nroot@4f2a9c1e7b3d:~# ');
    await s.type('exit 3');
    expect(await s.proc.exited).toEqual({ code: 3 });
    expect(s.screen().err).toBe('exit\n');
  });

  it('Ctrl-D says exit; SIGTERM is ignored; SIGINT abandons the line', async () => {
    const m = machine('bash', { hostname: 'h' }, DEBIAN);
    const s = new Session(m, ['bash'], { env: { HOME: '/root' } });
    await m.advance(0);
    s.screen();
    m.kernel.signal(s.proc, 15);
    await m.advance(0);
    expect(s.proc.alive).toBe(true);
    await s.type('if true; then');
    expect(s.screen().out).toBe('> ');
    m.kernel.signal(s.proc, 2);
    await m.advance(0);
    expect(s.screen().out).toBe('\nroot@h:/# ');
    await s.type('echo $?');
    expect(s.screen().out).toBe('130\nroot@h:/# ');
    s.stdin.close();
    expect(await s.proc.exited).toEqual({ code: 0 });
    expect(s.screen().err).toBe('exit\n');
  });

  it('SIGINT goes to the foreground job; the shell prompts again with $? 130', async () => {
    const m = machine('bash', { hostname: 'h' }, DEBIAN);
    const s = new Session(m, ['bash'], { env: { HOME: '/root' } });
    await m.advance(0);
    s.screen();
    await s.type('sleep 100', 1000);
    expect(s.screen().out).toBe('');
    m.kernel.signal(s.proc, 2);
    await m.advance(0);
    expect(s.screen().out).toBe('\nroot@h:/# ');
    await s.type('echo $?');
    expect(s.screen().out).toBe('130\nroot@h:/# ');
  });

  it('background jobs: [1] pid, then Done before a later prompt', async () => {
    const m = machine('bash', { hostname: 'h' }, DEBIAN);
    const s = new Session(m, ['bash'], { env: { HOME: '/root' } });
    await m.advance(0);
    s.screen();
    await s.type('sleep 2 &');
    expect(s.screen()).toEqual({ out: 'root@h:/# ', err: '[1] 2\n' });
    await m.advance(2000);
    await s.type('true');
    expect(s.screen()).toEqual({ out: 'root@h:/# ', err: '[1]+  Done                    sleep 2\n' });
  });
});

describe("the student's host shell", () => {
  it('student@laptop:~$ from bash.bashrc, ~ for $HOME, $ for a user', async () => {
    const m = machine('bash', { hostname: 'laptop' }, { '/etc/bash.bashrc': BASH_BASHRC });
    const s = new Session(m, ['bash'], { env: { HOME: '/home/student', USER: 'student' }, cwd: '/home/student', uid: 1000, gid: 1000 });
    await m.advance(0);
    expect(s.screen().out).toBe('student@laptop:~$ ');
    await s.type('cd /tmp; mkdir_missing=1; cd ~; cd ..');
    expect(s.screen().out).toBe('student@laptop:/home$ ');
  });
});

describe('interactive dash and busybox ash', () => {
  const cases: Array<[Which, string, string, string]> = [
    ['dash', '# ', '# ', 'sh: 3: nosuch: not found\n'],
    ['ash', '/ # ', '/tmp # ', 'sh: nosuch: not found\n'],
  ];
  it.each(cases)('%s: prompt %j, errors %j', async (which, ps1, ps1tmp, err) => {
    const m = machine(which, { hostname: 'c0ffee', container: true });
    const s = new Session(m, ['sh'], { env: { HOME: '/root' } });
    await m.advance(0);
    expect(s.screen().out).toBe(ps1);
    await s.type('echo hi');
    expect(s.screen().out).toBe(`hi\n${ps1}`);
    await s.type('cd /tmp');
    expect(s.screen().out).toBe(ps1tmp);
    await s.type('nosuch');
    expect(s.screen()).toEqual({ out: ps1tmp, err });
    await s.type('while false');
    expect(s.screen().out).toBe('> ');
    await s.type('do :; done; echo $?');
    expect(s.screen().out).toBe(`0\n${ps1tmp}`);
    s.stdin.close();
    expect((await s.proc.exited).code).toBe(0);
  });

  it('dash as a user shows $ ', async () => {
    const m = machine('dash', { hostname: 'h' });
    const s = new Session(m, ['sh'], { env: { HOME: '/home/student' }, uid: 1000, gid: 1000 });
    await m.advance(0);
    expect(s.screen().out).toBe('$ ');
  });
});

describe('scripts on standard input', () => {
  it('sh reads the script from a pipe and runs it line by line', async () => {
    const m = machine('dash');
    // `read` takes the line after its own from the same input, as bash's unbuffered reading does
    const r = await m.run(['sh'], { stdin: 'echo one\nx=2\necho $x\nread line\nthis is data\necho "read: $line"\n' });
    expect(r.stdout).toBe('one\n2\nread: this is data\n');
  });
  it('sh -s passes arguments', async () => {
    const m = machine('ash');
    const r = await m.run(['sh', '-s', 'a', 'b'], { stdin: 'echo $# $1 $2\n' });
    expect(r.stdout).toBe('2 a b\n');
  });
  it('sh script.sh args, and a #! script run directly', async () => {
    const m = machine('dash', {}, { '/tmp/s.sh': { content: '#!/bin/sh\necho "$0 $1 $#"\n', mode: 0o755 }, '/tmp/plain': { content: 'echo no-shebang $1\n', mode: 0o755 } });
    expect((await m.run(['sh', '/tmp/s.sh', 'x'])).stdout).toBe('/tmp/s.sh x 1\n');
    expect((await m.run(['sh', '-c', '/tmp/s.sh y; /tmp/plain z'])).stdout).toBe('/tmp/s.sh y 1\nno-shebang z\n');
  });
});

describe('a terminal’s Ctrl-D ends one read, not the input', () => {
  it('read gets end of file (status 1), the shell then reads the next line', async () => {
    const lines: Array<string | null> = ['read x; echo "status $?"\n', null, 'echo still here\n', null];
    const tty = { read: () => Promise.resolve(lines.length ? lines.shift()! : null) };
    const m = machine('dash', { hostname: 'h' });
    const out = new Pipe();
    const p = m.spawn(['sh', '-i'], { stdin: tty, tty: true }, out, new Pipe());
    await m.drive(p);
    expect(await p.exited).toEqual({ code: 0 });
    expect(out.drain()).toBe('# status 1\n# still here\n# ');
  });
});
