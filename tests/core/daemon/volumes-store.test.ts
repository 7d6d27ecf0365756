// The volume store against a small model: whatever the sequence of creates,
// holds, releases, removes and prunes, a held volume is never removed,
// prune takes exactly the unheld anonymous volumes (all unheld ones with
// all=true), and every create/destroy is one event.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/core/clock';
import { EventLog } from '../../../src/core/events';
import { VolumeStore } from '../../../src/core/kernel/volumes';
import { seededRandom } from '../../../src/core/random';

type Op =
  | { op: 'create'; name: string; ref?: string }
  | { op: 'anon'; ref?: string }
  | { op: 'release'; name: string; ref: string }
  | { op: 'remove'; name: string; force: boolean }
  | { op: 'prune'; all: boolean };

const nameArb = fc.constantFrom('data', 'cache', 'db', 'x', 'a/b');
const refArb = fc.constantFrom('c1', 'c2', 'c3');
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    op: fc.constant('create' as const),
    name: nameArb,
    ref: fc.option(refArb, { nil: undefined }),
  }),
  fc.record({ op: fc.constant('anon' as const), ref: fc.option(refArb, { nil: undefined }) }),
  fc.record({ op: fc.constant('release' as const), name: nameArb, ref: refArb }),
  fc.record({ op: fc.constant('remove' as const), name: nameArb, force: fc.boolean() }),
  fc.record({ op: fc.constant('prune' as const), all: fc.boolean() }),
);

describe('VolumeStore', () => {
  it('never removes a held volume; prune removes exactly the unheld anonymous (or all unheld) ones', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 40 }), (ops) => {
        const clock = new VirtualClock(0);
        const events = new EventLog(clock);
        const store = new VolumeStore(clock, seededRandom(3), events);
        const model = new Map<string, { anon: boolean; refs: Set<string> }>();
        for (const o of ops) {
          switch (o.op) {
            case 'create': {
              const r = store.create(o.name, {}, o.ref);
              const valid = o.name.length > 1 && !o.name.includes('/');
              expect(r.ok).toBe(valid || model.has(o.name));
              if (r.ok) {
                const m = model.get(o.name) ?? { anon: false, refs: new Set<string>() };
                if (o.ref) m.refs.add(o.ref);
                model.set(o.name, m);
              }
              break;
            }
            case 'anon': {
              const r = store.create('', {}, o.ref);
              expect(r.ok).toBe(true);
              if (r.ok) {
                expect(r.value.name).toMatch(/^[0-9a-f]{64}$/);
                model.set(r.value.name, { anon: true, refs: new Set(o.ref ? [o.ref] : []) });
              }
              break;
            }
            case 'release':
              store.release(o.name, o.ref);
              model.get(o.name)?.refs.delete(o.ref);
              break;
            case 'remove': {
              const m = model.get(o.name);
              const r = store.remove(o.name, { force: o.force });
              if (!m) expect(r.ok).toBe(o.force);
              else if (m.refs.size > 0) {
                expect(r).toMatchObject({ ok: false, kind: 'conflict' });
              } else {
                expect(r.ok).toBe(true);
                model.delete(o.name);
              }
              break;
            }
            case 'prune': {
              const expected = [...model]
                .filter(([, m]) => m.refs.size === 0 && (o.all || m.anon))
                .map(([n]) => n);
              const r = store.prune(new Map(o.all ? [['all', new Set(['true'])]] : []));
              expect(r.ok && [...r.value.VolumesDeleted].sort()).toEqual(expected.sort());
              for (const n of expected) model.delete(n);
              break;
            }
          }
          expect(
            store
              .list()
              .map((v) => v.name)
              .sort(),
          ).toEqual([...model.keys()].sort());
          for (const v of store.list())
            expect([...v.refs].sort()).toEqual([...model.get(v.name)!.refs].sort());
        }
        const creates = events.all().filter((e) => e.Action === 'create').length;
        const destroys = events.all().filter((e) => e.Action === 'destroy').length;
        expect(creates - destroys).toBe(store.list().length);
      }),
      { numRuns: 300 },
    );
  });

  it('prune filters: label, label!, and a bad all value', () => {
    const clock = new VirtualClock(0);
    const store = new VolumeStore(clock, seededRandom(1), new EventLog(clock));
    store.create('keep', { labels: { tier: 'prod' } });
    store.create('drop', { labels: { tier: 'dev' } });
    const all = new Set(['1']);
    const r = store.prune(
      new Map([
        ['all', all],
        ['label!', new Set(['tier=prod'])],
      ]),
    );
    expect(r.ok && r.value.VolumesDeleted).toEqual(['drop']);
    expect(store.prune(new Map([['all', new Set(['maybe'])]]))).toMatchObject({
      ok: false,
      message: `invalid filter 'all': strconv.ParseBool: parsing "maybe": invalid syntax`,
    });
    expect(store.prune(new Map([['dangling', new Set(['true'])]]))).toMatchObject({
      ok: false,
      message: "invalid filter 'dangling'",
    });
  });
});
