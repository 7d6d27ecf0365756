// Output and input through the Engine API: logs (streams, tail, timestamps,
// since/until, follow, TTY CR LF, the none driver), attach with stdin, exec
// (exit codes, runc's error line, refusals, env/cwd/user, detached), and the
// container's own view (/proc, /dev, mounts, diff).
import type { ApiResponse } from '../../../src/core/daemon/api';
import { describe, expect, it } from 'vitest';
import {
  api,
  conn,
  create,
  drive,
  events,
  exec,
  inspect,
  json,
  readAll,
  runAttached,
  runDetached,
  settle,
  text,
  worldWith,
} from './containers-harness';
import type { World } from '../../../src/core/world';

const SLIM = 'python:3.13-slim';
const err = (r: ApiResponse) => ('body' in r ? (r.body as { message: string }).message : '');

async function logs(w: World, name: string, q: Record<string, string> = {}) {
  return readAll(
    w,
    conn(await api(w, 'GET', `/containers/${name}/logs`, { stdout: '1', stderr: '1', ...q })),
  );
}

describe('logs', () => {
  it('keeps stdout and stderr apart, with tail, timestamps and until', async () => {
    const w = await worldWith([SLIM]);
    await runDetached(
      w,
      {
        Image: SLIM,
        Cmd: ['sh', '-c', 'for i in 1 2 3 4 5; do echo "tick $i"; sleep 1; done; echo finished >&2'],
      },
      'counter',
    );
    const follow = await api(w, 'GET', '/containers/counter/logs', { stdout: '1', stderr: '1', follow: '1' });
    const t0 = w.clock.now();
    const all = await readAll(w, conn(follow));
    expect(w.clock.now() - t0).toBe(5000);
    expect(text(all)).toBe('tick 1\ntick 2\ntick 3\ntick 4\ntick 5\nfinished\n');
    expect(all.at(-1)).toEqual({ stream: 'stderr', data: 'finished\n' });
    expect(text(await logs(w, 'counter', { tail: '2' }))).toBe('tick 5\nfinished\n');
    expect(text(await logs(w, 'counter', { tail: '0' }))).toBe('');
    expect(text(await logs(w, 'counter', { stderr: '0' }))).toBe('tick 1\ntick 2\ntick 3\ntick 4\ntick 5\n');
    const ts = text(await logs(w, 'counter', { timestamps: '1' })).split('\n');
    expect(ts[0]).toBe('2026-11-27T21:21:03.000000000Z tick 1');
    expect(ts[1]).toBe('2026-11-27T21:21:04.000000000Z tick 2');
    expect(text(await logs(w, 'counter', { until: String(Date.UTC(2000, 0, 1) / 1000) }))).toBe('');
    expect(text(await logs(w, 'counter', { since: String(Date.UTC(2026, 10, 27, 21, 21, 5) / 1000) }))).toBe(
      'tick 4\ntick 5\nfinished\n',
    );
    const none = await api(w, 'GET', '/containers/counter/logs', {});
    expect(err(none)).toBe('Bad parameters: you must choose at least one stream');
  });

  it('a TTY container logs raw terminal output; --log-driver none cannot be read', async () => {
    const w = await worldWith([SLIM]);
    const r = await runAttached(
      w,
      { Image: SLIM, Tty: true, Cmd: ['sh', '-c', 'echo one; echo two >&2'] },
      'tty',
    );
    expect(r.out).toBe('one\r\ntwo\r\n');
    expect(await logs(w, 'tty')).toEqual([
      { stream: 'stdout', data: 'one\r\n' },
      { stream: 'stdout', data: 'two\r\n' },
    ]);
    await runAttached(
      w,
      { Image: SLIM, Cmd: ['echo', 'hi'], HostConfig: { LogConfig: { Type: 'none', Config: {} } } },
      'nolog',
    );
    const n = await api(w, 'GET', '/containers/nolog/logs', { stdout: '1' });
    expect([n.status, err(n)]).toEqual([501, 'configured logging driver does not support reading']);
  });

  it('follow with tail shows the last line, then new ones until the client hangs up', async () => {
    const w = await worldWith([SLIM]);
    await runDetached(
      w,
      { Image: SLIM, Cmd: ['sh', '-c', 'i=0; while true; do i=$((i+1)); echo "message $i"; sleep 1; done'] },
      'talker',
    );
    await settle(w, 3500);
    const c = conn(
      await api(w, 'GET', '/containers/talker/logs', { stdout: '1', stderr: '1', follow: '1', tail: '1' }),
    );
    const got: string[] = [];
    await drive(
      w,
      (async () => {
        for await (const f of c) {
          got.push(f.data);
          if (got.length === 3) c.cancel();
        }
      })(),
    );
    expect(got).toEqual(['message 4\n', 'message 5\n', 'message 6\n']);
  });

  it('python buffers stdout unless PYTHONUNBUFFERED: a detached http.server logs nothing', async () => {
    const w = await worldWith(['python:3.13']);
    await runDetached(w, { Image: 'python:3.13', Cmd: ['python3', '-m', 'http.server', '8000'] }, 'pyweb');
    await runDetached(
      w,
      { Image: 'python:3.13', Env: ['PYTHONUNBUFFERED=1'], Cmd: ['python3', '-m', 'http.server', '8000'] },
      'pyweb-unbuffered',
    );
    await settle(w, 500);
    expect(text(await logs(w, 'pyweb'))).toBe('');
    expect(text(await logs(w, 'pyweb-unbuffered'))).toBe(
      'Serving HTTP on 0.0.0.0 port 8000 (http://0.0.0.0:8000/) ...\n',
    );
  });
});

