// The daemon's image service: the store plus the registry, the clock and the
// event log, with the operations the Engine API exposes (lookup, tag, remove,
// prune, pull). Containers are another part of the world, so which ones use an
// image is asked through a callback.
import type { Clock } from '../clock';
import type { JsonMessage } from '../daemon/api';
import type { EventLog } from '../events';
import { ok, type Result } from './errors';
import type { Filters } from './filters';
import type { Platform } from './platform';
import { pruneImages, type PruneReport } from './prune';
import { PullJob, planPull, type PullOptions, type PullPlan } from './pull';
import { familiarString, type NamedRef } from './reference';
import type { Registry } from './registry';
import {
  removeImage,
  type ContainerUse,
  type DeleteRecord,
  type RemoveContext,
  type RemoveOptions,
} from './remove';
import type { ImageStore } from './store';

export type { ContainerUse };

export class ImageService implements RemoveContext {
  private containerSource: () => readonly ContainerUse[] = () => [];
  pullOptions: PullOptions = {};

  constructor(
    readonly store: ImageStore,
    readonly registry: Registry,
    readonly clock: Clock,
    readonly events: EventLog,
  ) {}

  /** Wire in the containers (the container service does this when it exists). */
  setContainers(source: () => readonly ContainerUse[]): void {
    this.containerSource = source;
  }

  containers(): readonly ContainerUse[] {
    return this.containerSource();
  }

  /** LogImageEvent: attributes are the image's labels (if it still exists) plus `name`. */
  logImageEvent(imageId: string, refName: string, action: string): void {
    const attributes: Record<string, string> = {};
    const found = this.store.lookup(imageId);
    if (found.ok) Object.assign(attributes, this.store.config(found.value).config.Labels ?? {});
    if (refName !== '') attributes.name = refName;
    this.events.emit('image', action, { ID: imageId, Attributes: attributes });
  }

  /** No tag (digest references may remain) and no child image: `docker images -f dangling=true` lists it. */
  isDangling(imageId: string): boolean {
    return this.store.repoTags(imageId).length === 0 && this.store.children(imageId).length === 0;
  }

  /** No container, running or stopped, was made from it: `docker image prune -a` removes it. */
  isUnused(imageId: string): boolean {
    return !this.containers().some((c) => c.imageId === imageId);
  }

  /** GetImage: a name or ID to an image ID. */
  get(refOrId: string): Result<string> {
    return this.store.lookup(refOrId);
  }

  /** TagImage: point `ref` (tag defaulting to latest) at the image and note the time. */
  tag(imageId: string, ref: NamedRef): Result<void> {
    const r = this.store.addTag(ref, imageId);
    if (!r.ok) return r;
    this.store.setLastTagTime(imageId, this.clock.now());
    this.logImageEvent(
      imageId,
      familiarString(ref.tag === undefined ? { ...ref, tag: 'latest' } : ref),
      'tag',
    );
    return ok(undefined);
  }

  remove(imageRef: string, opts: RemoveOptions = {}): Result<DeleteRecord[]> {
    return removeImage(this, imageRef, opts);
  }

  prune(filters: Filters): Result<PruneReport> {
    const r = pruneImages(this, filters, this.clock.now());
    if (r.ok)
      this.events.emit('image', 'prune', {
        ID: '',
        Attributes: { reclaimed: String(r.value.SpaceReclaimed) },
      });
    return r;
  }

  /** Resolve what a pull needs from the registry; failures are the daemon's HTTP errors. */
  planPull(ref: NamedRef, platform?: Platform): Result<PullPlan> {
    return planPull(this.registry, ref, platform);
  }

  /** Run a planned pull: messages to `emit`, `onEnd` when it is over (or cancelled). */
  startPull(
    plan: PullPlan,
    emit: (m: JsonMessage) => void,
    onEnd: () => void,
    opts: PullOptions = {},
  ): PullJob {
    return new PullJob(this, plan, emit, onEnd, { ...this.pullOptions, ...opts }).start();
  }
}
