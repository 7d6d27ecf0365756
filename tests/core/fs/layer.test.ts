import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildLayer, WHITEOUT } from '../../../src/core/fs/build-layer';
import { Layer } from '../../../src/core/fs/layer';
import { exportOci, importOci } from '../../../src/core/fs/oci';
import type { OciEntry } from '../../../src/core/fs/oci';
import {
  appendContent,
  contentBytes,
  contentText,
  gen,
  sameContent,
  truncateContent,
  utf8Decode,
  utf8Encode,
} from '../../../src/core/fs/content';
import { contentSize } from '../../../src/core/fs/types';

const T = 1_700_000_000_000;

describe('buildLayer', () => {
  it('writes files, dirs, symlinks and whiteouts with defaults, and adds missing parents (0755 root)', () => {
    const l = buildLayer(
      {
        '/etc/os-release': 'ID=debian\n',
        '/usr/bin/python3': { content: gen(6_600_000, 'py'), mode: 0o755 },
        '/bin': { symlink: 'usr/bin' },
        '/var/cache/x': WHITEOUT,
        '/home/app': { dir: true, mode: 0o700, uid: 1000, gid: 1000 },
      },
      { mtime: T },
    );
    expect(l.entries.get('/etc/os-release')).toEqual({
      kind: 'file',
      content: 'ID=debian\n',
      mode: 0o644,
      uid: 0,
      gid: 0,
      mtime: T,
    });
    expect(l.entries.get('/usr/bin/python3')).toMatchObject({ kind: 'file', mode: 0o755 });
    expect(l.entries.get('/bin')).toEqual({
      kind: 'symlink',
      target: 'usr/bin',
      mode: 0o777,
      uid: 0,
      gid: 0,
      mtime: T,
    });
    expect(l.entries.get('/var/cache/x')).toEqual({ kind: 'whiteout' });
    expect(l.entries.get('/home/app')).toEqual({ kind: 'dir', mode: 0o700, uid: 1000, gid: 1000, mtime: T });
    for (const d of ['/etc', '/usr', '/usr/bin', '/var', '/var/cache', '/home']) {
      expect(l.entries.get(d)).toEqual({ kind: 'dir', mode: 0o755, uid: 0, gid: 0, mtime: T });
    }
    expect(l.entries.size).toBe(11);
    expect(l.size).toBe(10 + 6_600_000 + 'usr/bin'.length);
  });

  it('normalises keys and refuses an entry below a non-directory', () => {
    expect([...buildLayer({ 'etc//hosts/': 'x', '/a/./b/../c': 'y' }).entries.keys()].sort()).toEqual([
      '/a',
      '/a/c',
      '/etc',
      '/etc/hosts',
    ]);
    expect(() => buildLayer({ '/a': 'file', '/a/b': 'x' })).toThrow(/below it/);
    expect(() => Layer.from([['relative', WHITEOUT]])).toThrow();
    expect(() => Layer.from([['/a/../b', WHITEOUT]])).toThrow();
  });

  it('has a content-addressed diff ID: same changeset, same ID, whatever the insertion order', () => {
    const a = buildLayer({ '/x': 'one', '/y': { symlink: 'x' } }, { mtime: T });
    const b = buildLayer({ '/y': { symlink: 'x' }, '/x': 'one' }, { mtime: T });
    expect(a.diffId).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(a.diffId).toBe(b.diffId);
    expect(buildLayer({ '/x': 'two', '/y': { symlink: 'x' } }, { mtime: T }).diffId).not.toBe(a.diffId);
    expect(buildLayer({ '/x': 'one', '/y': { symlink: 'x' } }, { mtime: T + 1 }).diffId).not.toBe(a.diffId);
    expect(
      buildLayer({ '/x': { content: 'one', mode: 0o600 }, '/y': { symlink: 'x' } }, { mtime: T }).diffId,
    ).not.toBe(a.diffId);
  });
});

