// containerd/platforms as docker 28.5.2 vendors it: what Parse makes of a specifier (the
// query the real 28.x client sent for each, recorded against a socket that logs requests),
// the exact errors, and which platforms Only() lets a machine run.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  clientPlatformQuery,
  formatPlatform,
  formatPlatformAll,
  noMatchingManifest,
  onlyPlatform,
  onlyPlatformWithFallback,
  parsePlatform,
  runsOnHost,
  type Platform,
} from '../../../src/core/image/platform';

function parsed(spec: string): Platform {
  const r = parsePlatform(spec);
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

describe('parsePlatform', () => {
  // `docker create --platform SPEC` of the real client: the platform query it sent
  const recorded: [string, string][] = [
    ['arm64', 'linux/arm64'],
    ['linux/arm64', 'linux/arm64'],
    ['linux/arm64/v8', 'linux/arm64/v8'],
    ['aarch64', 'linux/arm64'],
    ['linux/aarch64', 'linux/arm64'],
    ['arm', 'linux/arm'],
    ['linux/arm', 'linux/arm'],
    ['armhf', 'linux/arm'],
    ['linux/arm/v7', 'linux/arm/v7'],
    ['armel', 'linux/arm/v6'],
    ['x86_64', 'linux/amd64'],
    ['i386', 'linux/386'],
    ['linux/amd64/v1', 'linux/amd64'],
    ['linux/amd64/v3', 'linux/amd64/v3'],
    ['windows', 'windows/amd64'],
    ['darwin', 'darwin/amd64'],
    ['macos', 'darwin/amd64'],
    ['LINUX/ARM64', 'linux/arm64'],
    ['linux/arm64/8', 'linux/arm64/v8'],
    ['linux/arm/7', 'linux/arm/v7'],
    ['linux(5.1)/amd64', 'linux/amd64'],
    ['linux/arm64/v9.0', 'linux/arm64/v9'],
    ['foo/bar', 'foo/bar'],
    ['linux/./x', 'linux/x'],
    ['linux/arm64/V8', 'linux/arm64/v8'],
  ];
  it.each(recorded)('%s is sent as %s', (spec, query) => {
    expect(clientPlatformQuery(parsed(spec))).toBe(query);
  });

  it('keeps an OS version for FormatAll only', () => {
    const p = parsed('linux(5.1)/amd64');
    expect(p).toEqual({ os: 'linux', architecture: 'amd64', osVersion: '5.1' });
    expect(formatPlatform(p)).toBe('linux/amd64');
    expect(formatPlatformAll(p)).toBe('linux(5.1)/amd64');
  });

  // the real client's words for each (error parsing specified platform: …)
  const errors: [string, string][] = [
    ['foo/bar/baz/qux', '"foo/bar/baz/qux": cannot parse platform specifier: invalid argument'],
    ['linux/*', '"linux/*": wildcards not yet supported: invalid argument'],
    ['bogus', '"bogus": unknown operating system or architecture: invalid argument'],
    [
      'x y',
      '"x y" is an invalid OS component of "x y": OSAndVersion specifier component must match "^([A-Za-z0-9_-]+)(?:\\\\(([A-Za-z0-9_.-]*)\\\\))?$": invalid argument',
    ],
    ['linux/arm64/v8/x', '"linux/arm64/v8/x": cannot parse platform specifier: invalid argument'],
    [
      'linux/a b',
      '"a b" is an invalid component of "linux/a b": platform specifier component must match "^[A-Za-z0-9_.-]+$": invalid argument',
    ],
    [
      'a/b/c/d/e',
      '"d/e" is an invalid component of "a/b/c/d/e": platform specifier component must match "^[A-Za-z0-9_.-]+$": invalid argument',
    ],
    [
      'linux/x"y',
      '"x\\"y" is an invalid component of "linux/x\\"y": platform specifier component must match "^[A-Za-z0-9_.-]+$": invalid argument',
    ],
  ];
  it.each(errors)('%s is refused', (spec, message) => {
    expect(parsePlatform(spec)).toEqual({ ok: false, kind: 'invalid', message });
  });

  it('formatting what it parsed and parsing again changes nothing', () => {
    const part = fc.stringMatching(/^[A-Za-z0-9_-]{1,8}$/);
    const specs = fc.oneof(
      part,
      fc.tuple(part, part).map(([a, b]) => `${a}/${b}`),
      fc.tuple(part, part, part).map(([a, b, c]) => `${a}/${b}/${c}`),
      fc.constantFrom('arm64', 'linux/arm/v5', 'linux/arm64/v8.2', 'armhf', 'linux/amd64/v2'),
    );
    fc.assert(
      fc.property(specs, (spec) => {
        const r = parsePlatform(spec);
        if (!r.ok) return;
        const again = parsePlatform(formatPlatform(r.value));
        expect(again.ok && formatPlatform(again.value)).toBe(formatPlatform(r.value));
      }),
    );
  });
});

describe('onlyPlatform (what a machine runs)', () => {
  const arm64 = { os: 'linux', architecture: 'arm64', variant: 'v8' };
  const armv7 = { os: 'linux', architecture: 'arm', variant: 'v7' };
  const armv5 = { os: 'linux', architecture: 'arm', variant: 'v5' };
  const amd64 = { os: 'linux', architecture: 'amd64' };
  const i386 = { os: 'linux', architecture: '386' };

  it('arm64 runs arm64/v8 first, then 32-bit arm; never amd64', () => {
    const m = onlyPlatform(parsed('linux/arm64'));
    expect([arm64, armv7, armv5, amd64].map((p) => m.match(p))).toEqual([true, true, true, false]);
    expect(m.less(arm64, armv7)).toBe(true);
    expect(m.less(armv7, arm64)).toBe(false);
    expect(m.less(armv7, armv5)).toBe(true);
  });

  it('amd64 (any level) runs 386 too; arm/v6 does not run arm/v7', () => {
    const v4 = onlyPlatform({ os: 'linux', architecture: 'amd64', variant: 'v4' });
    expect([amd64, i386, { ...amd64, variant: 'v2' }].map((p) => v4.match(p))).toEqual([true, true, true]);
    expect(onlyPlatform(parsed('linux/amd64')).match({ ...amd64, variant: 'v2' })).toBe(false);
    expect(onlyPlatform(parsed('linux/arm/v6')).match(armv7)).toBe(false);
    expect(onlyPlatform(parsed('linux/arm/v6')).match(armv5)).toBe(true);
  });

  it('the fallback accepts an image config without a variant', () => {
    const m = onlyPlatformWithFallback(parsed('linux/arm64/v8'));
    expect(m({ os: 'linux', architecture: 'arm64' })).toBe(true);
    expect(onlyPlatformWithFallback(parsed('linux/arm/v7'))({ os: 'linux', architecture: 'arm' })).toBe(true);
    expect(onlyPlatformWithFallback(parsed('linux/arm/v7'))({ ...armv7, variant: 'v8' })).toBe(false);
  });

  it('the x86_64 host kernel executes amd64 and 386 only', () => {
    expect([amd64, i386, arm64, armv7].map(runsOnHost)).toEqual([true, true, false, false]);
  });

  it('no match names the platform asked for, or the default spec', () => {
    expect(noMatchingManifest(parsed('linux/arm64'))).toBe(
      'no matching manifest for linux/arm64 in the manifest list entries',
    );
    expect(noMatchingManifest(parsed('linux/arm64/v8'))).toBe(
      'no matching manifest for linux/arm64/v8 in the manifest list entries',
    );
    expect(noMatchingManifest(undefined)).toBe(
      'no matching manifest for linux/amd64 in the manifest list entries',
    );
  });
});
