// The catalog's images look like the real ones where a student can tell:
// which layers they share, their sizes, their configs, and files to explore.
import { describe, expect, it } from 'vitest';
import type { Layer } from '../../../src/core/fs/layer';
import type { Entry } from '../../../src/core/fs/types';
import { digestOf } from '../../../src/core/hash';
import { programOf } from '../../../src/core/image/catalog/tree';
import { HELLO_WORLD_MESSAGE } from '../../../src/core/image/catalog/small-images';
import { imageIdOf, parseConfig } from '../../../src/core/image/oci';
import { parseNormalizedNamed, tagNameOnly } from '../../../src/core/image/reference';
import { Registry } from '../../../src/core/image/registry';
import { readFileSync } from 'node:fs';

const registry = new Registry();

function image(name: string) {
  const r = parseNormalizedNamed(name);
  if (!r.ok) throw new Error(r.message);
  const res = registry.resolve(tagNameOnly(r.value));
  if (!res.ok) throw new Error(res.message);
  return res.value.image;
}

/** The merged view of an image's layers (enough overlay for tests: upper entries win, whiteouts hide). */
function merged(name: string): Map<string, Entry> {
  const out = new Map<string, Entry>();
  for (const l of image(name).layers.map((x) => x.layer)) {
    for (const [p, e] of l.entries) {
      if (e.kind === 'whiteout') {
        for (const k of [...out.keys()]) if (k === p || k.startsWith(`${p}/`)) out.delete(k);
      } else out.set(p, e);
    }
  }
  return out;
}

function text(name: string, path: string): string {
  const e = merged(name).get(path);
  if (e?.kind !== 'file' || typeof e.content !== 'string')
    throw new Error(`${path} is not a text file in ${name}`);
  return e.content;
}

const diffIds = (name: string) => image(name).layers.map((l) => l.layer.diffId);
const size = (name: string) => image(name).layers.reduce((n, l) => n + l.layer.size, 0);

describe('layer sharing follows the real images', () => {
  it('python:3.13 and python:3.13-slim share nothing (bookworm vs bookworm-slim)', () => {
    const full = new Set(diffIds('python:3.13'));
    expect(diffIds('python:3.13-slim').filter((d) => full.has(d))).toEqual([]);
  });
  it('slim-based images share the bookworm-slim base layer, as the same Layer object', () => {
    const base = image('debian:bookworm-slim').layers[0].layer;
    for (const n of ['python:3.13-slim', 'nginx', 'postgres:16', 'redis:7', 'node:22-slim']) {
      expect(image(n).layers[0].layer).toBe(base);
    }
  });
  it('python:3.13 stacks on buildpack-deps:bookworm on debian:bookworm', () => {
    const bpd = diffIds('buildpack-deps:bookworm');
    expect(diffIds('python:3.13').slice(0, 4)).toEqual(bpd);
    expect(bpd[0]).toBe(diffIds('debian:bookworm')[0]);
    expect(diffIds('python:3.13')).toHaveLength(7);
    expect(diffIds('node:22').slice(0, 4)).toEqual(bpd);
  });
  it('tags of one image resolve to the same manifest', () => {
    expect(image('python').indexDigest).toBe(image('python:3.13').indexDigest);
    expect(image('debian').indexDigest).toBe(image('debian:bookworm').indexDigest);
    expect(image('ubuntu:noble').indexDigest).toBe(image('ubuntu:24.04').indexDigest);
  });
});

describe('sizes come from the files and match the real images', () => {
  it.each([
    ['python:3.13', 0.95e9, 1.1e9],
    ['python:3.13-slim', 110e6, 130e6],
    ['python:3.13-alpine', 40e6, 50e6],
    ['debian:bookworm', 110e6, 125e6],
    ['debian:bookworm-slim', 70e6, 80e6],
    ['alpine', 7e6, 9.5e6],
    ['nginx', 180e6, 200e6],
    ['ubuntu', 70e6, 85e6],
    ['hello-world', 9_000, 11_000],
    ['postgres:16', 400e6, 470e6],
  ])('%s', (name, lo, hi) => {
    expect(size(name)).toBeGreaterThan(lo);
    expect(size(name)).toBeLessThan(hi);
  });
  it('compresses debian-ish layers to 30-45 % for downloads', () => {
    for (const l of image('debian:bookworm').layers) {
      expect(l.size / l.layer.size).toBeGreaterThan(0.3);
      expect(l.size / l.layer.size).toBeLessThan(0.45);
    }
  });
  it('puts the bulk in big generated blobs', () => {
    const libpython = merged('python:3.13').get('/usr/local/lib/libpython3.13.so.1.0');
    expect(
      libpython?.kind === 'file' &&
        typeof libpython.content === 'object' &&
        !(libpython.content instanceof Uint8Array) &&
        libpython.content.kind,
    ).toBe('generated');
    const llvm = merged('postgres:16').get('/usr/lib/x86_64-linux-gnu/libLLVM-15.so.1');
    expect(llvm?.kind).toBe('file');
  });
  it('the python symlink layer is 36 bytes, as `docker history` shows', () => {
    const last = image('python:3.13').layers[6].layer;
    expect(last.size).toBe(36);
  });
});

