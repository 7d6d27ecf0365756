// The registry's multi-platform images: the index lists every platform's manifest, another
// platform's build differs only in its blobs (which say what they were built for), the
// daemon's choice among them (filterManifests), and which binaries the x86_64 kernel runs.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gen } from '../../../src/core/fs/content';
import { Layer } from '../../../src/core/fs/layer';
import type { Entry } from '../../../src/core/fs/types';
import { OverlayMount } from '../../../src/core/fs/overlay';
import { foreignExecutable } from '../../../src/core/daemon/containers-platform';
import { blobPlatform, layerFor } from '../../../src/core/image/catalog/foreign';
import { formatPlatform, parsePlatform, type Platform } from '../../../src/core/image/platform';
import { choosePlatform } from '../../../src/core/image/pull';
import { parseNormalizedNamed } from '../../../src/core/image/reference';
import { Registry } from '../../../src/core/image/registry';

const registry = new Registry();
const ARM64: Platform = { os: 'linux', architecture: 'arm64', variant: 'v8' };

function resolve(s: string) {
  const named = parseNormalizedNamed(s);
  if (!named.ok) throw new Error(named.message);
  const r = registry.resolve(
    named.value.tag || named.value.digest ? named.value : { ...named.value, tag: 'latest' },
  );
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

function platform(s: string): Platform {
  const p = parsePlatform(s);
  if (!p.ok) throw new Error(p.message);
  return p.value;
}

describe('multi-platform indexes', () => {
  it('hello-world lists eight Linux platforms, alpine two; the rest amd64 only', () => {
    const list = (s: string) =>
      (JSON.parse(resolve(s).image.indexJson) as { manifests: { platform: Platform }[] }).manifests.map((m) =>
        formatPlatform(m.platform),
      );
    expect(list('hello-world')).toEqual([
      'linux/amd64',
      'linux/arm/v5',
      'linux/arm/v7',
      'linux/arm64/v8',
      'linux/mips64le',
      'linux/ppc64le',
      'linux/riscv64',
      'linux/s390x',
    ]);
    expect(list('alpine:3.22')).toEqual(['linux/amd64', 'linux/arm64/v8']);
    expect(list('python:3.13-slim')).toEqual(['linux/amd64']);
  });

  it('each index entry is the digest and size of that platform’s manifest, whose config names it', () => {
    const b = resolve('alpine').image;
    const index = JSON.parse(b.indexJson) as { manifests: { digest: string; size: number }[] };
    b.variants.forEach((v, i) => {
      expect(index.manifests[i].digest).toBe(v.manifestDigest);
      expect(index.manifests[i].size).toBe(v.manifestJson.length);
      const cfg = JSON.parse(v.configJson) as { architecture: string; os: string; variant?: string };
      expect({ os: cfg.os, architecture: cfg.architecture, variant: cfg.variant }).toEqual({
        os: v.platform.os,
        architecture: v.platform.architecture,
        variant: v.platform.variant,
      });
    });
    // the amd64 image is the one a plain pull gets, unchanged
    expect(b.configDigest).toBe(b.variants[0].configDigest);
  });

  it('pulling by a platform manifest’s digest resolves to that platform, not an index', () => {
    const arm = resolve('hello-world').image.variants[3];
    const r = resolve(`hello-world@${arm.manifestDigest}`);
    expect([r.isIndex, r.image.configDigest]).toEqual([false, arm.configDigest]);
    // a single manifest is taken whatever the platform asked for
    const chosen = choosePlatform(r, platform('linux/s390x'));
    expect(typeof chosen !== 'string' && chosen.image.configDigest).toBe(arm.configDigest);
  });

  it('filterManifests: the best match first, the default is the host’s maximum spec', () => {
    const hello = resolve('hello-world');
    const pick = (p: Platform | undefined) => {
      const c = choosePlatform(hello, p);
      return typeof c === 'string' ? c : formatPlatform(c.image.platform);
    };
    expect(pick(undefined)).toBe('linux/amd64');
    expect(pick(platform('linux/arm64'))).toBe('linux/arm64/v8');
    expect(pick(platform('linux/arm/v8'))).toBe('linux/arm/v7');
    expect(pick(platform('linux/arm/v6'))).toBe('linux/arm/v5');
    expect(pick(platform('linux/386'))).toBe(
      'no matching manifest for linux/386 in the manifest list entries',
    );
  });
});

describe('another platform’s layers', () => {
  it('mark every generated blob with the platform and keep everything else', () => {
    const arb = fc.dictionary(
      fc.stringMatching(/^[a-z]{1,6}$/).map((s) => `/d/${s}`),
      fc.oneof(
        fc
          .record({ size: fc.nat(5000), seed: fc.stringMatching(/^elf:[a-z]{1,5}:[a-z]{0,5}$/) })
          .map(({ size, seed }): Entry => ({
            kind: 'file',
            mode: 0o755,
            uid: 0,
            gid: 0,
            mtime: 1,
            content: gen(size, seed),
          })),
        fc.string().map((t): Entry => ({ kind: 'file', mode: 0o644, uid: 0, gid: 0, mtime: 1, content: t })),
        fc.constant<Entry>({ kind: 'symlink', mode: 0o777, uid: 0, gid: 0, mtime: 1, target: 'x' }),
        fc.constant<Entry>({ kind: 'whiteout' }),
      ),
      { minKeys: 1 },
    );
    fc.assert(
      fc.property(arb, (entries) => {
        const layer = Layer.from(Object.entries(entries));
        const arm = layerFor(layer, ARM64);
        expect(layerFor(layer, ARM64)).toBe(arm);
        expect([...arm.entries.keys()]).toEqual([...layer.entries.keys()]);
        expect(arm.size).toBe(layer.size);
        let generated = 0;
        for (const [path, e] of layer.entries) {
          const f = arm.entries.get(path) as Entry;
          if (e.kind === 'file' && typeof e.content === 'object' && !(e.content instanceof Uint8Array)) {
            generated++;
            expect(f.kind === 'file' && blobPlatform(f.content)).toEqual(ARM64);
            expect(blobPlatform(e.content)).toBeUndefined();
          } else expect(f).toBe(e);
        }
        if (generated > 0) expect(arm.diffId).not.toBe(layer.diffId);
        else expect(arm.diffId).toBe(layer.diffId);
      }),
    );
  });

  it('the kernel refuses an arm64 binary, also as a script’s interpreter; it runs 386 and amd64', () => {
    const base = Layer.from([
      ['/bin', { kind: 'dir', mode: 0o755, uid: 0, gid: 0, mtime: 1 }],
      [
        '/bin/busybox',
        { kind: 'file', mode: 0o755, uid: 0, gid: 0, mtime: 1, content: gen(100, 'elf:busybox:x') },
      ],
      ['/bin/sh', { kind: 'symlink', mode: 0o777, uid: 0, gid: 0, mtime: 1, target: 'busybox' }],
      [
        '/bin/run.sh',
        { kind: 'file', mode: 0o755, uid: 0, gid: 0, mtime: 1, content: '#!/bin/sh\necho hi\n' },
      ],
    ]);
    // the paths $PATH found (ExecTarget.found): execve names them, not the symlink's target
    const fsOf = (l: Layer) => new OverlayMount([l]);
    expect(foreignExecutable(fsOf(base), '/bin/sh')).toBeUndefined();
    const arm = fsOf(layerFor(base, ARM64));
    expect(foreignExecutable(arm, '/bin/sh')).toBe('/bin/sh');
    expect(foreignExecutable(arm, '/bin/run.sh')).toBe('/bin/run.sh');
    expect(foreignExecutable(arm, '/bin/busybox')).toBe('/bin/busybox');
    expect(foreignExecutable(arm, '/bin/nothere')).toBeUndefined();
    expect(foreignExecutable(fsOf(layerFor(base, platform('linux/386'))), '/bin/sh')).toBeUndefined();
  });
});
