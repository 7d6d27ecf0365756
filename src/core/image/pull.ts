// `docker pull` inside the daemon (distribution/pull_v2.go, xfer/download.go):
// resolve the manifest first (so registry errors are HTTP errors), then stream
// the daemon's progress messages while layers download (at most three at a
// time) and extract in order on the simulated clock. Each extracted layer
// enters the layer store at once; a cancelled pull releases what it held, so
// layers no image uses go away, and tags nothing.
import type { Clock, TimerId } from '../clock';
import type { JsonMessage } from '../daemon/api';
import { withVariant, type LayerBlob } from './catalog/recipe';
import { ok, type Result } from './errors';
import { chainIds, truncateId } from './oci';
import {
  formatPlatformAll,
  HOST_MAX_SPEC,
  noMatchingManifest,
  onlyPlatform,
  onlyPlatformWithFallback,
  type Platform,
} from './platform';
import { progressString } from './progress';
import {
  familiarName,
  familiarString,
  isNameOnly,
  trimNamed,
  withDigest,
  withTag,
  type NamedRef,
} from './reference';
import type { Registry, ResolvedImage } from './registry';
import type { ImageStore } from './store';

export interface PullContext {
  readonly store: ImageStore;
  readonly registry: Registry;
  readonly clock: Clock;
  logImageEvent(imageId: string, refName: string, action: string): void;
}

export interface PullOptions {
  /** Bytes per second the running downloads share. */
  bandwidth?: number;
  /** Uncompressed bytes per second a layer extracts at. */
  extractRate?: number;
  /** Simulated ms between progress updates. */
  tickMs?: number;
  /** The daemon's max-concurrent-downloads (default 3). */
  maxConcurrentDownloads?: number;
}

const DEFAULTS: Required<PullOptions> = {
  bandwidth: 60_000_000,
  extractRate: 220_000_000,
  tickMs: 250,
  maxConcurrentDownloads: 3,
};

export interface PullItem {
  readonly ref: NamedRef;
  readonly resolved: ResolvedImage;
  /** The index has no manifest for the platform: the pull fails once it says `Pulling from`. */
  readonly noMatch?: string;
}

export interface PullPlan {
  /** The reference as requested (a bare name means every tag). */
  readonly ref: NamedRef;
  readonly items: readonly PullItem[];
  /** `--platform`, as the daemon parsed it. */
  readonly platform?: Platform;
}

/**
 * pullManifestList's choice (filterManifests): the index's manifests the platform runs
 * (without one, the host's maximumSpec), best first; a single manifest is taken as it is.
 */
export function choosePlatform(
  resolved: ResolvedImage,
  platform: Platform | undefined,
): ResolvedImage | string {
  if (!resolved.isIndex) return resolved;
  const want = onlyPlatform(platform ?? HOST_MAX_SPEC);
  const b = resolved.image;
  const matches = b.variants.filter((v) => want.match(v.platform));
  // sort.SliceStable with the matcher's preference
  const best = matches.reduce<(typeof matches)[number] | undefined>(
    (acc, v) => (acc === undefined || want.less(v.platform, acc.platform) ? v : acc),
    undefined,
  );
  if (!best) return noMatchingManifest(platform);
  return { ...resolved, image: withVariant(b, best) };
}

function item(ref: NamedRef, resolved: ResolvedImage, platform: Platform | undefined): PullItem {
  const chosen = choosePlatform(resolved, platform);
  return typeof chosen === 'string' ? { ref, resolved, noMatch: chosen } : { ref, resolved: chosen };
}

/** Everything that can fail before the first byte of output: the registry's answers. */
export function planPull(registry: Registry, ref: NamedRef, platform?: Platform): Result<PullPlan> {
  if (isNameOnly(ref)) {
    const tags = registry.tags(ref);
    if (!tags.ok) return tags;
    const items: PullItem[] = [];
    for (const tag of tags.value) {
      const t = withTag(ref, tag);
      if (!t.ok) return t;
      const r = registry.resolve(t.value);
      if (!r.ok) return r;
      items.push(item(t.value, r.value, platform));
    }
    return ok({ ref, items, platform });
  }
  const r = registry.resolve(ref);
  if (!r.ok) return r;
  return ok({ ref, items: [item(ref, r.value, platform)], platform });
}

type Phase = 'exists' | 'waiting' | 'downloading' | 'downloaded' | 'extracting' | 'done';

