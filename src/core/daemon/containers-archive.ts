// `docker cp`'s two halves (daemon/archive.go and moby/go-archive, used by
// both the daemon and the CLI): a path as a tar stream — here the tar's
// members as a list (name, type, mode, owner, mtime, size, content), with the
// byte count a real tar of them has — and extracting such a list into a
// directory. Routes: HEAD/GET/PUT /containers/{name}/archive with the
// X-Docker-Container-Path-Stat header (base64 JSON of the path's stat).
import type { Content, FsError, Stats } from '../fs/types';
import { contentSize, isFsError } from '../fs/types';
import { utf8Encode } from '../fs/content';
import { MountNamespace } from '../kernel/mount-ns';
import type { FileSystem } from '../userland/types';
import type { ApiResponse } from './api';
import type { ContainerEntry } from './containers-entry';
import type { Daemon } from './daemon';
import { boolValue, errorResponse, type Router } from './engine';

/** One tar member. `name` is relative: "hosts", "app/sub/x" (directories without a trailing slash). */
export interface ArchiveEntry {
  name: string;
  type: 'file' | 'dir' | 'symlink';
  mode: number;
  uid: number;
  gid: number;
  /** ms since the epoch (a tar keeps whole seconds). */
  mtime: number;
  size: number;
  content?: Content;
  linkname?: string;
  /** The owner's names as the tar's maker finds them in the /etc/passwd and /etc/group it sees. */
  uname?: string;
  gname?: string;
}

/** container.PathStat; `mode` is a Go os.FileMode (type bits included). */
export interface PathStat {
  name: string;
  size: number;
  mode: number;
  mtime: string;
  linkTarget: string;
}

export const STAT_HEADER = 'X-Docker-Container-Path-Stat';
const MODE_DIR = 2 ** 31;
const MODE_SYMLINK = 2 ** 27;

export function fileMode(st: Stats): number {
  return st.mode + (st.kind === 'dir' ? MODE_DIR : st.kind === 'symlink' ? MODE_SYMLINK : 0);
}

export function isDirMode(mode: number): boolean {
  return mode >= MODE_DIR;
}

export function isSymlinkMode(mode: number): boolean {
  return Math.floor(mode / MODE_SYMLINK) % 2 === 1 && !isDirMode(mode);
}

const pad512 = (n: number) => Math.ceil(n / 512) * 512;

/** Bytes of a PAX record "%d key=value\n" (its length counts itself). */
function paxRecord(key: string, value: string): number {
  const body = ` ${key}=${value}\n`.length;
  let n = body + String(body).length;
  if (String(n).length !== String(body).length) n = body + String(n).length;
  return n;
}

/** What a Go archive/tar stream of these members weighs: headers, PAX headers for long names, padded data, the end blocks. */
export function tarSize(entries: readonly ArchiveEntry[]): number {
  let n = 0;
  for (const e of entries) {
    const name = e.type === 'dir' ? `${e.name}/` : e.name;
    let pax = 0;
    if (name.length > 100) pax += paxRecord('path', name);
    if ((e.linkname ?? '').length > 100) pax += paxRecord('linkpath', e.linkname ?? '');
    if (pax > 0) n += 512 + pad512(pax);
    n += 512 + (e.type === 'file' ? pad512(e.size) : 0);
  }
  return n + 1024;
}

const join = (a: string, b: string) => (a === '/' ? `/${b}` : `${a}/${b}`);
const dirOf = (p: string) => (p.lastIndexOf('/') <= 0 ? '/' : p.slice(0, p.lastIndexOf('/')));
export const baseOf = (p: string): string => p.slice(p.lastIndexOf('/') + 1);

/** TarWithOptions of one resource: `path` (absolute) as members named from `name` on. */
/**
 * archive/tar's statUnix: user.LookupId / LookupGroupId of the owner, read from the files of
 * the root the tar is made in (the daemon makes a container's inside its filesystem).
 */
function idNames(fs: FileSystem, file: string): Map<number, string> {
  const names = new Map<number, string>();
  const text = fs.readFile(file);
  if (isFsError(text)) return names;
  for (const line of text.split('\n')) {
    const f = line.split(':');
    const id = Number(f[2]);
    if (f.length >= 3 && f[2] !== '' && Number.isInteger(id) && !names.has(id)) names.set(id, f[0]);
  }
  return names;
}

