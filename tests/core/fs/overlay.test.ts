import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/core/clock';
import { buildLayer, WHITEOUT } from '../../../src/core/fs/build-layer';
import { gen } from '../../../src/core/fs/content';
import { OverlayMount } from '../../../src/core/fs/overlay';
import { FsError } from '../../../src/core/fs/types';

const T0 = Date.UTC(2025, 0, 1);

// a small debian-like base and a python layer on top of it
const base = buildLayer(
  {
    '/etc/os-release': 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n',
    '/etc/passwd': 'root:x:0:0:root:/root:/bin/bash\n',
    '/etc/apt/sources.list': 'deb http://deb.debian.org/debian bookworm main\n',
    '/etc/apt/trusted.gpg.d/debian.gpg': 'key',
    '/root': { dir: true, mode: 0o700 },
    '/tmp': { dir: true, mode: 0o1777 },
    '/home/app': { dir: true, mode: 0o755, uid: 1000, gid: 1000 },
    '/home/app/notes': { content: 'mine\n', mode: 0o644, uid: 1000, gid: 1000 },
    '/usr/bin/dash': { content: gen(125_000, 'dash'), mode: 0o755 },
    '/bin': { symlink: 'usr/bin' },
    '/var/cache/apt/pkgcache.bin': gen(30_000, 'apt'),
    '/secret': { dir: true, mode: 0o700 },
    '/secret/key': { content: 'k', mode: 0o600 },
  },
  { mtime: T0 },
);
const py = buildLayer(
  {
    '/usr/local/bin/python3': { content: gen(6_600_000, 'python3.13'), mode: 0o755 },
    '/usr/local/bin/python': { symlink: 'python3' },
    '/usr/local/lib/python3.13/this.py': '"""The Zen of Python"""\n',
    '/usr/local/lib/python3.13/json/__init__.py': 'from .decoder import *\n',
    '/var/cache/apt': { dir: true, opaque: true },
    '/etc/apt/sources.list': WHITEOUT,
  },
  { mtime: T0 + 1000 },
);

function mount(opts: { readOnly?: boolean } = {}) {
  const clock = new VirtualClock(Date.UTC(2026, 10, 27, 12));
  return { m: new OverlayMount([base, py], { clock, ...opts }), clock };
}

const code = (x: unknown) => (x instanceof FsError ? x.code : x === undefined ? 'ok' : 'value');

