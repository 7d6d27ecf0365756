import { describe, expect, it } from 'vitest';
import {
  familiarMatch,
  familiarName,
  familiarString,
  isNamed,
  parseAnyReference,
  parseDigest,
  parseNormalizedNamed,
  pathMatch,
  refString,
  tagNameOnly,
  withTag,
  type NamedRef,
} from '../../../src/core/image/reference';

const H64 = 'a'.repeat(64);

function named(s: string): NamedRef {
  const r = parseNormalizedNamed(s);
  if (!r.ok) throw new Error(`${s}: ${r.message}`);
  return r.value;
}

function error(s: string): string {
  const r = parseNormalizedNamed(s);
  if (r.ok) throw new Error(`${s} parsed as ${refString(r.value)}`);
  return r.message;
}

describe('parseNormalizedNamed', () => {
  it.each([
    ['python', 'docker.io/library/python', 'python'],
    ['python:3.13', 'docker.io/library/python:3.13', 'python:3.13'],
    ['ubuntu:24.04', 'docker.io/library/ubuntu:24.04', 'ubuntu:24.04'],
    ['myuser/app', 'docker.io/myuser/app', 'myuser/app'],
    ['myuser/app:v1', 'docker.io/myuser/app:v1', 'myuser/app:v1'],
    ['docker.io/python', 'docker.io/library/python', 'python'],
    ['docker.io/library/python:3.13', 'docker.io/library/python:3.13', 'python:3.13'],
    ['index.docker.io/library/python', 'docker.io/library/python', 'python'],
    ['library/python', 'docker.io/library/python', 'python'],
    ['docker.io/library/a/b', 'docker.io/library/a/b', 'library/a/b'],
    ['ghcr.io/owner/app:1', 'ghcr.io/owner/app:1', 'ghcr.io/owner/app:1'],
    ['ghcr.io/app', 'ghcr.io/app', 'ghcr.io/app'],
    ['localhost:5000/x', 'localhost:5000/x', 'localhost:5000/x'],
    ['localhost/x', 'localhost/x', 'localhost/x'],
    [
      '127.0.0.1:5000/library/python:9.99',
      '127.0.0.1:5000/library/python:9.99',
      '127.0.0.1:5000/library/python:9.99',
    ],
    ['[::1]:5000/foo', '[::1]:5000/foo', '[::1]:5000/foo'],
    ['Foo/bar', 'Foo/bar', 'Foo/bar'],
    ['foo__bar', 'docker.io/library/foo__bar', 'foo__bar'],
    ['foo--bar.baz_x', 'docker.io/library/foo--bar.baz_x', 'foo--bar.baz_x'],
    ['python:Latest_1.0-rc', 'docker.io/library/python:Latest_1.0-rc', 'python:Latest_1.0-rc'],
    [`python@sha256:${H64}`, `docker.io/library/python@sha256:${H64}`, `python@sha256:${H64}`],
    [`python:3.13@sha256:${H64}`, `docker.io/library/python:3.13@sha256:${H64}`, `python:3.13@sha256:${H64}`],
  ])('%s → %s', (input, full, familiar) => {
    const r = named(input);
    expect(refString(r)).toBe(full);
    expect(familiarString(r)).toBe(familiar);
  });

  it('splits domain and path', () => {
    expect(named('ghcr.io/astral-sh/uv')).toEqual({ domain: 'ghcr.io', path: 'astral-sh/uv' });
    expect(named('python:3.13')).toEqual({ domain: 'docker.io', path: 'library/python', tag: '3.13' });
    expect(familiarName(named('myuser/app:v1'))).toBe('myuser/app');
  });

  it.each([
    ['Python:3.13', 'invalid reference format: repository name (library/Python) must be lowercase'],
    ['UPPER', 'invalid reference format: repository name (library/UPPER) must be lowercase'],
    ['a/B', 'invalid reference format: repository name (a/B) must be lowercase'],
    ['localhost:5000/X:1', 'invalid reference format: repository name (X) must be lowercase'],
    ['python:3.13:slim', 'invalid reference format'],
    ['python:', 'invalid reference format'],
    ['python:3.13@sha256:0000', 'invalid reference format'],
    ['', 'invalid reference format'],
    [':3.13', 'invalid reference format'],
    ['foo___bar', 'invalid reference format'],
    ['foo.-bar', 'invalid reference format'],
    ['-foo', 'invalid reference format'],
    ['foo/', 'invalid reference format'],
    ['example.com:port/x', 'invalid reference format'],
    [`python:${'t'.repeat(129)}`, 'invalid reference format'],
    [`python@sha256:${'a'.repeat(40)}`, 'invalid checksum digest length'],
    [`python@sha256:${'A'.repeat(64)}`, 'invalid checksum digest format'],
    [`python@md5:${'a'.repeat(32)}`, 'unsupported digest algorithm'],
    [H64, `invalid repository name (${H64}), cannot specify 64-byte hexadecimal strings`],
    [`a/${'b'.repeat(260)}`, 'repository name must not be more than 255 characters'],
  ])('%s is an error', (input, message) => {
    expect(error(input)).toBe(message);
  });
});

