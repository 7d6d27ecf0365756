// GET /images/json (daemon/images/image_list.go): one ImageSummary per image,
// newest first, with Docker's filters (dangling, label, before, since,
// reference, until) and the v1.51 field set.
import type { ApiResponse } from './api';
import {
  getBoolOrDefault,
  matchKVList,
  parseFilters,
  parseTimestamp,
  validateFilters,
} from '../image/filters';
import { chainIds } from '../image/oci';
import { familiarMatch, familiarString } from '../image/reference';
import type { ImageService } from '../image/service';
import { boolValue, errorResponse } from './engine';

/** The Engine API's ImageSummary, keys in the order Docker marshals them. */
export interface ImageSummary {
  Containers: number;
  Created: number;
  Id: string;
  Labels: Record<string, string> | null;
  ParentId: string;
  RepoDigests: string[];
  RepoTags: string[];
  SharedSize: number;
  Size: number;
}

const ACCEPTED = ['dangling', 'label', 'before', 'since', 'reference', 'until'];

function createdMs(images: ImageService, id: string): number | undefined {
  const c = images.store.config(id).created;
  if (c === undefined) return undefined;
  const t = Date.parse(c);
  return Number.isNaN(t) ? undefined : t;
}

/**
 * GET /images/json. `containerCount` is ListOptions.ContainerCount, which only
 * `system df` sets: otherwise Containers is -1 ("not counted"), as newImageSummary leaves it.
 */
export function listImages(
  images: ImageService,
  query: Readonly<Record<string, string | undefined>>,
  containerCount = false,
): ApiResponse {
  const { store } = images;
  const fr = parseFilters(query.filters);
  if (!fr.ok) return errorResponse(fr);
  const filters = fr.value;
  const bad = validateFilters(filters, ACCEPTED);
  if (bad) return { status: 400, body: { message: bad } };
  const dangling = getBoolOrDefault(filters, 'dangling', false);
  if (!dangling.ok) return errorResponse(dangling);
  const danglingOnly = dangling.value;
  const all = boolValue(query, 'all');

  let before: number | undefined;
  let since: number | undefined;
  for (const v of filters.get('before') ?? []) {
    const id = images.get(v);
    if (!id.ok) return errorResponse(id);
    const t = createdMs(images, id.value);
    if (t !== undefined && (before === undefined || before > t)) before = t;
  }
  for (const v of filters.get('until') ?? []) {
    const t = parseTimestamp(v, images.clock.now());
    if (!t.ok) return errorResponse(t);
    if (before === undefined || before > t.value) before = t.value;
  }
  for (const v of filters.get('since') ?? []) {
    const id = images.get(v);
    if (!id.ok) return errorResponse(id);
    const t = createdMs(images, id.value);
    if (t !== undefined && (since === undefined || since < t)) since = t;
  }
  const patterns = filters.get('reference');

  const containersOf = new Map<string, number>();
  if (containerCount)
    for (const c of images.containers()) containersOf.set(c.imageId, (containersOf.get(c.imageId) ?? 0) + 1);
  const out: ImageSummary[] = [];
  for (const id of danglingOnly ? store.heads() : store.imageIds()) {
    const created = createdMs(images, id);
    if (before !== undefined && (created === undefined || created >= before)) continue;
    if (since !== undefined && (created === undefined || created <= since)) continue;
    const cfg = store.config(id);
    if (filters.has('label') && !matchKVList(filters, 'label', cfg.config.Labels ?? {})) continue;
    const repoDigests: string[] = [];
    const repoTags: string[] = [];
    for (const ref of store.refsOf(id)) {
      if (patterns) {
        let found = false;
        for (const p of patterns) {
          const m = familiarMatch(p, ref);
          if (!m.ok) return errorResponse(m);
          if (m.value) {
            found = true;
            break;
          }
        }
        if (!found) continue;
      }
      if (ref.digest !== undefined) repoDigests.push(familiarString(ref));
      if (ref.tag !== undefined) repoTags.push(familiarString(ref));
    }
    if (repoDigests.length === 0 && repoTags.length === 0) {
      if (all || store.children(id).length === 0) {
        if (filters.has('dangling') && !danglingOnly) continue;
        if (filters.has('reference')) continue;
      } else continue;
    } else if (danglingOnly && repoTags.length > 0) continue;
    out.push({
      Containers: containerCount ? (containersOf.get(id) ?? 0) : -1,
      Created: created === undefined ? 0 : Math.floor(created / 1000),
      Id: id,
      Labels: cfg.config.Labels ?? null,
      ParentId: cfg.parent ?? '',
      RepoDigests: repoDigests,
      RepoTags: repoTags,
      SharedSize: -1,
      Size: store.imageSize(id),
    });
  }

  if (boolValue(query, 'shared-size')) {
    const refs = new Map<string, number>();
    for (const id of store.imageIds()) for (const c of store.chainOf(id)) refs.set(c, (refs.get(c) ?? 0) + 1);
    for (const s of out) {
      s.SharedSize = 0;
      for (const c of chainIds(store.config(s.Id).rootfs.diff_ids))
        if ((refs.get(c) ?? 0) > 1) s.SharedSize += store.layer(c)?.size ?? 0;
    }
  }
  // newest first; ties keep the store's order (Go's sort leaves them unspecified)
  out.sort((a, b) => b.Created - a.Created);
  return { status: 200, body: out };
}