describe('reading a merged stack', () => {
  it('stats files with size and metadata from the layer that holds them', () => {
    const { m } = mount();
    expect(m.stat('/usr/local/bin/python3')).toEqual({
      kind: 'file',
      mode: 0o755,
      uid: 0,
      gid: 0,
      mtime: T0 + 1000,
      size: 6_600_000,
    });
    expect(m.stat('/etc')).toMatchObject({ kind: 'dir', size: 4096 });
    expect(m.lstat('/bin')).toEqual({ kind: 'symlink', mode: 0o777, uid: 0, gid: 0, mtime: T0, size: 7 });
    expect(m.stat('/bin')).toMatchObject({ kind: 'dir' });
    expect(m.stat('/bin/dash')).toMatchObject({ kind: 'file', size: 125_000 });
    expect(m.exists('/nope')).toBe(false);
  });

  it('merges directory listings, sorted, hiding whiteouts and what opaque dirs cover', () => {
    const { m } = mount();
    expect(m.readdir('/')).toEqual(['bin', 'etc', 'home', 'root', 'secret', 'tmp', 'usr', 'var']);
    expect(m.readdir('/etc/apt')).toEqual(['trusted.gpg.d']);
    expect(m.readdir('/var/cache/apt')).toEqual([]);
    expect(m.readdir('/usr')).toEqual(['bin', 'local']);
    expect(m.readdirTypes('/usr/local/bin')).toEqual([
      { name: 'python', kind: 'symlink' },
      { name: 'python3', kind: 'file' },
    ]);
    expect(code(m.readdir('/etc/passwd'))).toBe('ENOTDIR');
    expect(code(m.stat('/etc/apt/sources.list'))).toBe('ENOENT');
  });

  it('reads text, and generated blobs only on demand, at their full length', () => {
    const { m } = mount();
    expect(m.readFile('/etc/os-release')).toBe('PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n');
    expect((m.readFile('/bin/dash') as string).length).toBe(125_000);
    expect(m.readContent('/usr/local/bin/python')).toEqual({
      kind: 'generated',
      size: 6_600_000,
      seed: 'python3.13',
    });
    expect(code(m.readFile('/etc'))).toBe('EISDIR');
  });

  it('never produces a generated blob nobody reads (a 1 TiB file can be stat-ed, copied up, renamed, committed, diffed)', () => {
    const huge = buildLayer({ '/data/blob': gen(2 ** 40, 'huge') });
    const m = new OverlayMount([huge]);
    expect(m.stat('/data/blob')).toMatchObject({ size: 2 ** 40 });
    expect(m.chmod('/data/blob', 0o600)).toBeUndefined();
    expect(m.rename('/data/blob', '/data/moved')).toBeUndefined();
    expect(m.commit().size).toBe(2 ** 40);
    expect(m.diff()).toEqual([
      { kind: 'C', path: '/data' },
      { kind: 'A', path: '/data/moved' },
      { kind: 'D', path: '/data/blob' },
    ]);
    expect(m.upperChangeset().find((e) => e.name === 'data/moved')?.size).toBe(2 ** 40);
  });

  it('reports where each visible path comes from', () => {
    const { m } = mount();
    expect(m.origin('/etc/os-release')).toBe(0);
    expect(m.origin('/usr/local/bin/python3')).toBe(1);
    expect(m.origin('/var/cache/apt')).toBe(1);
    // buildLayer gave the python layer its own /usr and /usr/local entries
    expect(m.origin('/usr/local')).toBe(1);
    expect(m.origin('/usr')).toBe(1);
    expect(m.origin('/home')).toBe(0);
    m.appendFile('/etc/os-release', 'X=1\n');
    expect(m.origin('/etc/os-release')).toBe('upper');
    expect(m.origin('/etc')).toBe('upper');
    expect(m.origin('/etc/passwd')).toBe(0);
    expect(code(m.origin('/etc/apt/sources.list'))).toBe('ENOENT');
  });
});

describe('path resolution', () => {
  it('follows symlinks in every component; absolute targets stay inside the container root', () => {
    const { m } = mount();
    m.symlink('/etc', '/tmp/etc-link');
    m.symlink('../../etc/os-release', '/tmp/rel');
    expect(m.readFile('/tmp/etc-link/os-release')).toMatch(/^PRETTY/);
    expect(m.realpath('/tmp/etc-link/../usr/local/bin/python')).toBe('/usr/local/bin/python3');
    expect(m.realpath('/tmp/rel')).toBe('/etc/os-release');
    expect(m.readlink('/tmp/rel')).toBe('../../etc/os-release');
    expect(code(m.readlink('/etc/passwd'))).toBe('EINVAL');
  });

  it("never lets '..' climb above /", () => {
    const { m } = mount();
    expect(m.realpath('/../../../etc/../..')).toBe('/');
    m.symlink('../../../../../../etc', '/tmp/up');
    expect(m.realpath('/tmp/up')).toBe('/etc');
  });

  it('gives ELOOP after 40 links, ENOTDIR through a file, ENOENT through a missing or dangling name', () => {
    const { m } = mount();
    m.symlink('b', '/tmp/a');
    m.symlink('a', '/tmp/b');
    expect(code(m.stat('/tmp/a'))).toBe('ELOOP');
    expect(m.lstat('/tmp/a')).toMatchObject({ kind: 'symlink' });
    for (let i = 0; i < 40; i++) m.symlink(i === 0 ? '/etc' : `/tmp/l${i - 1}`, `/tmp/l${i}`);
    expect(m.realpath('/tmp/l39')).toBe('/etc');
    m.symlink('/tmp/l39', '/tmp/l40');
    expect(code(m.realpath('/tmp/l40'))).toBe('ELOOP');
    expect(code(m.stat('/etc/passwd/x'))).toBe('ENOTDIR');
    expect(code(m.stat('/etc/passwd/'))).toBe('ENOTDIR');
    expect(code(m.stat('/nope/x'))).toBe('ENOENT');
    m.symlink('/nowhere', '/tmp/dangling');
    expect(code(m.stat('/tmp/dangling'))).toBe('ENOENT');
    expect(code(m.stat(''))).toBe('ENOENT');
  });

  it('resolves relative paths against the cwd of the view (which must be a realpath)', () => {
    const { m } = mount();
    const sh = m.as({ cwd: '/usr/local' });
    expect(sh.readdir('bin')).toEqual(['python', 'python3']);
    expect(sh.realpath('../bin/../local/./lib')).toBe('/usr/local/lib');
    expect(sh.writeFile('hello.txt', 'hi')).toBeUndefined();
    expect(m.readFile('/usr/local/hello.txt')).toBe('hi');
  });

  it('writes through a dangling symlink by creating its target, as open(O_CREAT) does', () => {
    const { m } = mount();
    m.symlink('/tmp/target', '/tmp/link');
    expect(m.writeFile('/tmp/link', 'x')).toBeUndefined();
    expect(m.readFile('/tmp/target')).toBe('x');
    expect(m.lstat('/tmp/link')).toMatchObject({ kind: 'symlink' });
  });
});

