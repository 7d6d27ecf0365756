// File operations on a merged mount, seen with one set of credentials (uid,
// gid, cwd, umask). Errors a student can cause come back as FsError values
// with the errno the kernel would give, checked in the kernel's order.
import { appendContent, contentText, truncateContent } from './content';
import { copyUp, copyUpDirs, createEntry, removeEntry } from './copy-up';
import { childLoc, mergedNames, visibleEntry } from './merged';
import type { Loc, MountState } from './merged';
import { renameEntry } from './rename';
import { R, ROOT_CONTEXT, W, X, allowed, framesPath, quickLocate, resolve } from './resolve';
import type { FsContext, Resolved } from './resolve';
import { FsError, contentSize } from './types';
import type { Content, Dirent, Stats, VisibleEntry } from './types';

/** Mutators return undefined on success. */
export type FsResult = FsError | undefined;

const isErr = (x: unknown): x is FsError => x instanceof FsError;

function statsOf(e: VisibleEntry, loc: Loc, mergeNlink: boolean): Stats {
  const size = e.kind === 'file' ? contentSize(e.content) : e.kind === 'dir' ? 4096 : contentSize(e.target);
  const st: Stats = { kind: e.kind, mode: e.mode, uid: e.uid, gid: e.gid, mtime: e.mtime, size };
  return mergeNlink && e.kind === 'dir' && isMergeDir(loc) ? { ...st, nlink: 1 } : st;
}

/** OVL_TYPE_MERGE: an upper directory over a lower one, or a lower directory of several layers. */
function isMergeDir(loc: Loc): boolean {
  if (loc.upper !== undefined) return loc.lower !== undefined;
  return loc.lower?.merged === true;
}

export class FsView {
  constructor(
    protected readonly state: MountState,
    readonly ctx: FsContext = ROOT_CONTEXT,
  ) {}

  /** The same mount seen by another process: other uid/gid, cwd or umask. */
  as(ctx: Partial<FsContext>): FsView {
    return new FsView(this.state, { ...this.ctx, ...ctx });
  }

  get readOnly(): boolean {
    return this.state.readOnly;
  }

  // ---- reading ----

  stat(path: string): Stats | FsError {
    const loc = this.located(path, true, 'stat');
    return isErr(loc) ? loc : statsOf(visibleEntry(loc)!, loc, this.state.mergeNlink);
  }

  lstat(path: string): Stats | FsError {
    const loc = this.located(path, false, 'lstat');
    return isErr(loc) ? loc : statsOf(visibleEntry(loc)!, loc, this.state.mergeNlink);
  }

  exists(path: string): boolean {
    return !isErr(this.stat(path));
  }

  /** File content as text. A generated blob is produced here (and only when read). */
  readFile(path: string): string | FsError {
    const c = this.readContent(path);
    return isErr(c) ? c : contentText(c);
  }

  /** File content as stored (a generated blob stays a description), for copying without reading. */
  readContent(path: string): Content | FsError {
    const loc = this.located(path, true, 'open');
    if (isErr(loc)) return loc;
    const e = visibleEntry(loc)!;
    if (e.kind === 'dir') return new FsError('EISDIR', path, 'read');
    if (e.kind !== 'file') throw new Error('resolve followed a symlink to a symlink');
    if (!allowed(this.ctx, e, R)) return new FsError('EACCES', path, 'open');
    return e.content;
  }

  /** Merged directory listing, sorted; whiteouts and opaque directories hide lower names. */
  readdir(path: string): string[] | FsError {
    const r = this.listable(path);
    return isErr(r) ? r : [...mergedNames(r)];
  }

  /** readdir with the type of each name (d_type), for `ls -l` and `ls -F`. */
  readdirTypes(path: string): Dirent[] | FsError {
    const r = this.listable(path);
    if (isErr(r)) return r;
    return mergedNames(r).map((name) => ({ name, kind: visibleEntry(childLoc(r, name)!)!.kind }));
  }

  readlink(path: string): string | FsError {
    const loc = this.located(path, false, 'readlink');
    if (isErr(loc)) return loc;
    const e = visibleEntry(loc)!;
    return e.kind === 'symlink' ? e.target : new FsError('EINVAL', path, 'readlink');
  }

  /** The canonical absolute path: every symlink resolved, no '.' or '..'. */
  realpath(path: string): string | FsError {
    const r = this.existing(path, true, 'realpath');
    if (isErr(r)) return r;
    return r.lastKind === 'name' ? framesPath(r.frames, r.name) : framesPath(r.frames);
  }

