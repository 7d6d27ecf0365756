// moby's archive.ChangesDirs, ported naively over two flat trees (no pruning),
// as the reference the overlay's pruned diff must agree with. Siblings: names
// in the new tree sorted, then deletions sorted (moby appends deletions after
// walking the new children; Go map order is otherwise unspecified).
import type { Tree } from './model';
import type { VisibleEntry } from '../../../src/core/fs/types';
import { contentSize } from '../../../src/core/fs/types';

interface Info {
  entry: VisibleEntry | undefined;
  children: Map<string, Info>;
  added?: boolean;
}

function build(t: Tree, hide: (p: string) => boolean): Info {
  const root: Info = { entry: undefined, children: new Map() };
  const paths = [...t.keys()].filter((p) => !hide(p)).sort();
  for (const p of paths) {
    const parts = p.split('/').slice(1);
    let n = root;
    let ok = true;
    for (const c of parts.slice(0, -1)) {
      const next = n.children.get(c);
      if (!next) {
        ok = false;
        break;
      }
      n = next;
    }
    if (ok) n.children.set(parts[parts.length - 1], { entry: t.get(p)!, children: new Map() });
  }
  return root;
}

const sameFsTime = (a: number, b: number) =>
  a === b || (Math.floor(a / 1000) === Math.floor(b / 1000) && (a % 1000 === 0 || b % 1000 === 0));
const size = (e: VisibleEntry) =>
  e.kind === 'file' ? contentSize(e.content) : e.kind === 'symlink' ? contentSize(e.target) : 4096;

function statDifferent(o: VisibleEntry, n: VisibleEntry): boolean {
  return (
    o.kind !== n.kind ||
    o.mode !== n.mode ||
    o.uid !== n.uid ||
    o.gid !== n.gid ||
    (o.kind !== 'dir' && (!sameFsTime(o.mtime, n.mtime) || size(o) !== size(n)))
  );
}

export interface RefChange {
  kind: 'A' | 'C' | 'D';
  path: string;
}

export function changesDirs(
  oldTree: Tree,
  newTree: Tree,
  hide: (p: string) => boolean = () => false,
): RefChange[] {
  const out: RefChange[] = [];
  const isDir = (i: Info, isRoot: boolean) => isRoot || i.entry?.kind === 'dir';
  const add = (info: Info, old: Info | undefined, path: string, isRoot: boolean) => {
    const at = out.length;
    if (!old) {
      out.push({ kind: 'A', path });
      info.added = true;
    }
    const oldKids = new Map(old && isDir(info, isRoot) ? old.children : []);
    for (const name of [...info.children.keys()].sort()) {
      const nc = info.children.get(name)!;
      const oc = oldKids.get(name);
      const p = isRoot ? `/${name}` : `${path}/${name}`;
      if (oc) {
        if (statDifferent(oc.entry!, nc.entry!)) {
          out.push({ kind: 'C', path: p });
          nc.added = true;
        }
        oldKids.delete(name);
      }
      add(nc, oc, p, false);
    }
    for (const name of [...oldKids.keys()].sort())
      out.push({ kind: 'D', path: isRoot ? `/${name}` : `${path}/${name}` });
    if (out.length > at && isDir(info, isRoot) && !info.added && !isRoot)
      out.splice(at, 0, { kind: 'C', path });
  };
  add(build(newTree, hide), build(oldTree, hide), '/', true);
  return out;
}
