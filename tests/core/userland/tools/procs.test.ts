import { describe, expect, it } from 'vitest';
import { Pipe } from '../../../../src/core/kernel/stream';
import { toolPrograms } from '../../../../src/core/userland/tools';
import { alpine, debian } from './images';

/** A container: PID 1 from the runtime, then `docker exec` processes joining its namespace. */
function container(flavour: 'gnu' | 'busybox', argv = ['python3', '-m', 'http.server', '8000']) {
  const m = flavour === 'gnu' ? debian({ container: true, firstPid: 24238 }) : alpine({ container: true, firstPid: 24238 });
  // PID 1's program: sleep stands in for python here (ps shows argv, not the program)
  const init = m.spawn(['sleep', '3600']);
  Object.defineProperty(init, 'argv', { value: argv });
  return m;
}

describe('ps lists the caller\'s PID namespace with PIDs as seen there', () => {
  it('BusyBox (transcript 15/20 format without TIME, as that build has it)', async () => {
    const m = container('busybox');
    toolPrograms({ busyboxPsTime: false });
    const r = await m.run(['ps']);
    expect(r.stdout).toBe('PID   USER     COMMAND\n    1 root     python3 -m http.server 8000\n    2 root     ps\n');
    toolPrograms({ busyboxPsTime: true });
  });

  it('BusyBox as Alpine builds it: with TIME', async () => {
    const m = container('busybox', ['sh']);
    expect((await m.run(['ps'])).stdout).toBe('PID   USER     TIME  COMMAND\n    1 root      0:00 sh\n    2 root      0:00 ps\n');
    expect((await m.run(['ps', '-o', 'pid,ppid,comm'])).stdout).toBe('PID   PPID  COMMAND\n    1     0 sh\n    3     0 ps\n');
  });

  it('procps: ps, ps -ef, ps aux', async () => {
    const m = container('gnu');
    expect((await m.run(['ps'])).stdout).toBe('    PID TTY          TIME CMD\n      1 ?        00:00:00 python3\n      2 ?        00:00:00 ps\n');
    expect((await m.run(['ps', '-ef'])).stdout).toBe(
      'UID          PID    PPID  C STIME TTY          TIME CMD\nroot           1       0  0 21:21 ?        00:00:00 python3 -m http.server 8000\nroot           3       0  0 21:21 ?        00:00:00 ps -ef\n',
    );
    const aux = (await m.run(['ps', 'aux'])).stdout.split('\n');
    expect(aux[0]).toBe('USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND');
    expect(aux[1]).toMatch(/^root {11}1 {2}0\.0 {2}0\.0 +\d+ +\d+ \? {8}Ss {3}21:21 {3}0:00 python3 -m http\.server 8000$/);
    expect(aux[2]).toMatch(/^root {11}4 .* Rs .* ps aux$/);
  });

  it('a process started by PID 1 shows its parent; the host sees host PIDs', async () => {
    const m = container('gnu');
    const init = [...m.pidns.members.values()][0];
    const child = m.spawn(['sleep', '30'], { parent: init as never });
    expect(child.nsPid).toBe(2);
    const r = await m.run(['ps', '-o', 'pid,ppid,args']);
    expect(r.stdout).toBe('    PID    PPID COMMAND\n      1       0 python3 -m http.server 8000\n      2       1 sleep 30\n      3       0 ps -o pid,ppid,args\n');
  });
});