export function tarResource(fs: FileSystem, path: string, name: string): ArchiveEntry[] | FsError {
  const out: ArchiveEntry[] = [];
  let users: Map<number, string> | undefined;
  let groups: Map<number, string> | undefined;
  const walk = (p: string, member: string): FsError | undefined => {
    const st = fs.lstat(p);
    if (isFsError(st)) return st;
    users ??= idNames(fs, '/etc/passwd');
    groups ??= idNames(fs, '/etc/group');
    const base = {
      name: member,
      mode: st.mode,
      uid: st.uid,
      gid: st.gid,
      mtime: Math.floor(st.mtime / 1000) * 1000,
      uname: users.get(st.uid),
      gname: groups.get(st.gid),
    };
    if (st.kind === 'symlink') {
      const link = fs.readlink(p);
      out.push({ ...base, type: 'symlink', size: 0, linkname: isFsError(link) ? '' : link });
    } else if (st.kind === 'file') {
      const c = fs.readContent(p);
      if (isFsError(c)) return c;
      out.push({ ...base, type: 'file', size: contentSize(c), content: c });
    } else {
      out.push({ ...base, type: 'dir', size: 0 });
      const names = fs.readdir(p);
      if (isFsError(names)) return names;
      for (const n of [...names].sort()) {
        // IncludeSourceDir with "." names the children "./x"
        const e = walk(join(p, n), `${member}/${n}`);
        if (e) return e;
      }
    }
    return undefined;
  };
  const e = walk(path, name);
  return e ?? out;
}

/** RebaseArchiveEntries: strings.Replace(name, oldBase, newBase, 1) on every member, as go-archive does. */
export function rebase(entries: readonly ArchiveEntry[], oldBase: string, newBase: string): ArchiveEntry[] {
  const from = oldBase === '/' ? '' : oldBase;
  if (from === newBase) return [...entries];
  return entries.map((e) => {
    const i = e.name.indexOf(from);
    return i < 0 ? e : { ...e, name: e.name.slice(0, i) + newBase + e.name.slice(i + from.length) };
  });
}

export interface UntarOptions {
  /** Keep the archive's owners (`docker cp -a`); otherwise the extracting user owns the files. */
  keepOwner?: boolean;
  /** Owner of what is extracted when not keeping the archive's. */
  owner?: { uid: number; gid: number };
  noOverwriteDirNonDir?: boolean;
}

/** Untar into `dir`: a message in go-archive's words when something is in the way. */
export function untar(
  fs: FileSystem,
  entries: readonly ArchiveEntry[],
  dir: string,
  opts: UntarOptions = {},
): string | undefined {
  for (const e of entries) {
    const rel = e.name.replace(/^\.\/?/, '');
    const path = rel === '' ? dir : join(dir, rel);
    const existing = fs.lstat(path);
    if (!isFsError(existing)) {
      if (opts.noOverwriteDirNonDir && existing.kind === 'dir' && e.type !== 'dir')
        return `cannot overwrite directory "${path}" with non-directory "${path}"`;
      if (opts.noOverwriteDirNonDir && existing.kind !== 'dir' && e.type === 'dir')
        return `cannot overwrite non-directory "${path}" with directory "${path}"`;
      if (!(existing.kind === 'dir' && e.type === 'dir')) {
        const r = fs.rm(path, { recursive: true, force: true });
        if (r) return `${r.syscall || 'remove'} ${path}: ${r.message}`;
      }
    } else if (!fs.exists(dirOf(path))) {
      const r = fs.mkdir(dirOf(path), { recursive: true, mode: 0o755 });
      if (r) return `mkdir ${dirOf(path)}: ${r.message}`;
    }
    let r: FsError | undefined;
    if (e.type === 'dir') r = isFsError(existing) ? fs.mkdir(path, { mode: e.mode }) : fs.chmod(path, e.mode);
    else if (e.type === 'symlink') r = fs.symlink(e.linkname ?? '', path);
    else r = fs.writeFile(path, e.content ?? '', { mode: e.mode });
    if (r) return `${r.syscall || 'open'} ${path}: ${r.message}`;
    if (e.type !== 'symlink') {
      fs.chmod(path, e.mode);
      const owner = opts.keepOwner ? { uid: e.uid, gid: e.gid } : opts.owner;
      if (owner) fs.chown(path, owner.uid, owner.gid);
      fs.utimes(path, e.mtime);
    }
  }
  return undefined;
}

/**
 * The filesystem `docker cp` sees for a container (openContainerFS): while it runs, the rootfs with
 * its volumes, binds and /etc/hosts files (setupMounts) — never runc's /proc, /sys, /dev, tmpfs
 * mounts or docker-init, which are not in that list; its root otherwise.
 */
function containerFs(c: ContainerEntry): FileSystem {
  if (!c.live) return c.root as unknown as FileSystem;
  const kept = c.live.ns
    .specs()
    .filter((m) => m.target === '/' || (m.info.fstype === 'ext4' && m.target !== '/sbin/docker-init'));
  return new MountNamespace(kept);
}

