// cp and mv. cp copies content as stored (a big generated blob stays lazy),
// with -p/-a keeping mode, owner and times. mv is rename(2); when the overlay
// answers EXDEV (a directory from an image layer, no redirect_dir) it does
// what GNU mv does: copy the tree with everything preserved, then remove it.
import type { FsError, Stats } from '../../fs/types';
import { getopt, isOptError } from './getopt';
import { baseOf, isErr, type Tool } from './tool';

interface CopyOpts {
  recursive: boolean;
  preserve: boolean;
  /** Follow symlinks inside the tree (cp -L); -R alone copies them as links. */
  deref: boolean;
  noClobber: boolean;
  verbose: boolean;
  force: boolean;
}

const join = (dir: string, name: string) => (dir.endsWith('/') ? dir + name : `${dir}/${name}`);

function isInside(t: Tool, src: string, dst: string): boolean {
  const a = t.fs.realpath(src);
  const parent = dst.includes('/') ? dst.slice(0, dst.lastIndexOf('/')) || '/' : '.';
  const b = t.fs.realpath(parent);
  if (isErr(a) || isErr(b)) return false;
  const full = join(b, baseOf(dst));
  return full === a || full.startsWith(`${a}/`);
}

/** Copy one entry (and below it with -r). Returns false after reporting a failure. */
function copyEntry(t: Tool, o: CopyOpts, src: string, dst: string, top: boolean): boolean {
  // plain cp follows a symlink it is given; -R copies links as links unless -L
  const st = o.deref || (top && !o.recursive) ? t.fs.stat(src) : t.fs.lstat(src);
  if (isErr(st)) {
    t.warn(t.gnu ? `cannot stat ${t.qa(src)}: ${st.message}` : `can't stat '${src}': ${st.message}`);
    return false;
  }
  const existing = t.fs.lstat(dst);
  if (!isErr(existing) && o.noClobber && existing.kind !== 'dir') return true;
  if (st.kind === 'dir') {
    if (!o.recursive) {
      t.warn(t.gnu ? `-r not specified; omitting directory ${t.qa(src)}` : `omitting directory '${src}'`);
      return false;
    }
    if (isInside(t, src, dst)) {
      t.warn(t.gnu ? `cannot copy a directory, ${t.qa(src)}, into itself, ${t.qa(dst)}` : `can't copy a directory into itself`);
      return false;
    }
    if (isErr(existing)) {
      const e = t.fs.mkdir(dst, { mode: st.mode });
      if (e) return createFailed(t, dst, e, 'directory');
      if (o.verbose) t.out(`${t.qa(src)} -> ${t.qa(dst)}\n`);
    } else if (existing.kind !== 'dir') {
      t.warn(t.gnu ? `cannot overwrite non-directory ${t.qa(dst)} with directory ${t.qa(src)}` : `can't overwrite non-directory '${dst}' with directory '${src}'`);
      return false;
    }
    const names = t.fs.readdir(src);
    if (isErr(names)) {
      t.warn(t.gnu ? `cannot access ${t.qa(src)}: ${names.message}` : `can't open '${src}': ${names.message}`);
      return false;
    }
    let ok = true;
    for (const n of names) ok = copyEntry(t, o, join(src, n), join(dst, n), false) && ok;
    finish(t, o, dst, st, isErr(existing));
    return ok;
  }
  if (st.kind === 'symlink') {
    const target = t.fs.readlink(src);
    if (isErr(target)) return false;
    if (!isErr(existing)) t.fs.unlink(dst);
    const e = t.fs.symlink(target, dst);
    if (e) return createFailed(t, dst, e, 'symbolic link');
    // no lchown in the file API: chown would follow the new link to its target, so a copied link stays the caller's
    if (o.verbose) t.out(`${t.qa(src)} -> ${t.qa(dst)}\n`);
    return true;
  }
  if (!isErr(existing)) {
    const same = t.fs.realpath(src) === t.fs.realpath(dst);
    if (same) {
      t.warn(t.gnu ? `${t.qa(src)} and ${t.qa(dst)} are the same file` : `'${src}' and '${dst}' are the same file`);
      return false;
    }
    if (existing.kind === 'dir') {
      t.warn(t.gnu ? `cannot overwrite directory ${t.qa(dst)} with non-directory` : `can't overwrite directory '${dst}'`);
      return false;
    }
  }
  const content = t.fs.readContent(src);
  if (isErr(content)) {
    t.warn(t.gnu ? `cannot open ${t.qa(src)} for reading: ${content.message}` : `can't open '${src}': ${content.message}`);
    return false;
  }
  let e = t.fs.writeFile(dst, content, { mode: st.mode });
  if (e && o.force && !isErr(existing)) {
    t.fs.unlink(dst);
    e = t.fs.writeFile(dst, content, { mode: st.mode });
  }
  if (e) return createFailed(t, dst, e, 'regular file');
  if (o.verbose) t.out(`${t.qa(src)} -> ${t.qa(dst)}\n`);
  finish(t, o, dst, st, isErr(existing));
  return true;
}

/** -p: mode, owner (root only, as chown allows) and mtime; new directories get their mode back after the umask. */
function finish(t: Tool, o: CopyOpts, dst: string, st: Stats, created: boolean): void {
  if (o.preserve) {
    if (t.ctx.proc.uid === 0) t.fs.chown(dst, st.uid, st.gid);
    t.fs.chmod(dst, st.mode);
    t.fs.utimes(dst, st.mtime);
  } else if (created && st.kind === 'dir') {
    t.fs.chmod(dst, st.mode & ~0o022 & 0o7777);
  }
}

