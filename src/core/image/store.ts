// The daemon's content-addressed image store (graphdriver flavour): image
// configs keyed by image ID, a reference store of repo:tag and repo@digest
// names, and a layer store keyed by ChainID whose reference counts are shared
// between images. Its state is plain data (toJSON/fromJSON); Layer objects are
// looked up by diff ID from the layer source (the registry's blobs).
import type { Layer } from '../fs/layer';
import { randomHex64, type Random } from '../random';
import { fail, ok, type Result } from './errors';
import { chainIds, imageIdOf, parseConfig, type ImageConfig } from './oci';
import {
  familiarName,
  familiarString,
  isNamed,
  parseAnyReference,
  parseNormalizedNamed,
  refString,
  tagNameOnly,
  type NamedRef,
} from './reference';

export interface LayerRecord {
  readonly chainId: string;
  readonly diffId: string;
  /** ChainID of the layer below, null for a base layer. */
  readonly parent: string | null;
  /** Bytes in this layer's diff (DiffSize). */
  readonly size: number;
  /** The overlay2 directory name under /var/lib/docker/overlay2 (random, as the driver makes it). */
  readonly cacheId: string;
  /** Handles held on the layer plus one per child layer; at zero the layer is deleted. */
  refs: number;
}

export interface ImageRecord {
  readonly id: string;
  /** The exact config bytes the ID was computed from. */
  readonly config: string;
  /** Unix ms of the last `docker tag`, null if never tagged locally. */
  lastTagTime: number | null;
}

export interface ImageStoreState {
  images: ImageRecord[];
  /** [full reference string, image ID], e.g. ["docker.io/library/python:3.13", "sha256:…"]. */
  refs: [string, string][];
  layers: LayerRecord[];
  /** Compressed blob digest → diff ID (the v2 metadata that makes `Already exists` possible). */
  blobDiffIds: [string, string][];
}

export type LayerSource = (diffId: string) => Layer | undefined;

interface RefEntry {
  ref: NamedRef;
  id: string;
}

