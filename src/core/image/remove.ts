// `docker rmi` as the daemon does it (daemon/images/image_delete.go): untag
// the reference typed, delete the image once nothing names it, free the layers
// nothing else holds, and refuse with Docker's conflict texts when containers
// or child images still need it.
import { fail, ok, type Failure, type Result } from './errors';
import { truncateId } from './oci';
import { familiarString, parseNormalizedNamed, tagNameOnly, type NamedRef } from './reference';
import type { ImageStore } from './store';

/** A container as far as image removal cares. */
export interface ContainerUse {
  readonly id: string;
  readonly imageId: string;
  readonly running: boolean;
}

export interface DeleteRecord {
  Untagged?: string;
  Deleted?: string;
}

export interface RemoveContext {
  readonly store: ImageStore;
  containers(): readonly ContainerUse[];
  logImageEvent(imageId: string, refName: string, action: string): void;
}

export interface RemoveOptions {
  force?: boolean;
  /** Also delete untagged parents (the API's default; `noprune` turns it off). */
  prune?: boolean;
}

const DEPENDENT_CHILD = 1;
const RUNNING_CONTAINER = 2;
const ACTIVE_REFERENCE = 4;
const STOPPED_CONTAINER = 8;
const HARD = DEPENDENT_CHILD | RUNNING_CONTAINER;
const SOFT = ACTIVE_REFERENCE | STOPPED_CONTAINER;

interface Conflict extends Failure {
  readonly used: boolean;
}

function conflict(imgId: string, hard: boolean, used: boolean, message: string): Conflict {
  return {
    ...fail(
      'conflict',
      `conflict: unable to delete ${truncateId(imgId)} (${hard ? 'cannot be forced' : 'must be forced'}) - ${message}`,
    ),
    used,
  };
}

/** All references in one repository and at most one tag (isSingleReference). */
function isSingleReference(refs: NamedRef[]): boolean {
  if (refs.length <= 1) return refs.length === 1;
  let single: NamedRef | undefined;
  const canonical = new Set<string>();
  for (const r of refs) {
    const name = `${r.domain}/${r.path}`;
    if (r.digest !== undefined) canonical.add(name);
    else if (single === undefined) single = r;
    else return false;
  }
  const s = single ?? refs[0];
  return canonical.size === 1 && canonical.has(`${s.domain}/${s.path}`);
}

function isImageIdPrefix(imageId: string, possiblePrefix: string): boolean {
  if (imageId.startsWith(possiblePrefix)) return true;
  const i = imageId.indexOf(':');
  return i >= 0 && imageId.slice(i + 1).startsWith(possiblePrefix);
}

function sameRepo(a: NamedRef, b: NamedRef): boolean {
  return a.domain === b.domain && a.path === b.path;
}

function checkConflict(ctx: RemoveContext, imgId: string, mask: number): Conflict | undefined {
  const { store } = ctx;
  if (mask & DEPENDENT_CHILD && store.children(imgId).length > 0) {
    return conflict(imgId, true, false, 'image has dependent child images');
  }
  if (mask & RUNNING_CONTAINER) {
    const c = ctx.containers().find((c) => c.imageId === imgId && c.running);
    if (c) return conflict(imgId, true, true, `image is being used by running container ${truncateId(c.id)}`);
  }
  if (mask & ACTIVE_REFERENCE && store.refsOf(imgId).length > 0) {
    return conflict(imgId, false, false, 'image is referenced in multiple repositories');
  }
  if (mask & STOPPED_CONTAINER) {
    const c = ctx.containers().find((c) => c.imageId === imgId && !c.running);
    if (c)
      return conflict(imgId, false, true, `image is being used by stopped container ${truncateId(c.id)}`);
  }
  return undefined;
}

function isDangling(store: ImageStore, imgId: string): boolean {
  return store.refsOf(imgId).length === 0 && store.children(imgId).length === 0;
}

function removeRef(ctx: RemoveContext, imgId: string, ref: NamedRef, records: DeleteRecord[]): NamedRef {
  const r = tagNameOnly(ref);
  ctx.store.deleteRef(r);
  ctx.logImageEvent(imgId, imgId, 'untag');
  records.push({ Untagged: familiarString(r) });
  return r;
}

function deleteHelper(
  ctx: RemoveContext,
  imgId: string,
  records: DeleteRecord[],
  force: boolean,
  prune: boolean,
  quiet: boolean,
): Failure | undefined {
  const { store } = ctx;
  const c = checkConflict(ctx, imgId, force ? HARD : HARD | SOFT);
  if (c) {
    // a quiet delete (after untagging, or pruning parents) gives up silently
    // unless the image would be left dangling and unused
    if (quiet && (!isDangling(store, imgId) || c.used)) return undefined;
    return c;
  }
  const parent = store.parentOf(imgId);
  for (const ref of store.refsOf(imgId)) removeRef(ctx, imgId, ref, records);
  const removed = store.deleteImage(imgId);
  ctx.logImageEvent(imgId, imgId, 'delete');
  records.push({ Deleted: imgId });
  for (const l of removed) records.push({ Deleted: l.chainId });
  if (!prune || parent === undefined) return undefined;
  return deleteHelper(ctx, parent, records, false, true, true);
}

/** ImageDelete: the records `docker rmi` prints, or the daemon's error. */
export function removeImage(
  ctx: RemoveContext,
  imageRef: string,
  opts: RemoveOptions = {},
): Result<DeleteRecord[]> {
  const { store } = ctx;
  const force = opts.force ?? false;
  const prune = opts.prune ?? true;
  const found = store.lookup(imageRef);
  if (!found.ok) return found;
  const imgId = found.value;
  let refs = store.refsOf(imgId);
  const records: DeleteRecord[] = [];
  let removedRepositoryRef = false;

  if (!isImageIdPrefix(imgId, imageRef)) {
    if (!force && isSingleReference(refs)) {
      const user = ctx.containers().find((c) => c.imageId === imgId);
      if (user) {
        return fail(
          'conflict',
          `conflict: unable to remove repository reference ${JSON.stringify(imageRef)} (must force) - container ${truncateId(user.id)} is using its referenced image ${truncateId(imgId)}`,
        );
      }
    }
    const parsed = parseNormalizedNamed(imageRef);
    if (!parsed.ok) return parsed;
    const removed = removeRef(ctx, imgId, parsed.value, records);
    refs = store.refsOf(imgId);
    // untagging the last tag of a repository also drops its digest references
    if (removed.digest === undefined && !refs.some((r) => r.digest === undefined && sameRepo(r, removed))) {
      const remaining: NamedRef[] = [];
      for (const r of refs) {
        if (r.digest !== undefined && sameRepo(r, removed)) {
          store.deleteRef(r);
          records.push({ Untagged: familiarString(r) });
        } else remaining.push(r);
      }
      refs = remaining;
    }
    if (refs.length > 0) return ok(records);
    removedRepositoryRef = true;
  } else if (isSingleReference(refs)) {
    const c = checkConflict(ctx, imgId, force ? HARD : HARD | (SOFT & ~ACTIVE_REFERENCE));
    if (c) return c;
    for (const r of refs) removeRef(ctx, imgId, r, records);
  }

  const err = deleteHelper(ctx, imgId, records, force, prune, removedRepositoryRef);
  if (err) return err;
  return ok(records);
}