describe('attach', () => {
  it('-i: stdin typed by the client reaches PID 1; closing it ends the input (StdinOnce)', async () => {
    const w = await worldWith([SLIM]);
    const id = await create(w, {
      Image: SLIM,
      OpenStdin: true,
      StdinOnce: true,
      AttachStdin: true,
      Cmd: ['cat'],
    });
    const c = conn(
      await api(w, 'POST', `/containers/${id}/attach`, { stream: '1', stdin: '1', stdout: '1', stderr: '1' }),
    );
    c.write('typed before start\n');
    await api(w, 'POST', `/containers/${id}/start`);
    c.write('and after\n');
    await settle(w);
    c.closeWrite();
    const frames = await readAll(w, c);
    expect(text(frames)).toBe('typed before start\nand after\n');
    expect((await inspect(w, id)).State).toMatchObject({ Status: 'exited', ExitCode: 0 });
  });

  it("with a TTY: CR is a newline, output gets CR LF, the exit code is the shell's", async () => {
    const w = await worldWith([SLIM]);
    const id = await create(w, { Image: SLIM, OpenStdin: true, Tty: true, Cmd: ['sh'] });
    const c = conn(
      await api(w, 'POST', `/containers/${id}/attach`, { stream: '1', stdin: '1', stdout: '1', stderr: '1' }),
    );
    expect(c.tty).toBe(true);
    await api(w, 'POST', `/containers/${id}/start`);
    await settle(w, 10);
    c.write('echo hello\r');
    await settle(w, 10);
    c.write('exit 4\r');
    const out = text(await readAll(w, c));
    expect(out).toContain('hello\r\n');
    expect(out).not.toMatch(/[^\r]\n/);
    expect((await inspect(w, id)).State.ExitCode).toBe(4);
    expect(events(w)).toEqual(['create', 'attach', 'start', 'die']);
  });
});

describe('exec', () => {
  it('runs in the container with its env, cwd and user; exit codes pass through', async () => {
    const w = await worldWith(['python:3.13']);
    const id = await runDetached(
      w,
      { Image: 'python:3.13', Env: ['MODE=prod'], Cmd: ['sleep', '600'] },
      'app',
    );
    expect(await exec(w, id, ['pwd'])).toMatchObject({ code: 0, out: '/\n' });
    expect((await exec(w, id, ['pwd'], { WorkingDir: '/usr/local' })).out).toBe('/usr/local\n');
    expect((await exec(w, id, ['printenv', 'MODE'])).out).toBe('prod\n');
    expect((await exec(w, id, ['printenv', 'MODE'], { Env: ['MODE=debug'] })).out).toBe('debug\n');
    expect((await exec(w, id, ['sh', '-c', 'exit 7'])).code).toBe(7);
    expect((await exec(w, id, ['sh', '-c', 'echo created-by-exec > /tmp/exec.txt'])).code).toBe(0);
    expect((await exec(w, id, ['cat', '/tmp/exec.txt'])).out).toBe('created-by-exec\n');
    const names = events(w).filter((a) => a.startsWith('exec'));
    expect(names.slice(0, 3)).toEqual(['exec_create: pwd ', 'exec_start: pwd ', 'exec_die']);
  });

  it("a missing or non-executable binary: runc's line with CR LF in the stream, exit 127 / 126", async () => {
    const w = await worldWith([SLIM]);
    const id = await runDetached(w, { Image: SLIM, Cmd: ['sleep', '600'] });
    const a = await exec(w, id, ['nosuchcmd']);
    expect(a.out).toBe(
      'OCI runtime exec failed: exec failed: unable to start container process: exec: "nosuchcmd": executable file not found in $PATH: unknown\r\n',
    );
    expect(a.code).toBe(127);
    const b = await exec(w, id, ['/etc/passwd']);
    expect(b.out).toBe(
      'OCI runtime exec failed: exec failed: unable to start container process: exec: "/etc/passwd": permission denied: unknown\r\n',
    );
    expect(b.code).toBe(126);
  });

  it('refused when the container does not run; a detached exec keeps running', async () => {
    const w = await worldWith([SLIM]);
    const id = await runDetached(w, { Image: SLIM, Cmd: ['sleep', '600'] }, 'app');
    const d = json(await api(w, 'POST', '/containers/app/exec', {}, { Cmd: ['sleep', '30'] })) as {
      Id: string;
    };
    expect((await api(w, 'POST', `/exec/${d.Id}/start`, {}, { Detach: true })).status).toBe(200);
    const info = json(await api(w, 'GET', `/exec/${d.Id}/json`)) as {
      Running: boolean;
      Pid: number;
      ExitCode: number | null;
    };
    expect(info).toMatchObject({ Running: true, ExitCode: null });
    const top = json(await api(w, 'GET', '/containers/app/top')) as {
      Titles: string[];
      Processes: string[][];
    };
    expect(top.Titles).toEqual(['UID', 'PID', 'PPID', 'C', 'STIME', 'TTY', 'TIME', 'CMD']);
    expect(top.Processes.map((p) => p[7])).toEqual(['sleep 600', 'sleep 30']);
    expect(top.Processes[0][2]).toBe(top.Processes[1][2]);
    expect(Number(top.Processes[0][2])).toBeGreaterThan(0);
    const again = await api(w, 'POST', `/exec/${d.Id}/start`, {}, { Detach: true });
    expect([again.status, err(again)]).toEqual([409, `exec command ${d.Id} is already running`]);
    await api(w, 'POST', '/containers/app/stop', { t: '0' });
    const r = await api(w, 'POST', '/containers/app/exec', {}, { Cmd: ['ls'] });
    expect([r.status, err(r)]).toEqual([409, `container ${id} is not running`]);
    expect(err(await api(w, 'GET', '/exec/nosuch/json'))).toBe('No such exec instance: nosuch');
  });
});

