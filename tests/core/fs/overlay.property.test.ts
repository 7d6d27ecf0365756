// Property tests: the overlay against a flat reference model, over random
// lower stacks and random operation sequences.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Layer } from '../../../src/core/fs/layer';
import { OverlayMount } from '../../../src/core/fs/overlay';
import { exportOci, importOci } from '../../../src/core/fs/oci';
import { FsError } from '../../../src/core/fs/types';
import { FlatFs, flatten, norm } from './model';
import type { Norm, Tree } from './model';
import { modelView, viewOf } from './views';
import { changesDirs } from './changes-reference';
import { applyToModel, applyToMount, opArb, stackArb } from './arbitraries';

const RUNS = Number(process.env.FS_PROPERTY_RUNS ?? 300);

const sorted = (m: Map<string, Norm>) => [...m].sort((a, b) => (a[0] < b[0] ? -1 : 1));
const treeView = (t: Tree) => sorted(new Map([...t].map(([p, e]) => [p, norm(e)])));

const ALL_PATHS = ['a', 'b', 'c'].flatMap((x) => [
  `/${x}`,
  ...['a', 'b', 'c'].flatMap((y) => [`/${x}/${y}`, ...['a', 'b', 'c'].map((z) => `/${x}/${y}/${z}`)]),
]);

const errnoOr = <T>(x: T | FsError) => (x instanceof FsError ? x.code : x);

function tick() {
  let t = 1_700_000_000_000;
  return { clock: { now: () => t }, advance: () => (t += 1000) };
}

describe('overlay vs flat reference model', () => {
  it('an untouched mount shows the OCI application of its lowers', () => {
    fc.assert(
      fc.property(stackArb, (lowers) => {
        const view = viewOf(new OverlayMount(lowers));
        view.delete('/');
        expect(sorted(view)).toEqual(treeView(flatten(lowers)));
      }),
      { numRuns: RUNS },
    );
  });

  it('gives the same errno for every op and the same merged view after each sequence', () => {
    fc.assert(
      fc.property(stackArb, fc.array(opArb, { maxLength: 25 }), (lowers, ops) => {
        const { clock, advance } = tick();
        const mount = new OverlayMount(lowers, { clock });
        const model = new FlatFs(lowers, () => clock.now());
        for (const o of ops) {
          advance();
          expect([o, applyToMount(mount, o)]).toEqual([o, applyToModel(model, o)]);
        }
        expect(sorted(viewOf(mount))).toEqual(sorted(modelView(model)));
        // the quick lookup (absolute paths) and the full walk (relative ones) agree
        const slow = mount.as({ cwd: '/' });
        for (const p of ALL_PATHS) {
          expect(errnoOr(mount.stat(p))).toEqual(errnoOr(slow.stat(p.slice(1))));
          expect(errnoOr(mount.lstat(p))).toEqual(errnoOr(slow.lstat(p.slice(1))));
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('applying the upper changeset (OCI tar members) onto the lowers reproduces the merged view', () => {
    fc.assert(
      fc.property(stackArb, fc.array(opArb, { maxLength: 25 }), (lowers, ops) => {
        const { clock, advance } = tick();
        const mount = new OverlayMount(lowers, { clock });
        for (const o of ops) {
          advance();
          applyToMount(mount, o);
        }
        const committed = importOci(mount.upperChangeset());
        const view = viewOf(mount);
        view.delete('/');
        expect(treeView(flatten([...lowers, committed]))).toEqual(sorted(view));
      }),
      { numRuns: RUNS },
    );
  });

  it('docker diff equals ChangesDirs of the lower view and the merged view', () => {
    fc.assert(
      fc.property(stackArb, fc.array(opArb, { maxLength: 25 }), (lowers, ops) => {
        const { clock, advance } = tick();
        const mount = new OverlayMount(lowers, { clock });
        const model = new FlatFs(lowers, () => clock.now());
        for (const o of ops) {
          advance();
          applyToMount(mount, o);
          applyToModel(model, o);
        }
        expect(mount.diff()).toEqual(changesDirs(flatten(lowers), model.tree));
      }),
      { numRuns: RUNS },
    );
  });

  it('docker diff never reports init paths, nor a parent changed only through them', () => {
    fc.assert(
      fc.property(stackArb, fc.array(opArb, { maxLength: 25 }), (lowers, ops) => {
        const { clock, advance } = tick();
        const mount = new OverlayMount(lowers, { clock });
        const model = new FlatFs(lowers, () => clock.now());
        for (const o of ops) {
          advance();
          applyToMount(mount, o);
          applyToModel(model, o);
        }
        const init = ['/a/b', '/c/*'];
        const hide = (p: string) => p === '/a/b' || p.startsWith('/a/b/') || p.startsWith('/c/');
        expect(mount.diff(init)).toEqual(changesDirs(flatten(lowers), model.tree, hide));
      }),
      { numRuns: RUNS },
    );
  });

  it('mounts over one stack share nothing mutable', () => {
    fc.assert(
      fc.property(stackArb, fc.array(opArb, { maxLength: 20 }), (lowers, ops) => {
        const a = new OverlayMount(lowers);
        const b = new OverlayMount(lowers);
        const before = sorted(viewOf(b));
        for (const o of ops) applyToMount(a, o);
        expect(sorted(viewOf(b))).toEqual(before);
        expect(b.upperEntries()).toEqual([]);
        expect(sorted(viewOf(new OverlayMount(lowers)))).toEqual(before);
      }),
      { numRuns: Math.ceil(RUNS / 3) },
    );
  });

  it('OCI export then import gives back the same layer', () => {
    fc.assert(
      fc.property(stackArb, fc.array(opArb, { maxLength: 25 }), (lowers, ops) => {
        for (const l of lowers) expect(importOci(exportOci(l)).diffId).toBe(l.diffId);
        const mount = new OverlayMount(lowers);
        for (const o of ops) applyToMount(mount, o);
        const layer = mount.commit();
        expect(importOci(exportOci(layer)).diffId).toBe(layer.diffId);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('a stamped top layer (OverlayOptions.stampTop)', () => {
  // the same layer with every entry's mtime set: what a mount built on it shows and keeps
  const restamped = (l: Layer, mtime: number) =>
    Layer.from([...l.entries].map(([p, e]) => [p, e.kind === 'whiteout' ? e : { ...e, mtime }] as const));

  it('reads, changes, diffs and commits as a mount whose top layer has that mtime', () => {
    fc.assert(
      fc.property(stackArb, fc.array(opArb, { maxLength: 25 }), (lowers, ops) => {
        const M = 1_650_000_000_000;
        const a = tick();
        const b = tick();
        const plain = new OverlayMount([...lowers.slice(0, -1), restamped(lowers[lowers.length - 1], M)], {
          clock: a.clock,
        });
        const stamped = new OverlayMount(lowers, { clock: b.clock, stampTop: M });
        for (const o of ops) {
          a.advance();
          b.advance();
          expect([o, applyToMount(stamped, o)]).toEqual([o, applyToMount(plain, o)]);
        }
        expect(sorted(viewOf(stamped))).toEqual(sorted(viewOf(plain)));
        expect(stamped.diff()).toEqual(plain.diff());
        expect(stamped.upperEntries()).toEqual(plain.upperEntries());
      }),
      { numRuns: RUNS },
    );
  });
});
