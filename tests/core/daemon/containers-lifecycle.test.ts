// The container lifecycle through the Engine API: create (merge with the
// image, validation texts), start (runc's errors, 127/126, Created state),
// stop's grace and signals, kill, restart, pause, restart policies, --rm,
// wait conditions and remove, with the events Docker logs on the way.
import type { ApiResponse } from '../../../src/core/daemon/api';
import { describe, expect, it } from 'vitest';
import {
  api,
  clockOf,
  conn,
  create,
  drive,
  readAll,
  text,
  events,
  exec,
  inspect,
  json,
  runAttached,
  runDetached,
  settle,
  worldWith,
} from './containers-harness';

const SLIM = 'python:3.13-slim';
const err = (r: ApiResponse) => ('body' in r ? (r.body as { message: string }).message : '');

describe('create', () => {
  it('merges the image config: Path/Args, Env order, hostname = short ID, working dir, labels', async () => {
    const w = await worldWith([SLIM]);
    const id = await create(
      w,
      { Image: SLIM, Env: ['APP_MODE=dev', 'PATH=/custom'], Labels: { a: 'b' } },
      'merged',
    );
    const c = await inspect(w, id);
    expect(c.Path).toBe('python3');
    expect(c.Args).toEqual([]);
    expect(c.Name).toBe('/merged');
    expect(c.Config.Hostname).toBe(id.slice(0, 12));
    expect(c.Config.Env[0]).toBe('APP_MODE=dev');
    expect(c.Config.Env[1]).toBe('PATH=/custom');
    expect(c.Config.Env.filter((e: string) => e.startsWith('PATH='))).toHaveLength(1);
    expect(c.Config.Env).toContain('LANG=C.UTF-8');
    expect(c.Config.Labels).toEqual({ a: 'b' });
    expect(c.Config.Cmd).toEqual(['python3']);
    expect(c.State).toMatchObject({
      Status: 'created',
      Running: false,
      ExitCode: 0,
      StartedAt: '0001-01-01T00:00:00Z',
    });
    expect(Object.keys(c).slice(0, 6)).toEqual(['Id', 'Created', 'Path', 'Args', 'State', 'Image']);
    expect(Object.keys(c.State)).toEqual([
      'Status',
      'Running',
      'Paused',
      'Restarting',
      'OOMKilled',
      'Dead',
      'Pid',
      'ExitCode',
      'Error',
      'StartedAt',
      'FinishedAt',
    ]);
    expect(c.HostConfig).toMatchObject({
      NetworkMode: 'bridge',
      RestartPolicy: { Name: 'no', MaximumRetryCount: 0 },
      ShmSize: 67108864,
    });
    expect(events(w)).toEqual(['create']);
  });

  it('a command overrides Cmd but keeps the entrypoint; shell form gives /bin/sh -c', async () => {
    const w = await worldWith(['nginx:latest']);
    const c = await inspect(w, await create(w, { Image: 'nginx', Cmd: ['nginx', '-T'] }));
    expect(c.Path).toBe('/docker-entrypoint.sh');
    expect(c.Args).toEqual(['nginx', '-T']);
    const d = await inspect(
      w,
      await create(w, { Image: 'nginx', Entrypoint: [''], Cmd: ['/bin/sh', '-c', 'echo hi there'] }),
    );
    expect(d.Path).toBe('/bin/sh');
    expect(d.Args).toEqual(['-c', 'echo hi there']);
    const list = json(await api(w, 'GET', '/containers/json', { all: '1' })) as { Command: string }[];
    expect(list.map((x) => x.Command)).toEqual([
      "/bin/sh -c 'echo hi there'",
      '/docker-entrypoint.sh nginx -T',
    ]);
  });

  it('refuses what the daemon refuses, with its texts and statuses', async () => {
    const w = await worldWith([SLIM]);
    const cases: [Record<string, unknown>, string | undefined, number, string][] = [
      [{ Image: 'nosuch' }, undefined, 404, 'No such image: nosuch:latest'],
      [
        { Image: SLIM, HostConfig: { Memory: 4 * 1024 * 1024 } },
        undefined,
        400,
        'Minimum memory limit allowed is 6MB',
      ],
      [
        { Image: 'nosuch', HostConfig: { Memory: 4 * 1024 * 1024 } },
        undefined,
        400,
        'Minimum memory limit allowed is 6MB',
      ],
      [
        { Image: SLIM, HostConfig: { NanoCpus: 64e9 } },
        undefined,
        400,
        `range of CPUs is from 0.01 to ${w.hostInfo.cpus}.00, as there are only ${w.hostInfo.cpus} CPUs available`,
      ],
      [
        { Image: SLIM },
        'a b',
        400,
        'Invalid container name (a b), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed',
      ],
      [
        { Image: SLIM, WorkingDir: 'rel' },
        undefined,
        400,
        "the working directory 'rel' is invalid, it needs to be an absolute path",
      ],
      [
        {
          Image: SLIM,
          HostConfig: { AutoRemove: true, RestartPolicy: { Name: 'always', MaximumRetryCount: 0 } },
        },
        undefined,
        400,
        "can't create 'AutoRemove' container with restart policy",
      ],
      [
        {
          Image: SLIM,
          HostConfig: { Mounts: [{ Type: 'bind', Source: '/tmp/demo/missing', Target: '/data' }] },
        },
        undefined,
        400,
        'invalid mount config for type "bind": bind source path does not exist: /tmp/demo/missing',
      ],
    ];
    for (const [body, name, status, message] of cases) {
      const r = await api(w, 'POST', '/containers/create', name ? { name } : {}, body);
      expect([r.status, err(r)]).toEqual([status, message]);
    }
    const id = await create(w, { Image: SLIM }, 'web');
    const r = await api(w, 'POST', '/containers/create', { name: 'web' }, { Image: SLIM });
    expect(r.status).toBe(409);
    expect(err(r)).toBe(
      `Conflict. The container name "/web" is already in use by container "${id}". You have to remove (or rename) that container to be able to reuse that name.`,
    );
    expect(w.daemon.all()).toHaveLength(1);
  });

  it('finds containers by ID, name and unique prefix', async () => {
    const w = await worldWith([SLIM]);
    const a = await create(w, { Image: SLIM }, 'one');
    await create(w, { Image: SLIM }, 'two');
    expect((await inspect(w, a.slice(0, 5))).Id).toBe(a);
    expect((await inspect(w, 'one')).Id).toBe(a);
    expect(err(await api(w, 'GET', '/containers/nosuch/json'))).toBe('No such container: nosuch');
    const ids = w.daemon.all().map((c) => c.id);
    let common = 0;
    while (ids[0][common] === ids[1][common]) common++;
    const r = await api(w, 'GET', `/containers/${ids[0].slice(0, common)}/json`);
    if (common > 0)
      expect([r.status, err(r)]).toEqual([
        400,
        `multiple IDs found with provided prefix: ${ids[0].slice(0, common)}`,
      ]);
  });
});

