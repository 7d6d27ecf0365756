// distribution/reference normalisation and errors, as docker pull reports them.
import { describe, expect, it } from 'vitest';
import { familiarString, parseNormalizedNamed, referenceString, tagNameOnly } from '../../src/cli/reference';

describe('ParseNormalizedNamed', () => {
  it.each([
    ['python', 'docker.io/library/python', 'python'],
    ['python:3.13', 'docker.io/library/python:3.13', 'python:3.13'],
    ['myuser/app:1', 'docker.io/myuser/app:1', 'myuser/app:1'],
    ['index.docker.io/library/nginx', 'docker.io/library/nginx', 'nginx'],
    ['ghcr.io/astral-sh/uv:latest', 'ghcr.io/astral-sh/uv:latest', 'ghcr.io/astral-sh/uv:latest'],
    ['localhost/app', 'localhost/app', 'localhost/app'],
    [
      '127.0.0.1:5000/library/python:9.99',
      '127.0.0.1:5000/library/python:9.99',
      '127.0.0.1:5000/library/python:9.99',
    ],
    [
      `python@sha256:${'a'.repeat(64)}`,
      `docker.io/library/python@sha256:${'a'.repeat(64)}`,
      `python@sha256:${'a'.repeat(64)}`,
    ],
  ])('%s', (s, full, familiar) => {
    const r = parseNormalizedNamed(s);
    if ('error' in r) throw new Error(r.error);
    expect(referenceString(r)).toBe(full);
    expect(familiarString(r)).toBe(familiar);
  });
  it.each([
    ['Python:3.13', 'invalid reference format: repository name (library/Python) must be lowercase'],
    ['python:3.13:slim', 'invalid reference format'],
    ['python:', 'invalid reference format'],
    ['python@sha256:0000', 'invalid reference format'],
    [
      'a'.repeat(64),
      `invalid repository name (${'a'.repeat(64)}), cannot specify 64-byte hexadecimal strings`,
    ],
  ])('%s is rejected', (s, msg) => {
    expect(parseNormalizedNamed(s)).toEqual({ error: msg });
  });
  it('TagNameOnly adds latest', () => {
    const r = parseNormalizedNamed('python');
    if ('error' in r) throw new Error(r.error);
    expect(referenceString(tagNameOnly(r))).toBe('docker.io/library/python:latest');
  });
});
