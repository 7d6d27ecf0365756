// Property tests: random sequences of pull (some cancelled), tag, rmi, prune
// and containers coming and going never break the store's invariants.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/core/clock';
import { parseFilters } from '../../../src/core/image/filters';
import { parseNormalizedNamed } from '../../../src/core/image/reference';
import { Registry } from '../../../src/core/image/registry';
import type { ContainerUse } from '../../../src/core/image/remove';
import { createWorld, type World } from '../../../src/core/world';
import { smallCatalog } from './helpers';

type Op =
  | { kind: 'pull'; name: string; cancelAt: number | null }
  | { kind: 'tag'; src: number; target: string }
  | { kind: 'rmi'; pick: number; byId: boolean; force: boolean; noprune: boolean }
  | { kind: 'prune'; all: boolean }
  | { kind: 'run'; pick: number; running: boolean }
  | { kind: 'rm'; pick: number };

const NAMES = ['a', 'a:1', 'b', 'c', 'd', 'base:one', 'base:two'];
const TARGETS = ['x:1', 'x:2', 'a:latest', 'y', 'b:old'];

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('pull' as const),
    name: fc.constantFrom(...NAMES),
    cancelAt: fc.option(fc.nat(30), { nil: null }),
  }),
  fc.record({ kind: fc.constant('tag' as const), src: fc.nat(20), target: fc.constantFrom(...TARGETS) }),
  fc.record({
    kind: fc.constant('rmi' as const),
    pick: fc.nat(20),
    byId: fc.boolean(),
    force: fc.boolean(),
    noprune: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('prune' as const), all: fc.boolean() }),
  fc.record({ kind: fc.constant('run' as const), pick: fc.nat(20), running: fc.boolean() }),
  fc.record({ kind: fc.constant('rm' as const), pick: fc.nat(20) }),
);

async function runPull(
  world: World,
  clock: VirtualClock,
  name: string,
  cancelAt: number | null,
): Promise<void> {
  const r = parseNormalizedNamed(name);
  if (!r.ok) throw new Error(r.message);
  const plan = world.images.planPull(r.value);
  if (!plan.ok) throw new Error(plan.message);
  let n = 0;
  let ended = false;
  const job = world.images.startPull(
    plan.value,
    () => {
      if (cancelAt !== null && n++ === cancelAt) queueMicrotask(() => job.cancel());
    },
    () => (ended = true),
  );
  while (!ended) {
    await Promise.resolve();
    if (ended) break;
    if (!clock.runNext()) {
      await Promise.resolve();
      if (!ended) throw new Error('pull stalled');
    }
  }
}

function checkInvariants(world: World): void {
  const store = world.images.store;
  const images = store.imageIds();
  const layers = store.allLayers();
  const byChain = new Map(layers.map((l) => [l.chainId, l]));
  const reachable = new Set<string>();
  const topCount = new Map<string, number>();
  for (const id of images) {
    const chain = store.chainOf(id);
    for (const c of chain) {
      expect(byChain.has(c), `image ${id} is missing layer ${c}`).toBe(true);
      reachable.add(c);
    }
    const top = chain[chain.length - 1];
    if (top !== undefined) topCount.set(top, (topCount.get(top) ?? 0) + 1);
  }
  const children = new Map<string, number>();
  for (const l of layers) if (l.parent !== null) children.set(l.parent, (children.get(l.parent) ?? 0) + 1);
  for (const l of layers) {
    expect(l.refs).toBeGreaterThan(0);
    expect(l.refs, `refcount of ${l.chainId}`).toBe(
      (topCount.get(l.chainId) ?? 0) + (children.get(l.chainId) ?? 0),
    );
    expect(reachable.has(l.chainId), `orphan layer ${l.chainId}`).toBe(true);
    if (l.parent !== null) expect(byChain.has(l.parent)).toBe(true);
  }
  for (const [, id] of store.toJSON().refs) expect(store.hasImage(id)).toBe(true);
}

describe('image store properties', () => {
  it('keeps refcounts exact, layers reachable and images whole; removing everything empties it', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 25 }), async (ops) => {
        const clock = new VirtualClock();
        const world = createWorld({
          clock,
          registry: new Registry(smallCatalog()),
          pull: { bandwidth: 3_000_000 },
        });
        const containers: ContainerUse[] = [];
        let nextContainer = 1;
        world.images.setContainers(() => containers);
        const pickImage = (i: number) => {
          const ids = world.images.store.imageIds();
          return ids.length ? ids[i % ids.length] : undefined;
        };
        for (const o of ops) {
          switch (o.kind) {
            case 'pull':
              await runPull(world, clock, o.name, o.cancelAt);
              break;
            case 'tag': {
              const id = pickImage(o.src);
              const t = parseNormalizedNamed(o.target);
              if (id && t.ok) world.images.tag(id, t.value);
              break;
            }
            case 'rmi': {
              const id = pickImage(o.pick);
              if (!id) break;
              const tags = world.images.store.repoTags(id);
              const name = o.byId || tags.length === 0 ? id.slice(7, 19) : tags[o.pick % tags.length];
              const before = world.images.store.imageIds().length;
              const r = world.images.remove(name, { force: o.force, prune: !o.noprune });
              if (r.ok) expect(r.value.length).toBeGreaterThan(0);
              else expect(world.images.store.imageIds().length).toBe(before);
              break;
            }
            case 'prune': {
              const f = parseFilters(o.all ? '{"dangling":["false"]}' : '');
              if (!f.ok) throw new Error(f.message);
              const r = world.images.prune(f.value);
              expect(r.ok).toBe(true);
              if (r.ok && o.all) {
                // -a leaves only images some container uses
                for (const id of world.images.store.imageIds())
                  expect(containers.some((c) => c.imageId === id)).toBe(true);
              }
              break;
            }
            case 'run': {
              const id = pickImage(o.pick);
              if (id)
                containers.push({
                  id: (nextContainer++).toString(16).padStart(64, 'c'),
                  imageId: id,
                  running: o.running,
                });
              break;
            }
            case 'rm':
              if (containers.length) containers.splice(o.pick % containers.length, 1);
              break;
          }
          checkInvariants(world);
        }
        containers.length = 0;
        for (const id of world.images.store.imageIds()) {
          if (world.images.store.hasImage(id)) world.images.remove(id, { force: true });
        }
        const state = world.images.store.toJSON();
        expect(state.images).toEqual([]);
        expect(state.layers).toEqual([]);
        expect(state.refs).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });
});