describe('start', () => {
  it('runs PID 1 and streams its output; the exit code passes through', async () => {
    const w = await worldWith([SLIM]);
    const r = await runAttached(w, { Image: SLIM, Cmd: ['echo', 'hello', 'world'] });
    expect(r).toMatchObject({ code: 0, out: 'hello world\n', err: '' });
    expect(events(w)).toEqual(['create', 'attach', 'start', 'die']);
    expect(w.events.all().find((e) => e.Action === 'die')?.Actor.Attributes).toMatchObject({
      exitCode: '0',
      image: SLIM,
    });
    expect(
      (await runAttached(w, { Image: SLIM, Cmd: ['sh', '-c', 'echo out; echo err >&2; exit 3'] })).code,
    ).toBe(3);
    const split = await runAttached(w, { Image: SLIM, Cmd: ['sh', '-c', 'echo out; echo err >&2'] });
    expect([split.out, split.err]).toEqual(['out\n', 'err\n']);
  });

  it('a missing command: runc error, 127, left Created with the error; a directory or non-executable: 126', async () => {
    const w = await worldWith([SLIM]);
    const cases: [string, number, string][] = [
      ['nosuchcommand', 127, 'exec: "nosuchcommand": executable file not found in $PATH'],
      ['/etc', 126, 'exec: "/etc": permission denied'],
      ['/etc/passwd', 126, 'exec: "/etc/passwd": permission denied'],
    ];
    for (const [cmd, code, why] of cases) {
      const id = await create(w, { Image: SLIM, Cmd: [cmd] });
      const r = await api(w, 'POST', `/containers/${id}/start`);
      const message = `failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: ${why}: unknown`;
      expect([r.status, err(r)]).toEqual([400, message]);
      const c = await inspect(w, id);
      expect(c.State).toMatchObject({
        Status: 'created',
        ExitCode: code,
        Error: message,
        StartedAt: '0001-01-01T00:00:00Z',
      });
    }
    const list = json(await api(w, 'GET', '/containers/json', { all: '1' })) as { Status: string }[];
    expect(list.map((x) => x.Status)).toEqual(['Created', 'Created', 'Created']);
    expect(events(w)).toEqual(['create', 'create', 'create']);
  });

  it('starting a running container is 304; an unknown user fails with the passwd text', async () => {
    const w = await worldWith([SLIM]);
    const id = await runDetached(w, { Image: SLIM, Cmd: ['sleep', '60'] });
    expect((await api(w, 'POST', `/containers/${id}/start`)).status).toBe(304);
    const u = await create(w, { Image: SLIM, User: 'nobodyhere', Cmd: ['true'] });
    const r = await api(w, 'POST', `/containers/${u}/start`);
    expect([r.status, err(r)]).toEqual([
      500,
      'unable to find user nobodyhere: no matching entries in passwd file',
    ]);
    expect((await inspect(w, u)).State.ExitCode).toBe(128);
  });

  it('PID 1 sees the container: hostname, /etc/hosts with its IP, its own PID namespace, uid from -u', async () => {
    const w = await worldWith(['python:3.13']);
    const id = await runDetached(w, { Image: 'python:3.13', Cmd: ['sleep', '600'] }, 'inspectme');
    expect((await exec(w, id, ['hostname'])).out).toBe(`${id.slice(0, 12)}\n`);
    const hosts = (await exec(w, id, ['cat', '/etc/hosts'])).out;
    expect(hosts).toMatch(/^127\.0\.0\.1\tlocalhost\n/);
    expect(hosts.trimEnd().split('\n').pop()).toBe(`172.17.0.2\t${id.slice(0, 12)}`);
    const ps = (await exec(w, id, ['ps', '-o', 'pid,ppid,args'])).out.split('\n');
    expect(ps[1].trim()).toMatch(/^1\s+0\s+sleep 600$/);
    expect(ps[2].trim()).toMatch(/^\d+\s+0\s+ps -o pid,ppid,args$/);
    expect((await exec(w, id, ['id'], { User: '1000:1000' })).out).toBe('uid=1000 gid=1000 groups=1000\n');
    expect((await exec(w, id, ['id'], { User: 'nobody' })).out).toBe(
      'uid=65534(nobody) gid=65534(nogroup) groups=65534(nogroup)\n',
    );
    expect((await exec(w, id, ['ls', '-a', '/'])).out).toContain('.dockerenv\n');
    expect((await runAttached(w, { Image: 'python:3.13', User: '1000:1000', Cmd: ['id'] })).out).toBe(
      'uid=1000 gid=1000 groups=1000\n',
    );
  });
  it("with --init a missing command is tini's to report: started, then 127", async () => {
    const w = await worldWith([SLIM]);
    const r = await runAttached(w, { Image: SLIM, Cmd: ['nosuch'], HostConfig: { Init: true } });
    expect(r.err).toBe('[FATAL tini (2)] exec nosuch failed: No such file or directory\n');
    expect(r.code).toBe(127);
    expect((await inspect(w, r.id)).State).toMatchObject({ Status: 'exited', ExitCode: 127, Error: '' });
  });
});

