// The read-side container routes through the Engine API: the complete list
// (filters, order, sizes, ports), stats from the cgroup, changes, commit into
// the image store, and the archive routes docker cp uses.
import { describe, expect, it } from 'vitest';
import { isJsonStream } from '../../../src/core/daemon/api';
import { STAT_HEADER, isDirMode, type ArchiveEntry } from '../../../src/core/daemon/containers-archive';
import {
  api,
  clockOf,
  create,
  drive,
  exec,
  json,
  runAttached,
  runDetached,
  settle,
  worldWith,
} from './containers-harness';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- API bodies are read field by field
type Doc = Record<string, any>;

type Summary = {
  Id: string;
  Names: string[];
  Image: string;
  Command: string;
  State: string;
  Status: string;
  SizeRw?: number;
  SizeRootFs?: number;
  Ports: unknown[];
};

const list = async (w: Awaited<ReturnType<typeof worldWith>>, query: Record<string, string> = {}) =>
  json(await api(w, 'GET', '/containers/json', query)) as Summary[];

describe('GET /containers/json', () => {
  it('newest first; running only unless all; limit includes stopped ones', async () => {
    const w = await worldWith(['python:3.13']);
    await runDetached(w, { Image: 'python:3.13', Cmd: ['sleep', '600'] }, 'web');
    await runAttached(w, { Image: 'python:3.13', Cmd: ['sh', '-c', 'exit 3'] }, 'job-fail');
    await create(w, { Image: 'python:3.13', Cmd: ['echo', 'hi'] }, 'not-started');
    expect((await list(w)).map((c) => c.Names[0])).toEqual(['/web']);
    expect((await list(w, { all: '1' })).map((c) => c.Names[0])).toEqual([
      '/not-started',
      '/job-fail',
      '/web',
    ]);
    expect((await list(w, { limit: '2' })).map((c) => c.Names[0])).toEqual(['/not-started', '/job-fail']);
    const all = await list(w, { all: '1' });
    expect(all.map((c) => c.Status)).toEqual([
      'Created',
      'Exited (3) Less than a second ago',
      'Up Less than a second',
    ]);
    expect(all.map((c) => c.Command)).toEqual(['echo hi', "sh -c 'exit 3'", 'sleep 600']);
  });

  it('filters: status, exited, name as a pattern, id prefix, label, ancestor, before/since', async () => {
    const w = await worldWith(['python:3.13', 'alpine']);
    await runDetached(w, { Image: 'python:3.13', Cmd: ['sleep', '600'], Labels: { demo: 'prune' } }, 'web');
    await runAttached(w, { Image: 'python:3.13', Cmd: ['sh', '-c', 'exit 3'] }, 'job-fail');
    await runAttached(w, { Image: 'alpine', Cmd: ['true'] }, 'job-ok');
    await create(w, { Image: 'alpine', Cmd: ['true'] }, 'not-started');
    const names = async (filters: Record<string, string[]>, all = true) =>
      (
        await list(w, {
          ...(all ? { all: '1' } : {}),
          filters: JSON.stringify(
            Object.fromEntries(
              Object.entries(filters).map(([k, vs]) => [k, Object.fromEntries(vs.map((v) => [v, true]))]),
            ),
          ),
        })
      ).map((c) => c.Names[0].slice(1));
    expect(await names({ status: ['exited'] })).toEqual(['job-ok', 'job-fail']);
    expect(await names({ status: ['created'] }, false)).toEqual(['not-started']);
    expect(await names({ exited: ['3'] })).toEqual(['job-fail']);
    // a created container never exited, whatever its code
    expect(await names({ exited: ['0'] })).toEqual(['job-ok']);
    expect(await names({ name: ['job'] })).toEqual(['job-ok', 'job-fail']);
    expect(await names({ name: ['^/w'] })).toEqual(['web']);
    expect(await names({ label: ['demo=prune'] })).toEqual(['web']);
    expect(await names({ ancestor: ['python:3.13'] })).toEqual(['job-fail', 'web']);
    expect(await names({ ancestor: ['alpine:latest'] })).toEqual(['not-started', 'job-ok']);
    expect(await names({ before: ['job-ok'] })).toEqual(['job-fail', 'web']);
    expect(await names({ since: ['job-fail'] })).toEqual(['not-started', 'job-ok']);
    const web = (await list(w))[0].Id;
    expect(await names({ id: [web.slice(0, 5)] })).toEqual(['web']);
    const bad = await api(w, 'GET', '/containers/json', { filters: '{"status":{"bogus":true}}' });
    expect(bad.status).toBe(400);
    expect(json(bad)).toEqual({
      message:
        "invalid filter 'status=bogus': invalid value for state (bogus): must be one of created, running, paused, restarting, removing, exited, dead",
    });
    const nosuch = await api(w, 'GET', '/containers/json', { filters: '{"before":{"nosuch":true}}' });
    expect([nosuch.status, json(nosuch)]).toEqual([404, { message: 'No such container: nosuch' }]);
  });

  it('size=1: the upper layer and the image under it', async () => {
    const w = await worldWith(['alpine']);
    await runAttached(w, { Image: 'alpine', Cmd: ['sh', '-c', 'echo hello > /hello.txt'] }, 'writer');
    const [c] = await list(w, { all: '1', size: '1' });
    expect(c.SizeRw).toBe(6);
    const img = json(await api(w, 'GET', '/images/alpine/json')) as { Size: number };
    expect(c.SizeRootFs).toBe(img.Size + 6);
    expect((await list(w, { all: '1' }))[0].SizeRw).toBeUndefined();
  });
});

