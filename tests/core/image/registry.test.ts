import { describe, expect, it } from 'vitest';
import { parseNormalizedNamed, type NamedRef } from '../../../src/core/image/reference';
import { Registry } from '../../../src/core/image/registry';

const registry = new Registry();

function ref(s: string): NamedRef {
  const r = parseNormalizedNamed(s);
  if (!r.ok) throw new Error(r.message);
  return r.value.tag === undefined && r.value.digest === undefined ? { ...r.value, tag: 'latest' } : r.value;
}

function err(s: string): string {
  const r = registry.resolve(ref(s));
  return r.ok ? 'ok' : `${r.kind}: ${r.message}`;
}

describe('Registry', () => {
  it('resolves tags to the index digest and serves the platform manifest too', () => {
    const t = registry.resolve(ref('python:3.13'));
    if (!t.ok) throw new Error(t.message);
    expect(t.value.digest).toBe(t.value.image.indexDigest);
    const byIndex = registry.resolve(ref(`python@${t.value.image.indexDigest}`));
    const byManifest = registry.resolve(ref(`python@${t.value.image.manifestDigest}`));
    expect(byIndex.ok && byIndex.value.image).toBe(t.value.image);
    expect(byManifest.ok && byManifest.value.digest).toBe(t.value.image.manifestDigest);
  });

  it('answers with the errors the daemon reports', () => {
    expect(err('nonexistent')).toBe(
      "notFound: pull access denied for nonexistent, repository does not exist or may require 'docker login': denied: requested access to the resource is denied",
    );
    expect(err('someone/private:1')).toBe(
      "notFound: pull access denied for someone/private, repository does not exist or may require 'docker login': denied: requested access to the resource is denied",
    );
    expect(err('python:3.99')).toBe(
      'notFound: manifest for python:3.99 not found: manifest unknown: manifest unknown',
    );
    expect(err(`python@sha256:${'0'.repeat(64)}`)).toBe(
      `notFound: manifest for python@sha256:${'0'.repeat(64)} not found: manifest unknown: manifest unknown`,
    );
    expect(err('ghcr.io/nobody/nothing')).toBe(
      "notFound: pull access denied for ghcr.io/nobody/nothing, repository does not exist or may require 'docker login': denied: denied",
    );
    expect(err('ghcr.io/astral-sh/uv:9.9')).toBe(
      'notFound: manifest for ghcr.io/astral-sh/uv:9.9 not found: manifest unknown: manifest unknown',
    );
    expect(err('localhost:5000/app')).toBe(
      'system: Get "http://localhost:5000/v2/": dial tcp [::1]:5000: connect: connection refused',
    );
    expect(err('127.0.0.1:5000/library/python:9.99')).toBe(
      'system: Get "http://127.0.0.1:5000/v2/": dial tcp 127.0.0.1:5000: connect: connection refused',
    );
    expect(err('registry.example.com/team/app')).toBe(
      'system: Get "https://registry.example.com/v2/": dial tcp: lookup registry.example.com on 127.0.0.53:53: no such host',
    );
  });

  it('lists tags and repositories', () => {
    const tags = registry.tags(ref('python'));
    expect(tags.ok && tags.value).toEqual(
      expect.arrayContaining(['3.13', 'latest', '3.13-slim', '3.13-alpine']),
    );
    expect(registry.repositories()).toEqual(
      expect.arrayContaining(['docker.io/library/hello-world', 'ghcr.io/astral-sh/uv']),
    );
  });

  it('finds any catalog layer by diff ID, even before its image was resolved', () => {
    const fresh = new Registry();
    const nginx = registry.resolve(ref('nginx'));
    if (!nginx.ok) throw new Error(nginx.message);
    const top = nginx.value.image.layers[nginx.value.image.layers.length - 1].layer;
    expect(fresh.layer(top.diffId)).toBe(top);
    expect(fresh.layer(`sha256:${'0'.repeat(64)}`)).toBeUndefined();
  });
});
