// rename(2) on a merged mount, following the VFS checks and then ovl_rename:
// files are copied up and moved, leaving a whiteout when the lower stack has
// the old name; a directory that comes from a lower layer cannot move (EXDEV,
// since Docker's overlay2 runs without redirect_dir; `mv` then copies); a
// directory moved into a merged parent is made opaque.
import { copyUp, copyUpDirs, touchDir } from './copy-up';
import { lowerHas, mergedNames, visibleEntry } from './merged';
import type { MountState } from './merged';
import { W, X, allowed, framesPath } from './resolve';
import type { FsContext, Resolved } from './resolve';
import { FsError } from './types';
import type { VisibleEntry } from './types';

function mayDelete(ctx: FsContext, r: Resolved, e: VisibleEntry): boolean | 'sticky' {
  const dir = visibleEntry(r.frames[r.frames.length - 1].loc)!;
  if (!allowed(ctx, dir, W | X)) return false;
  if (dir.mode & 0o1000 && ctx.uid !== 0 && ctx.uid !== e.uid && ctx.uid !== dir.uid) return 'sticky';
  return true;
}

/** `a` resolves the old name (it exists), `b` the new one; both end in a name. */
export function renameEntry(
  s: MountState,
  ctx: FsContext,
  a: Resolved,
  b: Resolved,
  from: string,
  to: string,
): FsError | undefined {
  const err = (code: FsError['code']) => new FsError(code, from, 'rename');
  const oldLoc = a.loc!;
  const oldE = visibleEntry(oldLoc)!;
  const isDir = oldE.kind === 'dir';
  if ((a.trailingSlash || b.trailingSlash) && !isDir) return err('ENOTDIR');
  const oldPath = framesPath(a.frames, a.name);
  const newPath = framesPath(b.frames, b.name);
  if (newPath.startsWith(oldPath + '/')) return err('EINVAL');
  const newE = b.loc ? visibleEntry(b.loc)! : undefined;
  if (newE && oldPath.startsWith(newPath + '/')) return err('ENOTEMPTY');
  if (newPath === oldPath) return undefined;
  if (newE) {
    if (isDir && newE.kind !== 'dir') return err('ENOTDIR');
    if (!isDir && newE.kind === 'dir') return err('EISDIR');
  }

  const delOld = mayDelete(ctx, a, oldE);
  if (delOld !== true) return err(delOld === 'sticky' ? 'EPERM' : 'EACCES');
  if (newE) {
    const delNew = mayDelete(ctx, b, newE);
    if (delNew !== true) return err(delNew === 'sticky' ? 'EPERM' : 'EACCES');
  } else if (!allowed(ctx, visibleEntry(b.frames[b.frames.length - 1].loc)!, W | X)) return err('EACCES');
  // moving a directory to another parent rewrites its '..'
  if (isDir && framesPath(a.frames) !== framesPath(b.frames) && !allowed(ctx, oldE, W)) return err('EACCES');

  // overlayfs: only a pure upper directory can move (ovl_can_move)
  if (isDir && (oldLoc.upper === undefined || oldLoc.lower !== undefined)) return err('EXDEV');
  // a merged target directory is checked before anything changes; a pure upper one only
  // when the upper filesystem's own rename refuses it, after the opaque flag below is set
  const newNotEmpty = newE?.kind === 'dir' && mergedNames(b.loc!).length > 0;
  const newPureUpper = b.loc?.upper !== undefined && b.loc.lower === undefined;
  if (newNotEmpty && !newPureUpper) return new FsError('ENOTEMPTY', to, 'rename');

  const now = s.now();
  const whiteoutOld = lowerHas(a.frames[a.frames.length - 1].loc, a.name);
  const newParentMerged = b.frames[b.frames.length - 1].loc.lower !== undefined;
  const node = copyUp(a.frames, a.name, oldLoc);
  const oldParent = copyUpDirs(a.frames);
  const newParent = copyUpDirs(b.frames);
  if (node.entry.kind === 'dir' && !node.entry.opaque && newParentMerged) {
    // without it, a lower directory of the same name would show through (ovl_rename sets opaque)
    node.entry = { ...node.entry, opaque: true };
  }
  if (newNotEmpty) {
    s.changed();
    return new FsError('ENOTEMPTY', to, 'rename');
  }
  if (whiteoutOld) oldParent.children!.set(a.name, { entry: { kind: 'whiteout' }, children: undefined });
  else oldParent.children!.delete(a.name);
  newParent.children!.set(b.name, node);
  touchDir(oldParent, now);
  touchDir(newParent, now);
  return undefined;
}
