// A flat reference model for the overlay property tests: the merged tree as a
// plain Map from path to entry, with POSIX semantics written the simple way
// (no layers, no upper, no copy-up). The only overlay rule it knows is EXDEV:
// a directory that exists in a lower layer cannot be renamed.
import type { Layer } from '../../../src/core/fs/layer';
import type { Content, VisibleEntry, Errno } from '../../../src/core/fs/types';
import { contentText } from '../../../src/core/fs/content';

export type Tree = Map<string, VisibleEntry>;

const parentOf = (p: string) => (p.lastIndexOf('/') <= 0 ? '/' : p.slice(0, p.lastIndexOf('/')));
const join = (d: string, n: string) => (d === '/' ? `/${n}` : `${d}/${n}`);
const below = (p: string, q: string) => q.startsWith(p === '/' ? '/' : `${p}/`) && q !== p;

function removeTree(t: Tree, p: string): void {
  t.delete(p);
  for (const k of [...t.keys()]) if (below(p, k)) t.delete(k);
}

/** Apply layers to an empty directory by the OCI image-spec rules. */
export function flatten(layers: readonly Layer[]): Tree {
  const t: Tree = new Map();
  for (const layer of layers) {
    const entries = [...layer.entries].sort((a, b) => (a[0] < b[0] ? -1 : 1));
    // whiteouts and opaque markers apply to what lies below this layer only
    for (const [p, e] of entries) {
      if (e.kind === 'whiteout') removeTree(t, p);
      else if (e.kind === 'dir' && e.opaque) for (const k of [...t.keys()]) if (below(p, k)) t.delete(k);
    }
    for (const [p, e] of entries) {
      if (e.kind === 'whiteout') continue;
      const old = t.get(p);
      if (!(old?.kind === 'dir' && e.kind === 'dir')) removeTree(t, p);
      const { opaque: _o, ...plain } = e as VisibleEntry & { opaque?: boolean };
      t.set(p, plain as VisibleEntry);
    }
  }
  return t;
}

export interface Norm {
  kind: string;
  mode: number;
  uid: number;
  gid: number;
  mtime?: number;
  body?: string;
}

export function norm(e: VisibleEntry, withMtime = true): Norm {
  const n: Norm = { kind: e.kind, mode: e.mode, uid: e.uid, gid: e.gid };
  if (withMtime) n.mtime = e.mtime;
  if (e.kind === 'file') n.body = contentText(e.content);
  if (e.kind === 'symlink') n.body = e.target;
  return n;
}

interface Found {
  parent: string;
  name: string;
  path: string;
  exists: boolean;
}

export class FlatFs {
  readonly tree: Tree;
  root: VisibleEntry;
  private readonly lowerDirs: Set<string>;

  constructor(
    lowers: readonly Layer[],
    private readonly now: () => number,
  ) {
    this.tree = flatten(lowers);
    this.root = { kind: 'dir', mode: 0o755, uid: 0, gid: 0, mtime: now() };
    this.lowerDirs = new Set([...this.tree].filter(([, e]) => e.kind === 'dir').map(([p]) => p));
  }

  private get(p: string): VisibleEntry | undefined {
    return p === '/' ? this.root : this.tree.get(p);
  }

  private touch(dir: string): void {
    const e = this.get(dir)!;
    const next = { ...e, mtime: this.now() };
    if (dir === '/') this.root = next;
    else this.tree.set(dir, next);
  }

  /** Path walk: symlinks in every component, '..' stops at '/', 40 links at most. Paths are absolute. */
  resolve(path: string, follow: boolean): Found | Errno {
    const todo = path.split('/').filter((c) => c !== '');
    let dir = '/';
    let links = 0;
    while (todo.length) {
      const c = todo.shift()!;
      if (c === '.') continue;
      if (c === '..') {
        dir = parentOf(dir);
        continue;
      }
      const p = join(dir, c);
      const e = this.tree.get(p);
      const last = todo.length === 0;
      if (!e) return last ? { parent: dir, name: c, path: p, exists: false } : 'ENOENT';
      if (e.kind === 'symlink' && (!last || follow)) {
        if (++links > 40) return 'ELOOP';
        if (e.target.startsWith('/')) dir = '/';
        todo.unshift(...e.target.split('/').filter((x) => x !== ''));
        continue;
      }
      if (last) return { parent: dir, name: c, path: p, exists: true };
      if (e.kind !== 'dir') return 'ENOTDIR';
      dir = p;
    }
    // ended on '.', '..' or a link to a directory: the directory reached
    return { parent: parentOf(dir), name: dir.slice(dir.lastIndexOf('/') + 1), path: dir, exists: true };
  }

  private children(dir: string): string[] {
    return [...this.tree.keys()].filter((k) => parentOf(k) === dir);
  }