  /** access(2) with R=4, W=2, X=1 bits; W also fails on a read-only mount. */
  access(path: string, mode: number): FsResult {
    const loc = this.located(path, true, 'access');
    if (isErr(loc)) return loc;
    if (mode & W && this.state.readOnly) return new FsError('EROFS', path, 'access');
    const e = visibleEntry(loc)!;
    for (const bit of [R, W, X])
      if (mode & bit && !allowed(this.ctx, e, bit)) return new FsError('EACCES', path, 'access');
    return undefined;
  }

  // ---- writing files ----

  /** open(O_WRONLY|O_CREAT|O_TRUNC) + write: creates the file (mode & ~umask) or replaces its content. */
  writeFile(path: string, content: Content, opts: { mode?: number } = {}): FsResult {
    return this.openForWrite(path, opts.mode, () => content);
  }

  /** `>>`: creates the file when missing. */
  appendFile(path: string, content: string | Uint8Array): FsResult {
    return this.openForWrite(path, undefined, (old) =>
      old === undefined ? content : appendContent(old, content),
    );
  }

  truncate(path: string, length: number): FsResult {
    if (!Number.isInteger(length) || length < 0) return new FsError('EINVAL', path, 'truncate');
    const r = this.existing(path, true, 'truncate');
    if (isErr(r)) return r;
    const e = visibleEntry(r.loc!)!;
    if (e.kind === 'dir') return new FsError('EISDIR', path, 'truncate');
    if (this.state.readOnly) return new FsError('EROFS', path, 'truncate');
    if (e.kind !== 'file') throw new Error('resolve followed a symlink to a symlink');
    if (!allowed(this.ctx, e, W)) return new FsError('EACCES', path, 'truncate');
    const node = copyUp(r.frames, r.name, r.loc!);
    node.entry = { ...e, content: truncateContent(e.content, length), mtime: this.state.now() };
    return this.changed();
  }

  private openForWrite(
    path: string,
    mode: number | undefined,
    make: (old: Content | undefined) => Content,
  ): FsResult {
    const r = resolve(this.state, this.ctx, path, true, 'open');
    if (isErr(r)) return r;
    if (r.lastKind !== 'name') return new FsError('EISDIR', path, 'open');
    if (r.loc !== undefined) {
      const e = visibleEntry(r.loc)!;
      if (e.kind === 'dir') return new FsError('EISDIR', path, 'open');
      if (e.kind !== 'file') throw new Error('resolve followed a symlink to a symlink');
      if (this.state.readOnly) return new FsError('EROFS', path, 'open');
      if (!allowed(this.ctx, e, W)) return new FsError('EACCES', path, 'open');
      const node = copyUp(r.frames, r.name, r.loc);
      node.entry = { ...e, content: make(e.content), mtime: this.state.now() };
      return this.changed();
    }
    if (r.trailingSlash) return new FsError('EISDIR', path, 'open');
    const err = this.mayCreate(r, path, 'open');
    if (err) return err;
    const { uid, gid, umask } = this.ctx;
    createEntry(
      r.frames,
      r.name,
      {
        kind: 'file',
        content: make(undefined),
        mode: (mode ?? 0o666) & ~umask & 0o7777,
        uid,
        gid,
        mtime: this.state.now(),
      },
      this.state.now(),
    );
    return this.changed();
  }

  // ---- metadata ----

  chmod(path: string, mode: number): FsResult {
    return this.setMeta(path, 'chmod', (e) =>
      this.isOwner(e) ? { ...e, mode: mode & 0o7777 } : new FsError('EPERM', path, 'chmod'),
    );
  }

  /** -1 leaves an id unchanged. Only root may give files away. */
  chown(path: string, uid: number, gid: number): FsResult {
    return this.setMeta(path, 'chown', (e) => {
      const nu = uid === -1 ? e.uid : uid;
      const ng = gid === -1 ? e.gid : gid;
      if (this.ctx.uid !== 0 && (nu !== e.uid || ng !== e.gid)) return new FsError('EPERM', path, 'chown');
      return { ...e, uid: nu, gid: ng };
    });
  }

  /** utimensat: `mtime` undefined means now (needs write permission), an explicit time needs ownership. */
  utimes(path: string, mtime?: number): FsResult {
    return this.setMeta(path, 'utimensat', (e) => {
      if (mtime === undefined) {
        if (!this.isOwner(e) && !allowed(this.ctx, e, W)) return new FsError('EACCES', path, 'utimensat');
        return { ...e, mtime: this.state.now() };
      }
      return this.isOwner(e) ? { ...e, mtime } : new FsError('EPERM', path, 'utimensat');
    });
  }

