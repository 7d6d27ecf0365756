// Building image layers from file lists: parent directories are added as
// real layer tars carry them, big binaries are lazily generated blobs, and a
// layer can be scaled so its size matches the real image's.
import { Layer } from '../../fs/layer';
import type { Content, Entry, GeneratedContent } from '../../fs/types';

/** Executables are generated blobs whose seed names the program: `elf:<program>:<where>`. */
export const ELF_PREFIX = 'elf:';

/** The program an executable file runs (its seed's second field), if it is one of ours. */
export function programOf(content: Content): string | undefined {
  if (typeof content === 'string' || content instanceof Uint8Array) return undefined;
  if (!content.seed.startsWith(ELF_PREFIX)) return undefined;
  const rest = content.seed.slice(ELF_PREFIX.length);
  const i = rest.indexOf(':');
  return i < 0 ? rest : rest.slice(0, i);
}

export interface Owner {
  uid?: number;
  gid?: number;
}

/** Deterministic pseudo-random size around `nominal` (±spread), keyed by a name. */
export function jitter(name: string, nominal: number, spread = 0.35): number {
  let h = 2166136261;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 16777619) >>> 0;
  const f = 1 - spread + ((h % 10007) / 10007) * 2 * spread;
  return Math.max(1, Math.round(nominal * f));
}

/** Directories whose mode is not 0755 (a parent entry must not reset them). */
const DIR_MODES: Record<string, number> = {
  '/tmp': 0o1777,
  '/var/tmp': 0o1777,
  '/run/lock': 0o1777,
  '/root': 0o700,
};

export class TreeBuilder {
  private readonly entries = new Map<string, Entry>();
  /** Blobs whose size may be scaled to make the layer hit its real size. */
  private readonly scalable = new Set<string>();

  /**
   * @param salt distinguishes generated blobs of different layers (same path, different bytes)
   * @param mtime modification time of every entry, ms since the epoch
   */
  constructor(
    readonly salt: string,
    readonly mtime: number,
  ) {}

  has(path: string): boolean {
    return this.entries.has(path);
  }

  dir(path: string, mode = 0o755, owner: Owner = {}): this {
    this.entries.set(path, {
      kind: 'dir',
      mode,
      uid: owner.uid ?? 0,
      gid: owner.gid ?? 0,
      mtime: this.mtime,
    });
    return this;
  }

  /** An opaque directory (`.wh..wh..opq`): hides what lower layers had below it. */
  opaqueDir(path: string, mode = 0o755, owner: Owner = {}): this {
    this.entries.set(path, {
      kind: 'dir',
      mode,
      uid: owner.uid ?? 0,
      gid: owner.gid ?? 0,
      mtime: this.mtime,
      opaque: true,
    });
    return this;
  }

  file(path: string, content: Content, mode = 0o644, owner: Owner = {}): this {
    this.entries.set(path, {
      kind: 'file',
      content,
      mode,
      uid: owner.uid ?? 0,
      gid: owner.gid ?? 0,
      mtime: this.mtime,
    });
    return this;
  }

  /** A data blob of `size` bytes, generated on first read. */
  blob(path: string, size: number, mode = 0o644, owner: Owner = {}): this {
    const content: GeneratedContent = {
      kind: 'generated',
      size: Math.max(0, Math.round(size)),
      seed: `blob:${this.salt}:${path}`,
    };
    this.scalable.add(path);
    return this.file(path, content, mode, owner);
  }

  /** An executable of `program` (the userland looks programs up by this name). */
  exe(path: string, program: string, size: number, mode = 0o755, owner: Owner = {}): this {
    const content: GeneratedContent = {
      kind: 'generated',
      size: Math.round(size),
      seed: `${ELF_PREFIX}${program}:${this.salt}:${path}`,
    };
    return this.file(path, content, mode, owner);
  }

  link(path: string, target: string): this {
    this.entries.set(path, { kind: 'symlink', target, mode: 0o777, uid: 0, gid: 0, mtime: this.mtime });
    return this;
  }

  whiteout(path: string): this {
    this.entries.set(path, { kind: 'whiteout' });
    return this;
  }

  /** Bytes the layer holds now. */
  size(): number {
    let n = 0;
    for (const e of this.entries.values()) {
      if (e.kind === 'file')
        n +=
          typeof e.content === 'string'
            ? utf8Length(e.content)
            : e.content instanceof Uint8Array
              ? e.content.length
              : e.content.size;
      else if (e.kind === 'symlink') n += e.target.length;
    }
    return n;
  }

  /** Scale the generated data blobs so the layer's size is `total` bytes (what the real image measures). */
  scaleTo(total: number): this {
    let flex = 0;
    for (const [p, e] of this.entries) {
      if (
        e.kind === 'file' &&
        this.scalable.has(p) &&
        typeof e.content === 'object' &&
        !(e.content instanceof Uint8Array)
      )
        flex += e.content.size;
    }
    const fixed = this.size() - flex;
    if (flex === 0 || total <= fixed) return this;
    const factor = (total - fixed) / flex;
    let remaining = total - fixed;
    const flexPaths = [...this.scalable].filter((p) => this.entries.get(p)?.kind === 'file');
    flexPaths.forEach((p, i) => {
      const e = this.entries.get(p);
      if (e?.kind !== 'file' || typeof e.content !== 'object' || e.content instanceof Uint8Array) return;
      const size = i === flexPaths.length - 1 ? remaining : Math.round(e.content.size * factor);
      remaining -= size;
      this.entries.set(p, { ...e, content: { ...e.content, size } });
    });
    return this;
  }

  /** The layer, with every missing parent directory added (root-owned, the usual modes). */
  build(): Layer {
    const all = new Map(this.entries);
    for (const p of this.entries.keys()) {
      let d = p.slice(0, p.lastIndexOf('/'));
      while (d !== '' && !all.has(d)) {
        all.set(d, { kind: 'dir', mode: DIR_MODES[d] ?? 0o755, uid: 0, gid: 0, mtime: this.mtime });
        d = d.slice(0, d.lastIndexOf('/'));
      }
    }
    return Layer.from(all);
  }
}

function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Milliseconds of an ISO date (catalog dates are fixed, so IDs never change). */
export function at(iso: string): number {
  return Date.parse(iso);
}
