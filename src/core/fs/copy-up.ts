// Copy-up and the other edits of the upper tree, as overlayfs makes them: a
// change below a lower directory first recreates that directory (and its
// parents) in the upper with the same metadata; a file is copied up whole
// (metacopy is off in Docker's overlay2); removing a name the lower stack
// has leaves a whiteout, otherwise the upper entry simply goes.
import { lowerEntry, lowerHas } from './merged';
import type { Loc, UpperNode } from './merged';
import type { Frame } from './resolve';
import type { DirEntry, Entry, VisibleEntry } from './types';

/** A lower directory's metadata as copy-up recreates it: trusted.overlay.* xattrs (opaque) are not copied. */
export function plainDir(e: DirEntry): DirEntry {
  return e.opaque ? { kind: 'dir', mode: e.mode, uid: e.uid, gid: e.gid, mtime: e.mtime } : e;
}

function nodeFor(entry: Entry): UpperNode {
  return { entry, children: entry.kind === 'dir' ? new Map() : undefined };
}

/** Make every directory of `frames` exist in the upper; returns the upper node of the last one. */
export function copyUpDirs(frames: readonly Frame[]): UpperNode {
  let parent = frames[0].loc.upper!;
  for (let i = 1; i < frames.length; i++) {
    const f = frames[i];
    if (f.loc.upper === undefined) {
      // another resolution of this operation may have copied it up already
      let node = parent.children!.get(f.name);
      if (node === undefined || node.entry.kind !== 'dir') {
        node = nodeFor(plainDir(lowerEntry(f.loc) as DirEntry));
        parent.children!.set(f.name, node);
      }
      f.loc.upper = node;
    }
    parent = f.loc.upper;
  }
  return parent;
}

/** Copy the target itself up (a file whole, a directory without its contents). */
export function copyUp(frames: readonly Frame[], name: string, loc: Loc): UpperNode {
  const parent = copyUpDirs(frames);
  if (loc.upper === undefined) {
    const e = lowerEntry(loc);
    const node = nodeFor(e.kind === 'dir' ? plainDir(e) : e);
    parent.children!.set(name, node);
    loc.upper = node;
  }
  return loc.upper;
}

/** A directory's mtime moves when a name is added or removed in it. */
export function touchDir(node: UpperNode, now: number): void {
  const e = node.entry as DirEntry;
  if (e.mtime !== now) node.entry = { ...e, mtime: now };
}

/**
 * Add a new entry under the parent (after copying the parent up). A directory
 * made where a whiteout was becomes opaque, so the removed lower directory's
 * contents stay hidden (ovl_create_over_whiteout).
 */
export function createEntry(
  frames: readonly Frame[],
  name: string,
  entry: VisibleEntry,
  now: number,
): UpperNode {
  const parent = copyUpDirs(frames);
  const overWhiteout = parent.children!.get(name)?.entry.kind === 'whiteout';
  const e: VisibleEntry = entry.kind === 'dir' && overWhiteout ? { ...entry, opaque: true } : entry;
  const node = nodeFor(e);
  parent.children!.set(name, node);
  touchDir(parent, now);
  return node;
}

/** Remove a name: a whiteout when the lower stack has it, plain removal when it only lives in the upper. */
export function removeEntry(frames: readonly Frame[], name: string, now: number): void {
  const parentLoc = frames[frames.length - 1].loc;
  const needWhiteout = lowerHas(parentLoc, name);
  const parent = copyUpDirs(frames);
  if (needWhiteout) parent.children!.set(name, { entry: { kind: 'whiteout' }, children: undefined });
  else parent.children!.delete(name);
  touchDir(parent, now);
}
