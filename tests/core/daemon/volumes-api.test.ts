// Volumes and bind mounts through the Engine API: the volume routes' JSON
// and errors, named volumes created on first use and kept after the
// container, filled from the image when empty, anonymous volumes (image
// VOLUME and `-v /path`) and their removal, prune, bind mounts of the
// laptop's files seen from both sides, and the volume events.
import type { ApiResponse } from '../../../src/core/daemon/api';
import { describe, expect, it } from 'vitest';
import {
  api,
  create,
  events,
  inspect,
  json,
  runAttached,
  runDetached,
  worldWith,
} from './containers-harness';

const SLIM = 'python:3.13-slim';
const err = (r: ApiResponse) => ('body' in r ? (r.body as { message: string }).message : '');
const names = async (w: Awaited<ReturnType<typeof worldWith>>) =>
  (json(await api(w, 'GET', '/volumes')) as { Volumes: { Name: string }[] }).Volumes.map((v) => v.Name);

describe('volume routes', () => {
  it('create, inspect, list and remove with the API shapes and errors of Docker 28', async () => {
    const w = await worldWith([SLIM]);
    const c = await api(
      w,
      'POST',
      '/volumes/create',
      {},
      { Name: 'mydata', Driver: 'local', DriverOpts: {}, Labels: {} },
    );
    expect(c.status).toBe(201);
    const v = {
      CreatedAt: '2026-11-27T21:21:03Z',
      Driver: 'local',
      Labels: null,
      Mountpoint: '/var/lib/docker/volumes/mydata/_data',
      Name: 'mydata',
      Options: null,
      Scope: 'local',
    };
    expect(JSON.stringify(json(c))).toBe(JSON.stringify(v));
    expect(json(await api(w, 'GET', '/volumes/mydata'))).toEqual(v);
    expect(json(await api(w, 'GET', '/volumes'))).toEqual({ Volumes: [v], Warnings: null });
    const miss = await api(w, 'GET', '/volumes/nosuchvolume');
    expect([miss.status, err(miss)]).toEqual([404, 'get nosuchvolume: no such volume']);
    expect(err(await api(w, 'POST', '/volumes/create', {}, { Name: 'x' }))).toBe(
      'create x: volume name is too short, names should be at least two alphanumeric characters',
    );
    expect(err(await api(w, 'POST', '/volumes/create', {}, { Name: 'a/b' }))).toBe(
      'create a/b: "a/b" includes invalid characters for a local volume name, only "[a-zA-Z0-9][a-zA-Z0-9_.-]" are allowed. If you intended to pass a host directory, use absolute path',
    );
    const id = await runDetached(
      w,
      { Image: SLIM, Cmd: ['sleep', '600'], HostConfig: { Binds: ['mydata:/data'] } },
      'holder',
    );
    const inUse = await api(w, 'DELETE', '/volumes/mydata');
    expect([inUse.status, err(inUse)]).toEqual([409, `remove mydata: volume is in use - [${id}]`]);
    await api(w, 'DELETE', '/containers/holder', { force: '1' });
    expect((await api(w, 'DELETE', '/volumes/mydata')).status).toBe(204);
    expect(err(await api(w, 'DELETE', '/volumes/mydata'))).toBe('get mydata: no such volume');
    expect((await api(w, 'DELETE', '/volumes/mydata', { force: '1' })).status).toBe(204);
    const acts = w.events
      .all()
      .filter((e) => e.Type === 'volume')
      .map((e) => e.Action);
    expect(acts).toEqual(['create', 'mount', 'unmount', 'destroy']);
    const mount = w.events.all().find((e) => e.Action === 'mount')!;
    expect(mount.Actor).toEqual({
      ID: 'mydata',
      Attributes: {
        container: id,
        destination: '/data',
        driver: 'local',
        propagation: '',
        'read/write': 'true',
      },
    });
  });

  it('a named volume outlives its container; :ro refuses writes', async () => {
    const w = await worldWith([SLIM]);
    const a = await runAttached(w, {
      Image: SLIM,
      Cmd: ['sh', '-c', 'echo persisted > /data/file.txt; ls /data'],
      HostConfig: { Binds: ['mydata:/data'], AutoRemove: true },
    });
    expect(a.out).toBe('file.txt\n');
    expect(await names(w)).toEqual(['mydata']);
    expect(
      (
        await runAttached(w, {
          Image: SLIM,
          Cmd: ['cat', '/data/file.txt'],
          HostConfig: { Binds: ['mydata:/data'] },
        })
      ).out,
    ).toBe('persisted\n');
    const ro = await runAttached(w, {
      Image: SLIM,
      Cmd: ['rm', '/data/file.txt'],
      HostConfig: { Binds: ['mydata:/data:ro'] },
    });
    expect(ro.err).toBe("rm: cannot remove '/data/file.txt': Read-only file system\n");
    expect(ro.code).toBe(1);
    const c = await inspect(w, ro.id);
    expect(c.Mounts).toEqual([
      {
        Type: 'volume',
        Name: 'mydata',
        Source: '/var/lib/docker/volumes/mydata/_data',
        Destination: '/data',
        Driver: 'local',
        Mode: 'ro',
        RW: false,
        Propagation: '',
      },
    ]);
  });

  it('an empty volume takes the image content at its mount point, once', async () => {
    const w = await worldWith([SLIM]);
    const site = '/usr/local/lib/python3.13/site-packages';
    const first = await runAttached(w, {
      Image: SLIM,
      Cmd: ['ls', site],
      HostConfig: { Binds: [`pylib:${site}`] },
    });
    const image = await runAttached(w, { Image: SLIM, Cmd: ['ls', site] });
    expect(first.out).toBe(image.out);
    expect(first.out).toContain('README.txt');
    await runAttached(w, {
      Image: SLIM,
      Cmd: ['sh', '-c', `rm -r ${site}/*; echo mine > ${site}/mine`],
      HostConfig: { Binds: [`pylib:${site}`] },
    });
    expect(
      (await runAttached(w, { Image: SLIM, Cmd: ['ls', site], HostConfig: { Binds: [`pylib:${site}`] } }))
        .out,
    ).toBe('mine\n');
    const nocopy = await runAttached(w, {
      Image: SLIM,
      Cmd: ['ls', '-A', site],
      HostConfig: { Binds: [`empty:${site}:nocopy`] },
    });
    expect(nocopy.out).toBe('');
  });

  it("anonymous volumes: the image's VOLUME and -v /path; rm -v and --rm remove them; prune takes only anonymous ones", async () => {
    const w = await worldWith([SLIM, 'postgres:16']);
    const pg = await create(w, { Image: 'postgres:16', Env: ['POSTGRES_PASSWORD=secret'] }, 'db');
    const m = (await inspect(w, pg)).Mounts;
    expect(m).toHaveLength(1);
    expect(m[0]).toMatchObject({
      Type: 'volume',
      Destination: '/var/lib/postgresql/data',
      Mode: '',
      RW: true,
    });
    expect(m[0].Name).toMatch(/^[0-9a-f]{64}$/);
    const vol = json(await api(w, 'GET', `/volumes/${m[0].Name}`)) as { Labels: Record<string, string> };
    expect(vol.Labels).toEqual({ 'com.docker.volume.anonymous': '' });
    const pgData = w.volumes.get(m[0].Name);
    expect(pgData.ok && pgData.value.fs.stat('/')).toMatchObject({ uid: 999, gid: 999 });

    await runAttached(w, {
      Image: SLIM,
      Cmd: ['true'],
      Volumes: { '/scratch': {} },
      HostConfig: { AutoRemove: true },
    });
    expect(await names(w)).toEqual([m[0].Name]);
    const anon = await runAttached(
      w,
      { Image: SLIM, Cmd: ['sh', '-c', 'echo hi > /scratch/x'], Volumes: { '/scratch': {} } },
      'anon',
    );
    const scratch = (await inspect(w, anon.id)).Mounts[0].Name as string;
    expect(await names(w)).toEqual([m[0].Name, scratch]);
    expect((await api(w, 'DELETE', '/containers/anon', { v: '1' })).status).toBe(204);
    expect(await names(w)).toEqual([m[0].Name]);

    await api(w, 'POST', '/volumes/create', {}, { Name: 'named' });
    await api(w, 'DELETE', '/containers/db');
    const p = json(await api(w, 'POST', '/volumes/prune')) as {
      VolumesDeleted: string[];
      SpaceReclaimed: number;
    };
    expect(p.VolumesDeleted).toEqual([m[0].Name]);
    expect(await names(w)).toEqual(['named']);
    expect(
      (
        json(await api(w, 'POST', '/volumes/prune', { filters: '{"all":["true"]}' })) as {
          VolumesDeleted: string[];
        }
      ).VolumesDeleted,
    ).toEqual(['named']);
    expect(events(w, 'volume').filter((a) => a === 'prune')).toHaveLength(2);
  });
});