  private setMeta(
    path: string,
    syscall: string,
    change: (e: VisibleEntry) => VisibleEntry | FsError,
  ): FsResult {
    const r = this.existing(path, true, syscall);
    if (isErr(r)) return r;
    if (this.state.readOnly) return new FsError('EROFS', path, syscall);
    // check first: a refused change copies nothing up
    const checked = change(visibleEntry(r.loc!)!);
    if (isErr(checked)) return checked;
    let node;
    if (r.lastKind === 'name') node = copyUp(r.frames, r.name, r.loc!);
    else if (r.frames.length === 1) node = this.state.upperRoot;
    else node = copyUpDirs(r.frames);
    // change the upper copy, not the lower entry: a lower opaque flag must not come along
    node.entry = change(node.entry as VisibleEntry) as VisibleEntry;
    return this.changed();
  }

  // ---- names ----

  mkdir(path: string, opts: { recursive?: boolean; mode?: number } = {}): FsResult {
    return opts.recursive ? this.mkdirp(path, opts.mode) : this.mkdirOne(path, opts.mode);
  }

  /**
   * `mkdir -p`, as Node's fs.mkdirSync(recursive) does it: try the path, on
   * ENOENT make its parent first (default mode), and accept an existing
   * directory (after following symlinks).
   */
  private mkdirp(path: string, mode: number | undefined): FsResult {
    const todo = [path];
    while (todo.length > 0) {
      const next = todo.pop()!;
      const err = this.mkdirOne(next, todo.length === 0 ? mode : undefined);
      if (err === undefined) continue;
      if (err.code === 'EACCES' || err.code === 'ENOTDIR' || err.code === 'EPERM') return err;
      if (err.code === 'ENOENT') {
        const cut = next.lastIndexOf('/');
        const dir = cut === 0 ? '/' : cut > 0 ? next.slice(0, cut) : next;
        if (dir !== next) {
          todo.push(next, dir);
          continue;
        }
        if (todo.length > 0) continue;
      }
      const st = this.stat(next);
      if (isErr(st)) return st;
      if (st.kind !== 'dir')
        return new FsError(err.code === 'EEXIST' && todo.length > 0 ? 'ENOTDIR' : 'EEXIST', next, 'mkdir');
    }
    return undefined;
  }

  private mkdirOne(path: string, mode: number | undefined): FsResult {
    const r = resolve(this.state, this.ctx, path, false, 'mkdir');
    if (isErr(r)) return r;
    if (r.lastKind !== 'name' || r.loc !== undefined) return new FsError('EEXIST', path, 'mkdir');
    const err = this.mayCreate(r, path, 'mkdir');
    if (err) return err;
    const { uid, gid, umask } = this.ctx;
    createEntry(
      r.frames,
      r.name,
      { kind: 'dir', mode: (mode ?? 0o777) & ~umask & 0o7777, uid, gid, mtime: this.state.now() },
      this.state.now(),
    );
    return this.changed();
  }

  symlink(target: string, path: string): FsResult {
    const r = resolve(this.state, this.ctx, path, false, 'symlink');
    if (isErr(r)) return r;
    if (r.lastKind !== 'name' || r.loc !== undefined) return new FsError('EEXIST', path, 'symlink');
    if (target === '') return new FsError('ENOENT', path, 'symlink');
    const err = this.mayCreate(r, path, 'symlink');
    if (err) return err;
    const { uid, gid } = this.ctx;
    createEntry(
      r.frames,
      r.name,
      { kind: 'symlink', target, mode: 0o777, uid, gid, mtime: this.state.now() },
      this.state.now(),
    );
    return this.changed();
  }

  unlink(path: string): FsResult {
    const r = resolve(this.state, this.ctx, path, false, 'unlink');
    if (isErr(r)) return r;
    if (r.lastKind !== 'name') return new FsError('EISDIR', path, 'unlink');
    if (this.state.readOnly) return new FsError('EROFS', path, 'unlink');
    if (r.loc === undefined) return new FsError('ENOENT', path, 'unlink');
    const e = visibleEntry(r.loc)!;
    const err = this.mayDelete(r, e, path, 'unlink');
    if (err) return err;
    if (e.kind === 'dir') return new FsError('EISDIR', path, 'unlink');
    removeEntry(r.frames, r.name, this.state.now());
    return this.changed();
  }