interface LayerState {
  readonly blob: LayerBlob;
  readonly id: string;
  phase: Phase;
  downloaded: number;
  extracted: number;
}

function update(status: string, id: string): JsonMessage {
  return { status, progressDetail: {}, id };
}

function progress(status: string, id: string, current: number, total: number): JsonMessage {
  return { status, progressDetail: { current, total }, progress: progressString(current, total), id };
}

/** One running pull. Messages go to `emit`; `onEnd` is called once, when it finishes or is cancelled. */
export class PullJob {
  private readonly opts: Required<PullOptions>;
  private timer: TimerId | undefined;
  private cancelled = false;
  private finished = false;
  private itemIndex = 0;
  private anyNew = false;
  private layers: LayerState[] = [];
  /** ChainIDs this job holds a reference on (the transfers' handles). */
  private holds: string[] = [];
  private parent: string | null = null;
  private resolveDone!: () => void;
  readonly done: Promise<void>;

  constructor(
    private readonly ctx: PullContext,
    private readonly plan: PullPlan,
    private readonly emit: (m: JsonMessage) => void,
    private readonly onEnd: () => void,
    opts: PullOptions = {},
  ) {
    this.opts = { ...DEFAULTS, ...opts };
    this.done = new Promise((r) => (this.resolveDone = r));
  }

  /** Emits what can be said at once; the rest follows on the clock. */
  start(): this {
    this.startItem();
    return this;
  }

  /** The client went away: stop, release held layers, tag nothing. */
  cancel(): void {
    if (this.finished) return;
    this.cancelled = true;
    if (this.timer !== undefined) this.ctx.clock.clearTimeout(this.timer);
    this.releaseHolds();
    this.end();
  }

  private end(): void {
    if (this.finished) return;
    this.finished = true;
    this.onEnd();
    this.resolveDone();
  }

  private releaseHolds(): void {
    for (const h of this.holds) this.ctx.store.releaseLayer(h);
    this.holds = [];
  }

  private startItem(): void {
    const item = this.plan.items[this.itemIndex];
    const { store } = this.ctx;
    const tagOrDigest = item.ref.digest ?? item.ref.tag ?? 'latest';
    this.emit({ status: `Pulling from ${item.ref.path}`, id: tagOrDigest });
    if (item.noMatch !== undefined) {
      this.emit({ errorDetail: { message: item.noMatch }, error: item.noMatch });
      this.end();
      return;
    }
    const img = item.resolved.image;
    if (store.hasImage(img.configDigest)) {
      this.finishItem(img.configDigest);
      return;
    }
    this.layers = img.layers.map((blob) => ({
      blob,
      id: truncateId(blob.digest),
      phase: 'waiting' as Phase,
      downloaded: 0,
      extracted: 0,
    }));
    this.parent = null;
    // only a leading run of layers can be `Already exists` (their ChainIDs depend on everything below)
    for (const l of this.layers) {
      const diffId = store.blobDiffId(l.blob.digest);
      if (diffId === undefined) break;
      const chain: string = this.parent === null ? diffId : chainIds([this.parent, diffId])[1];
      if (!store.acquireLayer(chain)) break;
      // hold only the top of the existing run, as the download manager does
      if (this.holds.length > 0) store.releaseLayer(this.holds.pop() as string);
      this.holds.push(chain);
      this.parent = chain;
      l.phase = 'exists';
      this.emit(update('Already exists', l.id));
    }
    const missing = this.layers.filter((l) => l.phase !== 'exists');
    for (const l of missing) this.emit(update('Pulling fs layer', l.id));
    missing.forEach((l, i) => {
      if (i < this.opts.maxConcurrentDownloads) l.phase = 'downloading';
      else this.emit(update('Waiting', l.id));
    });
    if (missing.length === 0) {
      this.completeDownload();
      return;
    }
    this.schedule();
  }

  private schedule(): void {
    this.timer = this.ctx.clock.setTimeout(() => this.tick(), this.opts.tickMs);
  }

