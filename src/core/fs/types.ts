// Shared vocabulary of the simulated filesystem: entries of a layer changeset,
// and errno values (errors are values, never exceptions, in the core).

/**
 * File content: UTF-8 text, raw bytes, or a deterministic generated blob whose
 * bytes are produced only when read (big binaries in image layers cost nothing
 * until someone cats them).
 */
export type Content = string | Uint8Array | GeneratedContent;

export interface GeneratedContent {
  readonly kind: 'generated';
  /** Size in bytes. */
  readonly size: number;
  /** Identity of the blob: same seed and size, same bytes. */
  readonly seed: string;
}

interface Meta {
  /** Permission bits only (0o755); the type is `kind`. */
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  /** Modification time, ms since the epoch. */
  readonly mtime: number;
}

export interface FileEntry extends Meta {
  readonly kind: 'file';
  readonly content: Content;
}

export interface DirEntry extends Meta {
  readonly kind: 'dir';
  /** Opaque (`.wh..wh..opq` / trusted.overlay.opaque=y): hides everything below it in lower layers. */
  readonly opaque?: boolean;
}

export interface SymlinkEntry extends Meta {
  readonly kind: 'symlink';
  readonly target: string;
}

/** A removal: hides the same path in lower layers (`.wh.NAME` in OCI, a 0/0 char device in overlayfs). */
export interface WhiteoutEntry {
  readonly kind: 'whiteout';
}

export type Entry = FileEntry | DirEntry | SymlinkEntry | WhiteoutEntry;
export type VisibleEntry = FileEntry | DirEntry | SymlinkEntry;
export type EntryKind = VisibleEntry['kind'];

/**
 * What stat(2) can report: the entry kinds, and character devices (which
 * layers never hold: the kernel's /dev and masked /proc files are those).
 */
export type StatKind = EntryKind | 'chardev' | 'blockdev';

/** What stat(2) reports, in the units `ls -l` needs. */
export interface Stats {
  readonly kind: StatKind;
  /** Permission bits (incl. setuid/setgid/sticky), without the type. */
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  readonly mtime: number;
  /** Bytes: content length for files, target length for symlinks, 4096 for directories (ext4). */
  readonly size: number;
  /** st_rdev of a character device: major and minor. */
  readonly rdev?: readonly [number, number];
  /**
   * 1 for an overlay directory merged from several layers (ovl_getattr does not count its
   * subdirectories); otherwise unset, and a reader counts them.
   */
  readonly nlink?: number;
}

/** One name of a directory listing, with its type (readdir with d_type, for `ls -l` / `ls -F`). */
export interface Dirent {
  readonly name: string;
  readonly kind: StatKind;
}

export type Errno =
  | 'ENOENT'
  | 'ENOTDIR'
  | 'EISDIR'
  | 'ENOTEMPTY'
  | 'EEXIST'
  | 'EXDEV'
  | 'EROFS'
  | 'EACCES'
  | 'EINVAL'
  | 'ELOOP'
  | 'EPERM'
  | 'EBUSY'
  | 'ENOSPC'
  | 'ENXIO';

export const ERRNO_MESSAGES: Record<Errno, string> = {
  ENOENT: 'No such file or directory',
  ENOTDIR: 'Not a directory',
  EISDIR: 'Is a directory',
  ENOTEMPTY: 'Directory not empty',
  EEXIST: 'File exists',
  EXDEV: 'Invalid cross-device link',
  EROFS: 'Read-only file system',
  EACCES: 'Permission denied',
  EINVAL: 'Invalid argument',
  ELOOP: 'Too many levels of symbolic links',
  EPERM: 'Operation not permitted',
  EBUSY: 'Device or resource busy',
  ENOSPC: 'No space left on device',
  ENXIO: 'No such device or address',
};

/** An errno as a value. `message` is strerror's text, as tools print it. */
export class FsError {
  readonly message: string;
  constructor(
    readonly code: Errno,
    readonly path: string,
    readonly syscall = '',
  ) {
    this.message = ERRNO_MESSAGES[code];
  }
}

export function isFsError(x: unknown): x is FsError {
  return x instanceof FsError;
}

export function contentSize(c: Content): number {
  if (typeof c === 'string') {
    let n = 0;
    for (let i = 0; i < c.length; i++) {
      const ch = c.charCodeAt(i);
      if (ch < 0x80) n += 1;
      else if (ch < 0x800) n += 2;
      else if (ch >= 0xd800 && ch <= 0xdbff) {
        n += 4;
        i++;
      } else n += 3;
    }
    return n;
  }
  if (c instanceof Uint8Array) return c.length;
  return c.size;
}
