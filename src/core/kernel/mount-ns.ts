// A mount namespace: a table of mounts (the container's overlay root, bind
// mounts of host paths, volumes, /proc and /sys generated for whoever reads
// them, /dev with its devices, the daemon's /etc/hosts files) behind the same
// file API as one overlay. Paths are walked here, one component at a time, so
// symlinks resolve in the namespace and every step crosses mount points; each
// mount then sees a symlink-free path of its own.
import { FsError, type Dirent, type Errno, type Stats } from '../fs/types';
import type { Content } from '../fs/types';
import type { FsResult } from '../fs/fs-view';
import type { FsContext } from '../fs/resolve';
import { ROOT_CONTEXT } from '../fs/resolve';
import { normalizePath, parentPath, splitPath } from '../fs/path';
import { contentText } from '../fs/content';
import type { FileSystem, FsAsker, Sys } from '../userland/types';
import type { MountInfo } from '../userland/procfs';
import type { Process } from './process';
import type { Writable } from './stream';
import { RandomSource, deviceNumbers, isEndless, readDevice, writeDevice, type DeviceKind } from './devices';

/** What a synthetic filesystem (/proc) is generated for. */

/** A device node's file type: block for a host block device, else character. */
const nodeKind = (k: DeviceKind): 'chardev' | 'blockdev' =>
  typeof k === 'object' && k.type === 'b' ? 'blockdev' : 'chardev';
export interface Reader {
  proc?: Process<Sys>;
}

export interface MountSpec {
  /** Mount point: absolute and normalised. */
  readonly target: string;
  /** The filesystem shown there, or a generator for one regenerated on each look (procfs, cgroupfs). */
  readonly source: FileSystem | ((reader: Reader) => FileSystem);
  /** The directory (or file) of the source shown at the mount point; "/" by default. */
  readonly root?: string;
  /** Mounted read-only: every change fails with EROFS. */
  readonly readOnly?: boolean;
  /** The /proc/mounts line. */
  readonly info: MountInfo;
}

interface NsState {
  mounts: MountSpec[];
  /** Mounts by target length, longest first: the lookup order (made when first needed after a change). */
  byDepth: MountSpec[] | undefined;
  /** Device nodes by path: shared with the table the runtime gave until the first change (copy on write). */
  devices: ReadonlyMap<string, DeviceKind>;
  devicesOwned: boolean;
  /** Who /proc is about when the reader did not say (the container's PID 1). */
  defaultReader: () => Process<Sys> | undefined;
  /** The container's terminal, when it has one (writes to /dev/tty, /dev/console). */
  terminal: Writable | undefined;
  random: RandomSource;
}

interface Found {
  /** Canonical path in the namespace (its final name not followed when asked not to). */
  readonly path: string;
  readonly mount: MountSpec;
  readonly bpath: string;
  /** lstat of the target; undefined when it does not exist (its parent does). */
  readonly st: Stats | undefined;
  readonly lastKind: 'name' | 'dot' | 'dotdot' | 'root';
  /** A /proc/N/fd/K link to a pipe: the process's own descriptor. */
  readonly fd?: { proc: Process<Sys>; fd: number };
}

const MAX_SYMLINKS = 40;
const FD_LINK = /^\/proc\/(\d+)\/fd\/(\d+)$/;

const isErr = (x: unknown): x is FsError => x instanceof FsError;

/** The path inside a mount's source of a canonical path on that mount. */
function pathIn(m: MountSpec, path: string): string {
  const t = m.target;
  const rest = t === '/' ? path : path.slice(t.length);
  const root = m.root ?? '/';
  return rest === '' || rest === '/' ? root : root === '/' ? rest : root + rest;
}

export interface MountNamespaceOptions {
  devices?: ReadonlyMap<string, DeviceKind>;
  defaultReader?: () => Process<Sys> | undefined;
  terminal?: Writable;
  seed?: number;
}

export class MountNamespace implements FileSystem {
  private readonly s: NsState;
  readonly ctx: FsContext;
  private readonly reader: Process<Sys> | undefined;
  /** Views of each mount for this reader, kept for one operation (a synthetic tree is generated once per call). */
  private scope: Map<MountSpec, FileSystem> | undefined;

