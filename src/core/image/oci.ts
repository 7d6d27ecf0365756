// OCI image config, manifest and index documents, and their canonical JSON:
// the exact bytes are what get hashed into image IDs and manifest digests, so
// key order follows what the registry serves (BuildKit's output).
import { digestOf, sha256Hex } from '../hash';

export const MEDIA_TYPE_INDEX = 'application/vnd.oci.image.index.v1+json';
export const MEDIA_TYPE_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
export const MEDIA_TYPE_CONFIG = 'application/vnd.oci.image.config.v1+json';
export const MEDIA_TYPE_LAYER = 'application/vnd.oci.image.layer.v1.tar+gzip';

export type EmptyObject = Record<string, never>;

export interface HealthConfig {
  Test?: string[];
  Interval?: number;
  Timeout?: number;
  StartPeriod?: number;
  StartInterval?: number;
  Retries?: number;
}

/** The `config` member: the defaults a container made from the image starts with. */
export interface ContainerDefaults {
  User?: string;
  ExposedPorts?: Record<string, EmptyObject>;
  Env?: string[];
  Entrypoint?: string[];
  Cmd?: string[];
  Volumes?: Record<string, EmptyObject>;
  WorkingDir?: string;
  Labels?: Record<string, string>;
  StopSignal?: string;
  ArgsEscaped?: boolean;
  Healthcheck?: HealthConfig;
  OnBuild?: string[];
  Shell?: string[];
}

export interface HistoryEntry {
  created?: string;
  created_by?: string;
  author?: string;
  comment?: string;
  empty_layer?: boolean;
}

export interface ImageConfig {
  architecture: string;
  author?: string;
  comment?: string;
  config: ContainerDefaults;
  container?: string;
  created?: string;
  docker_version?: string;
  history: HistoryEntry[];
  os: string;
  /** Only images committed or built locally (legacy builder) have a parent. */
  parent?: string;
  rootfs: { type: 'layers'; diff_ids: string[] };
  variant?: string;
}

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  platform?: { architecture: string; os: string; variant?: string };
}

export interface Manifest {
  schemaVersion: 2;
  mediaType: typeof MEDIA_TYPE_MANIFEST;
  config: Descriptor;
  layers: Descriptor[];
}

export interface ImageIndex {
  schemaVersion: 2;
  mediaType: typeof MEDIA_TYPE_INDEX;
  manifests: Descriptor[];
}

const DEFAULTS_ORDER: (keyof ContainerDefaults)[] = [
  'User',
  'ExposedPorts',
  'Env',
  'Entrypoint',
  'Cmd',
  'Volumes',
  'WorkingDir',
  'Labels',
  'StopSignal',
  'ArgsEscaped',
  'Healthcheck',
  'OnBuild',
  'Shell',
];

/** ocispec.ImageConfig field order, every member omitted when empty. */
export function orderDefaults(c: ContainerDefaults): ContainerDefaults {
  const out: Record<string, unknown> = {};
  for (const k of DEFAULTS_ORDER) {
    const v = c[k];
    // a committed image's config is a container.Config: nil slices and maps are JSON null
    if (v === undefined || v === null || v === '' || v === false) continue;
    if (Array.isArray(v) && v.length === 0) continue;
    if (typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0) continue;
    out[k] = v;
  }
  return out as ContainerDefaults;
}

function orderHistory(h: HistoryEntry): HistoryEntry {
  const out: HistoryEntry = {};
  if (h.created !== undefined) out.created = h.created;
  if (h.created_by !== undefined) out.created_by = h.created_by;
  if (h.author !== undefined) out.author = h.author;
  if (h.comment !== undefined) out.comment = h.comment;
  if (h.empty_layer) out.empty_layer = true;
  return out;
}

/** The config blob's bytes: top-level keys sorted (BuildKit re-marshals through a map). */
export function serializeConfig(cfg: ImageConfig): string {
  const top: Record<string, unknown> = {
    architecture: cfg.architecture,
    author: cfg.author,
    comment: cfg.comment,
    config: orderDefaults(cfg.config),
    container: cfg.container,
    created: cfg.created,
    docker_version: cfg.docker_version,
    history: cfg.history.map(orderHistory),
    os: cfg.os,
    parent: cfg.parent,
    rootfs: { type: cfg.rootfs.type, diff_ids: cfg.rootfs.diff_ids },
    variant: cfg.variant,
  };
  for (const k of Object.keys(top)) if (top[k] === undefined || top[k] === '') delete top[k];
  return JSON.stringify(top);
}

export function parseConfig(json: string): ImageConfig {
  return JSON.parse(json) as ImageConfig;
}

/** Image ID: the digest of the config bytes. */
export function imageIdOf(configJson: string): string {
  return digestOf(configJson);
}

export function serializeManifest(m: Manifest): string {
  return JSON.stringify({
    schemaVersion: m.schemaVersion,
    mediaType: m.mediaType,
    config: descriptorJson(m.config),
    layers: m.layers.map(descriptorJson),
  });
}

export function serializeIndex(ix: ImageIndex): string {
  return JSON.stringify({
    schemaVersion: ix.schemaVersion,
    mediaType: ix.mediaType,
    manifests: ix.manifests.map(descriptorJson),
  });
}

function descriptorJson(d: Descriptor): Descriptor {
  const out: Descriptor = { mediaType: d.mediaType, digest: d.digest, size: d.size };
  if (d.platform) out.platform = d.platform;
  return out;
}

/** UTF-8 length of a JSON document (descriptor sizes count bytes). */
export function byteLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** ChainIDs of a stack of diff IDs: ChainID(L0)=DiffID(L0), ChainID(..Ln)=sha256(ChainID(..Ln-1)+" "+DiffID(Ln)). */
export function chainIds(diffIds: readonly string[]): string[] {
  const out: string[] = [];
  for (const d of diffIds) {
    const prev = out[out.length - 1];
    out.push(prev === undefined ? d : `sha256:${sha256Hex(`${prev} ${d}`)}`);
  }
  return out;
}

/** 12 hex characters after `sha256:` (stringid.TruncateID). */
export function truncateId(id: string): string {
  const i = id.indexOf(':');
  const hex = i >= 0 ? id.slice(i + 1) : id;
  return hex.length > 12 ? hex.slice(0, 12) : hex;
}
