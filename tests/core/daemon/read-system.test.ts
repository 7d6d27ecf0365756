// The daemon's system routes through the Engine API: /info and /version from the
// containers, the image store and the laptop's facts; /system/df; /events with
// since/until and filters, replayed and live; /networks; search and auth against
// the simulated Docker Hub.
import { describe, expect, it } from 'vitest';
import { isJsonStream, type ApiResponse } from '../../../src/core/daemon/api';
import {
  api,
  clockOf,
  create,
  drive,
  json,
  runAttached,
  runDetached,
  settle,
  worldWith,
} from './containers-harness';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- API bodies are read field by field
type Doc = Record<string, any>;

async function readStream(
  w: Awaited<ReturnType<typeof worldWith>>,
  r: ApiResponse,
  max = 100,
): Promise<Doc[]> {
  if (!isJsonStream(r)) throw new Error(`expected a JSON stream, got ${r.status}`);
  const out: Doc[] = [];
  await drive(
    w,
    (async () => {
      for await (const d of r.json) {
        out.push(d as Doc);
        if (out.length >= max) break;
      }
    })(),
  );
  return out;
}

describe('GET /info and /version', () => {
  it('counts containers by state and images; the laptop host facts; Go field order', async () => {
    const w = await worldWith(['alpine']);
    await runDetached(w, { Image: 'alpine', Cmd: ['sleep', '600'] }, 'up');
    await runDetached(w, { Image: 'alpine', Cmd: ['sleep', '600'] }, 'held');
    await api(w, 'POST', '/containers/held/pause');
    await runAttached(w, { Image: 'alpine', Cmd: ['true'] }, 'done');
    await create(w, { Image: 'alpine', Cmd: ['true'] }, 'new');
    const info = json(await api(w, 'GET', '/info')) as Doc;
    expect([info.Containers, info.ContainersRunning, info.ContainersPaused, info.ContainersStopped]).toEqual([
      4, 1, 1, 2,
    ]);
    expect(info.Images).toBe(1);
    expect(info.NCPU).toBe(w.hostInfo.cpus);
    expect(info.MemTotal).toBe(w.hostInfo.memTotal);
    expect(info.KernelVersion).toBe(w.hostInfo.kernelRelease);
    expect(info.OperatingSystem).toBe('Ubuntu 24.04.1 LTS');
    expect(info.Name).toBe('laptop');
    expect(info.CgroupDriver).toBe('systemd');
    expect(info.CgroupVersion).toBe('2');
    expect(info.ServerVersion).toBe('28.5.2');
    expect(info.ID).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const keys = Object.keys(info);
    expect(keys.slice(0, 8)).toEqual([
      'ID',
      'Containers',
      'ContainersRunning',
      'ContainersPaused',
      'ContainersStopped',
      'Images',
      'Driver',
      'DriverStatus',
    ]);
    expect(keys[keys.length - 1]).toBe('Warnings');
    // the same world, the same engine ID
    expect((json(await api(w, 'GET', '/info')) as Doc).ID).toBe(info.ID);
  });

  it('/version: Docker Engine - Community 28.5.2, API 1.51 (minimum 1.24), its components', async () => {
    const w = await worldWith(['alpine']);
    const v = json(await api(w, 'GET', '/version')) as Doc;
    expect(v.Version).toBe('28.5.2');
    expect(v.ApiVersion).toBe('1.51');
    expect(v.MinAPIVersion).toBe('1.24');
    expect(v.Platform).toEqual({ Name: 'Docker Engine - Community' });
    expect(v.Components.map((c: Doc) => c.Name)).toEqual(['Engine', 'containerd', 'runc', 'docker-init']);
    expect(Object.keys(v.Components[0].Details)).toEqual([...Object.keys(v.Components[0].Details)].sort());
  });
});

describe('GET /system/df', () => {
  it('layer sizes, image and container usage, volumes with their use', async () => {
    const w = await worldWith(['alpine']);
    await runAttached(w, { Image: 'alpine', Cmd: ['sh', '-c', 'echo 12345 > /x'] }, 'writer');
    await api(w, 'POST', '/volumes/create', {}, { Name: 'data' });
    const df = json(await api(w, 'GET', '/system/df')) as Doc;
    expect(Object.keys(df)).toEqual(['LayersSize', 'Images', 'Containers', 'Volumes', 'BuildCache']);
    const img = json(await api(w, 'GET', '/images/alpine/json')) as Doc;
    expect(df.LayersSize).toBe(img.Size);
    expect(df.Images[0]).toMatchObject({ Containers: 1, SharedSize: 0, Size: img.Size });
    expect(df.Containers[0]).toMatchObject({ Names: ['/writer'], SizeRw: 6 });
    expect(df.Volumes[0]).toMatchObject({ Name: 'data', UsageData: { RefCount: 0, Size: 0 } });
    expect(df.BuildCache).toEqual([]);
  });
});

