import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { layoutLayerStacks, shortId } from '../../src/viz/layer-stacks';
import type { ImageInput, LayerStacksLayout } from '../../src/viz/layer-stacks';

const d = (n: number) => `sha256:${n.toString(16).padStart(64, '0')}`;
const layer = (n: number, size: number, createdBy?: string) => ({
  diffId: d(n),
  size,
  ...(createdBy ? { createdBy } : {}),
});

// The shape of the recorded stand-ins: python:3.13 and -slim share the debian base.
const debian = layer(1, 29_000_000, '/bin/sh -c #(nop) ADD file:… in / ');
const python: ImageInput = {
  id: d(100),
  repoTags: ['python:3.13'],
  layers: [debian, layer(2, 320), layer(3, 249), layer(4, 322_400)],
};
const slim: ImageInput = {
  id: d(101),
  repoTags: ['python:3.13-slim'],
  layers: [debian, layer(5, 294), layer(6, 322_400)],
};
const hello: ImageInput = {
  id: d(102),
  repoTags: ['hello-world:latest'],
  layers: [layer(9, 13_256, 'COPY hello / # buildkit')],
};

const opts = { width: 600, height: 500, padding: 10, gap: 6, labelBand: 50 };

function blockFor(l: LayerStacksLayout, diffId: string) {
  return l.blocks.filter((b) => b.diffId === diffId);
}

describe('layoutLayerStacks', () => {
  it('draws a shared base layer once, spanning the columns of every image on it', () => {
    const l = layoutLayerStacks({ images: [python, slim, hello] }, opts);
    expect(l.blocks).toHaveLength(1 + 3 + 2 + 1);
    const base = blockFor(l, debian.diffId);
    expect(base).toHaveLength(1);
    expect([...base[0].imageIds].sort()).toEqual([python.id, slim.id]);
    const cols = l.columns.filter((c) => base[0].imageIds.includes(c.id));
    for (const c of cols) {
      expect(c.cx).toBeGreaterThan(base[0].x);
      expect(c.cx).toBeLessThan(base[0].x + base[0].width);
    }
    const helloCol = l.columns.find((c) => c.id === hello.id);
    const outside = helloCol!.cx < base[0].x || helloCol!.cx > base[0].x + base[0].width;
    expect(outside).toBe(true);
  });

  it('stacks base at the bottom and each layer on top of its parent', () => {
    const l = layoutLayerStacks({ images: [python] }, opts);
    const ys = python.layers.map((x) => blockFor(l, x.diffId)[0]);
    for (let i = 1; i < ys.length; i++)
      expect(ys[i].y + ys[i].height).toBeLessThanOrEqual(ys[i - 1].y + 0.001);
    expect(ys[0].y + ys[0].height).toBeLessThanOrEqual(opts.height - opts.padding);
    expect(ys.map((b) => b.depth)).toEqual([0, 1, 2, 3]);
  });

  it('gives bigger layers taller blocks and keeps tiny layers visible', () => {
    const l = layoutLayerStacks({ images: [python] }, { ...opts, minLayerHeight: 20 });
    const [base, a, , c] = python.layers.map((x) => blockFor(l, x.diffId)[0]);
    expect(base.height).toBeGreaterThan(c.height);
    expect(c.height).toBeGreaterThan(a.height);
    expect(a.height).toBeGreaterThanOrEqual(20 - opts.gap / 2 - 0.001);
  });

  it('puts the images in alphabetical columns and reports sizes as docker images and the disk would', () => {
    const l = layoutLayerStacks({ images: [slim, hello, python] }, opts);
    expect(l.columns.map((c) => c.repoTags[0])).toEqual([
      'hello-world:latest',
      'python:3.13',
      'python:3.13-slim',
    ]);
    const sum = (i: ImageInput) => i.layers.reduce((a, x) => a + x.size, 0);
    expect(l.columns.map((c) => c.size)).toEqual([sum(hello), sum(python), sum(slim)]);
    expect(l.listedBytes).toBe(sum(python) + sum(slim) + sum(hello));
    expect(l.uniqueBytes).toBe(l.listedBytes - debian.size);
  });

  it('gives an image that ends inside another image’s chain its own column above the shared layers', () => {
    const base: ImageInput = { id: d(200), repoTags: ['debian:bookworm'], layers: [debian] };
    const l = layoutLayerStacks({ images: [base, python] }, opts);
    expect(blockFor(l, debian.diffId)).toHaveLength(1);
    const col = l.columns.find((c) => c.id === base.id)!;
    const baseBlock = blockFor(l, debian.diffId)[0];
    expect(col.top).toBeCloseTo(baseBlock.y - opts.gap / 4);
  });

  it('gives two tags of one image one column with both tags, and keeps the history line', () => {
    const tagged: ImageInput = { ...hello, repoTags: ['hello-world:latest', 'me/hello:v1'] };
    const l = layoutLayerStacks({ images: [tagged] }, opts);
    expect(l.columns).toHaveLength(1);
    expect(l.columns[0].repoTags).toEqual(['hello-world:latest', 'me/hello:v1']);
    expect(l.blocks[0].createdBy).toBe('COPY hello / # buildkit');
  });

  it('centres a few narrow columns instead of stretching them', () => {
    const l = layoutLayerStacks({ images: [hello] }, { ...opts, maxColumnWidth: 200 });
    const [b] = l.blocks;
    expect(b.width).toBeCloseTo(200 - opts.gap);
    expect(b.x + b.width / 2).toBeCloseTo(opts.width / 2);
    expect(l.columns[0].cx).toBeCloseTo(opts.width / 2);
  });

  it('keeps the blob digest a layer was pulled as, from whichever image knows it', () => {
    const pulled = { ...debian, blobDigest: d(77) };
    const a: ImageInput = { id: d(300), repoTags: ['a:1'], layers: [debian] };
    const b: ImageInput = { id: d(301), repoTags: ['b:1'], layers: [pulled, layer(2, 5)] };
    const l = layoutLayerStacks({ images: [a, b] }, opts);
    expect(blockFor(l, debian.diffId)[0].blobDigest).toBe(d(77));
    expect(blockFor(l, d(2))[0].blobDigest).toBeUndefined();
  });

  it('is empty for no images', () => {
    const l = layoutLayerStacks({ images: [] }, opts);
    expect(l.blocks).toEqual([]);
    expect(l.columns).toEqual([]);
  });

  it('shortId takes 12 hex after the algorithm', () => {
    expect(shortId('sha256:e2a52de82e35aaaa')).toBe('e2a52de82e35');
    expect(shortId('0123456789abcdef')).toBe('0123456789ab');
  });
});

