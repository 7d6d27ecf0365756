// Images as recipes: a base image plus Dockerfile-like steps, each with its
// history line, an optional lazily built layer and a config change. Building
// a recipe yields the registry's documents (config, manifest, index) with real
// digests; a base recipe's Layer objects are shared by everything built on it.
import type { Layer } from '../../fs/layer';
import { digestOf } from '../../hash';
import {
  MEDIA_TYPE_CONFIG,
  MEDIA_TYPE_INDEX,
  MEDIA_TYPE_LAYER,
  MEDIA_TYPE_MANIFEST,
  byteLength,
  imageIdOf,
  serializeConfig,
  serializeIndex,
  serializeManifest,
  type ContainerDefaults,
  type HistoryEntry,
  type ImageConfig,
} from '../oci';
import type { Platform } from '../platform';
import { layerFor } from './foreign';

export const BUILDKIT = 'buildkit.dockerfile.v0';

export interface Step {
  readonly createdBy: string;
  /** ISO time of the history entry. */
  readonly created: string;
  readonly comment?: string;
  /** The layer this step made; absent for metadata-only steps (empty_layer). */
  readonly layer?: () => Layer;
  /** Compressed/uncompressed size of the layer's blob (gzip of a tar). */
  readonly ratio?: number;
  readonly config?: (c: ContainerDefaults) => ContainerDefaults;
  /** The history line of another platform's build, when it names the platform (a rootfs tarball). */
  readonly createdByFor?: (p: Platform) => string;
}

export interface Recipe {
  /** For messages and tests, e.g. `python:3.13-bookworm`. */
  readonly name: string;
  readonly base?: Recipe;
  readonly steps: readonly Step[];
  /**
   * The platforms the registry's index lists, in its order (linux/amd64 when absent). Only
   * linux/amd64 is built from the steps; the others are its layers rebuilt by `layerFor`.
   */
  readonly platforms?: readonly Platform[];
}

export interface LayerBlob {
  readonly layer: Layer;
  /** Digest and size of the compressed blob the registry serves (not the diff ID). */
  readonly digest: string;
  readonly size: number;
}

/** One platform's image: its layers, config and manifest. */
export interface PlatformImage {
  readonly platform: Platform;
  readonly layers: readonly LayerBlob[];
  readonly config: ImageConfig;
  readonly configJson: string;
  readonly configDigest: string;
  readonly manifestJson: string;
  readonly manifestDigest: string;
}

/** The image as the index resolves it: the fields of one platform (linux/amd64 unless selected). */
export interface BuiltImage extends PlatformImage {
  readonly recipe: Recipe;
  readonly indexJson: string;
  readonly indexDigest: string;
  /** Every platform of the index, in its order. */
  readonly variants: readonly PlatformImage[];
}

export const LINUX_AMD64: Platform = { os: 'linux', architecture: 'amd64' };

/** Memoise a layer factory: built the first time it is needed, then shared. */
export function lazy(make: () => Layer): () => Layer {
  let l: Layer | undefined;
  return () => (l ??= make());
}

function allSteps(r: Recipe): Step[] {
  return r.base ? [...allSteps(r.base), ...r.steps] : [...r.steps];
}

/** gzip of a tar: headers cost ~512 bytes each before compression, content shrinks by `ratio`. */
export function compressedSize(layer: Layer, ratio: number): number {
  return Math.round(layer.size * ratio) + 90 + 45 * layer.entries.size;
}

function blobOf(layer: Layer, ratio: number): LayerBlob {
  return { layer, digest: digestOf(`tar+gzip ${layer.diffId}`), size: compressedSize(layer, ratio) };
}

function platformImage(
  platform: Platform,
  layers: LayerBlob[],
  defaults: ContainerDefaults,
  history: HistoryEntry[],
  created: string | undefined,
): PlatformImage {
  const config: ImageConfig = {
    architecture: platform.architecture,
    config: defaults,
    created,
    history,
    os: platform.os,
    rootfs: { type: 'layers', diff_ids: layers.map((l) => l.layer.diffId) },
  };
  if (platform.variant) config.variant = platform.variant;
  const configJson = serializeConfig(config);
  const configDigest = imageIdOf(configJson);
  const manifestJson = serializeManifest({
    schemaVersion: 2,
    mediaType: MEDIA_TYPE_MANIFEST,
    config: { mediaType: MEDIA_TYPE_CONFIG, digest: configDigest, size: byteLength(configJson) },
    layers: layers.map((l) => ({ mediaType: MEDIA_TYPE_LAYER, digest: l.digest, size: l.size })),
  });
  return {
    platform,
    layers,
    config,
    configJson,
    configDigest,
    manifestJson,
    manifestDigest: digestOf(manifestJson),
  };
}

const built = new Map<Recipe, BuiltImage>();

