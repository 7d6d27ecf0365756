import { describe, expect, it } from 'vitest';
import { gen } from '../../../../src/core/fs';
import { Pipe } from '../../../../src/core/kernel/stream';
import { alpine, debian, T0 } from './images';

const OLD = Date.UTC(2025, 0, 5, 8, 30, 0);
const RECENT = Date.UTC(2026, 10, 27, 21, 21, 0);
const extra = {
  '/srv/app/main.py': { content: 'print(1)\n', mtime: RECENT },
  '/srv/app/run.sh': { content: '#!/bin/sh\n', mode: 0o755, mtime: RECENT },
  '/srv/app/big.bin': { content: gen(1_572_864, 'big'), mtime: OLD },
  '/srv/app/.hidden': { content: 'x', mtime: RECENT },
  '/srv/app/link': { symlink: 'main.py', mtime: RECENT },
  '/srv/app/data': { dir: true as const, uid: 33, gid: 33, mtime: RECENT },
  '/srv/app/data/owned-by-1000': { content: 'hello', uid: 1000, gid: 1000, mtime: RECENT },
};

describe('ls (GNU coreutils)', () => {
  it('prints one name per line when stdout is not a terminal (transcript 20)', async () => {
    const m = debian({ extra });
    expect(await m.run(['ls', '/srv/app'])).toMatchObject({ stdout: 'big.bin\ndata\nlink\nmain.py\nrun.sh\n', stderr: '', code: 0 });
  });

  it('-l: total, modes, link counts, names from /etc/passwd, numeric ids otherwise, dates, symlink targets', async () => {
    const m = debian({ extra });
    const r = await m.run(['ls', '-l', '/srv/app']);
    expect(r.stdout).toBe(
      [
        'total 1548',
        '-rw-r--r-- 1 root     root     1572864 Jan  5  2025 big.bin',
        'drwxr-xr-x 2 www-data www-data    4096 Nov 27 21:21 data',
        'lrwxrwxrwx 1 root     root           7 Nov 27 21:21 link -> main.py',
        '-rw-r--r-- 1 root     root           9 Nov 27 21:21 main.py',
        '-rwxr-xr-x 1 root     root          10 Nov 27 21:21 run.sh',
        '',
      ].join('\n'),
    );
    const d = await m.run(['ls', '-ln', '/srv/app/data']);
    expect(d.stdout).toBe('total 4\n-rw-r--r-- 1 1000 1000 5 Nov 27 21:21 owned-by-1000\n');
  });

  it('-a shows . and .., -A does not; -d lists the directory itself; -h sizes', async () => {
    const m = debian({ extra });
    expect((await m.run(['ls', '-a', '/srv/app'])).stdout).toBe('.\n..\n.hidden\nbig.bin\ndata\nlink\nmain.py\nrun.sh\n');
    expect((await m.run(['ls', '-A', '/srv/app'])).stdout).toBe('.hidden\nbig.bin\ndata\nlink\nmain.py\nrun.sh\n');
    expect((await m.run(['ls', '-ld', '/srv/app'])).stdout).toMatch(/^drwxr-xr-x 3 root root 4096 \w{3} [ \d]\d /);
    expect((await m.run(['ls', '-lh', '/srv/app/big.bin'])).stdout).toBe('-rw-r--r-- 1 root root 1.5M Jan  5  2025 /srv/app/big.bin\n');
  });

  it('-F classifies, -R recurses with headers, several operands get headers and files come first', async () => {
    const m = debian({ extra });
    expect((await m.run(['ls', '-F', '/srv/app'])).stdout).toBe('big.bin\ndata/\nlink@\nmain.py\nrun.sh*\n');
    expect((await m.run(['ls', '-R', '/srv/app'])).stdout).toBe('/srv/app:\nbig.bin\ndata\nlink\nmain.py\nrun.sh\n\n/srv/app/data:\nowned-by-1000\n');
    expect((await m.run(['ls', '/srv/app/data', '/srv/app/main.py'])).stdout).toBe('/srv/app/main.py\n\n/srv/app/data:\nowned-by-1000\n');
  });

  it('reports a missing name with GNU quoting and exit 2, and still lists the rest', async () => {
    const m = debian({ extra });
    expect(await m.run(['ls', '/nope', '/srv/app/data'])).toMatchObject({
      stdout: '/srv/app/data:\nowned-by-1000\n',
      stderr: "ls: cannot access '/nope': No such file or directory\n",
      code: 2,
    });
    expect((await m.run(['ls', '-z'])).stderr).toBe("ls: invalid option -- 'z'\nTry 'ls --help' for more information.\n");
  });

  it('fills columns on a terminal the way ls.c does, with tabs', async () => {
    const names: Record<string, string> = {};
    for (const n of ['bin', 'boot', 'dev', 'etc', 'home', 'lib', 'lib64', 'media', 'mnt', 'opt', 'proc', 'root', 'run', 'sbin', 'srv', 'sys', 'tmp', 'usr', 'var']) names[`/r/${n}/.keep`] = '';
    const m = debian({ extra: names });
    const r = await m.run(['ls', '/r'], { tty: true });
    expect(r.stdout).toBe('bin   dev  home  lib64\tmnt  proc  run\t srv  tmp  var\nboot  etc  lib\t media\topt  root  sbin  sys  usr\n');
    const narrow = await m.run(['ls', '/r'], { tty: true, env: { COLUMNS: '40' } });
    expect(narrow.stdout.split('\n')[0]).toBe('bin   etc   lib64  opt\t run   sys  var');
    // the terminal's own size (TIOCGWINSZ) wins over $COLUMNS
    const out = Object.assign(new Pipe(), { columns: 40 });
    const p = m.spawn(['ls', '/r'], { tty: true, env: { COLUMNS: '200' } }, out);
    await m.drive(p);
    expect(out.drain().split('\n')[0]).toBe('bin   etc   lib64  opt\t run   sys  var');
  });

  it('sorts by time with -t and by size with -S, reversed with -r', async () => {
    const m = debian({ extra });
    expect((await m.run(['ls', '-S', '/srv/app'])).stdout.split('\n')[0]).toBe('big.bin');
    expect((await m.run(['ls', '-tr', '/srv/app'])).stdout.split('\n')[0]).toBe('big.bin');
  });

  it('sees the overlay: a file created by another process shows up with its owner and mode', async () => {
    const m = debian({ extra });
    expect((await m.run(['touch', '/srv/app/new'], { uid: 33, gid: 33 })).code).toBe(1);
    expect((await m.run(['touch', '/srv/app/data/new'], { uid: 33, gid: 33 })).code).toBe(0);
    m.clock.advance(60_000);
    expect((await m.run(['ls', '-l', '/srv/app/data/new'])).stdout).toBe('-rw-r--r-- 1 www-data www-data 0 Nov 27 21:21 /srv/app/data/new\n');
    expect(T0).toBeLessThan(m.clock.now());
  });
});