describe('bind mounts', () => {
  it("writes from the container are the host's files and the other way round", async () => {
    const w = await worldWith([SLIM]);
    const host = w.hostFs;
    const dir = '/home/student/demo/data';
    host.mkdir(dir, { recursive: true });
    host.writeFile(`${dir}/host.txt`, 'hello from the host\n');
    const r = await runAttached(
      w,
      {
        Image: SLIM,
        Cmd: [
          'sh',
          '-c',
          'cat /data/host.txt; echo written-in-container > /data/from-container.txt; ls /data',
        ],
        HostConfig: { Binds: [`${dir}:/data`] },
      },
      'writer',
    );
    expect(r.out).toBe('hello from the host\nfrom-container.txt\nhost.txt\n');
    expect(host.readFile(`${dir}/from-container.txt`)).toBe('written-in-container\n');
    expect(host.stat(`${dir}/from-container.txt`)).toMatchObject({ uid: 0, gid: 0, mode: 0o644 });
    const c = await inspect(w, r.id);
    expect(JSON.stringify(c.Mounts)).toBe(
      `[{"Type":"bind","Source":"${dir}","Destination":"/data","Mode":"","RW":true,"Propagation":"rprivate"}]`,
    );
    expect(json(await api(w, 'GET', '/containers/writer/changes'))).toEqual([{ Kind: 1, Path: '/data' }]);
    const ro = await runAttached(w, {
      Image: SLIM,
      Cmd: ['sh', '-c', 'echo x > /data/nope.txt'],
      HostConfig: { Binds: [`${dir}:/data:ro`] },
    });
    expect(ro).toMatchObject({
      code: 2,
      err: 'sh: 1: cannot create /data/nope.txt: Read-only file system\n',
    });
  });

  it('-v creates a missing host directory; a file can be bind-mounted; --mount needs the source', async () => {
    const w = await worldWith([SLIM]);
    const r = await runAttached(w, {
      Image: SLIM,
      Cmd: ['ls', '-A', '/mnt'],
      HostConfig: { Binds: ['/home/student/created-by-docker:/mnt'] },
    });
    expect(r).toMatchObject({ code: 0, out: '' });
    expect(w.hostFs.stat('/home/student/created-by-docker')).toMatchObject({
      kind: 'dir',
      uid: 0,
      mode: 0o755,
    });
    const f = await runAttached(w, {
      Image: SLIM,
      Cmd: ['cat', '/app/hostname'],
      HostConfig: {
        Mounts: [{ Type: 'bind', Source: '/etc/hostname', Target: '/app/hostname', ReadOnly: true }],
      },
    });
    expect(f.out).toBe('laptop\n');
    const bad = await api(
      w,
      'POST',
      '/containers/create',
      {},
      { Image: SLIM, HostConfig: { Binds: ['/a:/b:/c:/d'] } },
    );
    expect([bad.status, err(bad)]).toEqual([400, "invalid volume specification: '/a:/b:/c:/d'"]);
  });
});