export function buildImage(recipe: Recipe): BuiltImage {
  const cached = built.get(recipe);
  if (cached) return cached;
  const steps = allSteps(recipe);
  let defaults: ContainerDefaults = {};
  const history: HistoryEntry[] = [];
  const layers: LayerBlob[] = [];
  const ratios: number[] = [];
  for (const s of steps) {
    if (s.config) defaults = s.config(defaults);
    const h: HistoryEntry = { created: s.created, created_by: s.createdBy };
    if (s.comment !== undefined) h.comment = s.comment;
    if (!s.layer) h.empty_layer = true;
    history.push(h);
    if (s.layer) {
      layers.push(blobOf(s.layer(), s.ratio ?? 0.38));
      ratios.push(s.ratio ?? 0.38);
    }
  }
  const created = steps[steps.length - 1]?.created;
  const host = platformImage(LINUX_AMD64, layers, defaults, history, created);
  const historyFor = (p: Platform) =>
    history.map((h, i) => {
      const s = steps[i];
      return s.createdByFor ? { ...h, created_by: s.createdByFor(p) } : h;
    });
  const variants = (recipe.platforms ?? [LINUX_AMD64]).map((p) =>
    p.os === 'linux' && p.architecture === 'amd64' && !p.variant
      ? host
      : platformImage(
          p,
          layers.map((l, i) => blobOf(layerFor(l.layer, p), ratios[i])),
          defaults,
          historyFor(p),
          created,
        ),
  );
  const indexJson = serializeIndex({
    schemaVersion: 2,
    mediaType: MEDIA_TYPE_INDEX,
    manifests: variants.map((v) => {
      const platform: { architecture: string; os: string; variant?: string } = {
        architecture: v.platform.architecture,
        os: v.platform.os,
      };
      if (v.platform.variant) platform.variant = v.platform.variant;
      return {
        mediaType: MEDIA_TYPE_MANIFEST,
        digest: v.manifestDigest,
        size: byteLength(v.manifestJson),
        platform,
      };
    }),
  });
  const b: BuiltImage = {
    ...host,
    recipe,
    indexJson,
    indexDigest: digestOf(indexJson),
    variants,
  };
  built.set(recipe, b);
  return b;
}

/** The image as pulled for one of its index's platforms. */
export function withVariant(b: BuiltImage, v: PlatformImage): BuiltImage {
  return v.manifestDigest === b.manifestDigest ? b : { ...b, ...v };
}

// --- Dockerfile instructions as BuildKit records them ------------------------------

type Env = Record<string, string>;

function setEnv(c: ContainerDefaults, kv: Env): ContainerDefaults {
  const env = [...(c.Env ?? [])];
  for (const [k, v] of Object.entries(kv)) {
    const i = env.findIndex((e) => e.startsWith(`${k}=`));
    if (i >= 0) env[i] = `${k}=${v}`;
    else env.push(`${k}=${v}`);
  }
  return { ...c, Env: env };
}

/** Go's %q of a []string: `["nginx" "-g" "daemon off;"]`. */
function goQuoteList(xs: readonly string[]): string {
  return `[${xs.map((x) => JSON.stringify(x)).join(' ')}]`;
}

export const df = {
  env(created: string, kv: Env): Step {
    const line = Object.entries(kv)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ');
    return { created, createdBy: `ENV ${line}`, comment: BUILDKIT, config: (c) => setEnv(c, kv) };
  },
  cmd(created: string, argv: string[]): Step {
    return {
      created,
      createdBy: `CMD ${goQuoteList(argv)}`,
      comment: BUILDKIT,
      config: (c) => ({ ...c, Cmd: argv }),
    };
  },
  entrypoint(created: string, argv: string[]): Step {
    // ENTRYPOINT resets CMD inherited from the base image
    return {
      created,
      createdBy: `ENTRYPOINT ${goQuoteList(argv)}`,
      comment: BUILDKIT,
      config: (c) => ({ ...c, Entrypoint: argv, Cmd: undefined }),
    };
  },
  expose(created: string, ports: string[]): Step {
    const map = `map[${ports.map((p) => `${p}:{}`).join(' ')}]`;
    return {
      created,
      createdBy: `EXPOSE ${map}`,
      comment: BUILDKIT,
      config: (c) => ({
        ...c,
        ExposedPorts: { ...(c.ExposedPorts ?? {}), ...Object.fromEntries(ports.map((p) => [p, {}])) },
      }),
    };
  },
  stopSignal(created: string, sig: string): Step {
    return {
      created,
      createdBy: `STOPSIGNAL ${sig}`,
      comment: BUILDKIT,
      config: (c) => ({ ...c, StopSignal: sig }),
    };
  },
  volume(created: string, paths: string[]): Step {
    return {
      created,
      createdBy: `VOLUME [${paths.join(' ')}]`,
      comment: BUILDKIT,
      config: (c) => ({
        ...c,
        Volumes: { ...(c.Volumes ?? {}), ...Object.fromEntries(paths.map((p) => [p, {}])) },
      }),
    };
  },
  workdir(created: string, dir: string, layer?: () => Layer): Step {
    return {
      created,
      createdBy: `WORKDIR ${dir}`,
      comment: BUILDKIT,
      layer,
      config: (c) => ({ ...c, WorkingDir: dir }),
    };
  },
  label(created: string, labels: Env): Step {
    const line = Object.entries(labels)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ');
    return {
      created,
      createdBy: `LABEL ${line}`,
      comment: BUILDKIT,
      config: (c) => ({ ...c, Labels: { ...(c.Labels ?? {}), ...labels } }),
    };
  },
  run(created: string, script: string, layer: () => Layer, ratio?: number): Step {
    return { created, createdBy: `RUN /bin/sh -c ${script} # buildkit`, comment: BUILDKIT, layer, ratio };
  },
  copy(created: string, what: string, layer: () => Layer, ratio = 0.45): Step {
    return { created, createdBy: `COPY ${what} # buildkit`, comment: BUILDKIT, layer, ratio };
  },
};
