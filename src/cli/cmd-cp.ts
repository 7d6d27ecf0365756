// `docker cp` / `docker container cp` (cli/command/container/cp.go with
// moby/go-archive's copy rules): between the client's files and a container,
// through HEAD/GET/PUT /containers/{id}/archive. The archive travels as its
// members; the sizes printed are those of the tar the real CLI streams. On a
// terminal the progress line is drawn and replaced as Docker 28 does.

import type { CommandSpec, RunContext } from './command';
import { CliError } from './command';
import type { ApiResponse } from '../core/daemon/api';
import { DaemonError } from './api-call';
import {
  STAT_HEADER,
  baseOf,
  isDirMode,
  isSymlinkMode,
  rebase,
  tarResource,
  tarSize,
  untar,
  type ArchiveEntry,
  type PathStat,
} from '../core/daemon/containers-archive';
import { isFsError } from '../core/fs/types';
import type { FileSystem } from '../core/userland/types';
import { humanSizeWithPrecision } from './units';
import { tarBytes } from './tar-writer';

/** filepath.Clean. */
function clean(p: string): string {
  const abs = p.startsWith('/');
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length && out[out.length - 1] !== '..') out.pop();
      else if (!abs) out.push('..');
    } else out.push(seg);
  }
  const s = (abs ? '/' : '') + out.join('/');
  return s === '' ? '.' : s;
}

const specifiesCurrentDir = (p: string) => baseOf(clean(p)) === '.' || p.endsWith('/.') || p === '.';
const hasTrailingSep = (p: string) => p.endsWith('/');

/** archive.SplitPathDirEntry. */
function splitPathDirEntry(p: string): [string, string] {
  let cleaned = clean(p);
  if (specifiesCurrentDir(p)) cleaned += '/.';
  const i = cleaned.lastIndexOf('/');
  if (i < 0) return ['.', cleaned];
  return [i === 0 ? '/' : cleaned.slice(0, i), cleaned.slice(i + 1)];
}

/** archive.PreserveTrailingDotOrSeparator. */
function preserveTrailing(cleaned: string, original: string): string {
  let p = cleaned;
  if (!specifiesCurrentDir(p) && specifiesCurrentDir(original)) {
    if (!hasTrailingSep(p)) p += '/';
    p += '.';
  }
  if (!hasTrailingSep(p) && hasTrailingSep(original)) p += '/';
  return p;
}

/** splitCpArg: "ctr:path" unless the argument is absolute or the part before ':' starts with '.'. */
function splitCpArg(arg: string): [string, string] {
  if (arg.startsWith('/')) return ['', arg];
  const i = arg.indexOf(':');
  if (i < 0 || arg.startsWith('.')) return ['', arg];
  return [arg.slice(0, i), arg.slice(i + 1)];
}

interface CopyInfo {
  path: string;
  exists: boolean;
  isDir: boolean;
  rebaseName?: string;
}

/** archive.PrepareArchiveCopy: where to extract, and the members renamed for the destination. */
function prepareArchiveCopy(
  entries: ArchiveEntry[],
  src: CopyInfo,
  dst: CopyInfo,
): { dir: string; entries: ArchiveEntry[] } | string {
  const [dstDir, dstBase] = splitPathDirEntry(dst.path);
  let [, srcBase] = splitPathDirEntry(src.path);
  if (dst.exists && dst.isDir) return { dir: dst.path, entries };
  if (dst.exists && src.isDir) return 'cannot copy directory';
  if (!dst.exists && !src.isDir && (hasTrailingSep(dst.path) || specifiesCurrentDir(dst.path)))
    return 'no such directory';
  if (src.rebaseName) srcBase = src.rebaseName;
  return { dir: dstDir, entries: rebase(entries, srcBase, dstBase) };
}

/** syscall.Errno's text: strerror in lower case. */
const goErrno = (m: string) => m.charAt(0).toLowerCase() + m.slice(1);

function cwdOf(ctx: RunContext, fs: FileSystem): string {
  const c = (fs as { ctx?: { cwd?: string } }).ctx?.cwd;
  return c ?? ctx.io.env?.PWD ?? '/';
}

function hostFs(ctx: RunContext): FileSystem {
  if (!ctx.io.hostFs)
    throw new CliError("docker cp needs the client machine's files, and this terminal has none", 1);
  return ctx.io.hostFs;
}

function decodeStat(res: ApiResponse): PathStat | undefined {
  const h = 'headers' in res ? res.headers?.[STAT_HEADER] : undefined;
  if (!h) return undefined;
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(h), (ch) => ch.charCodeAt(0)))) as PathStat;
}

function daemonMessage(res: ApiResponse): string {
  const b = (res as { body?: unknown }).body as { message?: string } | undefined;
  return (b?.message ?? `unknown error (status ${res.status})`).trim();
}

