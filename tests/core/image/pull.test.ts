import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/core/clock';
import type { JsonMessage } from '../../../src/core/daemon/api';
import { MessageStream } from '../../../src/core/daemon/engine';
import { parseNormalizedNamed, type NamedRef } from '../../../src/core/image/reference';
import { Registry } from '../../../src/core/image/registry';
import { createWorld, type World } from '../../../src/core/world';
import { drain, plainLines, smallCatalog } from './helpers';

function ref(s: string): NamedRef {
  const r = parseNormalizedNamed(s);
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

function setup(opts: { bandwidth?: number } = {}) {
  const clock = new VirtualClock();
  const world = createWorld({
    clock,
    registry: new Registry(smallCatalog()),
    pull: { bandwidth: opts.bandwidth ?? 2_000_000, tickMs: 250 },
  });
  return { clock, world };
}

/** Pull through a stream; `onEmit` sees each message as the daemon emits it and may cancel the pull then. */
async function pull(
  world: World,
  clock: VirtualClock,
  name: string,
  onEmit?: (m: JsonMessage, cancel: () => void) => void,
) {
  const plan = world.images.planPull(ref(name));
  if (!plan.ok) throw new Error(plan.message);
  const stream = new MessageStream();
  const job = world.images.startPull(
    plan.value,
    (m) => {
      stream.push(m);
      onEmit?.(m, () => stream.cancel());
    },
    () => stream.end(),
  );
  stream.onCancel(() => job.cancel());
  return drain(stream, clock);
}

describe('pull', () => {
  it('streams the daemon messages in order and stores the image', async () => {
    const { world, clock } = setup();
    const t0 = clock.now();
    const msgs = await pull(world, clock, 'a:latest');
    const lines = plainLines(msgs);
    expect(lines[0]).toBe('latest: Pulling from library/a');
    const ids = [...new Set(msgs.filter((m) => m.id && m.id !== 'latest').map((m) => m.id as string))];
    expect(ids).toHaveLength(2);
    for (const id of ids) {
      const statuses = msgs.filter((m) => m.id === id && !m.progress).map((m) => m.status);
      expect(statuses).toEqual([
        'Pulling fs layer',
        'Verifying Checksum',
        'Download complete',
        'Pull complete',
      ]);
      const downloading = msgs.filter((m) => m.id === id && m.status === 'Downloading');
      expect(downloading.length).toBeGreaterThan(0);
      const last = downloading[downloading.length - 1];
      expect(last.progressDetail?.current).toBe(last.progressDetail?.total);
      expect(last.progress).toMatch(/^\[=+>\] +\S+\/\S+$/);
    }
    expect(lines.slice(-2)[0]).toMatch(/^Digest: sha256:[0-9a-f]{64}$/);
    expect(lines.slice(-1)[0]).toBe('Status: Downloaded newer image for a:latest');
    expect(clock.now()).toBeGreaterThan(t0);
    const id = world.images.get('a');
    expect(id.ok).toBe(true);
    if (id.ok) expect(world.images.store.repoTags(id.value)).toEqual(['a:latest']);
  });

  it('uses the wire shape of each message kind', async () => {
    const { world, clock } = setup();
    const msgs = await pull(world, clock, 'c:latest');
    expect(Object.keys(msgs[0])).toEqual(['status', 'id']);
    const fs = msgs.find((m) => m.status === 'Pulling fs layer') as JsonMessage;
    expect(Object.keys(fs)).toEqual(['status', 'progressDetail', 'id']);
    expect(fs.progressDetail).toEqual({});
    const dl = msgs.find((m) => m.status === 'Downloading') as JsonMessage;
    expect(Object.keys(dl)).toEqual(['status', 'progressDetail', 'progress', 'id']);
    expect(Object.keys(msgs[msgs.length - 1])).toEqual(['status']);
    expect(fs.id).toMatch(/^[0-9a-f]{12}$/);
  });

  it('says Already exists for the leading layers present, and downloads the rest', async () => {
    const { world, clock } = setup();
    await pull(world, clock, 'a:latest');
    const msgs = await pull(world, clock, 'd:latest');
    const lines = plainLines(msgs);
    expect(lines.filter((l) => l.endsWith('Already exists'))).toHaveLength(2);
    expect(lines[1]).toMatch(/: Already exists$/);
    expect(lines[2]).toMatch(/: Already exists$/);
    expect(lines.filter((l) => l.endsWith('Pull complete'))).toHaveLength(1);
  });

  it('checks only a contiguous prefix: a present layer after a missing one is downloaded again', async () => {
    const { world, clock } = setup();
    await pull(world, clock, 'c:latest');
    // b shares nothing with c; a layer of c on top of another base has another ChainID
    const msgs = await pull(world, clock, 'b:latest');
    expect(plainLines(msgs).some((l) => l.endsWith('Already exists'))).toBe(false);
  });

  it('says up to date with no layer lines when the image is present', async () => {
    const { world, clock } = setup();
    await pull(world, clock, 'a:latest');
    const lines = plainLines(await pull(world, clock, 'a:latest'));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe('latest: Pulling from library/a');
    expect(lines[2]).toBe('Status: Image is up to date for a:latest');
    // a new tag for a present image is "newer" (the tag changed)
    const again = plainLines(await pull(world, clock, 'a:1'));
    expect(again).toHaveLength(3);
    expect(again[2]).toBe('Status: Downloaded newer image for a:1');
  });

  it('downloads at most three layers at once and extracts strictly in order', async () => {
    const clock = new VirtualClock();
    const world = createWorld({ clock, pull: { bandwidth: 40_000_000 } });
    const msgs = await pull(world, clock, 'python:3.13');
    const ids = plainLines(msgs)
      .filter((l) => l.endsWith('Pulling fs layer'))
      .map((l) => l.slice(0, 12));
    expect(ids).toHaveLength(7);
    const waiting = plainLines(msgs)
      .filter((l) => l.endsWith('Waiting'))
      .map((l) => l.slice(0, 12));
    expect(waiting).toEqual(ids.slice(3));
    const active = new Set<string>();
    const done = new Set<string>();
    let maxActive = 0;
    const completeOrder: string[] = [];
    for (const m of msgs) {
      if (!m.id || m.id === '3.13') continue;
      if (m.status === 'Downloading') {
        active.add(m.id);
        maxActive = Math.max(maxActive, active.size);
      }
      if (m.status === 'Download complete') {
        active.delete(m.id);
        done.add(m.id);
      }
      if (m.status === 'Extracting') expect(done.has(m.id)).toBe(true);
      if (m.status === 'Pull complete') completeOrder.push(m.id);
    }
    expect(maxActive).toBe(3);
    expect(completeOrder).toEqual(ids);
    // a student sees bars move: several progress updates, but not thousands
    const progressCount = msgs.filter((m) => m.progress).length;
    expect(progressCount).toBeGreaterThan(20);
    expect(progressCount).toBeLessThan(400);
  });

  it('adds each layer to the layer store as its extraction completes', async () => {
    const { world, clock } = setup();
    const counts: number[] = [];
    await pull(world, clock, 'b:latest', (m) => {
      if (m.status === 'Pull complete') counts.push(world.images.store.allLayers().length);
    });
    expect(counts).toEqual([1, 2, 3]);
  });

  it('a cancelled pull tags nothing and releases the layers it fetched', async () => {
    const { world, clock } = setup();
    await pull(world, clock, 'a:latest');
    const before = world.images.store.allLayers().length;
    let fetched = 0;
    const msgs = await pull(world, clock, 'b:latest', (m, cancel) => {
      if (m.status !== 'Pull complete') return;
      fetched = world.images.store.allLayers().length;
      cancel();
    });
    expect(fetched).toBe(before + 1);
    expect(msgs.some((m) => m.status?.startsWith('Status:'))).toBe(false);
    const store = world.images.store;
    expect(store.imageIds()).toHaveLength(1);
    expect(store.allLayers()).toHaveLength(before);
    for (const l of store.allLayers()) expect(l.refs).toBeGreaterThan(0);
    expect(world.images.get('b').ok).toBe(false);
    // nothing left behind: the next pull downloads b's layers again
    const again = plainLines(await pull(world, clock, 'b:latest'));
    expect(again.filter((l) => l.endsWith('Pull complete'))).toHaveLength(2);
  });

  it('pulls by digest and records the digest reference', async () => {
    const { world, clock } = setup();
    const r = world.registry.resolve(ref('a:latest'));
    if (!r.ok) throw new Error(r.message);
    const byIndex = `a@${r.value.digest}`;
    const lines = plainLines(await pull(world, clock, byIndex));
    expect(lines[0]).toBe(`${r.value.digest}: Pulling from library/a`);
    expect(lines[lines.length - 1]).toBe(`Status: Downloaded newer image for ${byIndex}`);
    const id = world.images.get(byIndex);
    expect(id.ok).toBe(true);
    if (id.ok) {
      expect(world.images.store.repoTags(id.value)).toEqual([]);
      expect(world.images.store.repoDigests(id.value)).toEqual([byIndex]);
    }
    const again = plainLines(await pull(world, clock, byIndex));
    expect(again[again.length - 1]).toBe(`Status: Image is up to date for ${byIndex}`);
  });

  it('pulls every tag of a repository for a bare name', async () => {
    const { world, clock } = setup();
    const lines = plainLines(await pull(world, clock, 'base'));
    expect(lines.filter((l) => / Pulling from library\/base$/.test(l))).toEqual([
      'one: Pulling from library/base',
      'two: Pulling from library/base',
    ]);
    expect(lines[lines.length - 1]).toBe('Status: Downloaded newer image for base');
  });

  it('logs a pull event named as the daemon does', async () => {
    const { world, clock } = setup();
    const seen: string[] = [];
    world.events.subscribe((e) =>
      seen.push(`${e.Type} ${e.Action} ${e.Actor.ID} ${JSON.stringify(e.Actor.Attributes)}`),
    );
    await pull(world, clock, 'a:latest');
    expect(seen).toEqual(['image pull a:latest {"app":"a","name":"a"}']);
  });
});