function normalise(p: string): string {
  const parts: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return '/' + parts.join('/');
}

function statOf(fs: FileSystem, path: string): PathStat | FsError {
  const st = fs.lstat(path);
  if (isFsError(st)) return st;
  const link = st.kind === 'symlink' ? fs.readlink(path) : '';
  return {
    name: baseOf(path) || '/',
    size: st.size,
    mode: fileMode(st),
    mtime: new Date(st.mtime).toISOString().replace('.000Z', 'Z'),
    linkTarget: typeof link === 'string' ? link : '',
  };
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** base64.StdEncoding of the text's UTF-8 bytes. */
export function base64(text: string): string {
  const bytes = utf8Encode(text);
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63];
    out += i + 1 < bytes.length ? B64[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.length ? B64[n & 63] : '=';
  }
  return out;
}

const statHeader = (s: PathStat) => ({ [STAT_HEADER]: base64(JSON.stringify(s)) });

export function registerArchiveRoutes(router: Router, daemon: Daemon): void {
  const lookup = (
    name: string,
    path: string | undefined,
  ): { error: ApiResponse } | { c: ContainerEntry; abs: string } => {
    const c = daemon.get(name);
    if (!c.ok) return { error: errorResponse(c) };
    if (!path) return { error: { status: 400, body: { message: 'bad parameter: path cannot be empty' } } };
    return { c: c.value, abs: normalise(path.startsWith('/') ? path : `/${path}`) };
  };
  /**
   * Stat as the daemon's lstat of PreserveTrailingDotOrSeparator(Join("/", path)): a name with a
   * trailing "/" or "/." that is no directory fails ENOTDIR (a 500), a missing one is a 404.
   */
  const statPath = (
    c: ContainerEntry,
    fs: FileSystem,
    abs: string,
    given: string,
  ): PathStat | ApiResponse => {
    const st = statOf(fs, abs);
    if (isFsError(st)) return missing(c, given);
    const trailing = /\/\.?$/.exec(given)?.[0];
    if (trailing && abs !== '/') {
      const t = fs.stat(abs);
      if (!isFsError(t) && t.kind !== 'dir')
        return { status: 500, body: { message: `lstat ${abs}${trailing}: not a directory` } };
    }
    return st;
  };
  const isStat = (x: PathStat | ApiResponse): x is PathStat => 'linkTarget' in x;
  const missing = (c: ContainerEntry, path: string): ApiResponse => ({
    status: 404,
    body: { message: `Could not find the file ${path} in container ${c.name}` },
  });

  router.add('HEAD', '/containers/{name}/archive', (req): ApiResponse => {
    const l = lookup(req.params.name, req.query.path);
    if ('error' in l) return l.error;
    const st = statPath(l.c, containerFs(l.c), l.abs, req.query.path ?? '');
    if (!isStat(st)) return st;
    return { status: 200, body: '', headers: statHeader(st) };
  });

  router.add('GET', '/containers/{name}/archive', (req): ApiResponse => {
    const l = lookup(req.params.name, req.query.path);
    if ('error' in l) return l.error;
    const fs = containerFs(l.c);
    const st = statPath(l.c, fs, l.abs, req.query.path ?? '');
    if (!isStat(st)) return st;
    // a path ending in "/." copies the directory's contents
    const contents = /\/\.$/.test(req.query.path ?? '');
    const entries = tarResource(fs, l.abs, contents ? '.' : baseOf(l.abs) || '.');
    if (isFsError(entries))
      return { status: 500, body: { message: `${entries.syscall} ${entries.path}: ${entries.message}` } };
    return { status: 200, body: { entries }, headers: statHeader(st) };
  });

  router.add('PUT', '/containers/{name}/archive', (req): ApiResponse => {
    const l = lookup(req.params.name, req.query.path);
    if ('error' in l) return l.error;
    const c = l.c;
    if (c.rec.HostConfig.ReadonlyRootfs)
      return { status: 403, body: { message: 'container rootfs is marked read-only' } };
    const fs = containerFs(c);
    const st = fs.stat(l.abs);
    if (isFsError(st)) return missing(c, req.query.path ?? '');
    if (st.kind !== 'dir') return { status: 400, body: { message: 'extraction point is not a directory' } };
    const body = (req.body ?? {}) as { entries?: ArchiveEntry[] };
    const err = untar(fs, body.entries ?? [], l.abs, {
      keepOwner: boolValue(req.query, 'copyUIDGID'),
      owner: { uid: 0, gid: 0 },
      noOverwriteDirNonDir: boolValue(req.query, 'noOverwriteDirNonDir'),
    });
    if (err) return { status: 500, body: { message: err } };
    daemon.event(c, 'extract-to-dir');
    return { status: 200, body: '' };
  });
}