describe('parseAnyReference', () => {
  it('takes a 64-hex ID or a full digest as a digest reference', () => {
    const a = parseAnyReference(H64);
    expect(a.ok && !isNamed(a.value) && a.value.digestOnly).toBe(`sha256:${H64}`);
    const b = parseAnyReference(`sha256:${H64}`);
    expect(b.ok && !isNamed(b.value) && b.value.digestOnly).toBe(`sha256:${H64}`);
  });
  it('takes short IDs and sha256:<prefix> as names (the store then searches IDs)', () => {
    const a = parseAnyReference('b7faf0563902');
    expect(a.ok && refString(a.value)).toBe('docker.io/library/b7faf0563902');
    const b = parseAnyReference('sha256:b7f');
    expect(b.ok && familiarString(b.value)).toBe('sha256:b7f');
  });
});

describe('digests, tags, names', () => {
  it('validates digests like go-digest', () => {
    expect(parseDigest(`sha256:${H64}`).ok).toBe(true);
    expect(parseDigest(`sha512:${'0'.repeat(128)}`).ok).toBe(true);
    const bad = (s: string) => {
      const r = parseDigest(s);
      return r.ok ? 'ok' : r.message;
    };
    expect(bad('sha256')).toBe('invalid checksum digest format');
    expect(bad('sha256:')).toBe('invalid checksum digest format');
    expect(bad(':abc')).toBe('invalid checksum digest format');
    expect(bad('sha256:abc')).toBe('invalid checksum digest length');
    expect(bad('foo:bar')).toBe('unsupported digest algorithm');
    expect(bad('Foo:bar')).toBe('invalid checksum digest format');
  });
  it('adds latest only to name-only references', () => {
    expect(refString(tagNameOnly(named('python')))).toBe('docker.io/library/python:latest');
    expect(refString(tagNameOnly(named('python:3')))).toBe('docker.io/library/python:3');
    expect(refString(tagNameOnly(named(`python@sha256:${H64}`)))).toBe(
      `docker.io/library/python@sha256:${H64}`,
    );
  });
  it('rejects bad tags', () => {
    const r = withTag(named('python'), 'bad tag');
    expect(r.ok ? '' : r.message).toBe('invalid tag format');
  });
});

describe('familiarMatch / path.Match', () => {
  const m = (pattern: string, ref: string) => {
    const r = familiarMatch(pattern, named(ref));
    return r.ok ? r.value : r.message;
  };
  it('matches the familiar string, then the name', () => {
    expect(m('python', 'python:3.13')).toBe(true);
    expect(m('python:3.13', 'python:3.13')).toBe(true);
    expect(m('python:3.*', 'python:3.13-slim')).toBe(true);
    expect(m('pyth*', 'python:3.13')).toBe(true);
    expect(m('python:2*', 'python:3.13')).toBe(false);
    expect(m('*', 'myuser/app:v1')).toBe(false);
    expect(m('*/*', 'myuser/app:v1')).toBe(true);
    expect(m('py?hon', 'python:latest')).toBe(true);
    expect(m('[pq]ython', 'python:latest')).toBe(true);
    expect(m('[^p]ython', 'python:latest')).toBe(false);
    expect(m('[a-z]ython', 'python:latest')).toBe(true);
    expect(m('nginx', 'python:latest')).toBe(false);
    expect(m('[', 'python:latest')).toBe('syntax error in pattern');
  });
  it('escapes', () => {
    const r = pathMatch('a\\*b', 'a*b');
    expect(r.ok && r.value).toBe(true);
    const s = pathMatch('a\\*b', 'axb');
    expect(s.ok && s.value).toBe(false);
  });
});