describe('copy-up', () => {
  it('copies a lower file and its parents up with their metadata on first change, nothing before', () => {
    const { m, clock } = mount();
    expect(m.upperPaths()).toEqual([]);
    m.readFile('/usr/local/lib/python3.13/this.py');
    m.stat('/usr/local/lib/python3.13/this.py');
    expect(m.upperPaths()).toEqual([]);
    clock.advance(5000);
    expect(m.appendFile('/usr/local/lib/python3.13/this.py', '# more\n')).toBeUndefined();
    expect(m.upperPaths()).toEqual([
      '/usr',
      '/usr/local',
      '/usr/local/lib',
      '/usr/local/lib/python3.13',
      '/usr/local/lib/python3.13/this.py',
    ]);
    const upper = new Map(m.upperEntries());
    expect(upper.get('/usr')).toEqual({ kind: 'dir', mode: 0o755, uid: 0, gid: 0, mtime: T0 + 1000 });
    expect(upper.get('/usr/local/lib/python3.13')).toEqual({
      kind: 'dir',
      mode: 0o755,
      uid: 0,
      gid: 0,
      mtime: T0 + 1000,
    });
    expect(upper.get('/usr/local/lib/python3.13/this.py')).toMatchObject({
      content: '"""The Zen of Python"""\n# more\n',
      mode: 0o644,
      mtime: clock.now(),
    });
    expect(m.readdir('/usr/local/lib/python3.13')).toEqual(['json', 'this.py']);
  });

  it('copies up for chmod, chown and utimes too, keeping content (shared, not copied)', () => {
    const { m, clock } = mount();
    expect(m.chmod('/usr/local/bin/python3', 0o700)).toBeUndefined();
    expect(m.stat('/usr/local/bin/python3')).toMatchObject({ mode: 0o700, mtime: T0 + 1000 });
    expect(m.chown('/etc/passwd', 1000, -1)).toBeUndefined();
    expect(m.stat('/etc/passwd')).toMatchObject({ uid: 1000, gid: 0 });
    clock.advance(1000);
    expect(m.utimes('/etc/os-release')).toBeUndefined();
    expect(m.stat('/etc/os-release')).toMatchObject({ mtime: clock.now() });
    expect(m.utimes('/etc/os-release', 42)).toBeUndefined();
    expect(m.stat('/etc/os-release')).toMatchObject({ mtime: 42 });
    expect(new Map(m.upperEntries()).get('/usr/local/bin/python3')).toMatchObject({
      content: { kind: 'generated', seed: 'python3.13' },
    });
  });

  it('copies a directory up without its contents, and the copy is not opaque', () => {
    const { m } = mount();
    expect(m.chmod('/var/cache/apt', 0o700)).toBeUndefined();
    expect(new Map(m.upperEntries()).get('/var/cache/apt')).toEqual({
      kind: 'dir',
      mode: 0o700,
      uid: 0,
      gid: 0,
      mtime: T0 + 1000,
    });
    expect(m.upperPaths()).toEqual(['/var', '/var/cache', '/var/cache/apt']);
    expect(m.chmod('/etc', 0o750)).toBeUndefined();
    expect(m.readdir('/etc')).toEqual(['apt', 'os-release', 'passwd']);
  });

  it('updates a directory mtime when names are added or removed in it', () => {
    const { m, clock } = mount();
    clock.advance(60_000);
    m.writeFile('/etc/new.conf', 'x');
    expect(m.stat('/etc')).toMatchObject({ mtime: clock.now() });
    clock.advance(60_000);
    m.writeFile('/etc/new.conf', 'y');
    expect(m.stat('/etc')).toMatchObject({ mtime: clock.now() - 60_000 });
    m.unlink('/etc/passwd');
    expect(m.stat('/etc')).toMatchObject({ mtime: clock.now() });
  });
});