describe('stop and kill', () => {
  it('PID 1 without a handler ignores SIGTERM: the full 10 s, then SIGKILL, 137', async () => {
    const w = await worldWith([SLIM]);
    const id = await runDetached(w, { Image: SLIM, Cmd: ['sleep', '3600'] }, 'sleeper');
    const t0 = w.clock.now();
    expect((await api(w, 'POST', '/containers/sleeper/stop')).status).toBe(204);
    expect(w.clock.now() - t0).toBe(10_000);
    const c = await inspect(w, id);
    expect(c.State).toMatchObject({ Status: 'exited', ExitCode: 137, OOMKilled: false, Running: false });
    const acts = w.events
      .all()
      .filter((e) => e.Type === 'container')
      .map((e) => `${e.Action}${e.Actor.Attributes.signal ? ' ' + e.Actor.Attributes.signal : ''}`);
    expect(acts).toEqual(['create', 'start', 'kill 15', 'kill 9', 'die', 'stop']);
    // stopping a stopped container is not an error; killing it is
    expect((await api(w, 'POST', '/containers/sleeper/stop')).status).toBe(304);
    const k = await api(w, 'POST', '/containers/sleeper/kill');
    expect([k.status, err(k)]).toEqual([
      409,
      `cannot kill container: sleeper: container ${id} is not running`,
    ]);
  });

  it('-t 2 shortens the grace; --init (tini) forwards SIGTERM: 143 at once', async () => {
    const w = await worldWith(['python:3.13']);
    await runDetached(w, { Image: 'python:3.13', Cmd: ['sleep', '3600'] }, 's2');
    let t0 = w.clock.now();
    await api(w, 'POST', '/containers/s2/stop', { t: '2' });
    expect(w.clock.now() - t0).toBe(2_000);
    const id = await runDetached(
      w,
      { Image: 'python:3.13', Cmd: ['sleep', '3600'], HostConfig: { Init: true } },
      'inited',
    );
    const ps = (await exec(w, id, ['ps', '-o', 'pid,args'])).out.split('\n').map((l) => l.trim());
    expect(ps[1]).toBe('1 /sbin/docker-init -- sleep 3600');
    expect(ps[2]).toMatch(/^\d+ sleep 3600$/);
    expect((await exec(w, id, ['cat', '/proc/mounts'])).out).toContain(
      '/dev/sda1 /sbin/docker-init ext4 ro,',
    );
    t0 = w.clock.now();
    await api(w, 'POST', '/containers/inited/stop');
    expect(w.clock.now() - t0).toBeLessThan(100);
    expect((await inspect(w, id)).State.ExitCode).toBe(143);
  });

  it("the image's STOPSIGNAL: nginx stops on SIGQUIT at once with 0", async () => {
    const w = await worldWith(['nginx:latest']);
    const id = await runDetached(w, { Image: 'nginx' }, 'web');
    await settle(w, 100);
    const t0 = w.clock.now();
    await api(w, 'POST', '/containers/web/stop');
    expect(w.clock.now() - t0).toBeLessThan(1000);
    expect((await inspect(w, id)).State.ExitCode).toBe(0);
    expect(w.events.all().find((e) => e.Action === 'kill')?.Actor.Attributes.signal).toBe('3');
    const logs = text(await readLogs(w, 'web'));
    expect(logs).toContain('signal 3 (SIGQUIT) received, shutting down');
  });

  it('a trap in the shell exits 0 on SIGTERM; kill -s TERM on sleep changes nothing; kill defaults to SIGKILL', async () => {
    const w = await worldWith([SLIM]);
    await runDetached(
      w,
      {
        Image: SLIM,
        Cmd: ['sh', '-c', 'trap "echo caught SIGTERM; exit 0" TERM; while true; do sleep 1; done'],
      },
      'trapper',
    );
    await settle(w, 1500);
    await api(w, 'POST', '/containers/trapper/stop');
    expect((await inspect(w, 'trapper')).State.ExitCode).toBe(0);
    expect(text(await readLogs(w, 'trapper'))).toBe('caught SIGTERM\n');
    await runDetached(w, { Image: SLIM, Cmd: ['sleep', '3600'] }, 'termonly');
    expect((await api(w, 'POST', '/containers/termonly/kill', { signal: 'TERM' })).status).toBe(204);
    await settle(w, 1000);
    expect((await inspect(w, 'termonly')).State.Running).toBe(true);
    expect((await api(w, 'POST', '/containers/termonly/kill', { signal: 'NOPE' })).status).toBe(400);
    await api(w, 'POST', '/containers/termonly/kill');
    expect((await inspect(w, 'termonly')).State).toMatchObject({ Status: 'exited', ExitCode: 137 });
  });
});

