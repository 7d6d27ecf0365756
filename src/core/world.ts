// The whole simulated machine in one place: the clock and randomness every
// part draws on, the registry, the daemon's image service and event log, and
// the Engine API the CLI talks to. Other parts (containers, volumes, networks)
// are wired in here as they arrive.
import { VirtualClock, type Clock } from './clock';
import { Engine } from './daemon/engine';
import { EventLog } from './events';
import { Registry } from './image/registry';
import { ImageService } from './image/service';
import { ImageStore, type ImageStoreState } from './image/store';
import type { PullOptions } from './image/pull';
import { seededRandom, type Random } from './random';

export interface WorldOptions {
  /** Time source; a VirtualClock (starting at `now`) when omitted. */
  clock?: Clock;
  /** Seed of the world's randomness (IDs, overlay directory names). */
  seed?: number;
  /** Start time of the default VirtualClock, ms since the epoch. */
  now?: number;
  /** Registry contents; the default catalog when omitted. */
  registry?: Registry;
  /** A saved image store to start from (see World.snapshot). */
  images?: ImageStoreState;
  /** Download/extraction speeds of pulls. */
  pull?: PullOptions;
}

export interface World {
  readonly clock: Clock;
  readonly random: Random;
  readonly registry: Registry;
  readonly images: ImageService;
  readonly events: EventLog;
  readonly engine: Engine;
  /** Plain data of the world's state, enough for createWorld({ images }) to rebuild it. */
  snapshot(): { images: ImageStoreState };
}

export function createWorld(opts: WorldOptions = {}): World {
  const clock = opts.clock ?? new VirtualClock(opts.now);
  const random = seededRandom(opts.seed ?? 1);
  const registry = opts.registry ?? new Registry();
  const layerSource = (diffId: string) => registry.layer(diffId);
  const store = opts.images
    ? ImageStore.fromJSON(opts.images, random, layerSource)
    : new ImageStore(random, layerSource);
  const events = new EventLog(clock);
  const images = new ImageService(store, registry, clock, events);
  if (opts.pull) images.pullOptions = opts.pull;
  const engine = new Engine({ images });
  return {
    clock,
    random,
    registry,
    images,
    events,
    engine,
    snapshot: () => ({ images: store.toJSON() }),
  };
}