describe('documents and digests', () => {
  it('derives IDs and digests from the exact bytes', () => {
    const img = image('nginx');
    expect(img.configDigest).toBe(imageIdOf(img.configJson));
    expect(img.manifestDigest).toBe(digestOf(img.manifestJson));
    expect(img.indexDigest).toBe(digestOf(img.indexJson));
    const manifest = JSON.parse(img.manifestJson);
    expect(manifest.config.digest).toBe(img.configDigest);
    expect(manifest.layers.map((l: { digest: string }) => l.digest)).toEqual(img.layers.map((l) => l.digest));
    for (const l of img.layers) expect(l.digest).not.toBe(l.layer.diffId);
    expect(JSON.parse(img.indexJson).manifests[0]).toEqual({
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      digest: img.manifestDigest,
      size: img.manifestJson.length,
      platform: { architecture: 'amd64', os: 'linux' },
    });
  });
  it('writes configs like the real images', () => {
    const py = parseConfig(image('python:3.13').configJson);
    expect(Object.keys(JSON.parse(image('python:3.13').configJson))).toEqual([
      'architecture',
      'config',
      'created',
      'history',
      'os',
      'rootfs',
    ]);
    expect(py.config.Env).toEqual([
      'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
      'LANG=C.UTF-8',
      'GPG_KEY=7169605F62C751356D054A26A821E680E5FA6305',
      'PYTHON_VERSION=3.13.5',
      'PYTHON_SHA256=93e583f243454e6e9e4588ca2c2662206ad961659863277afcdb96801647d640',
    ]);
    expect(py.config.Cmd).toEqual(['python3']);
    expect(py.history.filter((h) => !h.empty_layer)).toHaveLength(py.rootfs.diff_ids.length);
    expect(py.history[py.history.length - 1]).toEqual({
      created: py.created,
      created_by: 'CMD ["python3"]',
      comment: 'buildkit.dockerfile.v0',
      empty_layer: true,
    });
    expect(py.history[0].created_by).toMatch(/^# debian\.sh --arch 'amd64' out\/ 'bookworm' '@\d+'$/);
    const nginx = parseConfig(image('nginx').configJson).config;
    expect(nginx.Entrypoint).toEqual(['/docker-entrypoint.sh']);
    expect(nginx.Cmd).toEqual(['nginx', '-g', 'daemon off;']);
    expect(nginx.StopSignal).toBe('SIGQUIT');
    expect(nginx.ExposedPorts).toEqual({ '80/tcp': {} });
    const pg = parseConfig(image('postgres:16').configJson).config;
    expect(pg.Volumes).toEqual({ '/var/lib/postgresql/data': {} });
    expect(pg.StopSignal).toBe('SIGINT');
    expect(pg.ExposedPorts).toEqual({ '5432/tcp': {} });
    expect(pg.Entrypoint).toEqual(['docker-entrypoint.sh']);
    expect(pg.Cmd).toEqual(['postgres']);
    expect(pg.Env).toContain(
      'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/usr/lib/postgresql/16/bin',
    );
    expect(parseConfig(image('ghcr.io/astral-sh/uv').configJson).config.Entrypoint).toEqual(['/uv']);
  });
});

describe('file trees real enough to explore', () => {
  it('debian: merged /usr, os-release, passwd, no /etc/hostname', () => {
    const fs = merged('debian');
    expect(fs.get('/bin')).toMatchObject({ kind: 'symlink', target: 'usr/bin' });
    expect(fs.get('/etc/os-release')).toMatchObject({ kind: 'symlink', target: '../usr/lib/os-release' });
    expect(text('debian', '/usr/lib/os-release')).toContain('PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"');
    expect(text('debian', '/etc/debian_version')).toMatch(/^12\.\d+\n$/);
    expect(text('debian', '/etc/passwd').split('\n')[0]).toBe('root:x:0:0:root:/root:/bin/bash');
    expect(fs.has('/etc/hostname')).toBe(false);
    expect(fs.get('/tmp')).toMatchObject({ kind: 'dir', mode: 0o1777 });
    for (const tool of [
      'sh',
      'bash',
      'ls',
      'cat',
      'echo',
      'grep',
      'sed',
      'mkdir',
      'rm',
      'env',
      'sleep',
      'tar',
    ])
      expect(fs.has(`/usr/bin/${tool}`)).toBe(true);
    const ls = fs.get('/usr/bin/ls');
    expect(ls?.kind === 'file' && programOf(ls.content)).toBe('ls');
    expect(ls).toMatchObject({ mode: 0o755 });
    expect(merged('debian:bookworm-slim').has('/usr/share/man/man1/ls.1.gz')).toBe(false);
    expect(fs.has('/usr/share/man/man1/ls.1.gz')).toBe(true);
  });
  it('alpine and busybox: applets of busybox, no bash', () => {
    const fs = merged('alpine');
    expect(text('alpine', '/etc/alpine-release')).toBe('3.22.0\n');
    expect(text('alpine', '/usr/lib/os-release')).toContain('PRETTY_NAME="Alpine Linux v3.22"');
    expect(fs.get('/bin/ls')).toMatchObject({ kind: 'symlink', target: '/bin/busybox' });
    expect(fs.has('/bin/bash')).toBe(false);
    expect(fs.has('/usr/bin/bash')).toBe(false);
    expect(merged('busybox').has('/bin/bash')).toBe(false);
    expect(merged('busybox').get('/bin/sh')).toMatchObject({ kind: 'symlink', target: 'busybox' });
  });
  it('python: stdlib, pip, and the symlinks', () => {
    const fs = merged('python:3.13');
    expect(fs.get('/usr/local/bin/python3')).toMatchObject({ kind: 'symlink', target: 'python3.13' });
    expect(fs.get('/usr/local/bin/python')).toMatchObject({ kind: 'symlink', target: 'python3' });
    expect(fs.get('/usr/local/bin/pip')).toMatchObject({ kind: 'symlink', target: 'pip3' });
    for (const m of [
      'os.py',
      'json/__init__.py',
      'http/server.py',
      'asyncio/__init__.py',
      'site-packages/pip/__init__.py',
      'site-packages/pip-25.1.1.dist-info/METADATA',
    ]) {
      expect(fs.has(`/usr/local/lib/python3.13/${m}`)).toBe(true);
    }
    expect(fs.has('/usr/local/lib/python3.13/telnetlib.py')).toBe(false);
    expect(text('python:3.13', '/usr/local/lib/python3.13/this.py')).toContain(
      'Gur Mra bs Clguba, ol Gvz Crgref',
    );
    expect(text('python:3.13-slim', '/usr/local/bin/pip3')).toMatch(/^#!\/usr\/local\/bin\/python3\.13\n/);
    const py = fs.get('/usr/local/bin/python3.13');
    expect(py?.kind === 'file' && programOf(py.content)).toBe('python3.13');
    expect(
      merged('python:3.13-alpine').has(
        '/usr/local/lib/python3.13/lib-dynload/_json.cpython-313-x86_64-linux-musl.so',
      ),
    ).toBe(true);
  });
  it('nginx: config, welcome page, entrypoint', () => {
    expect(text('nginx', '/usr/share/nginx/html/index.html')).toContain('<h1>Welcome to nginx!</h1>');
    expect(text('nginx', '/usr/share/nginx/html/index.html').length).toBe(615);
    expect(text('nginx', '/etc/nginx/conf.d/default.conf')).toContain('listen       80;');
    expect(text('nginx', '/etc/nginx/nginx.conf')).toContain('include /etc/nginx/conf.d/*.conf;');
    expect(text('nginx', '/docker-entrypoint.sh')).toMatch(/^#!\/bin\/sh\n/);
    expect(merged('nginx').has('/docker-entrypoint.d/30-tune-worker-processes.sh')).toBe(true);
    expect(text('nginx', '/etc/passwd')).toContain('nginx:x:101:101:nginx user:/nonexistent:/bin/false');
  });
  it('postgres: server binaries and the data directory', () => {
    const fs = merged('postgres:16');
    for (const b of ['postgres', 'initdb', 'pg_ctl', 'psql'])
      expect(fs.has(`/usr/lib/postgresql/16/bin/${b}`)).toBe(true);
    expect(fs.get('/var/lib/postgresql/data')).toMatchObject({ kind: 'dir', uid: 999 });
    expect(fs.get('/usr/local/bin/docker-enforce-initdb.sh')).toMatchObject({ kind: 'symlink' });
    // entrypoints of different images share a file name; the program name tells them apart
    const ep = fs.get('/usr/local/bin/docker-entrypoint.sh');
    expect(ep?.kind === 'file' && programOf(ep.content)).toBe('postgres-entrypoint');
  });
  it('hello-world: one static binary that prints the real greeting', () => {
    const layers: Layer[] = image('hello-world').layers.map((l) => l.layer);
    expect(layers).toHaveLength(1);
    const hello = layers[0].entries.get('/hello');
    expect(hello?.kind === 'file' && programOf(hello.content)).toBe('hello');
    const transcript = readFileSync(
      new URL('../../fixtures/docker/01-hello-world-first-run.txt', import.meta.url),
      'utf8',
    );
    const printed = transcript
      .split('Status: Downloaded newer image for hello-world:latest\n')[1]
      .split('[exit 0]')[0];
    expect(HELLO_WORLD_MESSAGE).toBe(printed);
  });
});