  constructor(
    mounts: readonly MountSpec[],
    opts: MountNamespaceOptions = {},
    ctx: FsContext = ROOT_CONTEXT,
    reader?: Process<Sys>,
    state?: NsState,
  ) {
    this.s = state ?? {
      mounts: [],
      byDepth: undefined,
      devices: opts.devices ?? new Map(),
      devicesOwned: false,
      defaultReader: opts.defaultReader ?? (() => undefined),
      terminal: opts.terminal,
      random: new RandomSource(opts.seed ?? 1),
    };
    this.ctx = ctx;
    this.reader = reader;
    for (const m of mounts) this.mount(m);
  }

  /** The same namespace seen by another process (credentials, cwd, and who reads /proc). */
  as(a: FsAsker): MountNamespace {
    const { proc, ...rest } = a;
    return new MountNamespace([], {}, { ...this.ctx, ...rest }, proc ?? this.reader, this.s);
  }

  /** Add a mount on top of the table (mount(2)); a later mount at the same point hides the earlier. */
  mount(m: MountSpec): void {
    const t = normalizePath(m.target);
    this.s.mounts.push(t === m.target ? m : { ...m, target: t });
    this.s.byDepth = undefined;
  }

  /** Remove the topmost mount at `target`; false when nothing is mounted there. */
  unmount(target: string): boolean {
    const t = normalizePath(target);
    for (let i = this.s.mounts.length - 1; i >= 0; i--) {
      if (this.s.mounts[i].target !== t) continue;
      this.s.mounts.splice(i, 1);
      this.s.byDepth = undefined;
      return true;
    }
    return false;
  }

  /** Declare a device node (the runtime's /dev, masked /proc files). */
  setDevice(path: string, kind: DeviceKind | undefined): void {
    if (kind) this.ownDevices().set(normalizePath(path), kind);
    else this.ownDevices().delete(normalizePath(path));
  }

  setTerminal(w: Writable | undefined): void {
    this.s.terminal = w;
  }

  /** The mount table, in mount order, as /proc/mounts and `mount` show it. */
  mounts(): MountInfo[] {
    return this.s.mounts.map((m) => m.info);
  }

  /** The mount table itself, in mount order (for a view that keeps only some of it). */
  specs(): readonly MountSpec[] {
    return this.s.mounts;
  }

  get readOnly(): boolean {
    return this.rootMount()?.readOnly === true;
  }

  // ---- reading ----

  stat(path: string): Stats | FsError {
    return this.op(() => {
      const f = this.walk(path, true, 'stat');
      if (isErr(f)) return f;
      if (!f.st) return new FsError('ENOENT', path, 'stat');
      return this.asDevice(f.path, f.st);
    });
  }

  lstat(path: string): Stats | FsError {
    return this.op(() => {
      const f = this.walk(path, false, 'lstat');
      if (isErr(f)) return f;
      return f.st ? this.asDevice(f.path, f.st) : new FsError('ENOENT', path, 'lstat');
    });
  }

  /** A device node's stat: the file that stands for it in the tmpfs becomes a character device. */
  private asDevice(path: string, st: Stats): Stats {
    const kind = st.kind === 'file' ? this.s.devices.get(path) : undefined;
    return kind ? { ...st, kind: nodeKind(kind), size: 0, rdev: deviceNumbers(path, kind) } : st;
  }

  exists(path: string): boolean {
    return !isErr(this.stat(path));
  }

  readFile(path: string): string | FsError {
    const c = this.readContent(path);
    return isErr(c) ? c : contentText(c);
  }

  readContent(path: string): Content | FsError {
    return this.op(() => {
      const f = this.existing(path, true, 'open');
      if (isErr(f)) return f;
      if (f.fd) return new FsError('EINVAL', path, 'read');
      const dev = this.device(f);
      if (dev) {
        // a whole-file read of an endless device never ends: refuse instead of hanging
        if (isEndless(dev)) return new FsError('EINVAL', path, 'read');
        const r = readDevice(dev, 0, path, this.s.random);
        return isErr(r) ? r : '';
      }
      return this.call(f, path, (v) => v.readContent(f.bpath));
    });
  }

