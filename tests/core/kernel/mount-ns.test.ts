import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildLayer, OverlayMount, FsError, WHITEOUT, type LayerSpecValue } from '../../../src/core/fs';
import { MountNamespace, type MountSpec } from '../../../src/core/kernel/mount-ns';
import type { FileSystem } from '../../../src/core/userland/types';

const info = (target: string, fstype = 'ext4', options = 'rw,relatime') => ({
  source: '/dev/sda1',
  target,
  fstype,
  options,
});
const clock = () => {
  let t = 1_700_000_000_000;
  return { now: () => t, tick: () => (t += 1000) };
};

function image() {
  return buildLayer(
    {
      '/etc/passwd': 'root:x:0:0:root:/root:/bin/sh\n',
      '/etc/hosts': 'image hosts\n',
      '/bin/sh': { content: 'sh', mode: 0o755 },
      '/usr/bin': { dir: true },
      '/data': { dir: true },
      '/mnt/here': { dir: true },
      '/lnk': { symlink: '/data' },
      '/rel': { symlink: 'data/../etc' },
      '/tmp': { dir: true, mode: 0o1777 },
    },
    { mtime: 1_600_000_000_000 },
  );
}

function host() {
  const h = new OverlayMount([
    buildLayer({
      '/home/student/project/app.py': 'print(1)\n',
      '/home/student/project/sub/x': 'x\n',
      '/etc/hostname': 'laptop\n',
    }),
  ]);
  return h;
}

function ns(extra: MountSpec[] = []) {
  const c = clock();
  const root = new OverlayMount([image()], { clock: c });
  const h = host();
  const files = new OverlayMount([buildLayer({ '/hosts': '127.0.0.1\tlocalhost\n' })], { clock: c });
  const vol = new OverlayMount([], { clock: c });
  const m = new MountNamespace([
    {
      target: '/',
      source: root,
      info: { source: 'overlay', target: '/', fstype: 'overlay', options: 'rw,relatime' },
    },
    { target: '/app', source: h, root: '/home/student/project', info: info('/app') },
    {
      target: '/ro',
      source: h,
      root: '/home/student/project',
      readOnly: true,
      info: info('/ro', 'ext4', 'ro,relatime'),
    },
    { target: '/data', source: vol, info: info('/data') },
    { target: '/etc/hosts', source: files, root: '/hosts', info: info('/etc/hosts') },
    ...extra,
  ]);
  return { m, root, h, vol, files, c };
}