async function fromContainer(
  ctx: RunContext,
  container: string,
  srcPath: string,
  dest: string,
  quiet: boolean,
): Promise<number> {
  let dstPath = dest;
  let fs: FileSystem | undefined;
  if (dstPath !== '-') {
    fs = hostFs(ctx);
    const abs = dstPath.startsWith('/') ? dstPath : `${cwdOf(ctx, fs)}/${dstPath}`;
    dstPath = preserveTrailing(clean(abs), dstPath);
    const dir = clean(dstPath).slice(0, Math.max(1, clean(dstPath).lastIndexOf('/')));
    if (!fs.exists(dir))
      throw new CliError(`invalid output path: directory ${JSON.stringify(dir)} does not exist`, 1);
    // ValidateOutputPath's os.Stat: any error but "does not exist" ends the copy before a request
    const st = fs.stat(dstPath);
    if (isFsError(st) && st.code !== 'ENOENT')
      throw new CliError(`stat ${dstPath}: ${goErrno(st.message)}`, 1);
  }
  let path = srcPath;
  let rebaseName: string | undefined;
  if (ctx.flags.bool('follow-link')) {
    const head = await ctx.client.request({
      method: 'HEAD',
      path: `/containers/${container}/archive`,
      query: { path },
    });
    const st = head.status === 200 ? decodeStat(head) : undefined;
    if (st && isSymlinkMode(st.mode)) {
      let target = st.linkTarget;
      if (!target.startsWith('/')) target = clean(`${splitPathDirEntry(path)[0]}/${target}`);
      rebaseName = baseOf(path);
      path = target;
    }
  }
  const res = await ctx.client.request({
    method: 'GET',
    path: `/containers/${container}/archive`,
    query: { path },
  });
  if (res.status < 200 || res.status >= 400) throw new DaemonError(res.status, daemonMessage(res));
  const stat = decodeStat(res);
  let entries = ((res as { body?: { entries?: ArchiveEntry[] } }).body?.entries ?? []) as ArchiveEntry[];
  if (dstPath === '-') {
    ctx.io.stdout.write(tarBytes(entries));
    return 0;
  }
  const src: CopyInfo = { path, exists: true, isDir: stat ? isDirMode(stat.mode) : false, rebaseName };
  if (rebaseName) entries = rebase(entries, baseOf(path), rebaseName);
  // copyProgress asks whether stderr's *streams.Out is a terminal, which it never is: no progress line in 28.x
  const size = tarSize(entries);
  const err = copyTo(fs!, entries, src, dstPath);
  if (!quiet) ctx.io.stderr.write(`Successfully copied ${humanSizeWithPrecision(size, 3)} to ${dstPath}\n`);
  if (err) throw new CliError(err, 1);
  return 0;
}

/** archive.CopyTo on the client's files. */
function copyTo(fs: FileSystem, entries: ArchiveEntry[], src: CopyInfo, dstPath: string): string | undefined {
  const path = clean(dstPath) + (hasTrailingSep(dstPath) ? '/' : '');
  // CopyInfoDestinationPath: a symlink destination stands for what it points to
  const st = fs.stat(clean(dstPath));
  let dst: CopyInfo;
  if (!isFsError(st)) dst = { path: dstPath, exists: true, isDir: st.kind === 'dir' };
  else {
    const [parent] = splitPathDirEntry(path);
    const p = fs.stat(parent);
    if (isFsError(p)) return `stat ${parent}: ${goErrno(p.message)}`;
    if (p.kind !== 'dir') return 'not a directory';
    dst = { path: dstPath, exists: false, isDir: false };
  }
  const prepared = prepareArchiveCopy(entries, src, dst);
  if (typeof prepared === 'string') return prepared;
  return untar(fs, prepared.entries, clean(prepared.dir), { noOverwriteDirNonDir: true });
}

/**
 * ResolveHostSourcePath's filepath.EvalSymlinks of the source's directory part
 * (with its trailing slash): every component must be a directory, so a file
 * named with a trailing slash ("a.txt/") fails with walkSymlinks' bare ENOTDIR.
 */
function evalSymlinksDir(fs: FileSystem, dirPath: string): string | undefined {
  let prefix = '';
  for (const part of dirPath.split('/').filter((p) => p !== '')) {
    prefix += `/${part}`;
    const st = fs.lstat(prefix);
    if (isFsError(st)) return `lstat ${prefix}: ${goErrno(st.message)}`;
    const target = st.kind === 'symlink' ? fs.stat(prefix) : st;
    if (isFsError(target)) return `lstat ${prefix}: ${goErrno(target.message)}`;
    if (target.kind !== 'dir') return 'not a directory';
  }
  return undefined;
}

