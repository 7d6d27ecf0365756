// Differential test against the real kernel overlayfs: the same random lower
// stack and the same random op sequence, applied to a kernel overlay mount
// (node:fs) and to OverlayMount, must give the same errno for every op, the
// same merged tree and the same upper directory (whiteouts, opaque dirs,
// copied-up parents). Runs where overlay mounts are allowed (root on Linux).
import * as fs from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OverlayMount } from '../../../src/core/fs/overlay';
import type { FsView } from '../../../src/core/fs/fs-view';
import { buildLayer, WHITEOUT } from '../../../src/core/fs/build-layer';
import { Layer } from '../../../src/core/fs/layer';
import type { Entry } from '../../../src/core/fs/types';
import { flatten } from './model';
import { FsError } from '../../../src/core/fs/types';
import { contentText } from '../../../src/core/fs/content';
import { KernelOverlay, PyHelper, kernelOverlayUnavailable } from './kernel-helpers';
import type { DiskEntry } from './kernel-helpers';
import { applyToMount, opOf, RELATIVE_TARGETS, stackOf } from './arbitraries';
import type { Op } from './arbitraries';

const unavailable = kernelOverlayUnavailable();
if (unavailable) console.warn(`kernel overlayfs differential test skipped: ${unavailable}`);

function applyToKernel(k: KernelOverlay, o: Op): string {
  return k.run((h) => {
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
  });
}

function mountMerged(m: FsView): Map<string, DiskEntry> {
  const out = new Map<string, DiskEntry>();
  const walk = (p: string) => {
    for (const name of m.readdir(p) as string[]) {
      const q = p === '/' ? `/${name}` : `${p}/${name}`;
      const st = m.lstat(q);
      if (st instanceof FsError) throw new Error(`${q}: ${st.code}`);
      if (st.kind === 'dir') {
        out.set(q, { kind: 'dir', mode: st.mode });
        walk(q);
      } else if (st.kind === 'symlink')
        out.set(q, { kind: 'symlink', mode: st.mode, body: m.readlink(q) as string });
      else out.set(q, { kind: 'file', mode: st.mode, body: m.readFile(q) as string });
    }
  };
  walk('/');
  return out;
}

function mountUpper(m: OverlayMount): Map<string, DiskEntry> {
  const out = new Map<string, DiskEntry>();
  for (const [p, e] of m.upperEntries()) {
    if (e.kind === 'whiteout') out.set(p, { kind: 'whiteout' });
    else if (e.kind === 'dir') out.set(p, { kind: 'dir', mode: e.mode, opaque: e.opaque === true });
    else if (e.kind === 'symlink') out.set(p, { kind: 'symlink', mode: e.mode, body: e.target });
    else out.set(p, { kind: 'file', mode: e.mode, body: contentText(e.content) });
  }
  return out;
}

/**
 * Keep only whiteouts a real layer could hold: over a name the layers below
 * have, and not inside a directory this layer makes opaque. (The kernel lists
 * any other whiteout in readdir of an unmerged directory, a quirk Docker
 * layers never meet: docker commit only writes whiteouts over lower names.)
 */
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

const code = (x: unknown) => (x instanceof FsError ? x.code : 'ok');

const sorted = (m: Map<string, DiskEntry>) => [...m].sort((a, b) => (a[0] < b[0] ? -1 : 1));

let py: PyHelper;

/** Run ops on both sides; returns the per-op errnos and both trees. */
async function runBoth(layers: Layer[], ops: Op[]) {
  const kernel = new KernelOverlay(py, layers);
  try {
    await kernel.setUp();
    const mount = new OverlayMount(layers);
    const results = ops.map((o) => ({
      op: o,
      kernel: applyToKernel(kernel, o),
      model: applyToMount(mount, o),
    }));
    return {
      results,
      kernelMerged: sorted(kernel.mergedView()),
      modelMerged: sorted(mountMerged(mount)),
      kernelUpper: sorted(await kernel.upperView()),
      modelUpper: sorted(mountUpper(mount)),
    };
  } finally {
    await kernel.tearDown();
  }
}