describe('creating', () => {
  it('creates files 0644 and dirs 0755 (umask 022) owned by the caller', () => {
    const { m } = mount();
    const app = m.as({ uid: 1000, gid: 1000 });
    expect(app.writeFile('/home/app/a.txt', 'a')).toBeUndefined();
    expect(app.stat('/home/app/a.txt')).toMatchObject({
      kind: 'file',
      mode: 0o644,
      uid: 1000,
      gid: 1000,
      size: 1,
    });
    expect(app.mkdir('/home/app/src')).toBeUndefined();
    expect(app.stat('/home/app/src')).toMatchObject({ kind: 'dir', mode: 0o755, uid: 1000 });
    expect(m.as({ umask: 0o077 }).writeFile('/root/x', 'x', { mode: 0o666 })).toBeUndefined();
    expect(m.stat('/root/x')).toMatchObject({ mode: 0o600 });
    expect(m.writeFile('/usr/local/bin/tool', '#!/bin/sh\n', { mode: 0o755 })).toBeUndefined();
    expect(m.stat('/usr/local/bin/tool')).toMatchObject({ mode: 0o755 });
  });

  it('mkdir: EEXIST, ENOENT for a missing parent, -p makes the parents and accepts an existing dir', () => {
    const { m } = mount();
    expect(code(m.mkdir('/etc'))).toBe('EEXIST');
    expect(code(m.mkdir('/bin'))).toBe('EEXIST');
    expect(code(m.mkdir('/'))).toBe('EEXIST');
    expect(code(m.mkdir('/app/sub'))).toBe('ENOENT');
    expect(m.mkdir('/app/sub/deep', { recursive: true })).toBeUndefined();
    expect(m.readdir('/app')).toEqual(['sub']);
    expect(m.mkdir('/etc', { recursive: true })).toBeUndefined();
    expect(m.mkdir('/bin/newdir', { recursive: true })).toBeUndefined();
    expect(m.stat('/usr/bin/newdir')).toMatchObject({ kind: 'dir' });
    expect(code(m.mkdir('/etc/passwd', { recursive: true }))).toBe('EEXIST');
    expect(code(m.mkdir('/etc/passwd/x', { recursive: true }))).toBe('ENOTDIR');
  });

  it('symlink: EEXIST over anything, even a dangling link; ENOENT for an empty target', () => {
    const { m } = mount();
    expect(code(m.symlink('x', '/etc/passwd'))).toBe('EEXIST');
    m.symlink('/nowhere', '/tmp/d');
    expect(code(m.symlink('x', '/tmp/d'))).toBe('EEXIST');
    expect(code(m.symlink('', '/tmp/e'))).toBe('ENOENT');
  });

  it('write errors: EISDIR for a directory (or a new name with a trailing slash), ENOENT for a missing parent', () => {
    const { m } = mount();
    expect(code(m.writeFile('/etc', 'x'))).toBe('EISDIR');
    expect(code(m.writeFile('/bin', 'x'))).toBe('EISDIR');
    expect(code(m.writeFile('/', 'x'))).toBe('EISDIR');
    expect(code(m.writeFile('/tmp/new/', 'x'))).toBe('EISDIR');
    expect(code(m.writeFile('/nope/x', 'x'))).toBe('ENOENT');
    expect(code(m.appendFile('/etc/passwd/x', 'x'))).toBe('ENOTDIR');
    expect(code(m.truncate('/etc', 0))).toBe('EISDIR');
    expect(code(m.truncate('/etc/passwd', -1))).toBe('EINVAL');
    expect(m.truncate('/etc/passwd', 4)).toBeUndefined();
    expect(m.readFile('/etc/passwd')).toBe('root');
  });
});

