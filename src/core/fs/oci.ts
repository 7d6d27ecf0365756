// OCI layer changesets (image-spec v1.1.1 layer.md) <-> Layer. Removals become
// `.wh.NAME` regular files (mode 0600, size 0), opaque directories get a
// `DIR/.wh..wh..opq` member, as moby's overlayWhiteoutConverter writes them.
import { Layer } from './layer';
import { baseName, comparePaths, joinPath, normalizePath, parentPath } from './path';
import type { Content, DirEntry, Entry } from './types';
import { contentSize } from './types';

export const WHITEOUT_PREFIX = '.wh.';
export const OPAQUE_WHITEOUT = '.wh..wh..opq';

/** One tar member of a changeset. */
export interface OciEntry {
  /** Member name as in the tar: relative, no leading "/" ("etc/os-release", "etc/.wh.hosts"). */
  readonly name: string;
  readonly type: 'file' | 'dir' | 'symlink';
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  readonly mtime: number;
  readonly size: number;
  /** Files only. */
  readonly content?: Content;
  /** Symlinks only. */
  readonly linkname?: string;
}

function member(path: string): string {
  return path.slice(1);
}

// Within a directory, whiteouts first (OCI: "SHOULD put whiteouts before
// sibling entries"), then the other names; a directory right before its
// contents, its opaque marker first of all.
function siblingKey(name: string): string {
  if (name === OPAQUE_WHITEOUT) return '\u0000';
  return name.startsWith(WHITEOUT_PREFIX) ? `\u0001${name}` : `\u0002${name}`;
}

function compareMembers(a: string, b: string): number {
  const x = a.split('/');
  const y = b.split('/');
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    if (x[i] !== y[i]) return siblingKey(x[i]) < siblingKey(y[i]) ? -1 : 1;
  }
  return x.length - y.length;
}

/** The layer as tar members, in the order a changeset tar holds them. */
export function exportOci(layer: Layer): OciEntry[] {
  const out: OciEntry[] = [];
  for (const [path, e] of layer.entries) {
    switch (e.kind) {
      case 'whiteout':
        out.push({
          name: member(joinPath(parentPath(path), WHITEOUT_PREFIX + baseName(path))),
          type: 'file',
          mode: 0o600,
          uid: 0,
          gid: 0,
          mtime: 0,
          size: 0,
          content: '',
        });
        break;
      case 'dir':
        out.push({
          name: member(path),
          type: 'dir',
          mode: e.mode,
          uid: e.uid,
          gid: e.gid,
          mtime: e.mtime,
          size: 0,
        });
        if (e.opaque) {
          // the marker inherits the directory's owner and permissions (overlayWhiteoutConverter.ConvertWrite)
          out.push({
            name: member(joinPath(path, OPAQUE_WHITEOUT)),
            type: 'file',
            mode: e.mode & 0o777,
            uid: e.uid,
            gid: e.gid,
            mtime: 0,
            size: 0,
            content: '',
          });
        }
        break;
      case 'symlink':
        out.push({
          name: member(path),
          type: 'symlink',
          mode: e.mode,
          uid: e.uid,
          gid: e.gid,
          mtime: e.mtime,
          size: 0,
          linkname: e.target,
        });
        break;
      case 'file':
        out.push({
          name: member(path),
          type: 'file',
          mode: e.mode,
          uid: e.uid,
          gid: e.gid,
          mtime: e.mtime,
          size: contentSize(e.content),
          content: e.content,
        });
        break;
    }
  }
  return out.sort((a, b) => compareMembers(a.name, b.name));
}

/**
 * Tar members -> Layer. `.wh.NAME` becomes a whiteout of NAME and `.wh..wh..opq`
 * makes its directory opaque, whatever the order they come in (layer.md applies
 * the opaque marker first). A whiteout and an entry of the same name in one
 * layer mean "hide the lower one, then add this": a file simply replaces it, a
 * directory becomes opaque. Members may start with "./" or "/".
 */
export function importOci(members: Iterable<OciEntry>): Layer {
  const entries = new Map<string, Entry>();
  const whiteouts = new Set<string>();
  const opaque = new Map<string, OciEntry>();
  for (const m of members) {
    const path = normalizePath(m.name);
    if (path === '/') continue;
    const base = baseName(path);
    const dir = parentPath(path);
    if (base === OPAQUE_WHITEOUT) {
      if (dir !== '/') opaque.set(dir, m);
      continue;
    }
    if (base.startsWith(WHITEOUT_PREFIX)) {
      const name = base.slice(WHITEOUT_PREFIX.length);
      if (name === '' || name === '.' || name === '..')
        throw new Error(`importOci: invalid whiteout entry ${JSON.stringify(m.name)}`);
      whiteouts.add(joinPath(dir, name));
      continue;
    }
    if (m.type === 'dir')
      entries.set(path, { kind: 'dir', mode: m.mode, uid: m.uid, gid: m.gid, mtime: m.mtime });
    else if (m.type === 'symlink')
      entries.set(path, {
        kind: 'symlink',
        target: m.linkname ?? '',
        mode: m.mode,
        uid: m.uid,
        gid: m.gid,
        mtime: m.mtime,
      });
    else
      entries.set(path, {
        kind: 'file',
        content: m.content ?? '',
        mode: m.mode,
        uid: m.uid,
        gid: m.gid,
        mtime: m.mtime,
      });
  }
  for (const [dir, m] of opaque) {
    const e = entries.get(dir);
    const base: DirEntry =
      e?.kind === 'dir' ? e : { kind: 'dir', mode: m.mode, uid: m.uid, gid: m.gid, mtime: m.mtime };
    entries.set(dir, { ...base, opaque: true });
  }
  // a tar may omit parent directories; the extractor creates them
  for (const path of [...entries.keys(), ...whiteouts]) {
    for (let d = parentPath(path); d !== '/' && !entries.has(d); d = parentPath(d)) {
      entries.set(d, { kind: 'dir', mode: 0o755, uid: 0, gid: 0, mtime: 0 });
    }
  }
  for (const path of whiteouts) {
    const e = entries.get(path);
    if (e === undefined) entries.set(path, { kind: 'whiteout' });
    else if (e.kind === 'dir' && !e.opaque) entries.set(path, { ...e, opaque: true });
  }
  return Layer.from([...entries].sort((a, b) => comparePaths(a[0], b[0])));
}