  rmdir(path: string): FsResult {
    const r = resolve(this.state, this.ctx, path, false, 'rmdir');
    if (isErr(r)) return r;
    if (r.lastKind === 'dot') return new FsError('EINVAL', path, 'rmdir');
    if (r.lastKind === 'dotdot') return new FsError('ENOTEMPTY', path, 'rmdir');
    if (r.lastKind === 'root') return new FsError('EBUSY', path, 'rmdir');
    if (this.state.readOnly) return new FsError('EROFS', path, 'rmdir');
    if (r.loc === undefined) return new FsError('ENOENT', path, 'rmdir');
    const e = visibleEntry(r.loc)!;
    if (e.kind !== 'dir') return new FsError('ENOTDIR', path, 'rmdir');
    const err = this.mayDelete(r, e, path, 'rmdir');
    if (err) return err;
    if (mergedNames(r.loc).length > 0) return new FsError('ENOTEMPTY', path, 'rmdir');
    removeEntry(r.frames, r.name, this.state.now());
    return this.changed();
  }

  /** `rm [-r] [-f]` as the syscalls it makes: depth first unlink/rmdir; the first error stops it. */
  rm(path: string, opts: { recursive?: boolean; force?: boolean } = {}): FsResult {
    const st = this.lstat(path);
    if (isErr(st)) return st.code === 'ENOENT' && opts.force ? undefined : st;
    if (st.kind !== 'dir') return this.unlink(path);
    if (!opts.recursive) return new FsError('EISDIR', path, 'unlink');
    const names = this.readdir(path);
    if (isErr(names)) return names;
    const base = path.endsWith('/') ? path : `${path}/`;
    for (const n of names) {
      const err = this.rm(base + n, opts);
      if (err) return err;
    }
    return this.rmdir(path);
  }

  /** rename(2); a directory that exists in a lower layer cannot move (EXDEV, overlayfs without redirect_dir). */
  rename(from: string, to: string): FsResult {
    const a = resolve(this.state, this.ctx, from, false, 'rename');
    if (isErr(a)) return a;
    const b = resolve(this.state, this.ctx, to, false, 'rename');
    if (isErr(b)) return b;
    if (a.lastKind !== 'name' || b.lastKind !== 'name') return new FsError('EBUSY', from, 'rename');
    if (this.state.readOnly) return new FsError('EROFS', from, 'rename');
    if (a.loc === undefined) return new FsError('ENOENT', from, 'rename');
    const err = renameEntry(this.state, this.ctx, a, b, from, to);
    return err ?? this.changed();
  }

  // ---- helpers ----

  private existing(path: string, follow: boolean, syscall: string): Resolved | FsError {
    const r = resolve(this.state, this.ctx, path, follow, syscall);
    if (isErr(r)) return r;
    return r.loc === undefined ? new FsError('ENOENT', path, syscall) : r;
  }

  private listable(path: string): Loc | FsError {
    const loc = this.located(path, true, 'scandir');
    if (isErr(loc)) return loc;
    const e = visibleEntry(loc)!;
    if (e.kind !== 'dir') return new FsError('ENOTDIR', path, 'scandir');
    if (!allowed(this.ctx, e, R)) return new FsError('EACCES', path, 'scandir');
    return loc;
  }

  /** An existing target, for reading: the quick walk when it applies, the full one otherwise. */
  private located(path: string, follow: boolean, syscall: string): Loc | FsError {
    const q = quickLocate(this.state, this.ctx, path, follow);
    if (q !== undefined) return typeof q === 'string' ? new FsError(q, path, syscall) : q;
    const r = this.existing(path, follow, syscall);
    return isErr(r) ? r : r.loc!;
  }

  private mayCreate(r: Resolved, path: string, syscall: string): FsResult {
    if (this.state.readOnly) return new FsError('EROFS', path, syscall);
    const dir = visibleEntry(r.frames[r.frames.length - 1].loc)!;
    if (!allowed(this.ctx, dir, W | X)) return new FsError('EACCES', path, syscall);
    return undefined;
  }

  private mayDelete(r: Resolved, e: VisibleEntry, path: string, syscall: string): FsResult {
    const dir = visibleEntry(r.frames[r.frames.length - 1].loc)!;
    if (!allowed(this.ctx, dir, W | X)) return new FsError('EACCES', path, syscall);
    // sticky directory (/tmp): only the owner of the file or of the directory may remove it
    if (dir.mode & 0o1000 && this.ctx.uid !== 0 && this.ctx.uid !== e.uid && this.ctx.uid !== dir.uid)
      return new FsError('EPERM', path, syscall);
    return undefined;
  }

  private isOwner(e: VisibleEntry): boolean {
    return this.ctx.uid === 0 || this.ctx.uid === e.uid;
  }

  private changed(): undefined {
    this.state.changed();
    return undefined;
  }
}