describe.skipIf(unavailable !== undefined)('OverlayMount vs the kernel overlayfs', () => {
  let umask = 0;
  beforeAll(() => {
    umask = process.umask(0o022);
    py = new PyHelper();
  });
  afterAll(() => {
    process.umask(umask);
    py.close();
  });

  it(
    'same errnos, merged tree and upper dir for random layers and op sequences',
    { timeout: 600_000 },
    async () => {
      await fc.assert(
        fc.asyncProperty(
          stackOf(RELATIVE_TARGETS, 3).map(realistic),
          fc.array(opOf(RELATIVE_TARGETS), { minLength: 1, maxLength: 20 }),
          async (layers, ops) => {
            const r = await runBoth(layers, ops);
            for (const x of r.results)
              expect({ op: x.op, errno: x.model }).toEqual({ op: x.op, errno: x.kernel });
            expect(r.modelMerged).toEqual(r.kernelMerged);
            expect(r.modelUpper).toEqual(r.kernelUpper);
          },
        ),
        { numRuns: Number(process.env.FS_KERNEL_RUNS ?? 30) },
      );
    },
  );

  it('EXDEV, ENOTEMPTY and opaque directories as the kernel makes them', async () => {
    const base = buildLayer({
      '/etc/app/conf': 'x',
      '/etc/app/extra/y': 'y',
      '/var/cache/z': 'z',
      '/opt/tool/bin': { content: '#!/bin/sh\n', mode: 0o755 },
    });
    const top = buildLayer({
      '/var/cache': WHITEOUT,
      '/srv': { dir: true },
      '/opt/tool': { dir: true, opaque: true },
    });
    const ops: Op[] = [
      { op: 'rename', path: '/etc/app', to: '/etc/app2' },
      { op: 'rmdir', path: '/etc/app' },
      { op: 'unlink', path: '/etc/app/extra/y' },
      { op: 'rmdir', path: '/etc/app/extra' },
      { op: 'mkdir', path: '/etc/app/extra' },
      { op: 'mkdir', path: '/var/cache' },
      { op: 'mkdir', path: '/srv/new' },
      { op: 'rename', path: '/srv/new', to: '/etc/new' },
      { op: 'rename', path: '/etc/app/conf', to: '/srv/conf' },
      { op: 'writeFile', path: '/opt/tool/bin', text: 'gone?' },
      { op: 'rename', path: '/opt', to: '/opt2' },
    ];
    const r = await runBoth([base, top], ops);
    expect(r.results.map((x) => x.kernel)).toEqual([
      'EXDEV',
      'ENOTEMPTY',
      'ok',
      'ok',
      'ok',
      'ok',
      'ok',
      'ok',
      'ok',
      'ok',
      'EXDEV',
    ]);
    expect(r.results.map((x) => x.model)).toEqual(r.results.map((x) => x.kernel));
    expect(r.modelMerged).toEqual(r.kernelMerged);
    expect(r.modelUpper).toEqual(r.kernelUpper);
  });

  it('EROFS and the errors that come before it on a read-only mount', async () => {
    const base = buildLayer({ '/etc/passwd': 'root', '/etc/apt/x': 'x', '/d': { dir: true } });
    const top = buildLayer({ '/etc/hostname': 'h' });
    const ops: Op[] = [
      { op: 'writeFile', path: '/etc/passwd', text: 'x' },
      { op: 'writeFile', path: '/etc/new', text: 'x' },
      { op: 'writeFile', path: '/nope/new', text: 'x' },
      { op: 'appendFile', path: '/etc', text: 'x' },
      { op: 'mkdir', path: '/etc' },
      { op: 'mkdir', path: '/new' },
      { op: 'mkdirp', path: '/etc/apt' },
      { op: 'unlink', path: '/nope' },
      { op: 'unlink', path: '/etc/passwd' },
      { op: 'rmdir', path: '/nope' },
      { op: 'rmdir', path: '/etc' },
      { op: 'rename', path: '/nope', to: '/x' },
      { op: 'rename', path: '/etc/passwd', to: '/x' },
      { op: 'chmod', path: '/nope', mode: 0o644 },
      { op: 'chmod', path: '/etc', mode: 0o644 },
      { op: 'symlink', path: '/etc', target: 'x' },
      { op: 'symlink', path: '/y', target: 'x' },
    ];
    const kernel = new KernelOverlay(py, [base, top], true);
    try {
      await kernel.setUp();
      const mount = new OverlayMount([base, top], { readOnly: true });
      const kernelCodes = ops.map((o) => applyToKernel(kernel, o));
      expect(kernelCodes).toContain('EROFS');
      expect(ops.map((o) => applyToMount(mount, o))).toEqual(kernelCodes);
      expect(mount.upperPaths()).toEqual([]);
    } finally {
      await kernel.tearDown();
    }
  });

  it.skipIf(typeof process.seteuid !== 'function')(
    'EACCES and EPERM as the kernel gives them to a non-root user',
    async () => {
      const layer = buildLayer({
        '/etc/passwd': 'root:x:0:0',
        '/root': { dir: true, mode: 0o700 },
        '/root/x': 'x',
        '/tmp': { dir: true, mode: 0o1777 },
        '/tmp/other': { content: 'o', uid: 1001, gid: 1001 },
        '/home/app': { dir: true, uid: 1000, gid: 1000 },
        '/home/app/notes': { content: 'n', uid: 1000, gid: 1000 },
        '/srv': { dir: true, mode: 0o775, gid: 1000 },
        '/srv/ro': { content: 'r', mode: 0o444, uid: 1000, gid: 1000 },
        '/opt/x': { content: 'secret', mode: 0o600 },
      });
      type P = [string, (fs: FsView) => unknown, (h: (p: string) => string) => unknown];
      const cases: P[] = [
        ['read /etc/passwd', (m) => m.readFile('/etc/passwd'), (h) => fs.readFileSync(h('/etc/passwd'))],
        [
          'write /etc/passwd',
          (m) => m.writeFile('/etc/passwd', 'x'),
          (h) => fs.writeFileSync(h('/etc/passwd'), 'x'),
        ],
        ['create in /etc', (m) => m.writeFile('/etc/new', 'x'), (h) => fs.writeFileSync(h('/etc/new'), 'x')],
        ['readdir /root', (m) => m.readdir('/root'), (h) => fs.readdirSync(h('/root'))],
        ['stat /root/x', (m) => m.stat('/root/x'), (h) => fs.statSync(h('/root/x'))],
        ['read /opt/x', (m) => m.readFile('/opt/x'), (h) => fs.readFileSync(h('/opt/x'))],
        ['unlink /etc/passwd', (m) => m.unlink('/etc/passwd'), (h) => fs.unlinkSync(h('/etc/passwd'))],
        ['mkdir /new', (m) => m.mkdir('/new'), (h) => fs.mkdirSync(h('/new'))],
        [
          'write own file',
          (m) => m.writeFile('/home/app/notes', 'ok'),
          (h) => fs.writeFileSync(h('/home/app/notes'), 'ok'),
        ],
        [
          'create in /tmp',
          (m) => m.writeFile('/tmp/mine', 'x'),
          (h) => fs.writeFileSync(h('/tmp/mine'), 'x'),
        ],
        ['unlink other in sticky /tmp', (m) => m.unlink('/tmp/other'), (h) => fs.unlinkSync(h('/tmp/other'))],
        [
          'rename other in sticky /tmp',
          (m) => m.rename('/tmp/other', '/tmp/o2'),
          (h) => fs.renameSync(h('/tmp/other'), h('/tmp/o2')),
        ],
        [
          'create in group-writable /srv',
          (m) => m.writeFile('/srv/g', 'x'),
          (h) => fs.writeFileSync(h('/srv/g'), 'x'),
        ],
        [
          'write own 0444 file',
          (m) => m.writeFile('/srv/ro', 'x'),
          (h) => fs.writeFileSync(h('/srv/ro'), 'x'),
        ],
        [
          'chmod root file',
          (m) => m.chmod('/etc/passwd', 0o777),
          (h) => fs.chmodSync(h('/etc/passwd'), 0o777),
        ],
        ['chmod own file', (m) => m.chmod('/srv/ro', 0o644), (h) => fs.chmodSync(h('/srv/ro'), 0o644)],
        [
          'chown own file to root',
          (m) => m.chown('/home/app/notes', 0, 0),
          (h) => fs.chownSync(h('/home/app/notes'), 0, 0),
        ],
        [
          'touch root file',
          (m) => m.utimes('/etc/passwd', 1000),
          (h) => fs.utimesSync(h('/etc/passwd'), 1, 1),
        ],
        [
          'rename own file into /etc',
          (m) => m.rename('/home/app/notes', '/etc/notes'),
          (h) => fs.renameSync(h('/home/app/notes'), h('/etc/notes')),
        ],
        [
          'mkdir -p under /root',
          (m) => m.mkdir('/root/a/b', { recursive: true }),
          (h) => fs.mkdirSync(h('/root/a/b'), { recursive: true }),
        ],
      ];
      const kernel = new KernelOverlay(py, [layer]);
      const groups = process.getgroups!();
      try {
        await kernel.setUp();
        const mount = new OverlayMount([layer]).as({ uid: 1000, gid: 1000 });
        const model = cases.map(([name, f]) => [name, code(f(mount))]);
        process.setgroups!([1000]);
        process.setegid!(1000);
        process.seteuid!(1000);
        let real: (string | undefined)[][];
        try {
          real = cases.map(([name, , g]) => [name, kernel.run((h) => void g(h))]);
        } finally {
          process.seteuid!(0);
          process.setegid!(0);
          process.setgroups!(groups);
        }
        expect(real.map(([, c]) => c)).toContain('EACCES');
        expect(real.map(([, c]) => c)).toContain('EPERM');
        expect(model).toEqual(real);
      } finally {
        await kernel.tearDown();
      }
    },
  );
});
