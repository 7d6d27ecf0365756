// `docker image prune [-a]` (daemon/images/image_prune.go): delete dangling
// images, or with dangling=false every image no container uses, through the
// same quiet ImageDelete, and report the bytes of the layers freed.
import { fail, ok, type Result } from './errors';
import { matchKVList, getBoolOrDefault, parseUntil, validateFilters, type Filters } from './filters';
import { refString } from './reference';
import { removeImage, type DeleteRecord, type RemoveContext } from './remove';

export interface PruneReport {
  ImagesDeleted: DeleteRecord[] | null;
  SpaceReclaimed: number;
}

const ACCEPTED = ['dangling', 'label', 'label!', 'until'];

export function pruneImages(ctx: RemoveContext, filters: Filters, now: number): Result<PruneReport> {
  const { store } = ctx;
  const invalid = validateFilters(filters, ACCEPTED);
  if (invalid) return fail('invalid', invalid);
  const danglingOnly = getBoolOrDefault(filters, 'dangling', true);
  if (!danglingOnly.ok) return danglingOnly;
  const until = parseUntil(filters, now);
  if (!until.ok) return until;

  const sizes = new Map(store.allLayers().map((l) => [l.chainId, l.size]));
  const candidates = danglingOnly.value ? store.heads() : store.imageIds();
  const top: string[] = [];
  for (const id of candidates) {
    if (store.refsOf(id).length === 0 && store.children(id).length !== 0) continue;
    const cfg = store.config(id);
    if (until.value !== undefined) {
      const created = cfg.created === undefined ? NaN : Date.parse(cfg.created);
      if (Number.isNaN(created) || created > until.value) continue;
    }
    const labels = cfg.config.Labels ?? {};
    if (!matchKVList(filters, 'label', labels)) continue;
    if (filters.has('label!') && matchKVList(filters, 'label!', labels)) continue;
    top.push(id);
  }

  const deleted: DeleteRecord[] = [];
  for (const id of top) {
    if (!store.hasImage(id)) continue;
    const refs = store.refsOf(id);
    if (refs.length > 0) {
      const shouldDelete = !danglingOnly.value || !refs.some((r) => r.tag !== undefined);
      if (!shouldDelete) continue;
      for (const r of refs) {
        const res = removeImage(ctx, refString(r), { prune: true });
        if (res.ok) deleted.push(...res.value);
      }
    } else {
      const res = removeImage(ctx, id.slice('sha256:'.length), { prune: true });
      if (res.ok) deleted.push(...res.value);
    }
  }

  let reclaimed = 0;
  for (const d of deleted) if (d.Deleted !== undefined) reclaimed += sizes.get(d.Deleted) ?? 0;
  return ok({ ImagesDeleted: deleted.length ? deleted : null, SpaceReclaimed: reclaimed });
}
