// `docker diff`: moby's archive.ChangesDirs(container rootfs, parent rootfs),
// run over the merged view and the lower stack's view. Only names the upper
// touches can differ, so the walk follows the upper tree and skips the rest
// (moby prunes the same subtrees by comparing inode numbers).
//  - only in the new tree: A (an added directory lists its whole subtree);
//  - only in the old tree: D (its children are not listed);
//  - in both: C when mode, uid, gid differ, or for non-directories mtime or size;
//  - a directory that is not itself A or C but has changes below gets a
//    C entry just before them (never "/").
// Siblings come in Go map order in Docker (unspecified); here names that exist
// in the new tree come first, sorted, then deletions, sorted, as moby appends
// deletions after walking the new children.
import type { LowerNode } from './lower-tree';
import { childLoc, mergedNames, visibleEntry } from './merged';
import type { Loc } from './merged';
import { joinPath, parentPath } from './path';
import type { VisibleEntry } from './types';
import { contentSize } from './types';

export interface Change {
  readonly kind: 'A' | 'C' | 'D';
  readonly path: string;
}

/** moby's sameFsTime: equal, or the same second when one side has no sub-second part (tar mtimes). */
function sameFsTime(a: number, b: number): boolean {
  return a === b || (Math.floor(a / 1000) === Math.floor(b / 1000) && (a % 1000 === 0 || b % 1000 === 0));
}

function sizeOf(e: VisibleEntry): number {
  return e.kind === 'file' ? contentSize(e.content) : e.kind === 'symlink' ? contentSize(e.target) : 4096;
}

/** changes_unix.go statDifferent (the type is part of Go's FileMode). */
export function statDifferent(o: VisibleEntry, n: VisibleEntry): boolean {
  if (o.kind !== n.kind || o.mode !== n.mode || o.uid !== n.uid || o.gid !== n.gid) return true;
  return o.kind !== 'dir' && (!sameFsTime(o.mtime, n.mtime) || sizeOf(o) !== sizeOf(n));
}

/**
 * Paths never reported. "P" hides P and everything below it; "P/*" hides
 * what is below P but not P itself (e.g. "/dev/*").
 */
export class PathFilter {
  private readonly exact = new Set<string>();
  private readonly below = new Set<string>();
  constructor(paths: Iterable<string>) {
    for (const p of paths) {
      if (p.endsWith('/*')) this.below.add(p.slice(0, -2) || '/');
      else this.exact.add(p);
    }
  }
  /** Called for each path the walk visits, parents first, so ancestors need no check. */
  hides(path: string): boolean {
    return this.exact.has(path) || this.below.has(parentPath(path));
  }
}

export function diffMount(root: Loc, oldRoot: LowerNode | undefined, filter: PathFilter): Change[] {
  const out: Change[] = [];
  walk('/', root, visibleEntry(root)!, oldRoot, false, true, filter, out);
  return out;
}

// FileInfo.addChanges, with `old` the parent tree's node at the same path.
function walk(
  path: string,
  loc: Loc,
  entry: VisibleEntry,
  old: LowerNode | undefined,
  changed: boolean,
  isRoot: boolean,
  filter: PathFilter,
  out: Change[],
): void {
  const sizeAtEntry = out.length;
  let added = changed;
  if (old === undefined && !isRoot) {
    out.push({ kind: 'A', path });
    added = true;
  }
  if (entry.kind !== 'dir') return;
  const oldKids = old?.entry.kind === 'dir' ? old.children : undefined;
  // Where the merged directory still shows the very lower node the parent
  // tree has, names the upper does not touch are identical on both sides.
  const sameLower = oldKids !== undefined && loc.lower === old;
  const names = sameLower ? [...(loc.upper?.children?.keys() ?? [])].sort() : mergedNames(loc);
  const deleted = new Set<string>();
  for (const name of names) {
    const p = joinPath(path, name);
    if (filter.hides(p)) continue;
    const child = childLoc(loc, name);
    const oldChild = oldKids?.get(name);
    if (child === undefined) {
      if (oldChild !== undefined) deleted.add(name);
      continue;
    }
    const e = visibleEntry(child)!;
    let childChanged = false;
    // the parent tree is this mount's own lower tree: its stamped layer reads stamped on both sides
    const oldEntry =
      oldChild === undefined ? undefined : child.stamp ? child.stamp.entry(oldChild) : oldChild.entry;
    if (oldEntry !== undefined && statDifferent(oldEntry, e)) {
      out.push({ kind: 'C', path: p });
      childChanged = true;
    }
    walk(p, child, e, oldChild, childChanged, false, filter, out);
  }
  if (!sameLower && oldKids !== undefined) {
    for (const name of oldKids.keys()) {
      if (childLoc(loc, name) === undefined && !filter.hides(joinPath(path, name))) deleted.add(name);
    }
  }
  for (const name of [...deleted].sort()) out.push({ kind: 'D', path: joinPath(path, name) });
  if (out.length > sizeAtEntry && !added && !isRoot) out.splice(sizeAtEntry, 0, { kind: 'C', path });
}