describe('MountNamespace: paths across mounts', () => {
  it('reads through bind mounts, volumes and file mounts; the image copy under a mount is hidden', () => {
    const { m } = ns();
    expect(m.readFile('/app/app.py')).toBe('print(1)\n');
    expect(m.readFile('/etc/hosts')).toBe('127.0.0.1\tlocalhost\n');
    expect(m.readdir('/data')).toEqual([]);
    expect(m.readFile('/lnk/../etc/passwd')).toBe('root:x:0:0:root:/root:/bin/sh\n');
  });

  it('resolves symlinks in the namespace, crossing into mounts', () => {
    const { m, vol } = ns();
    vol.writeFile('/f', 'in volume');
    expect(m.readFile('/lnk/f')).toBe('in volume');
    expect(m.realpath('/lnk/f')).toBe('/data/f');
    expect(m.realpath('/rel/hosts')).toBe('/etc/hosts');
    m.symlink('/app/sub', '/tmp/toapp');
    expect(m.readFile('/tmp/toapp/x')).toBe('x\n');
    expect(m.lstat('/tmp/toapp')).toMatchObject({ kind: 'symlink' });
  });

  it('writes land in the mount that holds the path, and both sides see them', () => {
    const { m, h, root, vol } = ns();
    expect(m.writeFile('/app/new.txt', 'from container')).toBeUndefined();
    expect(h.readFile('/home/student/project/new.txt')).toBe('from container');
    h.writeFile('/home/student/project/host.txt', 'from host');
    expect(m.readFile('/app/host.txt')).toBe('from host');
    expect(m.mkdir('/data/a/b', { recursive: true })).toBeUndefined();
    expect(vol.readdir('/a')).toEqual(['b']);
    expect(root.upperPaths()).toEqual([]);
  });

  it('a read-only bind refuses changes with EROFS; reads still work', () => {
    const { m } = ns();
    expect(m.readFile('/ro/app.py')).toBe('print(1)\n');
    for (const err of [
      m.writeFile('/ro/x', 'y'),
      m.unlink('/ro/app.py'),
      m.mkdir('/ro/d'),
      m.chmod('/ro/app.py', 0o600),
      m.rm('/ro/sub', { recursive: true }),
    ]) {
      expect(err?.code).toBe('EROFS');
    }
    expect(m.access('/ro/app.py', 2)?.code).toBe('EROFS');
    expect(m.access('/app/app.py', 2)).toBeUndefined();
  });

  it('rename across mounts is EXDEV; mount points are busy', () => {
    const { m } = ns();
    expect(m.rename('/app/app.py', '/data/app.py')?.code).toBe('EXDEV');
    expect(m.rename('/etc/passwd', '/app/passwd')?.code).toBe('EXDEV');
    expect(m.rename('/app/app.py', '/app/main.py')).toBeUndefined();
    expect(m.rmdir('/data')?.code).toBe('EBUSY');
    expect(m.unlink('/etc/hosts')?.code).toBe('EBUSY');
    expect(m.rename('/data', '/data2')?.code).toBe('EBUSY');
    expect(m.rm('/data', { recursive: true })?.code).toBe('EBUSY');
  });

  it('readdir shows mount points even where the parent has no such name', () => {
    const { m } = ns();
    expect(m.readdir('/')).toEqual(expect.arrayContaining(['app', 'ro', 'data', 'etc']));
    expect((m.readdirTypes('/') as { name: string }[]).find((d) => d.name === 'app')).toEqual({
      name: 'app',
      kind: 'dir',
    });
    expect(m.readdir('/etc')).toEqual(['hosts', 'passwd']);
  });

  it('errors carry the path as the caller wrote it', () => {
    const { m } = ns();
    const e = m.readFile('/app/missing');
    expect(e).toBeInstanceOf(FsError);
    expect(e).toMatchObject({ code: 'ENOENT', path: '/app/missing' });
    expect(m.as({ cwd: '/app' }).readFile('nope')).toMatchObject({ code: 'ENOENT', path: 'nope' });
    expect(m.readFile('/app/app.py/x')).toMatchObject({ code: 'ENOTDIR' });
  });

  it('relative paths and .. resolve against the cwd; .. leaves a mount', () => {
    const { m } = ns();
    const v = m.as({ cwd: '/app/sub' });
    expect(v.readFile('x')).toBe('x\n');
    expect(v.readFile('../app.py')).toBe('print(1)\n');
    expect(v.readFile('../../etc/passwd')).toMatch(/^root/);
    expect(v.realpath('..')).toBe('/app');
  });

  it('credentials apply inside every mount', () => {
    const { m } = ns();
    m.mkdir('/data/private', { mode: 0o700 });
    const user = m.as({ uid: 1000, gid: 1000 });
    expect(user.writeFile('/data/private/x', 'y')?.code).toBe('EACCES');
    expect(user.writeFile('/tmp/mine', 'y')).toBeUndefined();
    expect(m.stat('/tmp/mine')).toMatchObject({ uid: 1000, gid: 1000 });
  });

  it('generated mounts are regenerated for each reader', () => {
    let n = 0;
    const gen = () => new OverlayMount([buildLayer({ '/count': String(++n) })], { readOnly: true });
    const { m } = ns([
      {
        target: '/proc',
        source: gen,
        info: { source: 'proc', target: '/proc', fstype: 'proc', options: 'rw' },
      },
    ]);
    expect(m.readFile('/proc/count')).toBe('1');
    expect(m.readFile('/proc/count')).toBe('2');
    expect(m.writeFile('/proc/count', 'x')?.code).toBe('EROFS');
  });

  it('lists the mount table in mount order; unmount reveals what was below', () => {
    const { m } = ns();
    expect(m.mounts().map((x) => x.target)).toEqual(['/', '/app', '/ro', '/data', '/etc/hosts']);
    expect(m.unmount('/etc/hosts')).toBe(true);
    expect(m.readFile('/etc/hosts')).toBe('image hosts\n');
  });
});