describe('GET /containers/{id}/stats', () => {
  it('stream=0 primes precpu and answers after the second sample; memory and pids from the cgroup', async () => {
    const w = await worldWith(['python:3.13']);
    await runDetached(
      w,
      { Image: 'python:3.13', Cmd: ['sleep', '600'], HostConfig: { Memory: 64 * 1024 * 1024 } },
      'limited',
    );
    const t0 = clockOf(w).now();
    const s = json(await api(w, 'GET', '/containers/limited/stats', { stream: '0' })) as Doc;
    // two collector ticks on whole seconds
    expect(clockOf(w).now() - t0).toBeGreaterThanOrEqual(1000);
    expect(clockOf(w).now() - t0).toBeLessThanOrEqual(2000);
    expect(s.name).toBe('/limited');
    expect(s.memory_stats.limit).toBe(67108864);
    expect(s.memory_stats.usage).toBeGreaterThan(0);
    expect(s.pids_stats.current).toBe(1);
    expect(s.precpu_stats.system_cpu_usage).toBeLessThan(s.cpu_stats.system_cpu_usage);
    expect(s.cpu_stats.online_cpus).toBe(w.hostInfo.cpus);
    expect(Object.keys(s)).toEqual([
      'name',
      'id',
      'read',
      'preread',
      'pids_stats',
      'blkio_stats',
      'num_procs',
      'storage_stats',
      'cpu_stats',
      'precpu_stats',
      'memory_stats',
      'networks',
    ]);
  });

  it('without -m the limit is the host memory; a stopped container gives the empty response', async () => {
    const w = await worldWith(['python:3.13']);
    await runDetached(w, { Image: 'python:3.13', Cmd: ['sleep', '600'] }, 'free');
    const s = json(await api(w, 'GET', '/containers/free/stats', { stream: '0' })) as Doc;
    expect(s.memory_stats.limit).toBe(w.hostInfo.memTotal);
    await runAttached(w, { Image: 'python:3.13', Cmd: ['true'] }, 'done');
    const e = json(await api(w, 'GET', '/containers/done/stats', { stream: '0' })) as Doc;
    expect(e.read).toBe('0001-01-01T00:00:00Z');
    expect(e.memory_stats).toEqual({});
    const missing = await api(w, 'GET', '/containers/nosuch/stats', { stream: '0' });
    expect([missing.status, json(missing)]).toEqual([404, { message: 'No such container: nosuch' }]);
  });

  it('stream=1 sends a sample every second with the previous CPU as precpu', async () => {
    const w = await worldWith(['python:3.13']);
    await runDetached(w, { Image: 'python:3.13', Cmd: ['sleep', '600'] }, 'web');
    const r = await api(w, 'GET', '/containers/web/stats', { stream: '1' });
    if (!isJsonStream(r)) throw new Error('expected a stream');
    const docs: Doc[] = [];
    const it = r.json[Symbol.asyncIterator]();
    for (let i = 0; i < 3; i++) docs.push((await drive(w, it.next())).value as Doc);
    r.json.cancel();
    expect(docs[1].precpu_stats).toEqual(docs[0].cpu_stats);
    expect(Date.parse(docs[2].read) - Date.parse(docs[1].read)).toBe(1000);
    expect(docs[2].preread).toBe(docs[1].read);
  });
});

