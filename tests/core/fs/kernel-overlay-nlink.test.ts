// Directory link counts against the real kernel overlayfs: a merge directory (an upper directory
// over a lower one, or a lower directory several layers hold) stats with st_nlink 1, any other
// with 2 + its subdirectories, as `ls -l` shows in a container. Random layer stacks and op
// sequences on both sides (root on Linux, where overlay mounts are allowed).
import * as fs from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OverlayMount } from '../../../src/core/fs/overlay';
import { Layer } from '../../../src/core/fs/layer';
import { buildLayer } from '../../../src/core/fs/build-layer';
import { FsError, type Entry } from '../../../src/core/fs/types';
import { flatten } from './model';
import { KernelOverlay, PyHelper, kernelOverlayUnavailable } from './kernel-helpers';
import { applyToMount, opOf, RELATIVE_TARGETS, stackOf } from './arbitraries';
import type { Op } from './arbitraries';

const unavailable = kernelOverlayUnavailable();

/** Whiteouts only over names below them (what Docker layers hold; see kernel-overlay.test.ts). */
function realistic(layers: Layer[]): Layer[] {
  const out: Layer[] = [];
  for (const layer of layers) {
    const below = flatten(out);
    const opaque = [...layer.entries].filter(([, e]) => e.kind === 'dir' && e.opaque).map(([p]) => p);
    const keep = (p: string, e: Entry) =>
      e.kind !== 'whiteout' || (below.has(p) && !opaque.some((o) => p.startsWith(o + '/')));
    out.push(Layer.from([...layer.entries].filter(([p, e]) => keep(p, e))));
  }
  return out;
}

/** Every directory of the merged tree with its link count, the kernel's. */
function kernelCounts(k: KernelOverlay): Array<[string, number]> {
  const out: Array<[string, number]> = [];
  const walk = (p: string) => {
    out.push([p, fs.lstatSync(k.merged + p).nlink]);
    for (const name of fs.readdirSync(k.merged + p).sort()) {
      const q = p === '/' ? `/${name}` : `${p}/${name}`;
      if (fs.lstatSync(k.merged + q).isDirectory()) walk(q);
    }
  };
  walk('/');
  return out;
}

/** The same from OverlayMount, counted as ls does when stat leaves it open. */
function modelCounts(m: OverlayMount): Array<[string, number]> {
  const out: Array<[string, number]> = [];
  const walk = (p: string) => {
    const st = m.lstat(p);
    if (st instanceof FsError) throw new Error(`${p}: ${st.code}`);
    const kids = m.readdirTypes(p);
    if (kids instanceof FsError) throw new Error(`${p}: ${kids.code}`);
    out.push([p, st.nlink ?? 2 + kids.filter((d) => d.kind === 'dir').length]);
    for (const d of [...kids].sort((a, b) => (a.name < b.name ? -1 : 1)))
      if (d.kind === 'dir') walk(p === '/' ? `/${d.name}` : `${p}/${d.name}`);
  };
  walk('/');
  return out;
}

let py: PyHelper;

async function both(layers: Layer[], ops: Op[]) {
  const kernel = new KernelOverlay(py, layers);
  try {
    await kernel.setUp();
    const mount = new OverlayMount(layers, { mergeNlink: true });
    for (const o of ops) {
      kernel.run((h) => applyKernel(h, o));
      applyToMount(mount, o);
    }
    return { kernel: kernelCounts(kernel), model: modelCounts(mount) };
  } finally {
    await kernel.tearDown();
  }
}

function applyKernel(h: (p: string) => string, o: Op): void {
  switch (o.op) {
    case 'mkdir':
      return fs.mkdirSync(h(o.path));
    case 'mkdirp':
      return void fs.mkdirSync(h(o.path), { recursive: true });
    case 'writeFile':
      return fs.writeFileSync(h(o.path), o.text);
    case 'appendFile':
      return fs.appendFileSync(h(o.path), o.text);
    case 'unlink':
      return fs.unlinkSync(h(o.path));
    case 'rmdir':
      return fs.rmdirSync(h(o.path));
    case 'rename':
      return fs.renameSync(h(o.path), h(o.to));
    case 'chmod':
      return fs.chmodSync(h(o.path), o.mode);
    case 'symlink':
      return fs.symlinkSync(o.target, h(o.path));
  }
}

describe.skipIf(unavailable !== undefined)('directory link counts vs the kernel overlayfs', () => {
  beforeAll(() => {
    py = new PyHelper();
  });
  afterAll(() => py.close());

  it(
    'a container-like stack: merged /etc and /usr are 1, single-layer and new directories count',
    { timeout: 60_000 },
    async () => {
      const base = buildLayer({ '/etc/a/x': 'x', '/usr/bin/sh': 's', '/usr/lib/l': 'l', '/var/log/m': 'm' });
      const init = buildLayer({ '/etc/hosts': '', '/dev/pts': { dir: true } });
      const r = await both(
        [base, init],
        [
          { op: 'writeFile', path: '/usr/lib/new', text: 'n' },
          { op: 'mkdir', path: '/srv' },
          { op: 'mkdir', path: '/srv/sub' },
        ],
      );
      expect(r.model).toEqual(r.kernel);
      expect(new Map(r.model).get('/etc')).toBe(1);
      expect(new Map(r.model).get('/var')).toBe(3);
      expect(new Map(r.model).get('/srv')).toBe(3);
    },
  );

  it('random stacks and op sequences', { timeout: 600_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(
        stackOf(RELATIVE_TARGETS, 3).map(realistic),
        fc.array(opOf(RELATIVE_TARGETS), { maxLength: 12 }),
        async (layers, ops) => {
          const r = await both(layers, ops);
          expect(r.model).toEqual(r.kernel);
        },
      ),
      { numRuns: Number(process.env.FS_KERNEL_RUNS ?? 30) },
    );
  });
});
