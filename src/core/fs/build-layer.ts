// A concise way for image catalogs and tests to write a layer:
//   buildLayer({ '/etc/os-release': 'text', '/usr/bin/python3': { content: gen(6_600_000, 'py'), mode: 0o755 },
//                '/bin': { symlink: 'usr/bin' }, '/var/cache/x': WHITEOUT }, { mtime })
// Missing parent directories are added (0755 root), as a real layer tar carries them.
import { Layer } from './layer';
import { normalizePath, parentPath } from './path';
import type { Content, DirEntry, Entry, GeneratedContent, WhiteoutEntry } from './types';

/** Marks a removal in buildLayer specs (becomes `.wh.NAME` in OCI). */
export const WHITEOUT: WhiteoutEntry = Object.freeze({ kind: 'whiteout' });

interface Owner {
  uid?: number;
  gid?: number;
  mtime?: number;
}
export interface FileSpec extends Owner {
  content: Content;
  mode?: number;
}
export interface SymlinkSpec extends Owner {
  symlink: string;
}
export interface DirSpec extends Owner {
  dir: true;
  mode?: number;
  /** Hide everything the lower layers have below this directory (`.wh..wh..opq`). */
  opaque?: boolean;
}
export type LayerSpecValue =
  string | Uint8Array | GeneratedContent | FileSpec | SymlinkSpec | DirSpec | WhiteoutEntry;
export type LayerSpec =
  Readonly<Record<string, LayerSpecValue>> | Iterable<readonly [string, LayerSpecValue]>;

export interface BuildLayerOptions {
  /** mtime of every entry that does not give its own (ms since the epoch); default 0. */
  mtime?: number;
  uid?: number;
  gid?: number;
}

function isIterable(x: LayerSpec): x is Iterable<readonly [string, LayerSpecValue]> {
  return typeof (x as { [Symbol.iterator]?: unknown })[Symbol.iterator] === 'function';
}

function toEntry(v: LayerSpecValue, o: Required<BuildLayerOptions>): Entry {
  if (typeof v === 'string' || v instanceof Uint8Array)
    return { kind: 'file', content: v, mode: 0o644, uid: o.uid, gid: o.gid, mtime: o.mtime };
  if ('kind' in v) {
    if (v.kind === 'whiteout') return WHITEOUT;
    return { kind: 'file', content: v, mode: 0o644, uid: o.uid, gid: o.gid, mtime: o.mtime };
  }
  const uid = v.uid ?? o.uid;
  const gid = v.gid ?? o.gid;
  const mtime = v.mtime ?? o.mtime;
  if ('content' in v) return { kind: 'file', content: v.content, mode: v.mode ?? 0o644, uid, gid, mtime };
  if ('symlink' in v) return { kind: 'symlink', target: v.symlink, mode: 0o777, uid, gid, mtime };
  const dir: DirEntry = { kind: 'dir', mode: v.mode ?? 0o755, uid, gid, mtime };
  return v.opaque ? { ...dir, opaque: true } : dir;
}

export function buildLayer(spec: LayerSpec, opts: BuildLayerOptions = {}): Layer {
  const o: Required<BuildLayerOptions> = { mtime: opts.mtime ?? 0, uid: opts.uid ?? 0, gid: opts.gid ?? 0 };
  const entries = new Map<string, Entry>();
  const pairs = isIterable(spec) ? spec : Object.entries(spec);
  for (const [raw, v] of pairs) {
    const p = normalizePath(raw);
    if (p === '/') throw new Error('buildLayer: "/" is not an entry');
    entries.set(p, toEntry(v, o));
  }
  const parentDir: DirEntry = { kind: 'dir', mode: 0o755, uid: 0, gid: 0, mtime: o.mtime };
  for (const p of [...entries.keys()]) {
    for (let d = parentPath(p); d !== '/'; d = parentPath(d)) {
      const e = entries.get(d);
      if (e === undefined) entries.set(d, parentDir);
      else if (e.kind !== 'dir') throw new Error(`buildLayer: ${d} is a ${e.kind} but ${p} is below it`);
      else break;
    }
  }
  return Layer.from(entries);
}