describe('MountNamespace: devices', () => {
  const devNs = () => {
    const dev = new OverlayMount([
      buildLayer({
        '/null': { content: '', mode: 0o666 },
        '/zero': { content: '', mode: 0o666 },
        '/full': { content: '', mode: 0o666 },
        '/urandom': { content: '', mode: 0o666 },
        '/stdout': { symlink: '/proc/self/fd/1' },
      }),
    ]);
    const { m } = ns([
      {
        target: '/dev',
        source: dev,
        info: { source: 'tmpfs', target: '/dev', fstype: 'tmpfs', options: 'rw' },
      },
    ]);
    m.setDevice('/dev/null', 'null');
    m.setDevice('/dev/zero', 'zero');
    m.setDevice('/dev/full', 'full');
    m.setDevice('/dev/urandom', 'urandom');
    return { m, dev };
  };

  it('writes to /dev/null vanish, /dev/full is full, /dev/zero reads zeros lazily', () => {
    const { m, dev } = devNs();
    expect(m.writeFile('/dev/null', 'gone')).toBeUndefined();
    expect(m.appendFile('/dev/null', 'gone')).toBeUndefined();
    expect(dev.readFile('/null')).toBe('');
    expect(m.readFile('/dev/null')).toBe('');
    expect(m.writeFile('/dev/full', 'x')?.code).toBe('ENOSPC');
    expect(m.read('/dev/zero', 0, 5)).toBe('\0\0\0\0\0');
    expect((m.read('/dev/zero', 0, 10_000_000) as string).length).toBe(1 << 20);
    expect(m.readFile('/dev/zero')).toMatchObject({ code: 'EINVAL' });
    const r = m.read('/dev/urandom', 0, 16) as string;
    expect(r).toHaveLength(16);
    expect(m.read('/dev/urandom', 0, 16)).not.toBe(r);
  });

  it('a removed device node stops being a device', () => {
    const { m } = devNs();
    expect(m.unlink('/dev/null')).toBeUndefined();
    expect(m.writeFile('/dev/null', 'now a file')).toBeUndefined();
    expect(m.readFile('/dev/null')).toBe('now a file');
    expect(m.stat('/dev/null')).toMatchObject({ kind: 'file', size: 10 });
  });

  it('stat, lstat and readdir see character devices with their numbers; a symlink to one stats as one', () => {
    const { m } = devNs();
    expect(m.stat('/dev/null')).toMatchObject({ kind: 'chardev', size: 0, mode: 0o666, rdev: [1, 3] });
    expect(m.lstat('/dev/zero')).toMatchObject({ kind: 'chardev', rdev: [1, 5] });
    expect(m.lstat('/dev/stdout')).toMatchObject({ kind: 'symlink' });
    expect(m.readdirTypes('/dev')).toEqual([
      { name: 'full', kind: 'chardev' },
      { name: 'null', kind: 'chardev' },
      { name: 'stdout', kind: 'symlink' },
      { name: 'urandom', kind: 'chardev' },
      { name: 'zero', kind: 'chardev' },
    ]);
    expect(m.symlink('/dev/zero', '/dev/z')).toBeUndefined();
    expect(m.stat('/dev/z')).toMatchObject({ kind: 'chardev', rdev: [1, 5] });
  });

  it('property: readdir types agree with lstat, and only declared devices are devices', () => {
    fc.assert(
      fc.property(
        fc.subarray(['null', 'zero', 'full', 'urandom', 'stdout', 'other'] as const),
        fc.array(fc.constantFrom('null', 'zero', 'full', 'urandom', 'other'), { maxLength: 4 }),
        (declared, removed) => {
          const { m } = devNs();
          m.writeFile('/dev/other', 'x');
          for (const n of ['null', 'zero', 'full', 'urandom']) m.setDevice(`/dev/${n}`, undefined);
          for (const n of declared) if (n !== 'stdout' && n !== 'other') m.setDevice(`/dev/${n}`, n);
          for (const n of removed) m.unlink(`/dev/${n}`);
          const list = m.readdirTypes('/dev');
          if (list instanceof FsError) throw new Error(list.message);
          for (const d of list) {
            const st = m.lstat(`/dev/${d.name}`);
            if (st instanceof FsError) throw new Error(st.message);
            expect(d.kind).toBe(st.kind);
            const isDev = (declared as readonly string[]).includes(d.name) && d.name !== 'stdout' && d.name !== 'other';
            expect(st.kind === 'chardev').toBe(isDev);
            if (isDev) expect(st.rdev).toBeDefined();
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

// ---- differential properties ----

const NAMES = ['a', 'b', 'c'];
const pathArb = fc.array(fc.constantFrom(...NAMES), { minLength: 1, maxLength: 3 }).map((p) => p.join('/'));
const textArb = fc.constantFrom('', 'x', 'hello\n');
type Op =
  | {
      op:
        'mkdir' | 'mkdirp' | 'unlink' | 'rmdir' | 'rmrf' | 'read' | 'stat' | 'lstat' | 'readdir' | 'realpath';
      path: string;
    }
  | { op: 'write' | 'append'; path: string; text: string }
  | { op: 'rename'; path: string; to: string }
  | { op: 'chmod'; path: string; mode: number }
  | { op: 'symlink'; path: string; target: string };
const opArbOf = (targets: string[]): fc.Arbitrary<Op> =>
  fc.oneof(
    fc.record({
      op: fc.constantFrom(
        'mkdir',
        'mkdirp',
        'unlink',
        'rmdir',
        'rmrf',
        'read',
        'stat',
        'lstat',
        'readdir',
        'realpath',
      ) as fc.Arbitrary<'mkdir'>,
      path: pathArb,
    }),
    fc.record({
      op: fc.constantFrom('write', 'append') as fc.Arbitrary<'write'>,
      path: pathArb,
      text: textArb,
    }),
    fc.record({ op: fc.constant('rename' as const), path: pathArb, to: pathArb }),
    fc.record({
      op: fc.constant('chmod' as const),
      path: pathArb,
      mode: fc.constantFrom(0o755, 0o700, 0o644, 0o000),
    }),
    fc.record({ op: fc.constant('symlink' as const), path: pathArb, target: fc.constantFrom(...targets) }),
  );
const layerArbOf = (targets: string[]) =>
  fc
    .array(
      fc.tuple(
        pathArb,
        fc.constantFrom<LayerSpecValue>(
          'file',
          { dir: true },
          ...targets.map((t) => ({ symlink: t })),
          WHITEOUT,
        ),
      ),
      { maxLength: 6 },
    )
    .map((items) => {
      const kept = new Map<string, LayerSpecValue>();
      for (const [p, v] of items) {
        const blocked = [...kept].some(
          ([q, w]) =>
            (p.startsWith(q + '/') && !(typeof w === 'object' && 'dir' in w)) ||
            (q.startsWith(p + '/') && !(typeof v === 'object' && 'dir' in v)),
        );
        if (!kept.has(p) && !blocked) kept.set(p, v);
      }
      return [...kept];
    });

const ANY_TARGETS = ['a', 'b/c', '../a', 'missing', 'c/../b', '/w/b'];
// a bind mount shows a subtree, so targets that climb out of it (or are absolute) mean something else there
const INSIDE_TARGETS = ['a', 'b/c', 'missing', 'c/../b'];

/** Run an op against a file API with paths under `base`; the outcome as comparable data. */
function apply(fs: FileSystem, base: string, o: Op): unknown {
  const p = `${base}/${o.path}`;
  const code = (r: unknown) => (r instanceof FsError ? r.code : r === undefined ? 'ok' : r);
  switch (o.op) {
    case 'mkdir':
      return code(fs.mkdir(p));
    case 'mkdirp':
      return code(fs.mkdir(p, { recursive: true }));
    case 'unlink':
      return code(fs.unlink(p));
    case 'rmdir':
      return code(fs.rmdir(p));
    case 'rmrf':
      return code(fs.rm(p, { recursive: true, force: true }));
    case 'read':
      return code(fs.readFile(p));
    case 'stat':
    case 'lstat': {
      const st = fs[o.op](p);
      return st instanceof FsError ? st.code : [st.kind, st.mode, st.size];
    }
    case 'readdir':
      return code(fs.readdir(p));
    case 'realpath': {
      const r = fs.realpath(p);
      return r instanceof FsError ? r.code : r.slice(base.length);
    }
    case 'write':
      return code(fs.writeFile(p, o.text));
    case 'append':
      return code(fs.appendFile(p, o.text));
    case 'rename':
      return code(fs.rename(p, `${base}/${o.to}`));
    case 'chmod':
      return code(fs.chmod(p, o.mode));
    case 'symlink':
      return code(fs.symlink(o.target, p));
  }
}

describe('MountNamespace: differential properties', () => {
  it('with only a root mount it behaves exactly as the overlay itself', () => {
    fc.assert(
      fc.property(
        layerArbOf(ANY_TARGETS),
        fc.array(opArbOf(ANY_TARGETS), { maxLength: 20 }),
        fc.constantFrom(0, 1000),
        (spec, ops, uid) => {
          const layer = buildLayer(
            spec.map(([p, v]) => [`/w/${p}`, v === 'file' ? 'f' : v] as const),
            { mtime: 1 },
          );
          const c1 = clock();
          const c2 = clock();
          const plain = new OverlayMount([layer], { clock: c1 });
          const under = new OverlayMount([layer], { clock: c2 });
          plain.chmod('/w', 0o777);
          under.chmod('/w', 0o777);
          const m = new MountNamespace([{ target: '/', source: under, info: info('/') }]);
          const a = plain.as({ uid, gid: uid });
          const b = m.as({ uid, gid: uid });
          for (const o of ops) {
            c1.tick();
            c2.tick();
            expect([o, apply(b, '/w', o)]).toEqual([o, apply(a, '/w', o)]);
          }
          expect(under.upperEntries()).toEqual(plain.upperEntries());
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a bind mount behaves as the host directory it shows, and nothing else changes', () => {
    fc.assert(
      fc.property(
        layerArbOf(INSIDE_TARGETS),
        fc.array(opArbOf(INSIDE_TARGETS), { maxLength: 20 }),
        (spec, ops) => {
          const hostLayer = buildLayer(
            spec.map(([p, v]) => [`/src/${p}`, v === 'file' ? 'f' : v] as const),
            { mtime: 1 },
          );
          const c1 = clock();
          const c2 = clock();
          const reference = new OverlayMount([hostLayer], { clock: c1 });
          const hostFs = new OverlayMount([hostLayer], { clock: c2 });
          reference.mkdir('/src', { recursive: true });
          hostFs.mkdir('/src', { recursive: true });
          const root = new OverlayMount([image()], { clock: c2 });
          const m = new MountNamespace([
            { target: '/', source: root, info: info('/') },
            { target: '/mnt/here', source: hostFs, root: '/src', info: info('/mnt/here') },
          ]);
          for (const o of ops) {
            c1.tick();
            c2.tick();
            expect([o, apply(m, '/mnt/here', o)]).toEqual([o, apply(reference, '/src', o)]);
          }
          expect(hostFs.upperEntries()).toEqual(reference.upperEntries());
          expect(root.upperEntries()).toEqual([]);
        },
      ),
      { numRuns: 200 },
    );
  });
});