describe('removing', () => {
  it('unlink of a lower file leaves a whiteout; of an upper-only file, nothing', () => {
    const { m } = mount();
    expect(m.unlink('/etc/passwd')).toBeUndefined();
    expect(new Map(m.upperEntries()).get('/etc/passwd')).toEqual({ kind: 'whiteout' });
    expect(m.readdir('/etc')).toEqual(['apt', 'os-release']);
    m.writeFile('/tmp/t', 'x');
    expect(m.unlink('/tmp/t')).toBeUndefined();
    expect(m.upperPaths()).toEqual(['/etc', '/etc/passwd', '/tmp']);
    expect(m.unlink('/bin')).toBeUndefined();
    expect(m.stat('/usr/bin/dash')).toMatchObject({ kind: 'file' });
  });

  it('unlink and rmdir errnos', () => {
    const { m } = mount();
    expect(code(m.unlink('/nope'))).toBe('ENOENT');
    expect(code(m.unlink('/etc'))).toBe('EISDIR');
    expect(code(m.unlink('/etc/passwd/'))).toBe('ENOTDIR');
    expect(code(m.rmdir('/etc/passwd'))).toBe('ENOTDIR');
    expect(code(m.rmdir('/bin'))).toBe('ENOTDIR');
    expect(code(m.rmdir('/nope'))).toBe('ENOENT');
    expect(code(m.rmdir('/etc'))).toBe('ENOTEMPTY');
    expect(code(m.rmdir('/'))).toBe('EBUSY');
    expect(code(m.rmdir('/tmp/.'))).toBe('EINVAL');
    expect(code(m.rmdir('/etc/..'))).toBe('ENOTEMPTY');
  });

  it('rmdir of a merged dir emptied by whiteouts works; recreating it makes it opaque', () => {
    const { m } = mount();
    expect(code(m.rmdir('/etc/apt'))).toBe('ENOTEMPTY');
    expect(m.rm('/etc/apt/trusted.gpg.d', { recursive: true })).toBeUndefined();
    expect(m.readdir('/etc/apt')).toEqual([]);
    expect(m.rmdir('/etc/apt')).toBeUndefined();
    expect(new Map(m.upperEntries()).get('/etc/apt')).toEqual({ kind: 'whiteout' });
    expect(m.upperPaths()).toEqual(['/etc', '/etc/apt']);
    expect(m.mkdir('/etc/apt')).toBeUndefined();
    expect(new Map(m.upperEntries()).get('/etc/apt')).toMatchObject({ kind: 'dir', opaque: true });
    expect(m.readdir('/etc/apt')).toEqual([]);
  });

  it('an empty dir that only the upper has is removed plainly', () => {
    const { m } = mount();
    m.mkdir('/app');
    expect(m.rmdir('/app')).toBeUndefined();
    expect(m.upperPaths()).toEqual([]);
  });

  it('rm -r walks depth first; -f ignores a missing path', () => {
    const { m } = mount();
    expect(m.rm('/usr/local', { recursive: true })).toBeUndefined();
    expect(m.readdir('/usr')).toEqual(['bin']);
    expect(new Map(m.upperEntries()).get('/usr/local')).toEqual({ kind: 'whiteout' });
    expect(code(m.rm('/etc'))).toBe('EISDIR');
    expect(code(m.rm('/nope'))).toBe('ENOENT');
    expect(m.rm('/nope', { force: true })).toBeUndefined();
  });
});

