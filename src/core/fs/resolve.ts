// Path resolution over a merged view, as the kernel's path walk does it:
// symlinks are followed in every component (absolute targets restart at the
// container root), '..' never climbs above '/', ELOOP after 40 links, ENOTDIR
// when a component is not a directory, EACCES without search permission.
import { FsError } from './types';
import type { VisibleEntry } from './types';
import { childLoc, visibleEntry } from './merged';
import type { Loc, MountState } from './merged';
import { splitPath } from './path';

/** Who is asking, and from where. `cwd` must be absolute and symlink-free (a realpath). */
export interface FsContext {
  readonly uid: number;
  readonly gid: number;
  readonly cwd: string;
  /** Applied to the mode of created files and directories (0o022 by default). */
  readonly umask: number;
}

export const ROOT_CONTEXT: FsContext = Object.freeze({ uid: 0, gid: 0, cwd: '/', umask: 0o022 });

/** Linux's MAXSYMLINKS. */
const MAX_SYMLINKS = 40;

export interface Frame {
  readonly name: string;
  readonly loc: Loc;
}

export interface Resolved {
  /**
   * Directories walked to reach the target: frames[0] is "/". When lastKind is
   * 'name' the last frame is the target's parent; otherwise it is the target.
   */
  readonly frames: Frame[];
  /** The final name ('' unless lastKind is 'name'). */
  readonly name: string;
  /** The target, undefined when it does not exist (its parent does). */
  readonly loc: Loc | undefined;
  /** How the path ends: "/x", "/x/.", "/x/..", or "/" (rmdir and friends treat them differently). */
  readonly lastKind: 'name' | 'dot' | 'dotdot' | 'root';
  readonly trailingSlash: boolean;
}

export const R = 4;
export const W = 2;
export const X = 1;

/** Owner, group, then other bits; root passes everything but exec of a file with no x bit. */
export function allowed(ctx: FsContext, e: VisibleEntry, want: number): boolean {
  if (ctx.uid === 0) return want !== X || e.kind === 'dir' || (e.mode & 0o111) !== 0;
  const bits = ctx.uid === e.uid ? e.mode >> 6 : ctx.gid === e.gid ? e.mode >> 3 : e.mode;
  return (bits & want) === want;
}

/** Path components, last first (the walk pops them), without splitting and reversing. */
function reversedComponents(p: string): string[] {
  const out: string[] = [];
  let end = p.length;
  while (end > 0) {
    while (end > 0 && p.charCodeAt(end - 1) === 47) end--;
    if (end === 0) break;
    let start = end - 1;
    while (start > 0 && p.charCodeAt(start - 1) !== 47) start--;
    out.push(p.slice(start, end));
    end = start;
  }
  return out;
}

/** Absolute path of a frame list plus an optional final name. */
export function framesPath(frames: readonly Frame[], name = ''): string {
  let p = '';
  for (let i = 1; i < frames.length; i++) p += '/' + frames[i].name;
  if (name !== '') p += '/' + name;
  return p === '' ? '/' : p;
}

/**
 * Resolve `path` for `ctx`. The final component is followed when it is a
 * symlink only if `follow` (stat, open) or the path ends in '/'. Relative paths
 * are resolved against ctx.cwd.
 */
export function resolve(
  s: MountState,
  ctx: FsContext,
  path: string,
  follow: boolean,
  syscall: string,
): Resolved | FsError {
  if (path === '') return new FsError('ENOENT', path, syscall);
  const full = path.startsWith('/') ? path : `${ctx.cwd}/${path}`;
  const pending = reversedComponents(full);
  const trailingSlash = pending.length > 0 && full.charCodeAt(full.length - 1) === 47;
  const root: Frame = { name: '', loc: s.rootLoc() };
  const frames: Frame[] = [root];
  let hops = 0;
  while (pending.length > 0) {
    const name = pending.pop()!;
    const isLast = pending.length === 0;
    const dir = frames[frames.length - 1];
    if (ctx.uid !== 0 && !allowed(ctx, visibleEntry(dir.loc)!, X))
      return new FsError('EACCES', path, syscall);
    if (name === '.' || name === '..') {
      if (name === '..' && frames.length > 1) frames.pop();
      if (isLast) {
        return {
          frames,
          name: '',
          loc: frames[frames.length - 1].loc,
          lastKind: name === '.' ? 'dot' : 'dotdot',
          trailingSlash,
        };
      }
      continue;
    }
    const loc = childLoc(dir.loc, name);
    if (loc === undefined) {
      if (isLast) return { frames, name, loc: undefined, lastKind: 'name', trailingSlash };
      return new FsError('ENOENT', path, syscall);
    }
    const e = visibleEntry(loc)!;
    if (e.kind === 'symlink' && (!isLast || follow || trailingSlash)) {
      if (++hops > MAX_SYMLINKS) return new FsError('ELOOP', path, syscall);
      if (e.target === '') return new FsError('ENOENT', path, syscall);
      if (e.target.startsWith('/')) frames.length = 1;
      const t = splitPath(e.target);
      for (let i = t.length - 1; i >= 0; i--) pending.push(t[i]);
      if (pending.length === 0) return { frames, name: '', loc: root.loc, lastKind: 'root', trailingSlash };
      continue;
    }
    if (!isLast) {
      if (e.kind !== 'dir') return new FsError('ENOTDIR', path, syscall);
      frames.push({ name, loc });
      continue;
    }
    if (trailingSlash && e.kind !== 'dir') return new FsError('ENOTDIR', path, syscall);
    return { frames, name, loc, lastKind: 'name', trailingSlash };
  }
  return { frames, name: '', loc: root.loc, lastKind: 'root', trailingSlash: false };
}

/**
 * The common lookup without building frames: an absolute path for root, no
 * '.', '..', trailing '/' or symlink before the last component. Returns the
 * target's location, the errno, or undefined when the full walk is needed.
 * (stat is the hot path of ls, shells and pictures; this keeps it O(depth)
 * with one allocation.)
 */
export function quickLocate(
  s: MountState,
  ctx: FsContext,
  path: string,
  follow: boolean,
): Loc | 'ENOENT' | 'ENOTDIR' | undefined {
  const n = path.length;
  if (ctx.uid !== 0 || n === 0 || path.charCodeAt(0) !== 47 || path.charCodeAt(n - 1) === 47)
    return undefined;
  let upper = s.upperRoot as Loc['upper'];
  let lower = s.lowerRoot;
  let i = 1;
  for (;;) {
    while (i < n && path.charCodeAt(i) === 47) i++;
    let j = path.indexOf('/', i);
    if (j < 0) j = n;
    const name = path.slice(i, j);
    if (name === '.' || name === '..') return undefined;
    // childLoc, inlined
    const u = upper?.children?.get(name);
    let l: typeof lower;
    let e;
    if (u !== undefined) {
      if (u.entry.kind === 'whiteout') return 'ENOENT';
      e = u.entry;
      if (e.kind === 'dir' && !e.opaque) {
        const lc = lower?.children?.get(name);
        l = lc !== undefined && lc.entry.kind === 'dir' ? lc : undefined;
      }
    } else {
      l = lower?.children?.get(name);
      if (l === undefined) return 'ENOENT';
      e = l.entry;
    }
    if (j >= n) {
      if (e.kind === 'symlink' && follow) return undefined;
      return { upper: u, lower: l, stamp: s.stamp };
    }
    if (e.kind === 'symlink') return undefined;
    if (e.kind !== 'dir') return 'ENOTDIR';
    upper = u;
    lower = l;
    i = j + 1;
  }
}