describe('GET /events', () => {
  it('replays the past between since and until with the legacy status/id/from, then ends', async () => {
    const w = await worldWith(['alpine']);
    const t0 = clockOf(w).now();
    await runAttached(w, { Image: 'alpine', Cmd: ['true'] }, 'evdemo');
    await api(w, 'DELETE', '/containers/evdemo');
    await settle(w, 2000);
    const since = String(Math.floor(t0 / 1000));
    const until = String(Math.floor(clockOf(w).now() / 1000));
    const r = await api(w, 'GET', '/events', { since, until });
    const evs = await readStream(w, r);
    const mine = evs.filter((e) => e.Actor.Attributes.name === 'evdemo').map((e) => e.Action);
    expect(mine).toEqual(['create', 'attach', 'start', 'die', 'destroy']);
    const create = evs.find((e) => e.Action === 'create')!;
    expect(Object.keys(create)).toEqual([
      'status',
      'id',
      'from',
      'Type',
      'Action',
      'Actor',
      'scope',
      'time',
      'timeNano',
    ]);
    expect(create).toMatchObject({ status: 'create', from: 'alpine', Type: 'container', scope: 'local' });
    const filtered = await readStream(
      w,
      await api(w, 'GET', '/events', { since, until, filters: JSON.stringify({ event: { die: true } }) }),
    );
    expect(filtered.map((e) => e.Action)).toEqual(['die']);
    expect(filtered[0].Actor.Attributes.exitCode).toBe('0');
  });

  it('streams new events until `until` passes on the clock; a bad range is an error, an unknown filter is none', async () => {
    const w = await worldWith(['alpine']);
    const until = String(Math.floor(clockOf(w).now() / 1000) + 5);
    const r = await w.engine.request({
      method: 'GET',
      path: '/events',
      query: { until, filters: '{"type":{"container":true}}' },
    });
    if (!isJsonStream(r)) throw new Error('expected a stream');
    const evs: Doc[] = [];
    const done = (async () => {
      for await (const d of r.json) evs.push(d as Doc);
    })();
    await runDetached(w, { Image: 'alpine', Cmd: ['sleep', '600'] }, 'live');
    await settle(w, 6000);
    await done;
    expect(evs.map((e) => e.Action)).toEqual(['create', 'start']);
    expect(clockOf(w).now()).toBeGreaterThanOrEqual(Number(until) * 1000);
    const bad = await api(w, 'GET', '/events', { since: '2000', until: '1000' });
    expect([bad.status, json(bad)]).toEqual([
      400,
      { message: '`since` time (2000) cannot be after `until` time (1000)' },
    ]);
    // v28's getEvents validates no filter key: an unknown one filters nothing out
    const past = { since: '0', until: String(Math.floor(clockOf(w).now() / 1000)) };
    const all = await readStream(w, await api(w, 'GET', '/events', past));
    const filters = '{"nope":{"x":true}}';
    const unknown = await readStream(w, await api(w, 'GET', '/events', { ...past, filters }));
    expect(all.length).toBeGreaterThan(0);
    expect(unknown).toEqual(all);
  });
});

describe('networks, search, auth', () => {
  it('GET /networks and /networks/{id}: the three defaults, the bridge with its containers', async () => {
    const w = await worldWith(['alpine']);
    const id = await runDetached(w, { Image: 'alpine', Cmd: ['sleep', '600'] }, 'web');
    const list = json(await api(w, 'GET', '/networks')) as Doc[];
    expect(list.map((n) => n.Name).sort()).toEqual(['bridge', 'host', 'none']);
    expect(list.every((n) => Object.keys(n.Containers).length === 0)).toBe(true);
    const bridge = json(await api(w, 'GET', '/networks/bridge')) as Doc;
    expect(bridge.IPAM.Config).toEqual([{ Subnet: '172.17.0.0/16', Gateway: '172.17.0.1' }]);
    expect(bridge.Options['com.docker.network.bridge.name']).toBe('docker0');
    expect(bridge.Containers[id]).toMatchObject({
      Name: 'web',
      IPv4Address: '172.17.0.2/16',
      MacAddress: '02:42:ac:11:00:02',
    });
    const byPrefix = json(await api(w, 'GET', `/networks/${bridge.Id.slice(0, 6)}`)) as Doc;
    expect(byPrefix.Name).toBe('bridge');
    const missing = await api(w, 'GET', '/networks/nosuch');
    expect([missing.status, json(missing)]).toEqual([404, { message: 'network nosuch not found' }]);
    const drivers = json(await api(w, 'GET', '/networks', { filters: '{"driver":{"null":true}}' })) as Doc[];
    expect(drivers.map((n) => n.Name)).toEqual(['none']);
  });

  it('GET /images/search over the catalog; POST /auth accepts any user and password', async () => {
    const w = await worldWith([]);
    const r = json(await api(w, 'GET', '/images/search', { term: 'python' })) as Doc[];
    expect(r[0]).toEqual({
      star_count: expect.any(Number),
      is_official: true,
      name: 'python',
      is_automated: false,
      description:
        'Python is an interpreted, interactive, object-oriented, open-source programming language.',
    });
    const limited = json(await api(w, 'GET', '/images/search', { term: 'a', limit: '2' })) as Doc[];
    expect(limited.length).toBe(2);
    expect(limited[0].star_count).toBeGreaterThanOrEqual(limited[1].star_count);
    const bad = await api(w, 'GET', '/images/search', { term: 'x', limit: '101' });
    expect([bad.status, json(bad)]).toEqual([400, { message: 'limit 101 is outside the range of [1, 100]' }]);
    const ok = await api(
      w,
      'POST',
      '/auth',
      {},
      { username: 'student', password: 's3cret', serveraddress: 'https://index.docker.io/v1/' },
    );
    expect([ok.status, json(ok)]).toEqual([200, { Status: 'Login Succeeded', IdentityToken: '' }]);
    const nohost = await api(
      w,
      'POST',
      '/auth',
      {},
      { username: 'a', password: 'b', serveraddress: 'registry.example.com' },
    );
    expect(nohost.status).toBe(500);
    expect((json(nohost) as Doc).message).toBe(
      'Get "https://registry.example.com/v2/": dial tcp: lookup registry.example.com on 127.0.0.53:53: no such host',
    );
  });
});
