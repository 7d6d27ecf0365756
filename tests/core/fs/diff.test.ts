// `docker diff` against real recorded output (tests/fixtures/fs/17-diff-copy-on-write.txt,
// recorded on a real engine with python:3.13 stand-in images) and moby's rules.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/core/clock';
import { buildLayer } from '../../../src/core/fs/build-layer';
import { gen } from '../../../src/core/fs/content';
import type { Change } from '../../../src/core/fs/diff';
import { OverlayMount } from '../../../src/core/fs/overlay';

/** Each `$ docker diff NAME` block of the transcript, in order, as its output lines. */
function diffBlocks(file: string): Map<string, string[][]> {
  const lines = readFileSync(new URL(`../../fixtures/fs/${file}`, import.meta.url), 'utf8').split('\n');
  const out = new Map<string, string[][]>();
  for (let i = 0; i < lines.length; i++) {
    const m = /^\$ docker diff (\S+)$/.exec(lines[i]);
    if (!m) continue;
    const block: string[] = [];
    for (i++; !lines[i].startsWith('[exit '); i++) block.push(lines[i]);
    out.set(m[1], [...(out.get(m[1]) ?? []), block]);
  }
  return out;
}

const recorded = diffBlocks('17-diff-copy-on-write.txt');
const lines = (cs: Change[]) => cs.map((c) => `${c.kind} ${c.path}`);

/** Docker prints siblings in Go map order: compare as sets, and check every parent comes right before its first child. */
function expectSameDiff(actual: Change[], expected: string[]) {
  expect([...lines(actual)].sort()).toEqual([...expected].sort());
  const seen = new Set<string>();
  for (const c of actual) {
    const parent = c.path.slice(0, c.path.lastIndexOf('/')) || '/';
    if (parent !== '/') expect(seen.has(parent), `${c.path} before its parent`).toBe(true);
    seen.add(c.path);
  }
}

// python:3.13-like stand-in: a debian base, then python's layer
const T = Date.UTC(2025, 5, 1);
const debian = buildLayer(
  {
    '/etc/os-release': 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n',
    '/etc/hostname': '',
    '/root': { dir: true, mode: 0o700 },
    '/tmp': { dir: true, mode: 0o1777 },
    '/usr/bin/sh': { content: gen(125_000, 'dash'), mode: 0o755 },
    '/dev': { dir: true },
    '/proc': { dir: true },
  },
  { mtime: T },
);
const python = buildLayer(
  {
    '/usr/local/bin/python3': { content: gen(6_600_000, 'py'), mode: 0o755 },
    '/usr/local/lib/python3.13/this.py': '"""The Zen of Python, by Tim Peters (placeholder)."""\n',
    '/usr/local/lib/python3.13/json/__init__.py': '',
    '/usr/local/lib/python3.13/json/decoder.py': '',
    '/usr/local/lib/python3.13/json/tests/test_x.py': '',
  },
  { mtime: T + 60_000 },
);

function container() {
  const clock = new VirtualClock(Date.UTC(2026, 10, 27, 21, 0, 0, 123));
  return { m: new OverlayMount([debian, python], { clock }), clock };
}

describe('docker diff, as recorded on a real engine', () => {
  it('cow: create, append to a lower file, delete a lower file, mkdir -p', () => {
    const { m } = container();
    m.writeFile('/tmp/new.txt', 'new\n');
    m.appendFile('/etc/os-release', 'changed\n');
    m.unlink('/usr/local/lib/python3.13/this.py');
    m.mkdir('/app/sub', { recursive: true });
    m.writeFile('/app/sub/x', '');
    const [first, afterRestart] = recorded.get('cow')!;
    expectSameDiff(m.diff(), first);
    expectSameDiff(m.diff(), afterRestart);
    expect(lines(m.diff())).toEqual([
      'A /app',
      'A /app/sub',
      'A /app/sub/x',
      'C /etc',
      'C /etc/os-release',
      'C /tmp',
      'A /tmp/new.txt',
      'C /usr',
      'C /usr/local',
      'C /usr/local/lib',
      'C /usr/local/lib/python3.13',
      'D /usr/local/lib/python3.13/this.py',
    ]);
  });

  it('cow-rmdir: rm -rf of a lower tree lists only its top', () => {
    const { m } = container();
    expect(m.rm('/usr/local/lib/python3.13/json', { recursive: true })).toBeUndefined();
    expectSameDiff(m.diff(), recorded.get('cow-rmdir')![0]);
  });

  it('cow-noop and cow-tmpfile: nothing, even though /tmp changed mtime', () => {
    const { m, clock } = container();
    expectSameDiff(m.diff(), recorded.get('cow-noop')![0]);
    clock.advance(1500);
    m.writeFile('/tmp/t', 'x\n');
    m.unlink('/tmp/t');
    expect(m.stat('/tmp')).toMatchObject({ mtime: clock.now() });
    expectSameDiff(m.diff(), recorded.get('cow-tmpfile')![0]);
  });

  it('cow-live: a file in /root appears, then disappears', () => {
    const { m } = container();
    m.writeFile('/root/notes.txt', 'hi\n');
    const [before, after] = recorded.get('cow-live')!;
    expectSameDiff(m.diff(), before);
    m.unlink('/root/notes.txt');
    expectSameDiff(m.diff(), after);
  });
});