  /**
   * pread(2): at most `length` bytes from `offset`, as a Latin-1 string for
   * devices (a byte per char) and as text for files. Reads of /dev/zero or
   * /dev/urandom produce just what is asked for.
   */
  read(path: string, offset: number, length: number): string | FsError {
    return this.op(() => {
      const f = this.existing(path, true, 'open');
      if (isErr(f)) return f;
      if (f.fd) return new FsError('EINVAL', path, 'read');
      const dev = this.device(f);
      if (dev) return readDevice(dev, length, path, this.s.random);
      const text = this.call(f, path, (v) => v.readFile(f.bpath));
      return isErr(text) ? text : text.slice(offset, offset + length);
    });
  }

  readdir(path: string): string[] | FsError {
    const d = this.readdirTypes(path);
    return isErr(d) ? d : d.map((e) => e.name);
  }

  /** A directory's names with their types; mount points below it are listed even where the parent lacks them. */
  readdirTypes(path: string): Dirent[] | FsError {
    return this.op(() => {
      const f = this.existing(path, true, 'scandir');
      if (isErr(f)) return f;
      const list = this.call(f, path, (v) => v.readdirTypes(f.bpath));
      if (isErr(list)) return list;
      const seen = new Set(list.map((e) => e.name));
      const extra: Dirent[] = [];
      const under = f.path === '/' ? '/' : `${f.path}/`;
      const typed = (name: string, kind: Dirent['kind']): Dirent =>
        kind === 'file' && this.s.devices.has(under + name)
          ? { name, kind: nodeKind(this.s.devices.get(under + name)!) }
          : { name, kind };
      for (const m of this.s.mounts) {
        if (m.target === '/' || parentPath(m.target) !== f.path) continue;
        const name = m.target.slice(m.target.lastIndexOf('/') + 1);
        if (seen.has(name)) continue;
        const st = this.viewOf(m).lstat(m.root ?? '/');
        if (isErr(st)) continue;
        seen.add(name);
        extra.push(typed(name, st.kind));
      }
      const all = this.s.devices.size ? list.map((e) => typed(e.name, e.kind)) : list;
      if (extra.length === 0) return all;
      return [...all, ...extra].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    });
  }

  readlink(path: string): string | FsError {
    return this.op(() => {
      const f = this.existing(path, false, 'readlink');
      if (isErr(f)) return f;
      if (f.st!.kind !== 'symlink') return new FsError('EINVAL', path, 'readlink');
      return this.call(f, path, (v) => v.readlink(f.bpath));
    });
  }

  realpath(path: string): string | FsError {
    return this.op(() => {
      const f = this.existing(path, true, 'realpath');
      return isErr(f) ? f : f.path;
    });
  }

  access(path: string, mode: number): FsResult {
    return this.op(() => {
      const f = this.existing(path, true, 'access');
      if (isErr(f)) return f;
      if (mode & 2 && f.mount.readOnly) return new FsError('EROFS', path, 'access');
      if (f.fd || this.device(f)) return undefined;
      return this.call(f, path, (v) => v.access(f.bpath, mode));
    });
  }

  // ---- writing ----

  writeFile(path: string, content: Content, opts: { mode?: number } = {}): FsResult {
    return this.output(path, typeof content === 'string' ? content : undefined, (v, p) =>
      v.writeFile(p, content, opts),
    );
  }

  appendFile(path: string, content: string | Uint8Array): FsResult {
    return this.output(path, typeof content === 'string' ? content : undefined, (v, p) =>
      v.appendFile(p, content),
    );
  }

  truncate(path: string, length: number): FsResult {
    return this.op(() => {
      const f = this.existing(path, true, 'truncate');
      if (isErr(f)) return f;
      if (f.fd || this.device(f)) return undefined;
      if (f.mount.readOnly) return new FsError('EROFS', path, 'truncate');
      return this.call(f, path, (v) => v.truncate(f.bpath, length));
    });
  }