describe('rename', () => {
  it('moves a lower file: copy-up, whiteout at the old name', () => {
    const { m } = mount();
    expect(m.rename('/etc/passwd', '/root/passwd')).toBeUndefined();
    expect(m.readFile('/root/passwd')).toBe('root:x:0:0:root:/root:/bin/bash\n');
    const upper = new Map(m.upperEntries());
    expect(upper.get('/etc/passwd')).toEqual({ kind: 'whiteout' });
    expect(upper.get('/root/passwd')).toMatchObject({ kind: 'file', mtime: T0 });
  });

  it('refuses to move a directory a lower layer has (EXDEV), not one only the upper has', () => {
    const { m } = mount();
    expect(code(m.rename('/etc/apt', '/etc/apt2'))).toBe('EXDEV');
    expect(code(m.rename('/usr/local', '/opt'))).toBe('EXDEV');
    m.mkdir('/app');
    m.writeFile('/app/x', '1');
    expect(m.rename('/app', '/srv')).toBeUndefined();
    expect(m.readFile('/srv/x')).toBe('1');
    // moved into a merged parent ("/" has lowers): opaque, as ovl_rename makes it
    expect(new Map(m.upperEntries()).get('/srv')).toMatchObject({ kind: 'dir', opaque: true });
  });

  it('checks what POSIX checks: EISDIR, ENOTDIR, EINVAL, ENOTEMPTY, same name', () => {
    const { m } = mount();
    m.mkdir('/a');
    m.mkdir('/a/b');
    expect(code(m.rename('/etc/passwd', '/usr'))).toBe('EISDIR');
    // the target is an ancestor of the source: the kernel's "trap" check comes first
    expect(code(m.rename('/etc/passwd', '/etc'))).toBe('ENOTEMPTY');
    expect(code(m.rename('/a', '/etc/passwd'))).toBe('ENOTDIR');
    expect(code(m.rename('/a', '/a/b/c'))).toBe('EINVAL');
    expect(code(m.rename('/a/b', '/a'))).toBe('ENOTEMPTY');
    expect(code(m.rename('/nope', '/x'))).toBe('ENOENT');
    expect(code(m.rename('/etc/passwd', '/nope/x'))).toBe('ENOENT');
    expect(code(m.rename('/', '/x'))).toBe('EBUSY');
    expect(m.rename('/etc/passwd', '/etc/passwd')).toBeUndefined();
    expect(m.rename('/etc/apt', '/etc/apt')).toBeUndefined();
    m.mkdir('/c');
    m.writeFile('/c/f', '');
    expect(code(m.rename('/a', '/c'))).toBe('ENOTEMPTY');
    expect(code(m.rename('/a', '/etc/apt'))).toBe('ENOTEMPTY');
  });

  it('replaces an existing file or empty dir', () => {
    const { m } = mount();
    m.writeFile('/tmp/new', 'new');
    expect(m.rename('/tmp/new', '/etc/os-release')).toBeUndefined();
    expect(m.readFile('/etc/os-release')).toBe('new');
    expect(m.exists('/tmp/new')).toBe(false);
    m.mkdir('/tmp/d');
    m.writeFile('/tmp/d/f', 'f');
    m.rm('/etc/apt/trusted.gpg.d', { recursive: true });
    expect(m.rename('/tmp/d', '/etc/apt')).toBeUndefined();
    expect(m.readdir('/etc/apt')).toEqual(['f']);
  });
});

