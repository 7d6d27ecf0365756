import { beforeEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/core/clock';
import { parseFilters } from '../../../src/core/image/filters';
import { parseConfig, serializeConfig, truncateId } from '../../../src/core/image/oci';
import { parseNormalizedNamed, type NamedRef } from '../../../src/core/image/reference';
import { Registry } from '../../../src/core/image/registry';
import type { ContainerUse } from '../../../src/core/image/remove';
import { createWorld, type World } from '../../../src/core/world';
import { drainResponse, smallCatalog } from './helpers';

function ref(s: string): NamedRef {
  const r = parseNormalizedNamed(s);
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

let clock: VirtualClock;
let world: World;
let containers: ContainerUse[];

async function pull(name: string) {
  const [repo, tag] = name.split(':');
  await drainResponse(
    await world.engine.request({
      method: 'POST',
      path: '/images/create',
      query: { fromImage: repo, tag: tag ?? 'latest' },
    }),
    clock,
  );
  const id = world.images.get(name);
  if (!id.ok) throw new Error(id.message);
  return id.value;
}

function rmi(name: string, opts: { force?: boolean; prune?: boolean } = {}) {
  const r = world.images.remove(name, opts);
  return r.ok ? r.value : r.message;
}

const CID = 'c0ffee'.padEnd(64, '0');

beforeEach(() => {
  clock = new VirtualClock();
  world = createWorld({ clock, registry: new Registry(smallCatalog()) });
  containers = [];
  world.images.setContainers(() => containers);
});

describe('docker rmi', () => {
  it('refuses to untag the only reference of an image a container uses', async () => {
    const a = await pull('a');
    containers.push({ id: CID, imageId: a, running: false });
    expect(rmi('a')).toBe(
      `conflict: unable to remove repository reference "a" (must force) - container c0ffee000000 is using its referenced image ${truncateId(a)}`,
    );
    expect(rmi('a:latest')).toBe(
      `conflict: unable to remove repository reference "a:latest" (must force) - container c0ffee000000 is using its referenced image ${truncateId(a)}`,
    );
    // forced: a stopped container is only a soft conflict, so the image goes too
    expect(rmi('a', { force: true })).toEqual([
      { Untagged: 'a:latest' },
      { Untagged: expect.stringMatching(/^a@sha256:/) },
      { Deleted: a },
      { Deleted: expect.any(String) },
      { Deleted: expect.any(String) },
    ]);
    expect(world.images.store.hasImage(a)).toBe(false);
  });

  it('keeps an image a running container uses when its last tag is forced away', async () => {
    const a = await pull('a');
    containers.push({ id: CID, imageId: a, running: true });
    expect(rmi('a', { force: true })).toEqual([
      { Untagged: 'a:latest' },
      { Untagged: expect.stringMatching(/^a@sha256:/) },
    ]);
    expect(world.images.store.hasImage(a)).toBe(true);
  });

  it('refuses to delete by ID under a running container, even with -f', async () => {
    const a = await pull('a');
    containers.push({ id: CID, imageId: a, running: true });
    const msg = `conflict: unable to delete ${truncateId(a)} (cannot be forced) - image is being used by running container c0ffee000000`;
    expect(rmi(truncateId(a))).toBe(msg);
    expect(rmi(truncateId(a), { force: true })).toBe(msg);
  });

  it('needs -f to delete by ID under a stopped container', async () => {
    const a = await pull('a');
    containers.push({ id: CID, imageId: a, running: false });
    expect(rmi(a.slice(7, 15))).toBe(
      `conflict: unable to delete ${truncateId(a)} (must be forced) - image is being used by stopped container c0ffee000000`,
    );
    const records = rmi(a, { force: true });
    expect(Array.isArray(records) && records.map((r) => Object.keys(r)[0])).toEqual([
      'Untagged',
      'Untagged',
      'Deleted',
      'Deleted',
      'Deleted',
    ]);
  });

  it('needs -f to delete by ID an image with several tags', async () => {
    const a = await pull('a');
    await pull('a:1');
    expect(rmi(truncateId(a))).toBe(
      `conflict: unable to delete ${truncateId(a)} (must be forced) - image is referenced in multiple repositories`,
    );
    const chain = world.images.store.chainOf(a);
    const records = rmi(truncateId(a), { force: true });
    expect(records).toEqual([
      { Untagged: 'a:1' },
      { Untagged: 'a:latest' },
      { Untagged: expect.stringMatching(/^a@sha256:[0-9a-f]{64}$/) },
      { Deleted: a },
      { Deleted: chain[1] },
      { Deleted: chain[0] },
    ]);
  });

  it('untags one of several tags without deleting anything', async () => {
    const a = await pull('a');
    await pull('a:1');
    expect(rmi('a:1')).toEqual([{ Untagged: 'a:1' }]);
    expect(world.images.store.repoTags(a)).toEqual(['a:latest']);
  });

  it('deletes the image and only the layers nothing else holds', async () => {
    const a = await pull('a');
    await pull('b');
    const chainA = world.images.store.chainOf(a);
    const records = rmi('a');
    expect(records).toEqual([
      { Untagged: 'a:latest' },
      { Untagged: expect.stringMatching(/^a@sha256:/) },
      { Deleted: a },
      { Deleted: chainA[1] },
    ]);
    expect(world.images.store.hasLayer(chainA[0])).toBe(true);
  });

  it('protects parents of child images and prunes untagged parents', async () => {
    const a = await pull('a');
    const cfg = parseConfig(world.images.store.image(a)?.config ?? '');
    const child = world.images.store.createImage(
      serializeConfig({ ...cfg, parent: a, created: '2026-02-01T00:00:00Z' }),
    );
    if (!child.ok) throw new Error(child.message);
    world.images.tag(child.value, ref('child:1'));
    expect(rmi(truncateId(a), { force: true })).toBe(
      `conflict: unable to delete ${truncateId(a)} (cannot be forced) - image has dependent child images`,
    );
    // untag the parent: it is kept quietly (it has a child)
    expect(rmi('a')).toEqual([{ Untagged: 'a:latest' }, { Untagged: expect.stringMatching(/^a@sha256:/) }]);
    expect(world.images.store.hasImage(a)).toBe(true);
    const records = rmi('child:1');
    expect(records).toEqual([
      { Untagged: 'child:1' },
      { Deleted: child.value },
      { Deleted: a },
      { Deleted: expect.any(String) },
      { Deleted: expect.any(String) },
    ]);
  });

  it('says No such image with the reference as the daemon spells it', async () => {
    expect(rmi('foo')).toBe('No such image: foo:latest');
    expect(rmi('ghcr.io/x/y:1')).toBe('No such image: ghcr.io/x/y:1');
  });

  it('logs untag and delete events', async () => {
    const a = await pull('a');
    const seen: string[] = [];
    world.events.subscribe((e) =>
      seen.push(`${e.Action} ${e.Actor.ID === a} ${e.Actor.Attributes.name === a}`),
    );
    rmi('a');
    expect(seen).toEqual(['untag true true', 'delete true true']);
  });
});

describe('docker image prune', () => {
  const prune = (json: string) => {
    const f = parseFilters(json);
    if (!f.ok) throw new Error(f.message);
    const r = world.images.prune(f.value);
    if (!r.ok) throw new Error(r.message);
    return r.value;
  };

  it('removes dangling images only, reporting the space of freed layers', async () => {
    const a = await pull('a');
    const b = await pull('b');
    // move b's only tag away: b keeps its digest reference but no tag
    world.images.tag(a, ref('b:latest'));
    const freed = world.images.store
      .chainOf(b)
      .slice(1)
      .reduce((n, c) => n + (world.images.store.layer(c)?.size ?? 0), 0);
    const report = prune('');
    expect(report.ImagesDeleted).toEqual([
      { Untagged: expect.stringMatching(/^b@sha256:/) },
      { Deleted: b },
      { Deleted: expect.any(String) },
      { Deleted: expect.any(String) },
    ]);
    expect(report.SpaceReclaimed).toBe(freed);
    expect(world.images.store.imageIds()).toEqual([a]);
    expect(prune('')).toEqual({ ImagesDeleted: null, SpaceReclaimed: 0 });
  });

  it('with dangling=false removes every image no container uses', async () => {
    const a = await pull('a');
    await pull('c');
    await pull('d');
    containers.push({ id: CID, imageId: a, running: false });
    const report = prune('{"dangling":{"false":true}}');
    expect(report.ImagesDeleted?.filter((r) => r.Untagged).map((r) => r.Untagged)).toEqual(
      expect.arrayContaining(['c:latest', 'd:latest']),
    );
    expect(world.images.store.imageIds()).toEqual([a]);
    expect(report.SpaceReclaimed).toBeGreaterThan(0);
  });

  it('tells dangling (no tag) from unused (no container)', async () => {
    const a = await pull('a');
    const b = await pull('b');
    containers.push({ id: CID, imageId: a, running: false });
    expect([world.images.isDangling(a), world.images.isUnused(a)]).toEqual([false, false]);
    expect([world.images.isDangling(b), world.images.isUnused(b)]).toEqual([false, true]);
    world.images.tag(a, ref('b:latest'));
    expect(world.images.isDangling(b)).toBe(true);
  });

  it('rejects unknown filters with the daemon text', async () => {
    const f = parseFilters('{"reference":["x"]}');
    if (!f.ok) throw new Error(f.message);
    const r = world.images.prune(f.value);
    expect(r.ok ? '' : r.message).toBe("invalid filter 'reference'");
  });
});