function createFailed(t: Tool, dst: string, e: FsError, what: string): false {
  t.warn(t.gnu ? `cannot create ${what} ${t.qa(dst)}: ${e.message}` : `can't create '${dst}': ${e.message}`);
  return false;
}

/** Resolve SOURCE... DEST into pairs, or report why not. */
function targets(t: Tool, ops: string[], noTargetDir: boolean): Array<[string, string]> | undefined {
  if (ops.length === 0) {
    t.warn('missing file operand');
    if (t.gnu) t.err(`Try '${t.name} --help' for more information.\n`);
    return undefined;
  }
  if (ops.length === 1) {
    t.warn(t.gnu ? `missing destination file operand after ${t.qa(ops[0])}` : 'missing destination');
    if (t.gnu) t.err(`Try '${t.name} --help' for more information.\n`);
    return undefined;
  }
  const dest = ops[ops.length - 1];
  const srcs = ops.slice(0, -1);
  const dst = t.fs.stat(dest);
  const isDir = !noTargetDir && !isErr(dst) && dst.kind === 'dir';
  if (srcs.length > 1 && !isDir) {
    t.warn(t.gnu ? `target ${t.qa(dest)} is not a directory` : `'${dest}' is not a directory`);
    return undefined;
  }
  return srcs.map((s) => [s, isDir ? join(dest, baseOf(s)) : dest]);
}

export function cp(t: Tool, args: string[]): number {
  const p = getopt(args, {
    short: t.gnu ? 'aRrpdfinvLPHTu' : 'apdPLHRrifnvTu',
    long: { archive: 'a', recursive: 'r', 'preserve?': 'p', force: 'f', 'no-clobber': 'n', verbose: 'v', dereference: 'L', 'no-dereference': 'P', 'no-target-directory': 'T', interactive: 'i' },
  });
  if (isOptError(p)) return t.badOption(p.error, 1, '[-arPLHpfinlsTu] SOURCE DEST');
  const o: CopyOpts = {
    recursive: p.has('r') || p.has('R') || p.has('a'),
    preserve: p.has('p') || p.has('a'),
    deref: p.has('L'),
    noClobber: p.has('n'),
    verbose: p.has('v'),
    force: p.has('f'),
  };
  const pairs = targets(t, p.operands, p.has('T'));
  if (!pairs) return 1;
  let status = 0;
  for (const [s, d] of pairs) if (!copyEntry(t, o, s, d, true)) status = 1;
  return status;
}

export function mv(t: Tool, args: string[]): number {
  const p = getopt(args, { short: 'finvTu', long: { force: 'f', interactive: 'i', 'no-clobber': 'n', verbose: 'v', 'no-target-directory': 'T', update: 'u' } });
  if (isOptError(p)) return t.badOption(p.error, 1, '[-fin] SOURCE DEST');
  const pairs = targets(t, p.operands, p.has('T'));
  if (!pairs) return 1;
  let status = 0;
  for (const [src, dst] of pairs) {
    const st = t.fs.lstat(src);
    if (isErr(st)) {
      t.warn(t.gnu ? `cannot stat ${t.qa(src)}: ${st.message}` : `can't stat '${src}': ${st.message}`);
      status = 1;
      continue;
    }
    if (p.has('n') && !isErr(t.fs.lstat(dst))) continue;
    const sameFile = !isErr(t.fs.lstat(dst)) && t.fs.realpath(src) === t.fs.realpath(dst) && st.kind !== 'symlink';
    if (sameFile) {
      t.warn(t.gnu ? `${t.qa(src)} and ${t.qa(dst)} are the same file` : `'${src}' and '${dst}' are the same file`);
      status = 1;
      continue;
    }
    if (st.kind === 'dir' && isInside(t, src, dst)) {
      t.warn(t.gnu ? `cannot move ${t.qa(src)} to a subdirectory of itself, ${t.qa(dst)}` : `can't move '${src}' to a subdirectory of itself`);
      status = 1;
      continue;
    }
    const e = t.fs.rename(src, dst);
    if (!e) {
      if (p.has('v')) t.out(`renamed ${t.qa(src)} -> ${t.qa(dst)}\n`);
      continue;
    }
    if (e.code !== 'EXDEV') {
      t.warn(t.gnu ? `cannot move ${t.qa(src)} to ${t.qa(dst)}: ${e.message}` : `can't rename '${src}': ${e.message}`);
      status = 1;
      continue;
    }
    // across "devices": copy everything, keeping metadata, then remove the source
    const o: CopyOpts = { recursive: true, preserve: true, deref: false, noClobber: false, verbose: false, force: true };
    const existing = t.fs.lstat(dst);
    if (!isErr(existing) && existing.kind === 'dir' && st.kind === 'dir') {
      const inside = t.fs.readdir(dst);
      if (!isErr(inside) && inside.length > 0) {
        t.warn(t.gnu ? `cannot move ${t.qa(src)} to ${t.qa(dst)}: Directory not empty` : `can't remove '${dst}': Directory not empty`);
        status = 1;
        continue;
      }
    }
    if (!copyEntry(t, o, src, dst, true)) {
      status = 1;
      continue;
    }
    const rmErr = t.fs.rm(src, { recursive: true });
    if (rmErr) {
      t.warn(t.gnu ? `cannot remove ${t.qa(rmErr.path)}: ${rmErr.message}` : `can't remove '${rmErr.path}': ${rmErr.message}`);
      status = 1;
      continue;
    }
    if (p.has('v')) t.out(`copied ${t.qa(src)} -> ${t.qa(dst)}\nremoved ${t.qa(src)}\n`);
  }
  return status;
}
