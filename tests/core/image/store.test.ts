import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../src/core/hash';
import { chainIds, imageIdOf, truncateId } from '../../../src/core/image/oci';
import { parseNormalizedNamed, type NamedRef } from '../../../src/core/image/reference';
import { Registry } from '../../../src/core/image/registry';
import { ImageStore } from '../../../src/core/image/store';
import { seededRandom } from '../../../src/core/random';
import { resolveOrThrow, smallCatalog } from './helpers';

function ref(s: string): NamedRef {
  const r = parseNormalizedNamed(s);
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

/** Put an image from the small catalog into a store the way a finished pull does. */
function install(store: ImageStore, registry: Registry, name: string): string {
  const img = resolveOrThrow(registry, name).image;
  let parent: string | null = null;
  const holds: string[] = [];
  for (const l of img.layers) {
    parent = store.registerLayer(l.layer, parent);
    holds.push(parent);
  }
  const id = store.createImage(img.configJson);
  if (!id.ok) throw new Error(id.message);
  for (const h of holds) store.releaseLayer(h);
  store.addTag(ref(name), id.value);
  return id.value;
}

function setup() {
  const registry = new Registry(smallCatalog());
  const store = new ImageStore(seededRandom(7), (d) => registry.layer(d));
  return { registry, store };
}

describe('chain IDs and image IDs', () => {
  it('follows the OCI definitions', () => {
    const d = ['sha256:' + 'a'.repeat(64), 'sha256:' + 'b'.repeat(64), 'sha256:' + 'c'.repeat(64)];
    const c = chainIds(d);
    expect(c[0]).toBe(d[0]);
    expect(c[1]).toBe(`sha256:${sha256Hex(`${d[0]} ${d[1]}`)}`);
    expect(c[2]).toBe(`sha256:${sha256Hex(`${c[1]} ${d[2]}`)}`);
    expect(imageIdOf('{"a":1}')).toBe(`sha256:${sha256Hex('{"a":1}')}`);
    expect(truncateId('sha256:0123456789abcdef')).toBe('0123456789ab');
  });
});

describe('ImageStore', () => {
  it('stores an image under the digest of its config bytes and counts layer references', () => {
    const { store, registry } = setup();
    const a = install(store, registry, 'a');
    expect(a).toBe(imageIdOf(resolveOrThrow(registry, 'a').image.configJson));
    // base1 is held by its child layer, a's layer by the image
    expect(store.allLayers().map((l) => l.refs)).toEqual([1, 1]);
    const b = install(store, registry, 'b');
    expect(store.allLayers()).toHaveLength(4);
    const base = store.layer(store.chainOf(a)[0]);
    expect(base?.refs).toBe(2);
    expect(store.imageSize(a)).toBe(store.chainOf(a).reduce((n, c) => n + (store.layer(c)?.size ?? 0), 0));
    expect(store.layersOf(b).map((l) => l.diffId)).toEqual(store.config(b).rootfs.diff_ids);
  });

  it('frees only the layers nothing else uses', () => {
    const { store, registry } = setup();
    const a = install(store, registry, 'a');
    const b = install(store, registry, 'b');
    const chainB = store.chainOf(b);
    const removed = store.deleteImage(b);
    expect(removed.map((l) => l.chainId)).toEqual([chainB[2], chainB[1]]);
    expect(store.layer(chainB[0])?.refs).toBe(1);
    expect(store.allLayers()).toHaveLength(2);
    const gone = store.deleteImage(a);
    // top first, then down the chain
    expect(gone.map((l) => l.diffId)).toEqual(
      [...resolveOrThrow(registry, 'a').image.layers].reverse().map((l) => l.layer.diffId),
    );
    expect(store.allLayers()).toHaveLength(0);
  });

  it('looks images up by reference, full ID, ID prefix and sha256: prefix', () => {
    const { store, registry } = setup();
    const a = install(store, registry, 'a');
    const hex = a.slice(7);
    for (const q of [
      'a',
      'a:latest',
      'docker.io/library/a',
      'docker.io/library/a:latest',
      a,
      hex,
      hex.slice(0, 12),
      `sha256:${hex.slice(0, 5)}`,
      hex.slice(0, 1),
    ]) {
      const r = store.lookup(q);
      expect(r.ok ? r.value : r.message).toBe(a);
    }
    const miss = (q: string) => {
      const r = store.lookup(q);
      return r.ok ? r.value : `${r.kind}: ${r.message}`;
    };
    expect(miss('foo')).toBe('notFound: No such image: foo:latest');
    expect(miss('a:2')).toBe('notFound: No such image: a:2');
    expect(miss(`sha256:${'0'.repeat(64)}`)).toBe(`notFound: No such image: sha256:${'0'.repeat(64)}`);
    expect(miss('Foo')).toBe(
      'invalid: invalid reference format: repository name (library/Foo) must be lowercase',
    );
  });

  it('refuses an ambiguous ID prefix', () => {
    const { store, registry } = setup();
    const ids = ['a', 'b', 'c', 'd'].map((n) => install(store, registry, n));
    // find a one-character prefix shared by two images, if any, else check distinct prefixes resolve
    const firsts = ids.map((id) => id[7]);
    const shared = firsts.find((c, i) => firsts.indexOf(c) !== i);
    if (shared) expect(store.search(shared)).toBeUndefined();
    for (const id of ids) expect(store.search(id.slice(7, 19))).toBe(id);
  });

  it('keeps references sorted by their full string, tags and digests apart', () => {
    const { store, registry } = setup();
    const a = install(store, registry, 'a');
    store.addTag(ref('a:1'), a);
    store.addTag(ref('zeta/app'), a);
    store.addDigest(ref(`a@sha256:${'f'.repeat(64)}`), a);
    expect(store.repoTags(a)).toEqual(['a:1', 'a:latest', 'zeta/app:latest']);
    expect(store.repoDigests(a)).toEqual([`a@sha256:${'f'.repeat(64)}`]);
    const r = store.addTag(ref('sha256'), a);
    expect(r.ok ? '' : r.message).toBe('refusing to create an ambiguous tag using digest algorithm as name');
    // a tag moves to the image it is given to
    const b = install(store, registry, 'b');
    store.addTag(ref('a:1'), b);
    expect(store.repoTags(a)).toEqual(['a:latest', 'zeta/app:latest']);
    expect(store.repoTags(b)).toEqual(['a:1', 'b:latest']);
  });

  it('round-trips through plain data and finds layer contents again', () => {
    const { store, registry } = setup();
    const a = install(store, registry, 'a');
    install(store, registry, 'c');
    const state = JSON.parse(JSON.stringify(store.toJSON()));
    const fresh = new Registry(smallCatalog());
    const again = ImageStore.fromJSON(state, seededRandom(7), (d) => fresh.layer(d));
    expect(again.toJSON()).toEqual(store.toJSON());
    expect(again.layersOf(a).map((l) => l.diffId)).toEqual(store.config(a).rootfs.diff_ids);
    expect(again.lookup('a').ok).toBe(true);
  });
});

describe('ImageStore change notifications', () => {
  it('tells subscribers about layers, images and references', () => {
    const { store, registry } = setup();
    let n = 0;
    const off = store.subscribe(() => n++);
    const a = install(store, registry, 'a');
    // two layers registered, the image stored, one tag added
    expect(n).toBe(4);
    store.addTag(ref('a:latest'), a);
    expect(n).toBe(4);
    store.deleteRef(ref('a:latest'));
    store.deleteImage(a);
    expect(n).toBe(6);
    off();
    install(store, registry, 'c');
    expect(n).toBe(6);
  });
});