  private tick(): void {
    this.timer = undefined;
    if (this.cancelled) return;
    const dt = this.opts.tickMs / 1000;
    const active = this.layers.filter((l) => l.phase === 'downloading');
    const share = active.length ? (this.opts.bandwidth * dt) / active.length : 0;
    for (const l of active) {
      const total = l.blob.size;
      l.downloaded = Math.min(total, Math.floor(l.downloaded + share));
      this.emit(progress('Downloading', l.id, l.downloaded, total));
      if (this.cancelled) return;
      if (l.downloaded >= total) {
        this.emit(update('Verifying Checksum', l.id));
        this.emit(update('Download complete', l.id));
        l.phase = 'downloaded';
      }
    }
    let running = this.layers.filter((l) => l.phase === 'downloading').length;
    for (const l of this.layers) {
      if (running >= this.opts.maxConcurrentDownloads) break;
      if (l.phase === 'waiting') {
        l.phase = 'downloading';
        running++;
      }
    }
    this.extract(this.opts.extractRate * dt);
    if (this.cancelled) return;
    if (this.layers.every((l) => l.phase === 'done' || l.phase === 'exists')) this.completeDownload();
    else this.schedule();
  }

  /** Extract in layer order, each on top of its parent, spending this tick's budget. */
  private extract(budget: number): void {
    const { store } = this.ctx;
    for (const l of this.layers) {
      if (l.phase === 'exists' || l.phase === 'done') continue;
      if (l.phase !== 'downloaded' && l.phase !== 'extracting') return;
      l.phase = 'extracting';
      const size = Math.max(1, l.blob.layer.size);
      const spend = Math.min(budget, size - l.extracted);
      l.extracted += spend;
      budget -= spend;
      const total = l.blob.size;
      this.emit(progress('Extracting', l.id, Math.round((l.extracted / size) * total), total));
      if (this.cancelled || l.extracted < size) return;
      const chain = store.registerLayer(l.blob.layer, this.parent);
      store.setBlobDiffId(l.blob.digest, l.blob.layer.diffId);
      this.holds.push(chain);
      this.parent = chain;
      l.phase = 'done';
      this.emit(update('Pull complete', l.id));
      if (this.cancelled || budget <= 0) return;
    }
  }

  private completeDownload(): void {
    const img = this.plan.items[this.itemIndex].resolved.image;
    const created = this.ctx.store.createImage(img.configJson);
    this.releaseHolds();
    if (!created.ok) throw new Error(`pull: ${created.message}`);
    this.finishItem(created.value);
  }

  /** Digest line and references (pullTag's tail). */
  private finishItem(imageId: string): void {
    const { store } = this.ctx;
    const item = this.plan.items[this.itemIndex];
    this.emit({ status: `Digest: ${item.resolved.digest}` });
    const ref = item.ref;
    const digestRef = withDigest(trimNamed(ref), item.resolved.digest);
    const addDigestRef = () => {
      if (digestRef.ok && store.getRef(digestRef.value) === undefined)
        store.addDigest(digestRef.value, imageId);
    };
    const old = store.getRef(ref);
    if (old === imageId) addDigestRef();
    else {
      if (ref.digest !== undefined) store.addDigest(ref, imageId);
      else {
        addDigestRef();
        store.addTag(ref, imageId);
      }
      this.anyNew = true;
    }
    this.itemIndex++;
    if (this.itemIndex < this.plan.items.length) {
      this.startItem();
      return;
    }
    const name = familiarString(this.plan.ref);
    this.emit({
      status: this.anyNew
        ? `Status: Downloaded newer image for ${name}`
        : `Status: Image is up to date for ${name}`,
    });
    this.ctx.logImageEvent(name, familiarName(this.plan.ref), 'pull');
    this.checkPlatform();
    this.end();
  }

  /**
   * PullImage's last step with --platform: a single-platform manifest is pulled whatever its
   * platform (for compatibility), with a warning when it is not the one asked for.
   */
  private checkPlatform(): void {
    const want = this.plan.platform;
    if (want === undefined) return;
    const { store } = this.ctx;
    const ref = isNameOnly(this.plan.ref) ? withTag(this.plan.ref, 'latest') : ok(this.plan.ref);
    const id = ref.ok ? store.getRef(ref.value) : undefined;
    if (id === undefined || !ref.ok) return;
    const cfg = store.config(id);
    const has: Platform = { os: cfg.os, architecture: cfg.architecture, variant: cfg.variant };
    if (onlyPlatformWithFallback(want)(has)) return;
    this.emit({
      status: `WARNING: image with reference ${familiarString(ref.value)} was found but its platform (${formatPlatformAll(has)}) does not match the specified platform (${formatPlatformAll(want)})`,
    });
  }
}