describe('ls (BusyBox)', () => {
  it('prints the long format of transcript 20', async () => {
    const m = alpine({ extra: { '/.dockerenv': { content: '', mode: 0o755, mtime: RECENT } } });
    expect((await m.run(['ls', '-la', '/.dockerenv'])).stdout).toBe('-rwxr-xr-x    1 root     root             0 Nov 27 21:21 /.dockerenv\n');
  });

  it('says "ls: /x: …" with exit 1, and prints old dates with the year', async () => {
    const m = alpine({ extra });
    expect(await m.run(['ls', '/x'])).toMatchObject({ stdout: '', stderr: 'ls: /x: No such file or directory\n', code: 1 });
    const r = await m.run(['ls', '-l', '/srv/app']);
    expect(r.stdout.split('\n').slice(0, 3)).toEqual([
      'total 1548',
      '-rw-r--r--    1 root     root       1572864 Jan  5  2025 big.bin',
      // Alpine has no uid 33: BusyBox prints the number in the name column
      'drwxr-xr-x    2 33       33            4096 Nov 27 21:21 data',
    ]);
    expect((await m.run(['ls', '-lh', '/srv/app/big.bin'])).stdout).toBe('-rw-r--r--    1 root     root        1.5M Jan  5  2025 /srv/app/big.bin\n');
  });

  it('colours names on a terminal and pads columns with spaces', async () => {
    const m = alpine({ extra });
    const r = await m.run(['ls', '/srv/app'], { tty: true, env: { TERM: 'xterm' } });
    expect(r.stdout).toBe('\x1b[0;0mbig.bin\x1b[m  \x1b[1;34mdata\x1b[m     \x1b[1;36mlink\x1b[m     \x1b[0;0mmain.py\x1b[m  \x1b[1;32mrun.sh\x1b[m\n');
    const plain = await m.run(['ls', '/srv/app'], { tty: true, env: { TERM: 'dumb' } });
    expect(plain.stdout).toBe('big.bin  data     link     main.py  run.sh\n');
  });
});