describe('docker diff rules (moby ChangesDirs)', () => {
  it('counts metadata-only changes of files, and mode/owner (not mtime) of directories', () => {
    const { m, clock } = container();
    m.chmod('/usr/local/bin/python3', 0o700);
    m.chown('/root', 0, 1000);
    m.utimes('/tmp', 5);
    clock.advance(10_000);
    m.utimes('/etc/os-release');
    expect(lines(m.diff())).toEqual([
      'C /etc',
      'C /etc/os-release',
      'C /root',
      'C /usr',
      'C /usr/local',
      'C /usr/local/bin',
      'C /usr/local/bin/python3',
    ]);
  });

  it('ignores an mtime change within the same second as a whole-second lower mtime (sameFsTime)', () => {
    const { m } = container();
    m.utimes('/etc/os-release', T + 999);
    expect(m.diff()).toEqual([]);
    m.utimes('/etc/os-release', T + 1000);
    expect(lines(m.diff())).toEqual(['C /etc', 'C /etc/os-release']);
  });

  it('a removed and recreated directory hides the old children: D for each, C for the dir', () => {
    const { m } = container();
    m.rm('/usr/local/lib/python3.13/json', { recursive: true });
    m.mkdir('/usr/local/lib/python3.13/json');
    m.writeFile('/usr/local/lib/python3.13/json/__init__.py', '# new\n');
    expect(lines(m.diff())).toEqual([
      'C /usr',
      'C /usr/local',
      'C /usr/local/lib',
      'C /usr/local/lib/python3.13',
      'C /usr/local/lib/python3.13/json',
      'C /usr/local/lib/python3.13/json/__init__.py',
      'D /usr/local/lib/python3.13/json/decoder.py',
      'D /usr/local/lib/python3.13/json/tests',
    ]);
  });

  it('mv of a lower file is A new plus D old; mv of a lower dir fails (EXDEV) so mv copies: the new tree listed whole', () => {
    const { m } = container();
    m.rename('/usr/local/lib/python3.13/this.py', '/tmp/this.py');
    expect(m.rename('/usr/local/lib/python3.13/json', '/json')?.code).toBe('EXDEV');
    m.mkdir('/json');
    m.writeFile('/json/__init__.py', '');
    m.rm('/usr/local/lib/python3.13/json', { recursive: true });
    expect(lines(m.diff())).toEqual([
      'A /json',
      'A /json/__init__.py',
      'C /tmp',
      'A /tmp/this.py',
      'C /usr',
      'C /usr/local',
      'C /usr/local/lib',
      'C /usr/local/lib/python3.13',
      'D /usr/local/lib/python3.13/json',
      'D /usr/local/lib/python3.13/this.py',
    ]);
  });

  it('a file replaced by a directory is C, its new children A; a directory replaced by a file is C alone', () => {
    const { m } = container();
    m.unlink('/etc/os-release');
    m.mkdir('/etc/os-release');
    m.writeFile('/etc/os-release/x', '');
    m.rm('/usr/local/lib/python3.13/json', { recursive: true });
    m.writeFile('/usr/local/lib/python3.13/json', 'now a file');
    expect(lines(m.diff())).toEqual([
      'C /etc',
      'C /etc/os-release',
      'A /etc/os-release/x',
      'C /usr',
      'C /usr/local',
      'C /usr/local/lib',
      'C /usr/local/lib/python3.13',
      'C /usr/local/lib/python3.13/json',
    ]);
  });

  it('never shows the init layer paths, nor their parents when nothing else changed', () => {
    const { m } = container();
    const init = [
      '/etc/hosts',
      '/etc/hostname',
      '/etc/resolv.conf',
      '/etc/mtab',
      '/.dockerenv',
      '/dev/*',
      '/proc',
      '/sys',
    ];
    m.writeFile('/.dockerenv', '');
    m.writeFile('/etc/hosts', '127.0.0.1\tlocalhost\n');
    m.writeFile('/etc/hostname', 'abc123\n');
    m.mkdir('/dev/shm');
    m.mkdir('/sys');
    expect(m.diff(init)).toEqual([]);
    m.writeFile('/etc/motd', 'hi\n');
    expect(lines(m.diff(init))).toEqual(['C /etc', 'A /etc/motd']);
  });

  it('a bind mount point made in the container shows as A (09-bind-mount: "A /data")', () => {
    const { m } = container();
    m.mkdir('/data');
    expect(lines(m.diff())).toEqual(['A /data']);
  });
});
