// An overlay mount as Docker's overlay2 makes one: read-only lower layers
// (base first) under one writable upper. The lower stack's merged tree is
// shared by every mount over the same layers; a mount costs only its own
// changes. With no lowers it is a plain filesystem (a volume, the host disk).
import { Layer } from './layer';
import { PathFilter, diffMount } from './diff';
import type { Change } from './diff';
import { FsView } from './fs-view';
import { MountState, Stamp, visibleEntry } from './merged';
import type { UpperNode } from './merged';
import { exportOci } from './oci';
import type { OciEntry } from './oci';
import { joinPath } from './path';
import { resolve } from './resolve';
import { FsError, contentSize } from './types';
import type { Entry } from './types';

export interface OverlayOptions {
  /** Mounted read-only (`--read-only`, `:ro`): every change fails with EROFS. */
  readOnly?: boolean;
  /** Source of mtimes for created and changed entries (a Clock fits). Default: always 0. */
  clock?: { now(): number };
  /** Metadata of "/" (the upper directory itself): 0755 root:root by default. */
  root?: { mode?: number; uid?: number; gid?: number };
  /**
   * Stat a merge directory as the kernel's overlayfs does (st_nlink 1). Only a container's root
   * is a real overlay mount; the other uses of this class stand for tmpfs, procfs or ext4.
   */
  mergeNlink?: boolean;
  /**
   * The top lower layer's entries read with this mtime (ms): a container's init layer, one
   * layer shared by every container of an image, shows each its own creation time.
   */
  stampTop?: number;
}

/** Where a visible path comes from: an index into the lowers (0 = base), or the mount's upper. */
export type Origin = number | 'upper';

export class OverlayMount extends FsView {
  constructor(lowers: readonly Layer[], opts: OverlayOptions = {}) {
    const clock = opts.clock;
    const now = clock ? () => clock.now() : () => 0;
    const root = opts.root ?? {};
    super(
      new MountState(
        [...lowers],
        opts.readOnly ?? false,
        now,
        {
          kind: 'dir',
          mode: root.mode ?? 0o755,
          uid: root.uid ?? 0,
          gid: root.gid ?? 0,
          mtime: now(),
        },
        opts.stampTop === undefined || lowers.length === 0
          ? undefined
          : new Stamp(lowers.length - 1, opts.stampTop),
      ),
    );
    this.state.mergeNlink = opts.mergeNlink === true;
  }

  get lowers(): readonly Layer[] {
    return this.state.lowers;
  }

  /** Bumped by every change: a cheap key for memoising pictures of the upper. */
  get generation(): number {
    return this.state.generation;
  }

  /** Which layer shows this path (not following a final symlink). A merged directory reports 'upper' once copied up. */
  origin(path: string): Origin | FsError {
    const r = resolve(this.state, this.ctx, path, false, 'lstat');
    if (r instanceof FsError) return r;
    if (r.loc === undefined) return new FsError('ENOENT', path, 'lstat');
    if (r.loc.upper !== undefined) return 'upper';
    return r.loc.lower!.layer;
  }

  /** The upper's own entries (copied-up dirs, new and changed entries, whiteouts), a directory before its contents. */
  upperEntries(): [string, Entry][] {
    const out: [string, Entry][] = [];
    const walk = (dir: string, node: UpperNode) => {
      for (const name of [...node.children!.keys()].sort()) {
        const child = node.children!.get(name)!;
        const p = joinPath(dir, name);
        out.push([p, child.entry]);
        if (child.children) walk(p, child);
      }
    };
    walk('/', this.state.upperRoot);
    return out;
  }

  /** Paths the upper holds (for a copy-up picture). */
  upperPaths(): string[] {
    return this.upperEntries().map(([p]) => p);
  }

  /** Bytes in the upper (file contents and symlink targets): `docker ps -s` SIZE. */
  upperSize(): number {
    let n = 0;
    for (const [, e] of this.upperEntries()) {
      if (e.kind === 'file') n += contentSize(e.content);
      else if (e.kind === 'symlink') n += contentSize(e.target);
    }
    return n;
  }

  /** The upper as an immutable layer (`docker commit`); the mount stays usable. */
  commit(): Layer {
    return Layer.from(this.upperEntries());
  }

  /** The upper as an OCI changeset: `.wh.` whiteouts and `.wh..wh..opq` markers. */
  upperChangeset(): OciEntry[] {
    return exportOci(this.commit());
  }

  /**
   * `docker diff`: the merged view against the lower stack's view. Paths in
   * `initPaths` (the init layer's /etc/hosts, /.dockerenv, "/dev/*", …) are
   * never reported; "P/*" hides what is below P.
   */
  diff(initPaths: Iterable<string> = []): Change[] {
    const root = this.state.rootLoc();
    if (visibleEntry(root) === undefined) return [];
    return diffMount(root, this.state.lowerRoot, new PathFilter(initPaths));
  }
}
