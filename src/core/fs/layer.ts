// A layer: an immutable changeset, keyed by absolute normalised path ("/etc/os-release").
// Whiteouts and opaque directories are entries too; exportOci turns them into
// `.wh.` names. The diff ID is a real sha256 of a canonical serialisation, so
// identical changesets have identical digests.
import { sha256Hex } from '../hash';
import type { Content, Entry } from './types';
import { contentSize } from './types';
import { comparePaths } from './path';

function contentKey(c: Content): string {
  if (typeof c === 'string') return `t:${sha256Hex(c)}`;
  if (c instanceof Uint8Array) return `b:${sha256Hex(c)}`;
  return `g:${c.size}:${c.seed}`;
}

function entryKey(path: string, e: Entry): string {
  switch (e.kind) {
    case 'whiteout':
      return `W ${path}`;
    case 'dir':
      return `D ${path} ${e.mode.toString(8)} ${e.uid}:${e.gid} ${e.mtime}${e.opaque ? ' opaque' : ''}`;
    case 'symlink':
      return `L ${path} ${e.mode.toString(8)} ${e.uid}:${e.gid} ${e.mtime} -> ${e.target}`;
    case 'file':
      return `F ${path} ${e.mode.toString(8)} ${e.uid}:${e.gid} ${e.mtime} ${contentKey(e.content)}`;
  }
}

export class Layer {
  readonly entries: ReadonlyMap<string, Entry>;
  private _diffId: string | undefined;
  private _size: number | undefined;
  private _sorted: [string, Entry][] | undefined;

  private constructor(entries: Map<string, Entry>) {
    this.entries = entries;
  }

  /** Build a layer. Paths must be absolute and normalised; "/" itself is not an entry. */
  static from(entries: Iterable<readonly [string, Entry]>): Layer {
    const map = new Map(entries);
    for (const p of map.keys()) {
      // a malformed key is our bug, not the student's: fail loudly
      if (p === '/' || !p.startsWith('/') || p.endsWith('/') || p.includes('//') || /\/\.\.?(\/|$)/.test(p)) {
        throw new Error(`Layer.from: path not absolute and normalised: ${JSON.stringify(p)}`);
      }
    }
    return new Layer(map);
  }

  /** Entries in changeset order: a directory right before its contents, siblings by name. */
  sortedEntries(): readonly (readonly [string, Entry])[] {
    this._sorted ??= [...this.entries].sort((a, b) => comparePaths(a[0], b[0]));
    return this._sorted;
  }

  /** `sha256:…` of the canonical serialisation (the OCI DiffID). */
  get diffId(): string {
    if (this._diffId === undefined) {
      const lines = [...this.entries].map(([p, e]) => entryKey(p, e));
      lines.sort();
      this._diffId = `sha256:${sha256Hex(lines.join('\n'))}`;
    }
    return this._diffId;
  }

  /** Bytes of file content in this layer (what Docker sums into image sizes). */
  get size(): number {
    if (this._size === undefined) {
      let n = 0;
      for (const e of this.entries.values()) {
        if (e.kind === 'file') n += contentSize(e.content);
        else if (e.kind === 'symlink') n += e.target.length;
      }
      this._size = n;
    }
    return this._size;
  }
}