async function readLogs(
  w: Awaited<ReturnType<typeof worldWith>>,
  name: string,
  query: Record<string, string> = {},
) {
  return readAll(
    w,
    conn(await api(w, 'GET', `/containers/${name}/logs`, { stdout: '1', stderr: '1', ...query })),
  );
}

describe('restart, pause, policies, --rm, wait, rm', () => {
  it('restart: stop then start, RestartCount stays 0; logs accumulate across runs', async () => {
    const w = await worldWith([SLIM]);
    const { id } = await runAttached(w, { Image: SLIM, Cmd: ['echo', 'run once'] }, 'job');
    expect((await api(w, 'POST', '/containers/job/start')).status).toBe(204);
    await settle(w, 10);
    await runAttachedAgain(w, id);
    expect(text(await readLogs(w, 'job'))).toBe('run once\nrun once\nrun once\n');
    const r = await api(w, 'POST', '/containers/job/restart');
    expect(r.status).toBe(204);
    expect(events(w).slice(-3)).toEqual(['start', 'restart', 'die']);
    expect((await inspect(w, id)).RestartCount).toBe(0);
  });

  it('pause freezes the processes (no progress, no exec); unpause resumes; stop works while paused', async () => {
    const w = await worldWith([SLIM]);
    const id = await runDetached(
      w,
      { Image: SLIM, Cmd: ['sh', '-c', 'i=0; while true; do i=$((i+1)); echo "tick $i"; sleep 1; done'] },
      'ticker',
    );
    await settle(w, 2500);
    expect((await api(w, 'POST', '/containers/ticker/pause')).status).toBe(204);
    const lines = () => w.daemon.all()[0].log.entries.length;
    const before = lines();
    await settle(w, 5000);
    expect(lines()).toBe(before);
    expect((await inspect(w, id)).State).toMatchObject({ Status: 'paused', Running: true, Paused: true });
    const list = json(await api(w, 'GET', '/containers/json')) as { Status: string }[];
    expect(list[0].Status).toMatch(/^Up \d+ seconds \(Paused\)$/);
    const e = await api(w, 'POST', '/containers/ticker/exec', {}, { Cmd: ['ls'] });
    expect([e.status, err(e)]).toEqual([
      409,
      'Container ticker is paused, unpause the container before exec',
    ]);
    expect(err(await api(w, 'POST', '/containers/ticker/pause'))).toBe(`Container ${id} is already paused`);
    const rm = await api(w, 'DELETE', '/containers/ticker');
    expect(err(rm)).toBe('cannot remove container "ticker": container is paused and must be unpaused first');
    expect((await api(w, 'POST', '/containers/ticker/unpause')).status).toBe(204);
    await settle(w, 2000);
    expect(lines()).toBeGreaterThan(before);
    await api(w, 'POST', '/containers/ticker/pause');
    expect((await api(w, 'POST', '/containers/ticker/stop', { t: '1' })).status).toBe(204);
    expect((await inspect(w, id)).State).toMatchObject({ Status: 'exited', Paused: false });
    const un = await api(w, 'POST', '/containers/ticker/unpause');
    expect([un.status, err(un)]).toEqual([500, `Container ${id} is not paused`]);
    expect(events(w).filter((a) => a === 'pause' || a === 'unpause')).toEqual(['pause', 'unpause', 'pause']);
  });

  it('on-failure:2 restarts twice, then stays exited with RestartCount 2', async () => {
    const w = await worldWith([SLIM]);
    const id = await runDetached(
      w,
      {
        Image: SLIM,
        Cmd: ['sh', '-c', 'echo attempt; exit 1'],
        HostConfig: { RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 2 } },
      },
      'flaky',
    );
    await settle(w, 5000);
    const c = await inspect(w, id);
    expect([c.RestartCount, c.State.Status, c.State.ExitCode]).toEqual([2, 'exited', 1]);
    expect(text(await readLogs(w, 'flaky'))).toBe('attempt\nattempt\nattempt\n');
    expect(events(w).filter((a) => a === 'start' || a === 'die')).toEqual([
      'start',
      'die',
      'start',
      'die',
      'start',
      'die',
    ]);
  });

  it('--rm removes the container when it exits; wait removed answers then', async () => {
    const w = await worldWith([SLIM]);
    const id = await create(
      w,
      { Image: SLIM, Cmd: ['sleep', '1'], HostConfig: { AutoRemove: true } },
      'tmp2',
    );
    const wait = w.engine.request({
      method: 'POST',
      path: `/containers/${id}/wait`,
      query: { condition: 'removed' },
    });
    await api(w, 'POST', `/containers/${id}/start`);
    expect((json(await api(w, 'GET', '/containers/json')) as unknown[]).length).toBe(1);
    expect(json(await drive(w, wait))).toEqual({ StatusCode: 0, Error: null });
    expect(err(await api(w, 'GET', '/containers/tmp2/json'))).toBe('No such container: tmp2');
    expect(events(w)).toEqual(['create', 'start', 'die', 'destroy']);
  });

  it('wait: not-running answers at once for a stopped container, next-exit waits for the exit', async () => {
    const w = await worldWith([SLIM]);
    const id = await create(w, { Image: SLIM, Cmd: ['sh', '-c', 'sleep 2; exit 5'] });
    expect(json(await api(w, 'POST', `/containers/${id}/wait`))).toEqual({ StatusCode: 0, Error: null });
    const next = w.engine.request({
      method: 'POST',
      path: `/containers/${id}/wait`,
      query: { condition: 'next-exit' },
    });
    await api(w, 'POST', `/containers/${id}/start`);
    expect(json(await drive(w, next))).toEqual({ StatusCode: 5, Error: null });
    expect(err(await api(w, 'POST', `/containers/${id}/wait`, { condition: 'sometime' }))).toBe(
      'invalid condition: "sometime"',
    );
    // a container removed before it ever exits still answers its waiters
    const gone = await create(w, { Image: SLIM, Cmd: ['true'] });
    const pending = w.engine.request({
      method: 'POST',
      path: `/containers/${gone}/wait`,
      query: { condition: 'next-exit' },
    });
    await api(w, 'DELETE', `/containers/${gone}`);
    expect(json(await drive(w, pending))).toEqual({ StatusCode: 0, Error: null });
  });

  it('rm of a running container is refused (v28.3 wording); -f kills it', async () => {
    const w = await worldWith([SLIM]);
    const id = await runDetached(w, { Image: SLIM, Cmd: ['sleep', '600'] }, 'busy');
    const r = await api(w, 'DELETE', '/containers/busy');
    expect([r.status, err(r)]).toEqual([
      409,
      'cannot remove container "busy": container is running: stop the container before removing or force remove',
    ]);
    expect((await api(w, 'DELETE', '/containers/busy', { force: '1' })).status).toBe(204);
    expect(events(w)).toEqual(['create', 'start', 'kill', 'die', 'destroy']);
    expect(w.daemon.all()).toHaveLength(0);
    expect(w.kernel.processes.size).toBe(0);
    expect(err(await api(w, 'DELETE', `/containers/${id}`))).toBe(`No such container: ${id}`);
  });

  it('rmi sees containers: a stopped container keeps its image from being untagged', async () => {
    const w = await worldWith([SLIM]);
    const id = await create(w, { Image: SLIM });
    const r = await api(w, 'DELETE', `/images/${SLIM}`);
    expect(r.status).toBe(409);
    expect(err(r)).toContain(`container ${id.slice(0, 12)} is using its referenced image`);
  });

  it('rename keeps the ID and frees the old name', async () => {
    const w = await worldWith([SLIM]);
    const id = await create(w, { Image: SLIM }, 'old');
    expect((await api(w, 'POST', '/containers/old/rename', { name: 'new' })).status).toBe(204);
    expect((await inspect(w, 'new')).Id).toBe(id);
    expect(w.events.all().at(-1)).toMatchObject({
      Action: 'rename',
      Actor: { Attributes: { oldName: '/old', name: 'new' } },
    });
    expect((await api(w, 'POST', '/containers/create', { name: 'old' }, { Image: SLIM })).status).toBe(201);
  });
});