describe('what a container sees', () => {
  it("/proc is its own PID namespace; /dev has the devices; /etc/hostname and mounts are the daemon's", async () => {
    const w = await worldWith([SLIM]);
    const id = await runDetached(w, { Image: SLIM, Cmd: ['sleep', '600'] });
    expect((await exec(w, id, ['cat', '/proc/1/cmdline'])).out).toBe('sleep\u0000600\u0000');
    expect((await exec(w, id, ['cat', '/etc/hostname'])).out).toBe(`${id.slice(0, 12)}\n`);
    const ls = (await exec(w, id, ['ls', '/dev'])).out.split('\n').filter(Boolean);
    expect(ls).toEqual([
      'core',
      'fd',
      'full',
      'mqueue',
      'null',
      'ptmx',
      'pts',
      'random',
      'shm',
      'stderr',
      'stdin',
      'stdout',
      'tty',
      'urandom',
      'zero',
    ]);
    expect((await exec(w, id, ['sh', '-c', 'echo gone > /dev/null; cat /dev/null; echo ok'])).out).toBe(
      'ok\n',
    );
    const mounts = (await exec(w, id, ['cat', '/proc/mounts'])).out.split('\n');
    expect(mounts[0]).toMatch(
      /^overlay \/ overlay rw,relatime,lowerdir=\/var\/lib\/docker\/overlay2\/l\/[A-Z2-7]{26}(:\/var\/lib\/docker\/overlay2\/l\/[A-Z2-7]{26})+,upperdir=\/var\/lib\/docker\/overlay2\/[0-9a-f]{64}\/diff,workdir=\/var\/lib\/docker\/overlay2\/[0-9a-f]{64}\/work,nouserxattr 0 0$/,
    );
    expect(mounts.slice(1, 8).map((l) => l.split(' ').slice(0, 3).join(' '))).toEqual([
      'proc /proc proc',
      'tmpfs /dev tmpfs',
      'devpts /dev/pts devpts',
      'sysfs /sys sysfs',
      'cgroup /sys/fs/cgroup cgroup2',
      'mqueue /dev/mqueue mqueue',
      'shm /dev/shm tmpfs',
    ]);
    expect((await exec(w, id, ['sh', '-c', 'echo x > /proc/sys/kernel/pid_max'])).err).toContain(
      'Read-only file system',
    );
    expect((await exec(w, id, ['rm', '/etc/hosts'])).err).toContain('Device or resource busy');
  });

  it('two containers of one image diverge independently (docker diff)', async () => {
    const w = await worldWith([SLIM]);
    const a = await runDetached(w, { Image: SLIM, Cmd: ['sleep', '600'] });
    const b = await runDetached(w, { Image: SLIM, Cmd: ['sleep', '600'] });
    await exec(w, a, ['sh', '-c', 'echo a > /tmp/a.txt; rm /etc/issue']);
    await exec(w, b, ['sh', '-c', 'echo b >> /etc/debian_version']);
    const diff = async (id: string) =>
      (json(await api(w, 'GET', `/containers/${id}/changes`)) as { Kind: number; Path: string }[]).map(
        (c) => `${'CAD'[c.Kind]} ${c.Path}`,
      );
    expect(new Set(await diff(a))).toEqual(new Set(['C /etc', 'D /etc/issue', 'C /tmp', 'A /tmp/a.txt']));
    expect(await diff(b)).toEqual(['C /etc', 'C /etc/debian_version']);
    expect((await exec(w, a, ['cat', '/etc/debian_version'])).out).not.toContain('b\n');
    expect((await exec(w, b, ['ls', '/etc/issue'])).code).toBe(0);
  });
});