describe('layoutLayerStacks: properties', () => {
  // Images as random walks in a small layer universe, so prefixes are often shared.
  const imagesArb = fc
    .array(fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 0, maxLength: 8 }), {
      minLength: 1,
      maxLength: 7,
    })
    .chain((chains) =>
      fc.tuple(
        fc.constant(chains),
        fc.array(fc.integer({ min: 0, max: 80_000_000 }), { minLength: 5, maxLength: 5 }),
        fc.integer({ min: 200, max: 1920 }),
        fc.integer({ min: 150, max: 1080 }),
      ),
    );

  it('one block per distinct chain prefix; blocks never overlap and stay inside the picture', () => {
    fc.assert(
      fc.property(imagesArb, ([chains, sizes, width, height]) => {
        const images: ImageInput[] = chains.map((c, i) => ({
          id: d(1000 + i),
          repoTags: [`img${i}:latest`],
          // A diff ID has one size wherever it appears.
          layers: c.map((n) => layer(n, sizes[n])),
        }));
        const l = layoutLayerStacks({ images }, { width, height });
        const prefixes = new Set(chains.flatMap((c) => c.map((_, j) => c.slice(0, j + 1).join('/'))));
        expect(l.blocks).toHaveLength(prefixes.size);
        expect(l.columns).toHaveLength(images.length);
        for (const b of l.blocks) {
          expect(b.x).toBeGreaterThanOrEqual(0);
          expect(b.x + b.width).toBeLessThanOrEqual(width + 1e-6);
          expect(b.y).toBeGreaterThanOrEqual(-1e-6);
          expect(b.y + b.height).toBeLessThanOrEqual(height + 1e-6);
        }
        for (let i = 0; i < l.blocks.length; i++) {
          for (let j = i + 1; j < l.blocks.length; j++) {
            const a = l.blocks[i];
            const b = l.blocks[j];
            const apart =
              a.x + a.width <= b.x + 1e-6 ||
              b.x + b.width <= a.x + 1e-6 ||
              a.y + a.height <= b.y + 1e-6 ||
              b.y + b.height <= a.y + 1e-6;
            expect(apart).toBe(true);
          }
        }
        // Each block spans exactly the columns of the images that contain it.
        for (const b of l.blocks) {
          for (const c of l.columns) {
            const inside = c.cx > b.x && c.cx < b.x + b.width;
            expect(inside).toBe(b.imageIds.includes(c.id));
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