  private output(
    path: string,
    text: string | undefined,
    write: (v: FileSystem, p: string) => FsResult,
  ): FsResult {
    return this.op(() => {
      const f = this.walk(path, true, 'open');
      if (isErr(f)) return f;
      if (f.fd) {
        const o = f.fd.proc.opts;
        const w = f.fd.fd === 1 ? o.stdout : f.fd.fd === 2 ? o.stderr : undefined;
        if (!w) return new FsError('EINVAL', path, 'write');
        if (text !== undefined) w.write(text);
        return undefined;
      }
      const dev = f.st ? this.device(f) : undefined;
      if (dev) return writeDevice(dev, text ?? ' ', path, this.ttyOf());
      if (f.mount.readOnly) return new FsError('EROFS', path, 'open');
      if (f.lastKind !== 'name') return new FsError('EISDIR', path, 'open');
      return this.call(f, path, (v) => write(v, f.bpath));
    });
  }

  chmod(path: string, mode: number): FsResult {
    return this.meta(path, 'chmod', (v, p) => v.chmod(p, mode));
  }

  chown(path: string, uid: number, gid: number): FsResult {
    return this.meta(path, 'chown', (v, p) => v.chown(p, uid, gid));
  }

  utimes(path: string, mtime?: number): FsResult {
    return this.meta(path, 'utimensat', (v, p) => v.utimes(p, mtime));
  }

  private meta(path: string, syscall: string, change: (v: FileSystem, p: string) => FsResult): FsResult {
    return this.op(() => {
      const f = this.existing(path, true, syscall);
      if (isErr(f)) return f;
      if (f.mount.readOnly) return new FsError('EROFS', path, syscall);
      return this.call(f, path, (v) => change(v, f.bpath));
    });
  }

