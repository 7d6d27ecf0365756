// Scenarios through the Engine API with the real catalog: what `docker pull`,
// `images`, `inspect`, `history`, `tag`, `rmi` and `image prune` receive.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/core/clock';
import type { ApiRequest, ApiResponse } from '../../../src/core/daemon/api';
import { parseNormalizedNamed } from '../../../src/core/image/reference';
import type { ContainerUse } from '../../../src/core/image/remove';
import { createWorld, type World } from '../../../src/core/world';
import { drainResponse, plainLines } from '../image/helpers';

let clock: VirtualClock;
let world: World;
const containers: ContainerUse[] = [];

const req = (r: ApiRequest): Promise<ApiResponse> => world.engine.request(r);
const body = (r: ApiResponse) => ('body' in r ? r.body : undefined);

async function pull(fromImage: string, tag: string): Promise<string[]> {
  return plainLines(
    await drainResponse(
      await req({ method: 'POST', path: '/images/create', query: { fromImage, tag } }),
      clock,
    ),
  );
}

const layerLines = (lines: string[]) => lines.filter((l) => /^[0-9a-f]{12}: /.test(l));

beforeAll(() => {
  clock = new VirtualClock();
  world = createWorld({ clock, seed: 42 });
  world.images.setContainers(() => containers);
});

describe('pull scenarios', () => {
  it('python:3.13 downloads seven layers', async () => {
    const lines = await pull('docker.io/library/python', '3.13');
    expect(lines[0]).toBe('3.13: Pulling from library/python');
    expect(layerLines(lines).filter((l) => l.endsWith('Pull complete'))).toHaveLength(7);
    expect(lines[lines.length - 1]).toBe('Status: Downloaded newer image for python:3.13');
  });

  it('python:3.13-slim shares no layer with it', async () => {
    const lines = await pull('docker.io/library/python', '3.13-slim');
    expect(lines.some((l) => l.endsWith('Already exists'))).toBe(false);
    expect(layerLines(lines).filter((l) => l.endsWith('Pull complete'))).toHaveLength(4);
  });

  it('nginx after python:3.13-slim: the bookworm-slim base already exists', async () => {
    const lines = await pull('docker.io/library/nginx', 'latest');
    const slimBase = world.images.store.config(idOf('python:3.13-slim')).rootfs.diff_ids[0];
    const blob = world.registry.resolve({ domain: 'docker.io', path: 'library/nginx', tag: 'latest' });
    if (!blob.ok) throw new Error(blob.message);
    expect(blob.value.image.layers[0].layer.diffId).toBe(slimBase);
    expect(lines[1]).toBe(`${blob.value.image.layers[0].digest.slice(7, 19)}: Already exists`);
    expect(lines.filter((l) => l.endsWith('Already exists'))).toHaveLength(1);
    expect(lines.filter((l) => l.endsWith('Pull complete'))).toHaveLength(6);
  });

  it('a re-pull is up to date, with no layer lines', async () => {
    const lines = await pull('docker.io/library/python', '3.13');
    expect(lines).toEqual([
      '3.13: Pulling from library/python',
      expect.stringMatching(/^Digest: sha256:[0-9a-f]{64}$/),
      'Status: Image is up to date for python:3.13',
    ]);
  });

  it('python (latest) is the same image: newly tagged, nothing downloaded', async () => {
    const lines = await pull('docker.io/library/python', 'latest');
    expect(layerLines(lines)).toEqual([]);
    expect(lines[2]).toBe('Status: Downloaded newer image for python:latest');
    expect(idOf('python')).toBe(idOf('python:3.13'));
    const again = await pull('docker.io/library/python', 'latest');
    expect(again[2]).toBe('Status: Image is up to date for python:latest');
  });

  it('registry errors are HTTP errors, before any stream', async () => {
    const e = async (fromImage: string, tag: string) => {
      const r = await req({ method: 'POST', path: '/images/create', query: { fromImage, tag } });
      return 'body' in r ? [r.status, (r.body as { message: string }).message] : ['stream'];
    };
    expect(await e('docker.io/library/nonexistent', 'latest')).toEqual([
      404,
      "pull access denied for nonexistent, repository does not exist or may require 'docker login': denied: requested access to the resource is denied",
    ]);
    expect(await e('docker.io/library/python', '3.99')).toEqual([
      404,
      'manifest for python:3.99 not found: manifest unknown: manifest unknown',
    ]);
    expect(await e('Python', '3.13')).toEqual([
      400,
      'invalid reference format: repository name (library/Python) must be lowercase',
    ]);
    expect(await e('python', 'bad tag')).toEqual([400, 'invalid tag format']);
    expect(await e('scratch', 'latest')).toEqual([403, "'scratch' is a reserved name"]);
  });

  it('reference errors read as in transcript 03', () => {
    const transcript = readFileSync(
      new URL('../../fixtures/docker/03-pull-errors.txt', import.meta.url),
      'utf8',
    );
    for (const cmd of ['Python:3.13', 'python:3.13:slim', 'python:']) {
      const expected = transcript.split(`$ docker pull ${cmd}\n`)[1].split('\n')[0];
      const r = parseNormalizedNamed(cmd);
      expect(r.ok ? '' : r.message).toBe(expected);
    }
  });
});