describe('id, whoami, groups', () => {
  it.each([
    ['gnu', {}, [], 'uid=0(root) gid=0(root) groups=0(root)\n'],
    ['gnu', { uid: 1000, gid: 1000 }, [], 'uid=1000 gid=1000 groups=1000\n'],
    ['gnu', { uid: 65534, gid: 65534 }, [], 'uid=65534(nobody) gid=65534(nogroup) groups=65534(nogroup)\n'],
    ['gnu', {}, ['-u'], '0\n'],
    ['gnu', {}, ['-un'], 'root\n'],
    ['gnu', {}, ['www-data'], 'uid=33(www-data) gid=33(www-data) groups=33(www-data)\n'],
    ['busybox', {}, [], 'uid=0(root) gid=0(root) groups=0(root),1(bin),10(wheel)\n'],
  ] as const)('%s %j id %j', async (flavour, who, args, want) => {
    const m = flavour === 'gnu' ? debian() : alpine();
    expect((await m.run(['id', ...args], who)).stdout).toBe(want);
  });

  it('whoami fails for a uid without a name', async () => {
    const m = debian();
    expect((await m.run(['whoami'])).stdout).toBe('root\n');
    expect(await m.run(['whoami'], { uid: 1000 })).toMatchObject({ code: 1, stderr: 'whoami: cannot find name for user ID 1000\n' });
    expect((await alpine().run(['whoami'], { uid: 1000 })).stderr).toBe('whoami: unknown uid 1000\n');
  });

  it('BusyBox id looks a USER operand up by name only (xuname2uid); coreutils takes a number too', async () => {
    expect(await alpine().run(['id', '-un', '0'])).toMatchObject({ code: 1, stderr: 'id: unknown user 0\n' });
    expect((await debian().run(['id', '-un', '0'])).stdout).toBe('root\n');
  });

  it("BusyBox id -un / -gn of an ID without a name prints the number and 'unknown ID N' (print_common)", async () => {
    expect(await alpine().run(['id', '-un'], { uid: 1000, gid: 1000 })).toMatchObject({
      code: 1,
      stdout: '1000\n',
      stderr: 'id: unknown ID 1000\n',
    });
    expect(await alpine().run(['id', '-gn'], { uid: 1000, gid: 1000 })).toMatchObject({
      code: 1,
      stdout: '1000\n',
      stderr: 'id: unknown ID 1000\n',
    });
  });
});

describe('hostname, uname, date, nproc, uptime', () => {
  it('reads the UTS namespace and the host kernel', async () => {
    const m = debian({ hostname: 'myhost' });
    expect((await m.run(['hostname'])).stdout).toBe('myhost\n');
    expect((await m.run(['hostname', 'other'])).code).toBe(1);
    expect((await m.run(['uname'])).stdout).toBe('Linux\n');
    expect((await m.run(['uname', '-r'])).stdout).toBe('6.8.0-49-generic\n');
    expect((await m.run(['uname', '-s', '-n', '-m'])).stdout).toBe('Linux myhost x86_64\n');
    expect((await m.run(['nproc'])).stdout).toBe('2\n');
  });

  it('date prints the clock in the C locale; +FORMAT', async () => {
    const m = debian();
    expect((await m.run(['date'])).stdout).toBe('Fri Nov 27 21:21:03 UTC 2026\n');
    expect((await m.run(['date', '+%Y-%m-%d %H:%M:%S'])).stdout).toBe('2026-11-27 21:21:03\n');
    expect((await m.run(['date', '+%s'])).stdout).toBe(`${Math.floor(m.clock.now() / 1000)}\n`);
    expect((await m.run(['date', '-d', '@0', '+%F %T %Z'])).stdout).toBe('1970-01-01 00:00:00 UTC\n');
    expect((await alpine().run(['date'])).stdout).toBe('Fri Nov 27 21:21:03 UTC 2026\n');
  });

  it('uptime counts from the host\'s boot', async () => {
    expect((await debian().run(['uptime'])).stdout).toBe(' 21:21:03 up  3:17,  0 users,  load average: 0.00, 0.00, 0.00\n');
  });
});