  mkdir(path: string, opts: { recursive?: boolean; mode?: number } = {}): FsResult {
    if (!opts.recursive) return this.op(() => this.mkdirOne(path, opts.mode));
    // mkdir -p, as FsView does it: on ENOENT make the parent first
    const todo = [path];
    while (todo.length > 0) {
      const next = todo.pop()!;
      const err = this.op(() => this.mkdirOne(next, todo.length === 0 ? opts.mode : undefined));
      if (err === undefined) continue;
      if (err.code === 'EACCES' || err.code === 'ENOTDIR' || err.code === 'EPERM' || err.code === 'EROFS')
        return err;
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
    const f = this.walk(path, false, 'mkdir');
    if (isErr(f)) return f;
    if (f.lastKind !== 'name' || f.st) return new FsError('EEXIST', path, 'mkdir');
    if (f.mount.readOnly) return new FsError('EROFS', path, 'mkdir');
    return this.call(f, path, (v) => v.mkdir(f.bpath, { mode }));
  }

  symlink(target: string, path: string): FsResult {
    return this.op(() => {
      const f = this.walk(path, false, 'symlink');
      if (isErr(f)) return f;
      if (f.lastKind !== 'name' || f.st) return new FsError('EEXIST', path, 'symlink');
      if (f.mount.readOnly) return new FsError('EROFS', path, 'symlink');
      return this.call(f, path, (v) => v.symlink(target, f.bpath));
    });
  }

  unlink(path: string): FsResult {
    return this.op(() => {
      const f = this.walk(path, false, 'unlink');
      if (isErr(f)) return f;
      if (f.lastKind !== 'name') return new FsError('EISDIR', path, 'unlink');
      if (!f.st) return new FsError('ENOENT', path, 'unlink');
      if (this.isMountPoint(f.path)) return new FsError('EBUSY', path, 'unlink');
      if (f.mount.readOnly) return new FsError('EROFS', path, 'unlink');
      const err = this.call(f, path, (v) => v.unlink(f.bpath));
      if (!err && this.s.devices.has(f.path)) this.ownDevices().delete(f.path);
      return err;
    });
  }

  rmdir(path: string): FsResult {
    return this.op(() => {
      const f = this.walk(path, false, 'rmdir');
      if (isErr(f)) return f;
      if (f.lastKind === 'dot') return new FsError('EINVAL', path, 'rmdir');
      if (f.lastKind === 'dotdot') return new FsError('ENOTEMPTY', path, 'rmdir');
      if (f.lastKind === 'root' || this.isMountPoint(f.path)) return new FsError('EBUSY', path, 'rmdir');
      if (!f.st) return new FsError('ENOENT', path, 'rmdir');
      if (f.mount.readOnly) return new FsError('EROFS', path, 'rmdir');
      return this.call(f, path, (v) => v.rmdir(f.bpath));
    });
  }

  /** `rm [-r] [-f]` as its syscalls: depth first; the first error stops it. */
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

  /** rename(2): both names on one mount, else EXDEV (what makes `mv` copy across a volume). */
  rename(from: string, to: string): FsResult {
    return this.op(() => {
      const a = this.walk(from, false, 'rename');
      if (isErr(a)) return a;
      const b = this.walk(to, false, 'rename');
      if (isErr(b)) return b;
      if (a.lastKind !== 'name' || b.lastKind !== 'name') return new FsError('EBUSY', from, 'rename');
      if (!a.st) return new FsError('ENOENT', from, 'rename');
      if (this.isMountPoint(a.path) || this.isMountPoint(b.path)) return new FsError('EBUSY', from, 'rename');
      if (a.mount !== b.mount) return new FsError('EXDEV', from, 'rename');
      if (a.mount.readOnly) return new FsError('EROFS', from, 'rename');
      const err = this.viewOf(a.mount).rename(a.bpath, b.bpath);
      if (err) return new FsError(err.code, err.path === b.bpath ? to : from, 'rename');
      const dev = this.s.devices.get(a.path);
      if (dev) {
        this.ownDevices().delete(a.path);
        this.ownDevices().set(b.path, dev);
      }
      return undefined;
    });
  }

  // ---- the walk ----

  /** The mount a canonical path lies on. */
  private locate(path: string): MountSpec {
    // later mounts first among equals: a mount hides an earlier one at the same point
    this.s.byDepth ??= [...this.s.mounts].reverse().sort((a, b) => b.target.length - a.target.length);
    for (const m of this.s.byDepth) {
      const t = m.target;
      if (t === '/' || (path.startsWith(t) && (path.length === t.length || path.charCodeAt(t.length) === 47)))
        return m;
    }
    throw new Error('mount namespace without a root mount');
  }

  private walk(path: string, follow: boolean, syscall: string): Found | FsError {
    if (path === '') return new FsError('ENOENT', path, syscall);
    const full = path.startsWith('/') ? path : `${this.ctx.cwd}/${path}`;
    const pending = splitPath(full).reverse();
    const trailingSlash = full.length > 1 && full.endsWith('/') && pending.length > 0;
    // the canonical path so far ('' at the root)
    let cur = '';
    let hops = 0;
    let lastKind: Found['lastKind'] = 'root';
    while (pending.length > 0) {
      const name = pending.pop()!;
      const isLast = pending.length === 0;
      if (name === '.' || name === '..') {
        if (name === '..' && cur !== '') cur = cur.slice(0, cur.lastIndexOf('/'));
        lastKind = isLast ? (name === '.' ? 'dot' : 'dotdot') : 'root';
        continue;
      }
      lastKind = 'root';
      const cand = `${cur}/${name}`;
      const mount = this.locate(cand);
      const bpath = pathIn(mount, cand);
      const st = this.viewOf(mount).lstat(bpath);
      if (isErr(st)) {
        if (st.code === 'ENOENT' && isLast)
          return { path: cand, mount, bpath, st: undefined, lastKind: 'name' };
        return new FsError(st.code, path, syscall);
      }
      if (st.kind === 'symlink' && (!isLast || follow || trailingSlash)) {
        const target = this.viewOf(mount).readlink(bpath);
        if (isErr(target)) return new FsError(target.code, path, syscall);
        const fd = isLast && !target.startsWith('/') ? this.fdLink(cand, mount) : undefined;
        if (fd) return { path: cand, mount, bpath, st, lastKind: 'name', fd };
        if (++hops > MAX_SYMLINKS) return new FsError('ELOOP', path, syscall);
        if (target === '') return new FsError('ENOENT', path, syscall);
        if (target.startsWith('/')) cur = '';
        const t = splitPath(target);
        for (let i = t.length - 1; i >= 0; i--) pending.push(t[i]);
        continue;
      }
      if (!isLast) {
        if (st.kind !== 'dir') return new FsError('ENOTDIR', path, syscall);
        cur = cand;
        continue;
      }
      if (trailingSlash && st.kind !== 'dir') return new FsError('ENOTDIR', path, syscall);
      return { path: cand, mount, bpath, st, lastKind: 'name' };
    }
    const dir = cur === '' ? '/' : cur;
    const mount = this.locate(dir);
    const bpath = pathIn(mount, dir);
    const st = this.viewOf(mount).lstat(bpath);
    if (isErr(st)) return new FsError(st.code, path, syscall);
    return { path: dir, mount, bpath, st, lastKind };
  }

  private existing(path: string, follow: boolean, syscall: string): Found | FsError {
    const f = this.walk(path, follow, syscall);
    if (isErr(f)) return f;
    return f.st ? f : new FsError('ENOENT', path, syscall);
  }

  /** /proc/N/fd/K pointing at a pipe: the descriptor itself (a magic link, not a path). */
  private fdLink(path: string, mount: MountSpec): { proc: Process<Sys>; fd: number } | undefined {
    if (mount.info.fstype !== 'proc') return undefined;
    const m = FD_LINK.exec(mount.target === '/proc' ? path : '');
    const self = this.reader ?? this.s.defaultReader();
    if (!m || !self) return undefined;
    const proc = self.pidns.members.get(Number(m[1])) as Process<Sys> | undefined;
    return proc ? { proc, fd: Number(m[2]) } : undefined;
  }

  private device(f: Found): DeviceKind | undefined {
    return f.st && f.st.kind === 'file' ? this.s.devices.get(f.path) : undefined;
  }

  private ttyOf(): ((d: string) => boolean) | undefined {
    const p = this.reader ?? this.s.defaultReader();
    if (p && p.opts.tty && p.opts.stdout) {
      const out = p.opts.stdout;
      return (d) => out.write(d);
    }
    const t = this.s.terminal;
    return t ? (d) => t.write(d) : undefined;
  }

  private ownDevices(): Map<string, DeviceKind> {
    if (!this.s.devicesOwned) {
      this.s.devices = new Map(this.s.devices);
      this.s.devicesOwned = true;
    }
    return this.s.devices as Map<string, DeviceKind>;
  }

  private isMountPoint(path: string): boolean {
    return path !== '/' && this.s.mounts.some((m) => m.target === path);
  }

  private rootMount(): MountSpec | undefined {
    return this.s.mounts.find((m) => m.target === '/');
  }

  /** The mount's source with this view's credentials (always given absolute paths, so cwd is "/"). */
  private viewOf(m: MountSpec): FileSystem {
    const cached = this.scope?.get(m);
    if (cached) return cached;
    const src =
      typeof m.source === 'function' ? m.source({ proc: this.reader ?? this.s.defaultReader() }) : m.source;
    const v = src.as({ uid: this.ctx.uid, gid: this.ctx.gid, umask: this.ctx.umask, cwd: '/' });
    this.scope?.set(m, v);
    return v;
  }

  /** Run a mount's operation; its errors are reported with the caller's path. */
  private call<T>(f: Found, path: string, fn: (v: FileSystem) => T | FsError): T | FsError {
    const r = fn(this.viewOf(f.mount));
    return isErr(r) ? new FsError(r.code as Errno, path, r.syscall) : r;
  }

  /** One operation: synthetic trees are generated at most once while it runs. */
  private op<T>(fn: () => T): T {
    if (this.scope) return fn();
    this.scope = new Map();
    try {
      return fn();
    } finally {
      this.scope = undefined;
    }
  }
}