describe('changes, commit, archive', () => {
  it('POST /commit: a new image with the upper layer, a history entry, author, comment, changes and a tag', async () => {
    const w = await worldWith(['python:3.13']);
    await runAttached(w, { Image: 'python:3.13', Cmd: ['sh', '-c', 'echo hi > /root/notes.txt'] }, 'builder');
    const r = await api(w, 'POST', '/commit', {
      container: 'builder',
      repo: 'docker.io/library/myapp',
      tag: 'v2',
      comment: 'add notes',
      author: 'Dev <dev@example.com>',
      changes: 'CMD ["python3", "-c", "print(1)"]\nENV APP_ENV=prod',
    });
    expect(r.status).toBe(201);
    const id = (json(r) as { Id: string }).Id;
    expect(id).toMatch(/^sha256:[0-9a-f]{64}$/);
    const img = json(await api(w, 'GET', '/images/myapp:v2/json')) as Doc;
    const parent = json(await api(w, 'GET', '/images/python:3.13/json')) as Doc;
    expect(img.Id).toBe(id);
    expect(img.Parent).toBe(parent.Id);
    expect(img.Author).toBe('Dev <dev@example.com>');
    expect(img.Comment).toBe('add notes');
    expect(img.Config.Cmd).toEqual(['python3', '-c', 'print(1)']);
    expect(img.Config.Env).toContain('APP_ENV=prod');
    expect(img.RootFS.Layers.length).toBe(parent.RootFS.Layers.length + 1);
    const history = json(await api(w, 'GET', '/images/myapp:v2/history')) as Array<{
      CreatedBy: string;
      Comment: string;
    }>;
    expect(history[0]).toMatchObject({ CreatedBy: 'sh -c echo hi > /root/notes.txt', Comment: 'add notes' });
    // the committed layer holds the container's change
    const run = await runAttached(w, { Image: 'myapp:v2', Cmd: ['cat', '/root/notes.txt'] });
    expect(run.out).toBe('hi\n');
    const evs = w.events.all().map((e) => `${e.Type} ${e.Action}`);
    expect(evs).toEqual(expect.arrayContaining(['image create', 'image tag', 'container commit']));
  });

  it('commit errors: no such container, an invalid change, a digest reference', async () => {
    const w = await worldWith(['alpine']);
    await runAttached(w, { Image: 'alpine', Cmd: ['true'] }, 'cc');
    const missing = await api(w, 'POST', '/commit', { container: 'nosuch' });
    expect([missing.status, json(missing)]).toEqual([404, { message: 'No such container: nosuch' }]);
    const bad = await api(w, 'POST', '/commit', { container: 'cc', changes: 'RUN echo hi' });
    expect([bad.status, json(bad)]).toEqual([400, { message: 'run is not a valid change command' }]);
  });

  it('archive: HEAD stats the path, GET tars it, PUT extracts a tar into a directory', async () => {
    const w = await worldWith(['alpine']);
    await runDetached(w, { Image: 'alpine', Cmd: ['sleep', '600'] }, 'box');
    await exec(w, 'box', ['sh', '-c', 'mkdir -p /app/sub && echo hello > /app/sub/x && echo top > /app/y']);
    const head = await api(w, 'GET', '/containers/box/archive', { path: '/app' });
    expect(head.status).toBe(200);
    const h = head as { headers?: Record<string, string>; body: { entries: ArchiveEntry[] } };
    const stat = JSON.parse(atob(h.headers![STAT_HEADER])) as { name: string; mode: number };
    expect(stat.name).toBe('app');
    expect(isDirMode(stat.mode)).toBe(true);
    expect(h.body.entries.map((e) => `${e.type} ${e.name}`)).toEqual([
      'dir app',
      'dir app/sub',
      'file app/sub/x',
      'file app/y',
    ]);
    const missing = await api(w, 'GET', '/containers/box/archive', { path: '/nope' });
    expect([missing.status, json(missing)]).toEqual([
      404,
      { message: 'Could not find the file /nope in container box' },
    ]);
    const entries: ArchiveEntry[] = [
      {
        name: 'greeting.txt',
        type: 'file',
        mode: 0o644,
        uid: 1000,
        gid: 1000,
        mtime: 0,
        size: 3,
        content: 'hi\n',
      },
    ];
    const put = await api(
      w,
      'PUT' as 'POST',
      '/containers/box/archive',
      { path: '/tmp', noOverwriteDirNonDir: 'true' },
      { entries },
    );
    expect(put.status).toBe(200);
    const cat = await exec(w, 'box', ['cat', '/tmp/greeting.txt']);
    expect(cat.out).toBe('hi\n');
    const ls = await exec(w, 'box', ['stat', '-c', '%u:%g %a', '/tmp/greeting.txt']);
    expect(ls.out).toBe('0:0 644\n');
    const notDir = await api(w, 'PUT' as 'POST', '/containers/box/archive', { path: '/app/y' }, { entries });
    expect([notDir.status, json(notDir)]).toEqual([400, { message: 'extraction point is not a directory' }]);
    await settle(w);
  });
});

describe('GET /containers/{id}/json: the networking files', () => {
  it('a container never started has no hosts, hostname or resolv.conf path yet (checked on the real engine)', async () => {
    const w = await worldWith(['python:3.13']);
    const id = await create(w, { Image: 'python:3.13', Cmd: ['true'] });
    const paths = async () => {
      const d = json(await api(w, 'GET', `/containers/${id}/json`)) as Doc;
      return [d.ResolvConfPath, d.HostnamePath, d.HostsPath];
    };
    expect(await paths()).toEqual(['', '', '']);
    expect((await api(w, 'POST', `/containers/${id}/start`)).status).toBe(204);
    await settle(w);
    const dir = `/var/lib/docker/containers/${id}`;
    // made at the first start, kept once it stopped
    expect(await paths()).toEqual([`${dir}/resolv.conf`, `${dir}/hostname`, `${dir}/hosts`]);
  });
});
