// The merged view of one mount: a mutable upper tree (this mount's own changes,
// as the kernel's upperdir holds them: copied-up directories, new and changed
// entries, whiteouts, opaque directories) over a shared LowerTree.
import type { Layer } from './layer';
import { lowerTreeOf, sortedNames } from './lower-tree';
import type { LowerNode } from './lower-tree';
import type { DirEntry, Entry, VisibleEntry } from './types';

export interface UpperNode {
  /** Immutable entry object: a change replaces it, so a committed Layer can share it. */
  entry: Entry;
  /** Directories only. */
  children: Map<string, UpperNode> | undefined;
}

/**
 * Where a visible name lives: its upper node and/or the lower node merged
 * under it. `lower` is left out when the upper hides it (opaque directory, or
 * an upper entry that is not a directory), so `lower` set on a directory
 * means "merged with the lower stack".
 */
export interface Loc {
  upper: UpperNode | undefined;
  lower: LowerNode | undefined;
  /** The mount's stamp, carried along the walk (undefined for most mounts). */
  stamp: Stamp | undefined;
}

/**
 * One lower layer whose entries this mount reads with its own mtime: a
 * container's init layer is the same few entries for every container (so the
 * image's merged tree with it on top is built once and shared), each
 * container seeing them stamped with its creation time.
 */
export class Stamp {
  private readonly made = new Map<LowerNode, VisibleEntry>();

  constructor(
    /** Index into the mount's lowers of the stamped layer. */
    readonly layer: number,
    readonly mtime: number,
  ) {}

  /** The node's entry as this mount shows it. */
  entry(node: LowerNode): VisibleEntry {
    if (node.layer !== this.layer) return node.entry;
    let e = this.made.get(node);
    if (e === undefined) {
      e = { ...node.entry, mtime: this.mtime };
      this.made.set(node, e);
    }
    return e;
  }
}

/** The entry of a location's lower node, as its mount shows it. */
export function lowerEntry(loc: Loc): VisibleEntry {
  return loc.stamp === undefined ? loc.lower!.entry : loc.stamp.entry(loc.lower!);
}

export function visibleEntry(loc: Loc): VisibleEntry | undefined {
  if (loc.upper !== undefined) return loc.upper.entry.kind === 'whiteout' ? undefined : loc.upper.entry;
  return loc.lower === undefined ? undefined : lowerEntry(loc);
}

/** The child `name` of a directory location, or undefined when absent or whited out. */
export function childLoc(dir: Loc, name: string): Loc | undefined {
  const u = dir.upper?.children?.get(name);
  if (u !== undefined) {
    if (u.entry.kind === 'whiteout') return undefined;
    let lower: LowerNode | undefined;
    if (u.entry.kind === 'dir' && !u.entry.opaque) {
      const l = dir.lower?.children?.get(name);
      if (l !== undefined && l.entry.kind === 'dir') lower = l;
    }
    return { upper: u, lower, stamp: dir.stamp };
  }
  const l = dir.lower?.children?.get(name);
  return l === undefined ? undefined : { upper: undefined, lower: l, stamp: dir.stamp };
}

/** Whether the lower stack of this directory has `name` (the kernel's ovl_lower_positive): removing it needs a whiteout. */
export function lowerHas(dir: Loc, name: string): boolean {
  return dir.lower?.children?.has(name) === true;
}

/** Sorted names of a merged directory: upper names first read, lower names not already seen or whited out. */
export function mergedNames(dir: Loc): readonly string[] {
  const lowerNames = dir.lower ? sortedNames(dir.lower) : [];
  const kids = dir.upper?.children;
  if (kids === undefined || kids.size === 0) return lowerNames;
  const upperNames = [...kids.keys()].sort();
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < upperNames.length || j < lowerNames.length) {
    const u = upperNames[i];
    const l = lowerNames[j];
    if (j >= lowerNames.length || (i < upperNames.length && u <= l)) {
      if (kids.get(u)!.entry.kind !== 'whiteout') out.push(u);
      i++;
      if (u === l) j++;
    } else {
      out.push(l);
      j++;
    }
  }
  return out;
}

/** A mount's state, shared by every credential view of it. */
export class MountState {
  readonly lowerRoot: LowerNode | undefined;
  readonly upperRoot: UpperNode;
  /** Bumped on every change, so pictures can memoise on it. */
  generation = 0;
  /** Merge directories stat with st_nlink 1 (OverlayOptions.mergeNlink). */
  mergeNlink = false;

  constructor(
    readonly lowers: readonly Layer[],
    readonly readOnly: boolean,
    readonly now: () => number,
    rootEntry: DirEntry,
    /** OverlayOptions.stampTop: the top lower layer's entries read with this mtime. */
    readonly stamp: Stamp | undefined = undefined,
  ) {
    // with no lowers the root is a plain directory (a volume, the host disk)
    this.lowerRoot = lowers.length > 0 ? lowerTreeOf(lowers).root : undefined;
    this.upperRoot = { entry: rootEntry, children: new Map() };
  }

  rootLoc(): Loc {
    return { upper: this.upperRoot, lower: this.lowerRoot, stamp: this.stamp };
  }

  changed(): void {
    this.generation++;
  }
}
