import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/core/clock';
import { createWorld } from '../../../src/core/world';
import { drainResponse } from '../image/helpers';

describe('createWorld', () => {
  it('wires clock, randomness, registry, images, events and engine together', async () => {
    const w = createWorld({ now: Date.UTC(2027, 0, 1), seed: 5 });
    expect(w.clock).toBeInstanceOf(VirtualClock);
    expect(w.clock.now()).toBe(Date.UTC(2027, 0, 1));
    expect(w.images.clock).toBe(w.clock);
    const seen: string[] = [];
    w.events.subscribe((e) => seen.push(`${e.Type} ${e.Action} ${e.time}`));
    await drainResponse(
      await w.engine.request({
        method: 'POST',
        path: '/images/create',
        query: { fromImage: 'hello-world', tag: 'latest' },
      }),
      w.clock as VirtualClock,
    );
    expect(seen).toEqual([`image pull ${Math.floor(w.clock.now() / 1000)}`]);
    expect(w.events.all()).toHaveLength(1);
  });

  it('is deterministic for a seed and restores from its snapshot', async () => {
    const run = async () => {
      const w = createWorld({ seed: 9 });
      await drainResponse(
        await w.engine.request({
          method: 'POST',
          path: '/images/create',
          query: { fromImage: 'alpine', tag: 'latest' },
        }),
        w.clock as VirtualClock,
      );
      return w;
    };
    const a = await run();
    const b = await run();
    expect(a.snapshot()).toEqual(b.snapshot());
    const restored = createWorld({ images: JSON.parse(JSON.stringify(a.snapshot().images)) });
    const inspect = async (w: typeof a) =>
      (await w.engine.request({ method: 'GET', path: '/images/alpine/json' })) as { body: unknown };
    expect((await inspect(restored)).body).toEqual((await inspect(a)).body);
    const id = restored.images.get('alpine');
    expect(
      id.ok && restored.images.store.layersOf(id.value)[0].entries.get('/etc/alpine-release'),
    ).toMatchObject({ kind: 'file', content: '3.22.0\n' });
  });
});