describe('read-only mounts and permissions', () => {
  it('EROFS for every change, after the errors the kernel reports first', () => {
    const { m } = mount({ readOnly: true });
    expect(code(m.writeFile('/etc/passwd', 'x'))).toBe('EROFS');
    expect(code(m.writeFile('/etc/new', 'x'))).toBe('EROFS');
    expect(code(m.mkdir('/etc'))).toBe('EEXIST');
    expect(code(m.mkdir('/new'))).toBe('EROFS');
    expect(code(m.unlink('/nope'))).toBe('EROFS');
    expect(code(m.rmdir('/etc'))).toBe('EROFS');
    expect(code(m.rename('/etc/passwd', '/x'))).toBe('EROFS');
    expect(code(m.chmod('/nope', 0o644))).toBe('ENOENT');
    expect(code(m.chmod('/etc', 0o644))).toBe('EROFS');
    expect(code(m.symlink('x', '/etc'))).toBe('EEXIST');
    expect(code(m.symlink('x', '/y'))).toBe('EROFS');
    expect(code(m.access('/etc/passwd', 2))).toBe('EROFS');
    expect(m.access('/etc/passwd', 4)).toBeUndefined();
    expect(m.readFile('/etc/passwd')).toMatch(/^root/);
    expect(m.upperPaths()).toEqual([]);
  });

  it('EACCES for a non-root user without permission (owner, group, other bits)', () => {
    const { m } = mount();
    const app = m.as({ uid: 1000, gid: 1000 });
    expect(code(app.writeFile('/etc/passwd', 'x'))).toBe('EACCES');
    expect(code(app.writeFile('/etc/new', 'x'))).toBe('EACCES');
    expect(code(app.readdir('/root'))).toBe('EACCES');
    expect(code(app.stat('/secret/key'))).toBe('EACCES');
    expect(code(app.readFile('/secret/key'))).toBe('EACCES');
    expect(code(app.unlink('/etc/passwd'))).toBe('EACCES');
    expect(code(app.mkdir('/opt'))).toBe('EACCES');
    expect(code(app.rename('/home/app/notes', '/etc/notes'))).toBe('EACCES');
    expect(app.writeFile('/home/app/notes', 'ok')).toBeUndefined();
    expect(app.writeFile('/tmp/mine', 'x')).toBeUndefined();
    expect(app.readFile('/etc/os-release')).toMatch(/Debian/);
    expect(code(app.access('/etc/passwd', 2))).toBe('EACCES');
    expect(app.access('/etc/passwd', 4)).toBeUndefined();
    expect(m.upperPaths()).toEqual(['/home', '/home/app', '/home/app/notes', '/tmp', '/tmp/mine']);
  });

  it('EPERM for chmod/chown of files one does not own, and for removing others’ files from sticky /tmp', () => {
    const { m } = mount();
    const app = m.as({ uid: 1000, gid: 1000 });
    const other = m.as({ uid: 1001, gid: 1001 });
    expect(code(app.chmod('/etc/passwd', 0o777))).toBe('EPERM');
    expect(code(app.chown('/home/app/notes', 0, 0))).toBe('EPERM');
    expect(app.chown('/home/app/notes', -1, -1)).toBeUndefined();
    expect(app.chmod('/home/app/notes', 0o600)).toBeUndefined();
    expect(code(app.utimes('/etc/passwd', 1))).toBe('EPERM');
    app.writeFile('/tmp/mine', 'x');
    expect(code(other.unlink('/tmp/mine'))).toBe('EPERM');
    expect(code(other.rename('/tmp/mine', '/tmp/theirs'))).toBe('EPERM');
    expect(app.unlink('/tmp/mine')).toBeUndefined();
    expect(m.as({ uid: 0 }).chown('/home/app/notes', 0, 0)).toBeUndefined();
  });
});

describe('mounts over a shared stack', () => {
  it('commit() turns the upper into an immutable layer; the mount stays usable', () => {
    const { m } = mount();
    m.writeFile('/root/a', 'a');
    m.unlink('/etc/passwd');
    const layer = m.commit();
    m.writeFile('/root/b', 'b');
    expect([...layer.entries.keys()].sort()).toEqual(['/etc', '/etc/passwd', '/root', '/root/a']);
    const next = new OverlayMount([base, py, layer]);
    expect(next.readdir('/root')).toEqual(['a']);
    expect(next.exists('/etc/passwd')).toBe(false);
    expect(m.upperChangeset().map((e) => e.name)).toEqual([
      'etc',
      'etc/.wh.passwd',
      'root',
      'root/a',
      'root/b',
    ]);
    expect(m.upperSize()).toBe(2);
  });

  it('counts changes in generation', () => {
    const { m } = mount();
    const g = m.generation;
    m.readFile('/etc/passwd');
    m.unlink('/nope');
    expect(m.generation).toBe(g);
    m.writeFile('/tmp/x', '');
    expect(m.generation).toBe(g + 1);
  });

  it('works with no lowers at all (a volume)', () => {
    const vol = new OverlayMount([], { root: { mode: 0o755, uid: 999, gid: 999 } });
    expect(vol.readdir('/')).toEqual([]);
    expect(vol.stat('/')).toMatchObject({ uid: 999 });
    vol.mkdir('/data');
    vol.writeFile('/data/pg_version', '16\n');
    expect(vol.rename('/data', '/moved')).toBeUndefined();
    expect(new Map(vol.upperEntries()).get('/moved')).toMatchObject({ kind: 'dir' });
    expect(new Map(vol.upperEntries()).get('/moved')).not.toHaveProperty('opaque');
    vol.unlink('/moved/pg_version');
    expect(vol.upperPaths()).toEqual(['/moved']);
    expect(vol.diff()).toEqual([{ kind: 'A', path: '/moved' }]);
  });
});