async function toContainer(
  ctx: RunContext,
  source: string,
  container: string,
  dstPath: string,
  quiet: boolean,
): Promise<number> {
  if (source === '-')
    throw new CliError(
      'reading a tar archive from stdin is not simulated: copy a file or directory instead',
      1,
    );
  const fs = hostFs(ctx);
  const abs = source.startsWith('/') ? source : `${cwdOf(ctx, fs)}/${source}`;
  const srcPath = preserveTrailing(clean(abs), source);
  const dst: CopyInfo = { path: dstPath, exists: false, isDir: false };
  let head = await ctx.client.request({
    method: 'HEAD',
    path: `/containers/${container}/archive`,
    query: { path: dstPath },
  });
  let st = head.status === 200 ? decodeStat(head) : undefined;
  if (st && isSymlinkMode(st.mode)) {
    let target = st.linkTarget;
    if (!target.startsWith('/')) target = clean(`${splitPathDirEntry(dstPath)[0]}/${target}`);
    dst.path = target;
    head = await ctx.client.request({
      method: 'HEAD',
      path: `/containers/${container}/archive`,
      query: { path: target },
    });
    st = head.status === 200 ? decodeStat(head) : undefined;
  }
  if (st) {
    dst.exists = true;
    dst.isDir = isDirMode(st.mode);
  }
  // CopyInfoSourcePath: lstat of the source (-L follows a final symlink)
  let resolved = clean(srcPath);
  let rebaseName: string | undefined;
  if (!ctx.flags.bool('follow-link')) {
    const bad = evalSymlinksDir(fs, srcPath.slice(0, srcPath.lastIndexOf('/') + 1));
    if (bad) throw new CliError(bad, 1);
  } else {
    const real = fs.realpath(resolved);
    if (!isFsError(real) && real !== resolved) {
      rebaseName = baseOf(resolved);
      resolved = real;
    }
  }
  const sst = fs.lstat(resolved);
  if (isFsError(sst)) throw new CliError(`lstat ${resolved}: ${goErrno(sst.message)}`, 1);
  const contents = specifiesCurrentDir(srcPath);
  const entries = tarResource(fs, resolved, contents ? '.' : baseOf(resolved));
  if (isFsError(entries))
    throw new CliError(`${entries.syscall} ${entries.path}: ${goErrno(entries.message)}`, 1);
  const prepared = prepareArchiveCopy(
    entries,
    { path: srcPath, exists: true, isDir: sst.kind === 'dir', rebaseName },
    dst,
  );
  if (typeof prepared === 'string') {
    // TarResource was already streaming: closing its pipe makes the tar goroutine log two errors
    const t = `time="${new Date(Math.floor(ctx.now() / 1000) * 1000).toISOString().replace('.000Z', 'Z')}" level=error msg=`;
    ctx.io.stderr.write(`${t}"Can't add file ${resolved} to tar: io: read/write on closed pipe"\n`);
    ctx.io.stderr.write(`${t}"Can't close tar writer: io: read/write on closed pipe"\n`);
    throw new CliError(prepared, 1);
  }
  const query: Record<string, string> = { path: prepared.dir, noOverwriteDirNonDir: 'true' };
  if (ctx.flags.bool('archive')) query.copyUIDGID = 'true';
  const res = await ctx.client.request({
    method: 'PUT',
    path: `/containers/${container}/archive`,
    query,
    body: { entries: prepared.entries },
  });
  if (!quiet)
    ctx.io.stderr.write(
      `Successfully copied ${humanSizeWithPrecision(tarSize(prepared.entries), 3)} to ${container}:${dst.path}\n`,
    );
  if (res.status < 200 || res.status >= 400) throw new DaemonError(res.status, daemonMessage(res));
  return 0;
}

async function runCp(ctx: RunContext): Promise<number> {
  const [source, destination] = ctx.args;
  if (source === '') throw new CliError('source can not be empty', 1);
  if (destination === '') throw new CliError('destination can not be empty', 1);
  const quiet = ctx.flags.changed('quiet') ? ctx.flags.bool('quiet') : !ctx.io.isTTY;
  const [srcCtr, srcPath] = splitCpArg(source);
  const [dstCtr, dstPath] = splitCpArg(destination);
  if (srcCtr !== '' && dstCtr !== '') throw new CliError('copying between containers is not supported', 1);
  if (srcCtr !== '') return fromContainer(ctx, srcCtr, srcPath, dstPath, quiet);
  if (dstCtr !== '') return toContainer(ctx, srcPath, dstCtr, dstPath, quiet);
  throw new CliError('must specify at least one container source', 1);
}

export const cpCommand: Partial<CommandSpec> = {
  use: `cp [OPTIONS] CONTAINER:SRC_PATH DEST_PATH|-
	docker cp [OPTIONS] SRC_PATH|- CONTAINER:DEST_PATH`,
  long: `Copy files/folders between a container and the local filesystem

Use '-' as the source to read a tar archive from stdin
and extract it to a directory destination in a container.
Use '-' as the destination to stream a tar archive of a
container source to stdout.`,
  args: { kind: 'exact', n: 2 },
  flags: [
    { name: 'follow-link', shorthand: 'L', kind: 'bool', usage: 'Always follow symbol link in SRC_PATH' },
    { name: 'archive', shorthand: 'a', kind: 'bool', usage: 'Archive mode (copy all uid/gid information)' },
    {
      name: 'quiet',
      shorthand: 'q',
      kind: 'bool',
      usage:
        'Suppress progress output during copy. Progress output is automatically suppressed if no terminal is attached',
    },
  ],
  run: runCp,
};