describe('generated content', () => {
  it('yields deterministic printable bytes of the right length, only when read', () => {
    const g = gen(100_000, 'python3');
    const s = contentText(g);
    expect(s.length).toBe(100_000);
    expect(contentSize(g)).toBe(100_000);
    expect(s).toBe(contentText(gen(100_000, 'python3')));
    expect(s).not.toBe(contentText(gen(100_000, 'python3.12')));
    expect(s).toMatch(/^[A-Za-z0-9+/]+$/);
    expect(contentBytes(g).length).toBe(100_000);
    expect(contentText(gen(0, 'empty'))).toBe('');
    expect(contentText(gen(7, 'odd')).length).toBe(7);
  });

  it('compares, appends and truncates without losing bytes', () => {
    expect(sameContent(gen(10, 'a'), gen(10, 'a'))).toBe(true);
    expect(sameContent('abc', utf8Encode('abc'))).toBe(true);
    expect(sameContent('abc', 'abd')).toBe(false);
    expect(appendContent('a', 'b')).toBe('ab');
    expect(contentText(appendContent(gen(4, 's'), 'xy'))).toBe(contentText(gen(4, 's')) + 'xy');
    expect(truncateContent('hello', 2)).toBe('he');
    expect(truncateContent('hi', 4)).toBe('hi\0\0');
    expect(contentText(truncateContent('é€', 2))).toBe('é');
    expect(contentSize(truncateContent(gen(10, 'q'), 3))).toBe(3);
  });

  it('round-trips UTF-8 like TextEncoder/TextDecoder', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        expect(utf8Encode(s)).toEqual(new TextEncoder().encode(s));
        expect(utf8Decode(utf8Encode(s))).toBe(s);
        expect(contentSize(s)).toBe(new TextEncoder().encode(s).length);
      }),
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        expect(utf8Decode(bytes)).toBe(new TextDecoder().decode(bytes));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('OCI changesets', () => {
  const layer = buildLayer(
    {
      '/etc/hosts': WHITEOUT,
      '/etc/app.conf': 'x=1\n',
      '/etc/.keep': '',
      '/a': WHITEOUT,
      '/b/c': { symlink: '../etc' },
      '/var/lib/apt': { dir: true, mode: 0o750, uid: 7, gid: 8, opaque: true },
      '/var/lib/apt/lists': { dir: true },
    },
    { mtime: T },
  );

  it('exports whiteouts as .wh. files (0600, empty) before their siblings, opaque markers right after their dir', () => {
    const names = exportOci(layer).map((e) => e.name);
    expect(names).toEqual([
      '.wh.a',
      'b',
      'b/c',
      'etc',
      'etc/.wh.hosts',
      'etc/.keep',
      'etc/app.conf',
      'var',
      'var/lib',
      'var/lib/apt',
      'var/lib/apt/.wh..wh..opq',
      'var/lib/apt/lists',
    ]);
    const byName = new Map(exportOci(layer).map((e) => [e.name, e]));
    expect(byName.get('etc/.wh.hosts')).toMatchObject({ type: 'file', mode: 0o600, size: 0 });
    expect(byName.get('var/lib/apt/.wh..wh..opq')).toMatchObject({
      type: 'file',
      mode: 0o750,
      uid: 7,
      gid: 8,
      size: 0,
    });
    expect(byName.get('b/c')).toMatchObject({ type: 'symlink', linkname: '../etc' });
    expect(byName.get('etc/app.conf')).toMatchObject({ type: 'file', size: 4, mode: 0o644, mtime: T });
  });

  it('imports them back into the same layer', () => {
    const back = importOci(exportOci(layer));
    expect(back.diffId).toBe(layer.diffId);
    expect(back.entries.get('/var/lib/apt')).toMatchObject({ kind: 'dir', opaque: true, mode: 0o750 });
    expect(back.entries.get('/etc/hosts')).toEqual({ kind: 'whiteout' });
  });

  it('accepts what other tools write: ./ prefixes, missing parents, marker before its dir, whiteout plus a new entry', () => {
    const m = (name: string, type: OciEntry['type'] = 'file', extra: Partial<OciEntry> = {}): OciEntry => ({
      name,
      type,
      mode: 0o644,
      uid: 0,
      gid: 0,
      mtime: 0,
      size: 0,
      ...extra,
    });
    const l = importOci([
      m('./opt/x/.wh..wh..opq'),
      m('./opt/x', 'dir', { mode: 0o755 }),
      m('usr/share/doc/readme', 'file', { content: 'hi' }),
      m('srv/.wh.data'),
      m('srv/data', 'dir', { mode: 0o700 }),
      m('srv/.wh.log'),
      m('srv/log', 'file', { content: 'new' }),
    ]);
    expect(l.entries.get('/opt/x')).toMatchObject({ kind: 'dir', opaque: true });
    expect(l.entries.get('/usr/share/doc')).toMatchObject({ kind: 'dir', mode: 0o755 });
    expect(l.entries.get('/srv/data')).toMatchObject({ kind: 'dir', opaque: true, mode: 0o700 });
    expect(l.entries.get('/srv/log')).toMatchObject({ kind: 'file', content: 'new' });
    expect(() => importOci([m('a/.wh.')])).toThrow(/invalid whiteout/);
  });
});