describe('sleep and kill', () => {
  it('sleep waits on the virtual clock, with suffixes and fractions', async () => {
    const m = debian();
    const p = m.spawn(['sleep', '1.5', '1m']);
    await m.advance(61_000);
    expect(p.alive).toBe(true);
    await m.advance(500);
    expect(p.alive).toBe(false);
    expect((await m.run(['sleep', 'x'])).stderr).toBe("sleep: invalid time interval 'x'\nTry 'sleep --help' for more information.\n");
  });

  it('kill sends signals by number or name within the namespace; -l lists them', async () => {
    const m = debian({ container: true });
    m.init();
    const victim = m.spawn(['sleep', '100']);
    expect((await m.run(['kill', '-s', 'TERM', '2'])).code).toBe(0);
    expect((await victim.exited).code).toBe(143);
    const v2 = m.spawn(['sleep', '100']);
    expect((await m.run(['kill', '-9', String(v2.nsPid)])).code).toBe(0);
    expect((await v2.exited).code).toBe(137);
    // PID 1 without a handler ignores TERM from inside its namespace
    expect((await m.run(['kill', '1'])).code).toBe(0);
    expect(m.initProc!.alive).toBe(true);
    expect(await m.run(['kill', '999'])).toMatchObject({ code: 1, stderr: 'kill: (999): No such process\n' });
    expect((await m.run(['kill', '-l', '9'])).stdout).toBe('KILL\n');
    expect((await alpine().run(['kill', '999'])).stderr).toBe("kill: can't kill pid 999: No such process\n");
  });
});

describe('free and top', () => {
  it('free shows the host\'s memory (no lxcfs), with procps and BusyBox layouts', async () => {
    const m = debian({ container: true, limits: { memoryMax: 64 << 20 } });
    const r = (await m.run(['free', '-h'])).stdout.split('\n');
    expect(r[0]).toBe('               total        used        free      shared  buff/cache   available');
    expect(r[1]).toMatch(/^Mem: {12}24Gi +[\d.]+Gi +\d+Gi +11Mi +2\.0Gi +\d+Gi$/);
    expect(r[2]).toBe('Swap:             0B          0B          0B');
    const b = (await alpine().run(['free'])).stdout.split('\n');
    expect(b[0]).toBe('              total        used        free      shared  buff/cache   available');
    expect(b[1]).toMatch(/^Mem: {7}24672668 +\d+ +\d+ +11328 +\d+ +\d+$/);
  });

  it('host memory "used" grows with what processes hold', async () => {
    const m = debian();
    const hog = m.spawn(['sleep', '100']);
    const before = Number((await m.run(['free', '-b'])).stdout.split('\n')[1].trim().split(/\s+/)[2]);
    m.kernel.contextFor(hog).alloc(100 << 20);
    const after = Number((await m.run(['free', '-b'])).stdout.split('\n')[1].trim().split(/\s+/)[2]);
    expect(after - before).toBe(100 << 20);
  });

  it('top -b -n 1 prints one screen; without -b it needs a terminal', async () => {
    const m = container('gnu');
    const r = await m.run(['top', '-b', '-n', '1']);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('top - 21:21:03 up  3:17,  0 users,  load average: 0.00, 0.00, 0.00');
    expect(lines[1]).toBe('Tasks:   2 total,   1 running,   1 sleeping,   0 stopped,   0 zombie');
    expect(lines[6]).toBe('    PID USER      PR  NI    VIRT    RES    SHR S  %CPU  %MEM     TIME+ COMMAND');
    expect(lines[7]).toMatch(/^ {6}1 root .* S +0\.0 +0\.0 +0:00\.00 python3$/);
    expect(await m.run(['top'])).toMatchObject({ code: 1, stderr: 'top: failed tty get\n' });
    const tty = new Pipe();
    const p = m.spawn(['top', '-d', '1'], { tty: true, stdin: tty });
    await m.advance(2500);
    tty.write('q');
    await m.advance(1000);
    expect(p.alive).toBe(false);
  });
});

