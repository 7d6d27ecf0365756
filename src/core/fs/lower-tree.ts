// The merged, read-only view of a stack of lower layers, as a persistent tree.
// Built once per stack and shared by every mount over it: applying layer k
// copies only the directories layer k touches (path copying), so a stack and
// all its prefixes share structure, and lookups cost O(path depth) whatever
// the number of layers. Trees are cached in a trie keyed by Layer identity
// (WeakMaps), so a stack's tree lives as long as its layers do.
import type { Layer } from './layer';
import type { DirEntry, Entry, VisibleEntry } from './types';

export interface LowerNode {
  readonly entry: VisibleEntry;
  /** Index into the stack (0 = base) of the layer this entry comes from. */
  readonly layer: number;
  /** Directories only: merged children. Never mutated once the tree is built. */
  readonly children: ReadonlyMap<string, LowerNode> | undefined;
  /** A directory more than one layer holds: overlayfs's merge directory (reports st_nlink 1). */
  readonly merged?: boolean;
}

interface MutableNode {
  entry: VisibleEntry;
  layer: number;
  children: Map<string, MutableNode> | undefined;
  merged?: boolean;
}

const sortedCache = new WeakMap<LowerNode, readonly string[]>();

/** Names of a lower directory, sorted (cached: the node never changes). */
export function sortedNames(node: LowerNode): readonly string[] {
  let names = sortedCache.get(node);
  if (names === undefined) {
    names = node.children ? [...node.children.keys()].sort() : [];
    sortedCache.set(node, names);
  }
  return names;
}

const ROOT_DIR: DirEntry = Object.freeze({ kind: 'dir', mode: 0o755, uid: 0, gid: 0, mtime: 0 });
// A directory a layer implies without listing it (its tar omitted the header).
const IMPLIED_DIR: DirEntry = ROOT_DIR;

export class LowerTree {
  /** Stacks one layer taller, keyed by that layer. */
  private readonly next = new WeakMap<Layer, LowerTree>();

  private constructor(
    readonly root: LowerNode,
    /** Number of layers in the stack. */
    readonly depth: number,
  ) {}

  static readonly EMPTY = new LowerTree({ entry: ROOT_DIR, layer: -1, children: new Map() }, 0);

  /** The tree of this stack with `layer` on top (cached). */
  extend(layer: Layer): LowerTree {
    let t = this.next.get(layer);
    if (t === undefined) {
      t = new LowerTree(applyLayer(this.root, layer, this.depth), this.depth + 1);
      this.next.set(layer, t);
    }
    return t;
  }

  /** The node at an absolute normalised path, if visible (no symlink following). */
  lookup(path: string): LowerNode | undefined {
    let node: LowerNode | undefined = this.root;
    let start = 1;
    while (node !== undefined && start < path.length) {
      let end = path.indexOf('/', start);
      if (end < 0) end = path.length;
      node = node.children?.get(path.slice(start, end));
      start = end + 1;
    }
    return node;
  }
}

/** The shared tree of a stack of layers (base first). */
export function lowerTreeOf(layers: readonly Layer[]): LowerTree {
  let t = LowerTree.EMPTY;
  for (const l of layers) t = t.extend(l);
  return t;
}

function applyLayer(root: LowerNode, layer: Layer, index: number): LowerNode {
  // nodes created during this application may be mutated; all others are shared
  const fresh = new Set<MutableNode>();
  // a directory of an earlier layer that this one holds too (explicitly or as a parent) is merged;
  // the empty root before the first layer is no layer's
  const copyDir = (n: LowerNode | MutableNode): MutableNode => {
    const m: MutableNode = {
      entry: n.entry,
      layer: n.layer,
      children: new Map(n.children as Map<string, MutableNode>),
      merged: n.merged === true || n.layer >= 0 || (n.children?.size ?? 0) > 0,
    };
    fresh.add(m);
    return m;
  };
  const top = copyDir(root);
  // parents sort before their children, so an opaque directory is applied
  // before the entries this same layer puts inside it
  for (const [path, entry] of layer.sortedEntries()) {
    const parts = path.split('/');
    let dir = top;
    for (let i = 1; i < parts.length - 1; i++) {
      const name = parts[i];
      const c = dir.children!.get(name);
      let d: MutableNode;
      if (c !== undefined && fresh.has(c)) d = c;
      else if (c !== undefined && c.entry.kind === 'dir') d = copyDir(c);
      else {
        d = { entry: IMPLIED_DIR, layer: index, children: new Map() };
        fresh.add(d);
      }
      if (d !== c) dir.children!.set(name, d);
      if (d.children === undefined) throw new Error(`lower tree: ${path} lies below a non-directory`);
      dir = d;
    }
    apply(dir, parts[parts.length - 1], entry, index, fresh);
  }
  return top;
}

function apply(dir: MutableNode, name: string, entry: Entry, index: number, fresh: Set<MutableNode>): void {
  const kids = dir.children!;
  if (entry.kind === 'whiteout') {
    // hides the name in lower layers; a whiteout of nothing is a no-op
    kids.delete(name);
    return;
  }
  if (entry.kind !== 'dir') {
    kids.set(name, { entry, layer: index, children: undefined });
    return;
  }
  const old = kids.get(name);
  if (old === undefined || old.entry.kind !== 'dir' || entry.opaque) {
    const n: MutableNode = { entry, layer: index, children: new Map() };
    fresh.add(n);
    kids.set(name, n);
  } else if (fresh.has(old)) {
    old.entry = entry;
    old.layer = index;
  } else {
    // a directory in two layers: names merge, metadata comes from the upper one
    const n: MutableNode = { entry, layer: index, children: new Map(old.children), merged: true };
    fresh.add(n);
    kids.set(name, n);
  }
}