  private write(path: string, f: (old: Content | undefined) => string): Errno | undefined {
    const r = this.resolve(path, true);
    if (typeof r === 'string') return r;
    if (r.path === '/') return 'EISDIR';
    const e = this.tree.get(r.path);
    if (e) {
      if (e.kind === 'dir') return 'EISDIR';
      if (e.kind !== 'file') throw new Error('unreachable');
      this.tree.set(r.path, { ...e, content: f(e.content), mtime: this.now() });
      return undefined;
    }
    this.tree.set(r.path, {
      kind: 'file',
      content: f(undefined),
      mode: 0o644,
      uid: 0,
      gid: 0,
      mtime: this.now(),
    });
    this.touch(r.parent);
    return undefined;
  }

  writeFile(path: string, text: string): Errno | undefined {
    return this.write(path, () => text);
  }

  appendFile(path: string, text: string): Errno | undefined {
    return this.write(path, (old) => (old === undefined ? text : contentText(old) + text));
  }

  mkdir(path: string): Errno | undefined {
    const r = this.resolve(path, false);
    if (typeof r === 'string') return r;
    if (r.exists) return 'EEXIST';
    this.tree.set(r.path, { kind: 'dir', mode: 0o755, uid: 0, gid: 0, mtime: this.now() });
    this.touch(r.parent);
    return undefined;
  }

  /** Node's mkdirSync(recursive) algorithm, over this model. */
  mkdirp(path: string): Errno | undefined {
    const todo = [path];
    while (todo.length) {
      const next = todo.pop()!;
      const err = this.mkdir(next);
      if (!err) continue;
      if (err === 'EACCES' || err === 'ENOTDIR' || err === 'EPERM') return err;
      if (err === 'ENOENT') {
        const cut = next.lastIndexOf('/');
        const dir = cut === 0 ? '/' : next.slice(0, cut);
        if (dir !== next) {
          todo.push(next, dir);
          continue;
        }
      }
      const r = this.resolve(next, true);
      if (typeof r === 'string') return r;
      if (!r.exists) return 'ENOENT';
      if (this.get(r.path)!.kind !== 'dir') return err === 'EEXIST' && todo.length > 0 ? 'ENOTDIR' : 'EEXIST';
    }
    return undefined;
  }

  unlink(path: string): Errno | undefined {
    const r = this.resolve(path, false);
    if (typeof r === 'string') return r;
    if (!r.exists) return 'ENOENT';
    if (r.path === '/' || this.tree.get(r.path)!.kind === 'dir') return 'EISDIR';
    this.tree.delete(r.path);
    this.touch(r.parent);
    return undefined;
  }

  rmdir(path: string): Errno | undefined {
    const r = this.resolve(path, false);
    if (typeof r === 'string') return r;
    if (r.path === '/') return 'EBUSY';
    if (!r.exists) return 'ENOENT';
    if (this.tree.get(r.path)!.kind !== 'dir') return 'ENOTDIR';
    if (this.children(r.path).length) return 'ENOTEMPTY';
    this.tree.delete(r.path);
    this.lowerDirs.delete(r.path);
    this.touch(r.parent);
    return undefined;
  }

  rename(from: string, to: string): Errno | undefined {
    const a = this.resolve(from, false);
    if (typeof a === 'string') return a;
    const b = this.resolve(to, false);
    if (typeof b === 'string') return b;
    if (a.path === '/' || b.path === '/') return 'EBUSY';
    if (!a.exists) return 'ENOENT';
    if (below(a.path, b.path)) return 'EINVAL';
    if (b.exists && below(b.path, a.path)) return 'ENOTEMPTY';
    if (a.path === b.path) return undefined;
    const ea = this.tree.get(a.path)!;
    const eb = this.tree.get(b.path);
    if (eb && ea.kind === 'dir' && eb.kind !== 'dir') return 'ENOTDIR';
    if (eb && ea.kind !== 'dir' && eb.kind === 'dir') return 'EISDIR';
    if (ea.kind === 'dir' && this.lowerDirs.has(a.path)) return 'EXDEV';
    if (eb?.kind === 'dir' && this.children(b.path).length) return 'ENOTEMPTY';
    if (eb) {
      this.tree.delete(b.path);
      this.lowerDirs.delete(b.path);
    }
    for (const [k, e] of [...this.tree]) {
      if (k === a.path || below(a.path, k)) {
        this.tree.delete(k);
        this.tree.set(b.path + k.slice(a.path.length), e);
      }
    }
    this.touch(a.parent);
    this.touch(b.parent);
    return undefined;
  }

  chmod(path: string, mode: number): Errno | undefined {
    const r = this.resolve(path, true);
    if (typeof r === 'string') return r;
    if (!r.exists) return 'ENOENT';
    const e = this.get(r.path)!;
    if (r.path === '/') this.root = { ...e, mode };
    else this.tree.set(r.path, { ...e, mode });
    return undefined;
  }

  symlink(target: string, path: string): Errno | undefined {
    const r = this.resolve(path, false);
    if (typeof r === 'string') return r;
    if (r.exists) return 'EEXIST';
    this.tree.set(r.path, { kind: 'symlink', target, mode: 0o777, uid: 0, gid: 0, mtime: this.now() });
    this.touch(r.parent);
    return undefined;
  }
}