export class ImageStore {
  private images = new Map<string, ImageRecord>();
  private configs = new Map<string, ImageConfig>();
  /** ChainIDs by image ID: a hash per layer, asked on every create (the top layer) and size. */
  private chains = new Map<string, readonly string[]>();
  private refs = new Map<string, RefEntry>();
  private layers = new Map<string, LayerRecord>();
  private blobDiffIds = new Map<string, string>();
  /** Layer objects of the layers present, by diff ID (after fromJSON, filled from the source on demand). */
  private layerObjects = new Map<string, Layer>();
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly random: Random,
    private readonly layerSource: LayerSource,
  ) {}

  /**
   * Be told after every change (a layer registered or freed, an image stored
   * or deleted, a reference moved): pictures of the store redraw mid-pull.
   */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const l of [...this.listeners]) l();
  }

  // --- layers ---------------------------------------------------------------

  hasLayer(chainId: string): boolean {
    return this.layers.has(chainId);
  }

  layer(chainId: string): LayerRecord | undefined {
    return this.layers.get(chainId);
  }

  allLayers(): LayerRecord[] {
    return [...this.layers.values()];
  }

  /**
   * Register a layer on top of `parent` and hold one reference to it (Docker's
   * layerStore.Register). An existing ChainID is just referenced again.
   */
  registerLayer(layer: Layer, parent: string | null): string {
    const diffId = layer.diffId;
    const chainId = parent === null ? diffId : chainIds([parent, diffId])[1];
    const existing = this.layers.get(chainId);
    if (existing) {
      existing.refs++;
      return chainId;
    }
    if (parent !== null) {
      const p = this.layers.get(parent);
      if (!p) throw new Error(`registerLayer: parent ${parent} not in the layer store`);
      p.refs++;
    }
    this.layerObjects.set(diffId, layer);
    this.layers.set(chainId, {
      chainId,
      diffId,
      parent,
      size: layer.size,
      cacheId: randomHex64(this.random),
      refs: 1,
    });
    this.changed();
    return chainId;
  }

  /** Take another handle on a present layer (layerStore.Get). */
  acquireLayer(chainId: string): boolean {
    const l = this.layers.get(chainId);
    if (!l) return false;
    l.refs++;
    return true;
  }

  /** Drop a handle; layers nothing holds are deleted, top first, and returned. */
  releaseLayer(chainId: string): LayerRecord[] {
    const removed: LayerRecord[] = [];
    let l = this.layers.get(chainId);
    while (l) {
      if (l.refs <= 0) throw new Error(`releaseLayer: ${l.chainId} is not held`);
      l.refs--;
      if (l.refs > 0) break;
      this.layers.delete(l.chainId);
      if (!this.usesDiffIdElsewhere(l.diffId)) this.layerObjects.delete(l.diffId);
      removed.push(l);
      l = l.parent === null ? undefined : this.layers.get(l.parent);
    }
    if (removed.length) this.changed();
    return removed;
  }

  private usesDiffIdElsewhere(diffId: string): boolean {
    for (const l of this.layers.values()) if (l.diffId === diffId) return true;
    return false;
  }

  /** The Layer object (its files) for a diff ID. */
  layerObject(diffId: string): Layer {
    let l = this.layerObjects.get(diffId);
    if (!l) {
      l = this.layerSource(diffId);
      if (!l) throw new Error(`no layer content for ${diffId}`);
      this.layerObjects.set(diffId, l);
    }
    return l;
  }

  setBlobDiffId(blobDigest: string, diffId: string): void {
    this.blobDiffIds.set(blobDigest, diffId);
  }

  blobDiffId(blobDigest: string): string | undefined {
    return this.blobDiffIds.get(blobDigest);
  }

  // --- images ---------------------------------------------------------------

  /**
   * Store an image config (imageStore.Create): the ID is the digest of the
   * bytes; its top layer must be present and gets one more reference.
   */
  createImage(configJson: string): Result<string> {
    const id = imageIdOf(configJson);
    if (this.images.has(id)) return ok(id);
    const cfg = parseConfig(configJson);
    const chain = chainIds(cfg.rootfs.diff_ids);
    const top = chain[chain.length - 1];
    if (top !== undefined && !this.acquireLayer(top))
      return fail('system', `failed to get layer ${top}: layer does not exist`);
    this.images.set(id, { id, config: configJson, lastTagTime: null });
    this.configs.set(id, cfg);
    this.changed();
    return ok(id);
  }

  hasImage(id: string): boolean {
    return this.images.has(id);
  }

  image(id: string): ImageRecord | undefined {
    return this.images.get(id);
  }

  imageIds(): string[] {
    return [...this.images.keys()];
  }

  config(id: string): ImageConfig {
    let c = this.configs.get(id);
    if (!c) {
      const rec = this.images.get(id);
      if (!rec) throw new Error(`config: no image ${id}`);
      c = parseConfig(rec.config);
      this.configs.set(id, c);
    }
    return c;
  }

  /** ChainIDs of the image's layers, base first. */
  chainOf(id: string): readonly string[] {
    let c = this.chains.get(id);
    if (!c) {
      c = chainIds(this.config(id).rootfs.diff_ids);
      this.chains.set(id, c);
    }
    return c;
  }

  topLayer(id: string): string | undefined {
    const c = this.chainOf(id);
    return c[c.length - 1];
  }

  /** The image's layers as Layer objects, base first (what an overlay mount stacks). */
  layersOf(id: string): Layer[] {
    return this.config(id).rootfs.diff_ids.map((d) => this.layerObject(d));
  }

  /** Sum of the layers' diff sizes (layer.Size of the top layer). */
  imageSize(id: string): number {
    let n = 0;
    for (const c of this.chainOf(id)) n += this.layers.get(c)?.size ?? 0;
    return n;
  }

  parentOf(id: string): string | undefined {
    const p = this.config(id).parent;
    return p && this.images.has(p) ? p : undefined;
  }

  children(id: string): string[] {
    return this.imageIds().filter((i) => this.config(i).parent === id);
  }

  /** Images nothing was built on (imageStore.Heads). */
  heads(): string[] {
    const parents = new Set(this.imageIds().map((i) => this.config(i).parent));
    return this.imageIds().filter((i) => !parents.has(i));
  }

  /** Remove the image record and release its top layer; returns the layers deleted. */
  deleteImage(id: string): LayerRecord[] {
    if (!this.images.has(id)) return [];
    const top = this.topLayer(id);
    this.images.delete(id);
    this.configs.delete(id);
    this.chains.delete(id);
    const removed = top === undefined ? [] : this.releaseLayer(top);
    if (!removed.length) this.changed();
    return removed;
  }

  setLastTagTime(id: string, ms: number): void {
    const r = this.images.get(id);
    if (r) {
      r.lastTagTime = ms;
      this.changed();
    }
  }

  // --- references (refstore) -------------------------------------------------

  /** AddTag with force: `repo:tag` now names this image (a name alone gets `latest`). */
  addTag(ref: NamedRef, id: string): Result<void> {
    if (ref.digest !== undefined) return fail('invalid', 'refusing to create a tag with a digest reference');
    return this.addReference(tagNameOnly(ref), id);
  }

  addDigest(ref: NamedRef, id: string): Result<void> {
    if (ref.digest === undefined) return fail('invalid', 'reference must have a digest');
    return this.addReference({ domain: ref.domain, path: ref.path, digest: ref.digest }, id);
  }

  private addReference(ref: NamedRef, id: string): Result<void> {
    if (familiarName(ref) === 'sha256')
      return fail('invalid', 'refusing to create an ambiguous tag using digest algorithm as name');
    const key = refString(ref);
    const old = this.refs.get(key);
    if (old && old.id !== id && ref.digest !== undefined)
      return fail('conflict', `cannot overwrite digest ${ref.digest}`);
    this.refs.set(key, { ref, id });
    if (old?.id !== id) this.changed();
    return ok(undefined);
  }

  /** refstore.Get: a digest wins over a tag; a bare name means `latest`. */
  getRef(ref: NamedRef): string | undefined {
    const r =
      ref.digest !== undefined
        ? { domain: ref.domain, path: ref.path, digest: ref.digest }
        : tagNameOnly(ref);
    return this.refs.get(refString(r))?.id;
  }

  /** refstore.Delete; returns whether the reference existed. */
  deleteRef(ref: NamedRef): boolean {
    const had = this.refs.delete(refString(ref));
    if (had) this.changed();
    return had;
  }

  /** All references to an image, sorted by their full string (refstore's lexical order). */
  refsOf(id: string): NamedRef[] {
    const out: { s: string; ref: NamedRef }[] = [];
    for (const [s, e] of this.refs) if (e.id === id) out.push({ s, ref: e.ref });
    out.sort((a, b) => (a.s < b.s ? -1 : a.s > b.s ? 1 : 0));
    return out.map((o) => o.ref);
  }

  repoTags(id: string): string[] {
    return this.refsOf(id)
      .filter((r) => r.tag !== undefined)
      .map(familiarString);
  }

  repoDigests(id: string): string[] {
    return this.refsOf(id)
      .filter((r) => r.digest !== undefined)
      .map(familiarString);
  }

  // --- lookup ----------------------------------------------------------------

  /** Find an image ID by ID prefix (`sha256:` optional), as the daemon's digest set does. */
  search(term: string): string | undefined {
    let alg = '';
    let hex = term;
    const i = term.indexOf(':');
    if (i > 0 && i + 1 < term.length) {
      alg = term.slice(0, i);
      hex = term.slice(i + 1);
    }
    if (alg !== '' && alg !== 'sha256') return undefined;
    if (hex === '') return undefined;
    const found = this.imageIds().filter((id) => id.slice('sha256:'.length).startsWith(hex));
    return found.length === 1 ? found[0] : undefined;
  }

  /**
   * GetImage: a reference or an ID (full, prefix, `sha256:` optional) to an
   * image ID, or the daemon's error (`No such image: foo:latest`).
   */
  lookup(refOrId: string): Result<string> {
    const parsed = parseAnyReference(refOrId);
    if (!parsed.ok) return parsed;
    const r = parsed.value;
    if (!isNamed(r)) {
      return this.images.has(r.digestOnly)
        ? ok(r.digestOnly)
        : fail('notFound', `No such image: ${r.digestOnly}`);
    }
    const byRef = this.getRef(r);
    if (byRef !== undefined && this.images.has(byRef)) return ok(byRef);
    const byId = this.search(refOrId);
    if (byId !== undefined) return ok(byId);
    return fail('notFound', `No such image: ${familiarString(tagNameOnly(r))}`);
  }

  // --- snapshot --------------------------------------------------------------

  toJSON(): ImageStoreState {
    return {
      images: [...this.images.values()].map((r) => ({ ...r })),
      refs: [...this.refs].map(([k, e]) => [k, e.id]),
      layers: [...this.layers.values()].map((l) => ({ ...l })),
      blobDiffIds: [...this.blobDiffIds],
    };
  }

  static fromJSON(state: ImageStoreState, random: Random, layerSource: LayerSource): ImageStore {
    const s = new ImageStore(random, layerSource);
    for (const r of state.images) s.images.set(r.id, { ...r });
    for (const [k, id] of state.refs) {
      const p = parseNormalizedNamed(k);
      if (!p.ok) throw new Error(`fromJSON: bad reference ${k}`);
      s.refs.set(k, { ref: p.value, id });
    }
    for (const l of state.layers) s.layers.set(l.chainId, { ...l });
    for (const [b, d] of state.blobDiffIds) s.blobDiffIds.set(b, d);
    return s;
  }
}