describe('df and mount', () => {
  it('df shows the overlay root with the host disk, GNU and BusyBox layouts', async () => {
    const g = (await debian().run(['df', '-h'])).stdout.split('\n');
    expect(g[0]).toBe('Filesystem      Size  Used Avail Use% Mounted on');
    expect(g[1]).toBe('overlay          98G   21G   73G  22% /');
    expect(g).toContain('/dev/sda1        98G   21G   73G  22% /etc/hosts');
    const b = (await alpine().run(['df'])).stdout.split('\n');
    expect(b[0]).toBe('Filesystem           1K-blocks      Used Available Use% Mounted on');
    expect(b[1]).toMatch(/^overlay {14}102626232 {2}21387532 {2}76107389 {2}22% \/$/);
  });

  it('mount lists the runtime\'s table when it provides one', async () => {
    const mounts = () => [{ source: 'overlay', target: '/', fstype: 'overlay', options: 'rw,relatime,lowerdir=/var/lib/docker/overlay2/l/ABC:/var/lib/docker/overlay2/l/DEF,upperdir=/var/lib/docker/overlay2/x/diff,workdir=/var/lib/docker/overlay2/x/work' }];
    const m = debian({ sys: { mounts } });
    expect((await m.run(['mount'])).stdout).toBe('overlay on / type overlay (rw,relatime,lowerdir=/var/lib/docker/overlay2/l/ABC:/var/lib/docker/overlay2/l/DEF,upperdir=/var/lib/docker/overlay2/x/diff,workdir=/var/lib/docker/overlay2/x/work)\n');
    expect((await m.run(['mount', '-t', 'proc'])).stdout).toBe('');
  });
});

describe('env, which, test', () => {
  it('env prints the environment and runs a command with changes; exit 127 for a missing one', async () => {
    const m = debian();
    expect((await m.run(['env'], { env: { A: '1' } })).stdout).toContain('A=1\n');
    expect((await m.run(['env', 'FOO=bar', 'printenv', 'FOO'])).stdout).toBe('bar\n');
    expect((await m.run(['env', '-i', 'X=1', 'env'])).stdout).toBe('X=1\n');
    expect(await m.run(['env', 'nosuch'])).toMatchObject({ code: 127, stderr: "env: 'nosuch': No such file or directory\n" });
    expect(await alpine().run(['env', 'nosuch'])).toMatchObject({ code: 127, stderr: "env: can't execute 'nosuch': No such file or directory\n" });
  });

  it('which finds the first executable in $PATH', async () => {
    const m = debian();
    expect((await m.run(['which', 'ls'])).stdout).toBe('/usr/bin/ls\n');
    expect(await m.run(['which', 'nosuch'])).toMatchObject({ code: 1, stdout: '' });
  });

  it.each([
    [['-d', '/etc'], 0], [['-f', '/etc'], 1], [['-e', '/nope'], 1], [['abc', '=', 'abc'], 0], [['1', '-lt', '2'], 0],
    [['-n', ''], 1], [['-z', ''], 0], [['!', '-d', '/etc'], 1], [['-d', '/etc', '-a', '-f', '/etc/passwd'], 0], [[], 1], [['x'], 0],
  ])('test %j -> %i', async (args, code) => {
    const m = debian();
    expect((await m.run(['test', ...args])).code).toBe(code);
    expect((await m.run(['[', ...args, ']'])).code).toBe(code);
    expect((await alpine().run(['[', ...args, ']'])).code).toBe(code);
  });

  it('test reports usage errors with exit 2', async () => {
    const m = debian();
    expect(await m.run(['test', 'a', '-lt', '1'])).toMatchObject({ code: 2, stderr: "test: invalid integer 'a'\n" });
    expect(await m.run(['[', '-d', '/etc'])).toMatchObject({ code: 2, stderr: "[: missing ']'\n" });
  });
});

describe('tty', () => {
  it.each([
    ['busybox', alpine],
    ['gnu', debian],
  ] as const)('%s: the terminal on stdin, "not a tty" (exit 1) without one, -s silent, 2 for a bad call', async (flavour, make) => {
    const m = make({ container: true });
    expect(await m.run(['tty'], { tty: true })).toMatchObject({ code: 0, stdout: '/dev/pts/0\n' });
    expect(await m.run(['tty'])).toMatchObject({ code: 1, stdout: 'not a tty\n' });
    expect(await m.run(['tty', '-s'])).toMatchObject({ code: 1, stdout: '' });
    expect(await m.run(['tty', '-s'], { tty: true })).toMatchObject({ code: 0, stdout: '' });
    const bad = await m.run(['tty', 'x']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(flavour === 'gnu' ? /^tty: extra operand 'x'\nTry 'tty --help'/ : /\n\nUsage: tty \[-s\]\n/);
  });
});