/** docker start -a on an existing container. */
async function runAttachedAgain(w: Awaited<ReturnType<typeof worldWith>>, id: string) {
  const c = conn(await api(w, 'POST', `/containers/${id}/attach`, { stream: '1', stdout: '1', stderr: '1' }));
  await api(w, 'POST', `/containers/${id}/start`);
  return text(await readAll(w, c));
}

describe('limits', () => {
  it('OOM: -m 8m tail /dev/zero is killed, 137, OOMKilled, an oom event', async () => {
    const w = await worldWith([SLIM]);
    const { id, code } = await runAttached(
      w,
      { Image: SLIM, Cmd: ['tail', '/dev/zero'], HostConfig: { Memory: 8 * 1024 * 1024 } },
      'oom',
    );
    expect(code).toBe(137);
    const c = await inspect(w, id);
    expect(c.State).toMatchObject({ OOMKilled: true, ExitCode: 137, Status: 'exited' });
    expect(c.HostConfig).toMatchObject({ Memory: 8388608, MemorySwap: 16777216 });
    expect(events(w)).toEqual(['create', 'attach', 'start', 'oom', 'die']);
    // the next start resets OOMKilled
    await api(w, 'POST', `/containers/${id}/start`);
    expect((await inspect(w, id)).State.OOMKilled).toBe(false);
  });

  it('the cgroup shows the limits inside; pids.max makes fork fail', async () => {
    const w = await worldWith([SLIM]);
    const id = await runDetached(w, {
      Image: SLIM,
      Cmd: ['sleep', '300'],
      HostConfig: { Memory: 64 << 20, NanoCpus: 5e8, PidsLimit: 10 },
    });
    const cat = async (f: string) => (await exec(w, id, ['cat', `/sys/fs/cgroup/${f}`])).out;
    expect(await cat('memory.max')).toBe('67108864\n');
    expect(await cat('memory.swap.max')).toBe('67108864\n');
    expect(await cat('cpu.max')).toBe('50000 100000\n');
    expect(await cat('pids.max')).toBe('10\n');
    expect((await exec(w, id, ['cat', '/proc/self/cgroup'])).out).toBe('0::/\n');
    const r = await runAttached(w, {
      Image: SLIM,
      Cmd: ['sh', '-c', 'for i in 1 2 3 4 5 6 7 8; do sleep 5 & done; wait; echo done'],
      HostConfig: { PidsLimit: 5 },
    });
    expect(r.err).toMatch(/fork/i);
    expect(r.code).not.toBe(0);
  });

  it("a published port already taken: the container stays Created with 128 and Docker's error", async () => {
    const w = await worldWith([SLIM]);
    const ports = { PortBindings: { '8000/tcp': [{ HostIp: '', HostPort: '8000' }] } };
    await runDetached(
      w,
      { Image: SLIM, Cmd: ['sleep', '300'], ExposedPorts: { '8000/tcp': {} }, HostConfig: ports },
      'first',
    );
    const id = await create(
      w,
      { Image: SLIM, Cmd: ['sleep', '300'], ExposedPorts: { '8000/tcp': {} }, HostConfig: ports },
      'second',
    );
    const r = await api(w, 'POST', '/containers/second/start');
    expect(r.status).toBe(500);
    expect(err(r)).toMatch(
      /^failed to set up container networking: driver failed programming external connectivity on endpoint second \([0-9a-f]{64}\): Bind for 0\.0\.0\.0:8000 failed: port is already allocated$/,
    );
    expect((await inspect(w, id)).State).toMatchObject({ Status: 'created', ExitCode: 128 });
    const list = json(await api(w, 'GET', '/containers/json', { all: '1' })) as {
      Names: string[];
      Status: string;
      Ports: unknown[];
    }[];
    expect(list.map((c) => [c.Names[0], c.Status])).toEqual([
      ['/second', 'Created'],
      ['/first', 'Up Less than a second'],
    ]);
    // no host address: bound on 0.0.0.0 and on :: (Docker 28)
    expect(list[1].Ports).toEqual([
      { IP: '0.0.0.0', PrivatePort: 8000, PublicPort: 8000, Type: 'tcp' },
      { IP: '::', PrivatePort: 8000, PublicPort: 8000, Type: 'tcp' },
    ]);
    // the failed start's cleanup released its network (releaseNetwork clears NetworkSettings.Ports): no ports listed
    expect(list[0].Ports).toEqual([]);
    expect(clockOf(w).pending()).toBeGreaterThanOrEqual(0);
  });
});
