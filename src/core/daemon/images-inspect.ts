// GET /images/{name}/json and /images/{name}/history, shaped as Docker 28
// (API 1.51) sends them: Container/ContainerConfig and VirtualSize are gone,
// and Config is re-marshalled through a map (inspect_response.go), so its keys
// come sorted, after Metadata, with the legacy members present even when empty.
import type { ApiResponse } from './api';
import { orderDefaults } from '../image/oci';
import type { ImageService } from '../image/service';
import { errorResponse } from './engine';

/** Go's time.Format(time.RFC3339Nano) of a stored timestamp: trailing zeros of the fraction dropped, UTC as Z. */
export function rfc3339Nano(s: string): string {
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)$/i.exec(s);
  if (!m) return s;
  const frac = (m[2] ?? '').replace(/0+$/, '');
  const zone = m[3].toUpperCase() === 'Z' || m[3] === '+00:00' || m[3] === '-00:00' ? 'Z' : m[3];
  return `${m[1]}${frac ? `.${frac}` : ''}${zone}`;
}

/** A millisecond clock reading as RFC3339Nano; Go's zero time for "never". */
export function msToRfc3339Nano(ms: number | null): string {
  return ms === null ? '0001-01-01T00:00:00Z' : rfc3339Nano(new Date(ms).toISOString());
}

/** Members of the image config the daemon always sends (moby#50134), filled in when unset. */
const LEGACY_CONFIG: Record<string, unknown> = {
  Cmd: null,
  Entrypoint: null,
  Env: null,
  Labels: null,
  OnBuild: null,
  User: '',
  Volumes: null,
  WorkingDir: '',
};

export function inspectImage(images: ImageService, name: string): ApiResponse {
  const found = images.get(name);
  if (!found.ok) return errorResponse(found);
  const id = found.value;
  const { store } = images;
  const cfg = store.config(id);
  const rec = store.image(id);
  const chain = store.chainOf(id);
  const dirs = chain.map((c) => `/var/lib/docker/overlay2/${store.layer(c)?.cacheId ?? ''}`);
  let graph: Record<string, string> | null = null;
  const top = dirs[dirs.length - 1];
  if (top !== undefined) {
    graph = {};
    const lower = dirs.slice(0, -1).reverse();
    if (lower.length > 0) graph.LowerDir = lower.map((d) => `${d}/diff`).join(':');
    graph.MergedDir = `${top}/merged`;
    graph.UpperDir = `${top}/diff`;
    graph.WorkDir = `${top}/work`;
  }
  const defaults: Record<string, unknown> = { ...LEGACY_CONFIG, ...orderDefaults(cfg.config) };
  const config = Object.fromEntries(
    Object.keys(defaults)
      .sort()
      .map((k) => [k, defaults[k]]),
  );
  const comment = cfg.comment || cfg.history[cfg.history.length - 1]?.comment || '';
  const body: Record<string, unknown> = {
    Id: id,
    RepoTags: store.repoTags(id),
    RepoDigests: store.repoDigests(id),
    Parent: cfg.parent ?? '',
    Comment: comment,
  };
  if (cfg.created !== undefined) body.Created = rfc3339Nano(cfg.created);
  body.DockerVersion = cfg.docker_version ?? '';
  body.Author = cfg.author ?? '';
  body.Architecture = cfg.architecture;
  if (cfg.variant) body.Variant = cfg.variant;
  body.Os = cfg.os;
  body.Size = store.imageSize(id);
  body.GraphDriver = { Data: graph, Name: 'overlay2' };
  body.RootFS = cfg.rootfs.diff_ids.length
    ? { Type: cfg.rootfs.type, Layers: [...cfg.rootfs.diff_ids] }
    : { Type: cfg.rootfs.type };
  body.Metadata = { LastTagTime: msToRfc3339Nano(rec?.lastTagTime ?? null) };
  body.Config = config;
  return { status: 200, body };
}

export interface HistoryItem {
  Comment: string;
  Created: number;
  CreatedBy: string;
  Id: string;
  Size: number;
  Tags: string[] | null;
}

export function imageHistory(images: ImageService, name: string): ApiResponse {
  const found = images.get(name);
  if (!found.ok) return errorResponse(found);
  const { store } = images;
  const id = found.value;
  const cfg = store.config(id);
  const chain = store.chainOf(id);
  const out: HistoryItem[] = [];
  let n = 0;
  for (const h of cfg.history) {
    let size = 0;
    if (!h.empty_layer) {
      if (n >= chain.length)
        return { status: 500, body: { message: 'too many non-empty layers in History section' } };
      size = store.layer(chain[n])?.size ?? 0;
      n++;
    }
    const t = h.created === undefined ? NaN : Date.parse(h.created);
    out.unshift({
      Comment: h.comment ?? '',
      Created: Number.isNaN(t) ? 0 : Math.floor(t / 1000),
      CreatedBy: h.created_by ?? '',
      Id: '<missing>',
      Size: size,
      Tags: null,
    });
  }
  // the newest entries belong to this image, older ones to its parents (if built locally)
  let cur: string | undefined = id;
  for (const item of out) {
    if (cur === undefined) break;
    item.Id = cur;
    const tags = store.repoTags(cur);
    item.Tags = tags.length ? tags : null;
    cur = store.parentOf(cur);
  }
  return { status: 200, body: out };
}