function idOf(name: string): string {
  const r = world.images.get(name);
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

describe('GET /images/json', () => {
  it('lists images newest first with the v1.51 summary', async () => {
    const list = body(await req({ method: 'GET', path: '/images/json' })) as Record<string, unknown>[];
    expect(list.map((s) => s.RepoTags)).toEqual([
      ['nginx:latest'],
      ['python:3.13-slim'],
      ['python:3.13', 'python:latest'],
    ]);
    expect(Object.keys(list[0])).toEqual([
      'Containers',
      'Created',
      'Id',
      'Labels',
      'ParentId',
      'RepoDigests',
      'RepoTags',
      'SharedSize',
      'Size',
    ]);
    expect(list[2]).toMatchObject({
      Containers: -1,
      Labels: null,
      ParentId: '',
      SharedSize: -1,
      RepoDigests: [expect.stringMatching(/^python@sha256:/)],
    });
    expect(list[2].Size).toBe(world.images.store.imageSize(idOf('python:3.13')));
    const created = list.map((s) => s.Created as number);
    expect([...created].sort((a, b) => b - a)).toEqual(created);
  });

  it('filters by reference and dangling; counts containers only for system df', async () => {
    const q = (filters: string, extra: Record<string, string> = {}) =>
      req({ method: 'GET', path: '/images/json', query: { filters, ...extra } }).then(
        (r) => body(r) as Record<string, unknown>[],
      );
    expect((await q('{"reference":["python"]}')).map((s) => s.RepoTags)).toEqual([
      ['python:3.13-slim'],
      ['python:3.13', 'python:latest'],
    ]);
    expect((await q('{"reference":["python:3.13"]}')).map((s) => s.RepoTags)).toEqual([['python:3.13']]);
    expect(await q('{"dangling":["true"]}')).toEqual([]);
    containers.push({ id: 'f'.repeat(64), imageId: idOf('nginx'), running: true });
    // newImageSummary leaves Containers at -1 unless ContainerCount is asked, which only /system/df does
    expect((await q('{"reference":["nginx"]}'))[0].Containers).toBe(-1);
    const df = body(await req({ method: 'GET', path: '/system/df' })) as {
      Images: Record<string, unknown>[];
    };
    expect(df.Images.find((s) => (s.RepoTags as string[])[0] === 'nginx:latest')?.Containers).toBe(1);
    const shared = await q('', { 'shared-size': '1' });
    expect(shared.find((s) => (s.RepoTags as string[])[0] === 'nginx:latest')?.SharedSize).toBe(
      world.images.store.layer(world.images.store.chainOf(idOf('nginx'))[0])?.size,
    );
    const bad = await req({ method: 'GET', path: '/images/json', query: { filters: '{"colour":["red"]}' } });
    expect(bad).toEqual({ status: 400, body: { message: "invalid filter 'colour'" } });
    containers.length = 0;
  });
});

describe('GET /images/{name}/json and /history', () => {
  it('inspects with Docker 28 field order, Config last and sorted', async () => {
    const r = await req({ method: 'GET', path: '/images/python:3.13/json' });
    const b = body(r) as Record<string, unknown>;
    expect(r.status).toBe(200);
    expect(Object.keys(b)).toEqual([
      'Id',
      'RepoTags',
      'RepoDigests',
      'Parent',
      'Comment',
      'Created',
      'DockerVersion',
      'Author',
      'Architecture',
      'Os',
      'Size',
      'GraphDriver',
      'RootFS',
      'Metadata',
      'Config',
    ]);
    expect(b.Comment).toBe('buildkit.dockerfile.v0');
    expect(b.Created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(b.Metadata).toEqual({ LastTagTime: '0001-01-01T00:00:00Z' });
    const cfg = b.Config as Record<string, unknown>;
    expect(Object.keys(cfg)).toEqual([
      'Cmd',
      'Entrypoint',
      'Env',
      'Labels',
      'OnBuild',
      'User',
      'Volumes',
      'WorkingDir',
    ]);
    expect(cfg).toMatchObject({ Cmd: ['python3'], Entrypoint: null, Labels: null, User: '', WorkingDir: '' });
    const g = b.GraphDriver as { Name: string; Data: Record<string, string> };
    expect(g.Name).toBe('overlay2');
    expect(Object.keys(g.Data)).toEqual(['LowerDir', 'MergedDir', 'UpperDir', 'WorkDir']);
    expect(g.Data.LowerDir.split(':')).toHaveLength(6);
    expect(g.Data.UpperDir).toMatch(/^\/var\/lib\/docker\/overlay2\/[0-9a-f]{64}\/diff$/);
    expect((b.RootFS as { Layers: string[] }).Layers).toEqual(
      world.images.store.config(idOf('python:3.13')).rootfs.diff_ids,
    );
    const nginx = body(await req({ method: 'GET', path: '/images/nginx/json' })) as {
      Config: Record<string, unknown>;
    };
    expect(Object.keys(nginx.Config)).toEqual([
      'Cmd',
      'Entrypoint',
      'Env',
      'ExposedPorts',
      'Labels',
      'OnBuild',
      'StopSignal',
      'User',
      'Volumes',
      'WorkingDir',
    ]);
    expect(await req({ method: 'GET', path: '/images/foo/json' })).toEqual({
      status: 404,
      body: { message: 'No such image: foo:latest' },
    });
  });

  it('gives the history newest first, sizes per layer, the ID only on the top entry', async () => {
    const h = body(await req({ method: 'GET', path: '/images/python:3.13/history' })) as {
      Id: string;
      Size: number;
      Tags: string[] | null;
      CreatedBy: string;
      Comment: string;
    }[];
    const cfg = world.images.store.config(idOf('python:3.13'));
    expect(h).toHaveLength(cfg.history.length);
    expect(h[0]).toMatchObject({
      Id: idOf('python:3.13'),
      Size: 0,
      Tags: ['python:3.13', 'python:latest'],
      CreatedBy: 'CMD ["python3"]',
      Comment: 'buildkit.dockerfile.v0',
    });
    expect(h[1]).toMatchObject({ Id: '<missing>', Size: 36, Tags: null });
    expect(h[h.length - 1].Comment).toBe('debuerreotype 0.15');
    expect(h.reduce((n, x) => n + x.Size, 0)).toBe(world.images.store.imageSize(idOf('python:3.13')));
  });
});

describe('tag, rmi and prune', () => {
  it('tags an image and records the time', async () => {
    clock.advance(5_000);
    const r = await req({
      method: 'POST',
      path: '/images/python:3.13-slim/tag',
      query: { repo: 'myapp', tag: 'v1' },
    });
    expect(r).toEqual({ status: 201, body: '' });
    expect(world.images.store.repoTags(idOf('myapp:v1'))).toEqual(['myapp:v1', 'python:3.13-slim']);
    const b = body(await req({ method: 'GET', path: '/images/myapp:v1/json' })) as {
      Metadata: { LastTagTime: string };
    };
    expect(b.Metadata.LastTagTime).toBe(new Date(clock.now()).toISOString().replace(/\.?0+Z$/, 'Z'));
    expect(await req({ method: 'POST', path: '/images/nope/tag', query: { repo: 'x' } })).toEqual({
      status: 404,
      body: { message: 'No such image: nope:latest' },
    });
    expect(
      await req({ method: 'POST', path: '/images/myapp:v1/tag', query: { repo: 'x', tag: '-bad' } }),
    ).toEqual({ status: 400, body: { message: 'invalid tag format' } });
  });

  it('removes with the daemon records and conflicts', async () => {
    const slim = idOf('myapp:v1');
    expect(await req({ method: 'DELETE', path: '/images/myapp:v1' })).toEqual({
      status: 200,
      body: [{ Untagged: 'myapp:v1' }],
    });
    containers.push({ id: 'a'.repeat(64), imageId: slim, running: false });
    expect(await req({ method: 'DELETE', path: `/images/${slim.slice(7, 19)}` })).toEqual({
      status: 409,
      body: {
        message: `conflict: unable to delete ${slim.slice(7, 19)} (must be forced) - image is being used by stopped container aaaaaaaaaaaa`,
      },
    });
    containers.length = 0;
    const r = await req({ method: 'DELETE', path: '/images/python:3.13-slim' });
    const records = body(r) as Record<string, string>[];
    expect(records[0]).toEqual({ Untagged: 'python:3.13-slim' });
    expect(records[1].Untagged).toMatch(/^python@sha256:/);
    expect(records[2]).toEqual({ Deleted: slim });
    // the slim base stays: nginx still uses it
    expect(records.slice(3)).toHaveLength(3);
    expect(await req({ method: 'DELETE', path: '/images/python:3.13-slim' })).toEqual({
      status: 404,
      body: { message: 'No such image: python:3.13-slim' },
    });
    expect(await req({ method: 'DELETE', path: '/images/%20' })).toEqual({
      status: 400,
      body: { message: 'image name cannot be blank' },
    });
  });

  it('prunes through the API', async () => {
    const none = await req({
      method: 'POST',
      path: '/images/prune',
      query: { filters: '{"dangling":["true"]}' },
    });
    expect(none).toEqual({ status: 200, body: { ImagesDeleted: null, SpaceReclaimed: 0 } });
    const all = await req({
      method: 'POST',
      path: '/images/prune',
      query: { filters: '{"dangling":["false"]}' },
    });
    const report = body(all) as { ImagesDeleted: Record<string, string>[]; SpaceReclaimed: number };
    expect(
      report.ImagesDeleted.filter((d) => d.Untagged && !d.Untagged.includes('@'))
        .map((d) => d.Untagged)
        .sort(),
    ).toEqual(['nginx:latest', 'python:3.13', 'python:latest']);
    expect(report.SpaceReclaimed).toBeGreaterThan(1e9);
    expect(world.images.store.toJSON()).toMatchObject({ images: [], layers: [], refs: [] });
    expect(
      await req({ method: 'POST', path: '/images/prune', query: { filters: '{"reference":["x"]}' } }),
    ).toEqual({ status: 400, body: { message: "invalid filter 'reference'" } });
  });
});
