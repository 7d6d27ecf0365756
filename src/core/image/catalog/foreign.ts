// Layers of an image built for another platform: the same files, but every binary blob
// is that platform's build (other bytes, so other digests). A blob's seed says which
// platform it was built for, which is what the kernel's ELF loader checks at execve.
import { Layer } from '../../fs/layer';
import type { Content, Entry } from '../../fs/types';
import { formatPlatform, parsePlatform, type Platform } from '../platform';

const MARK = '#platform=';

const built = new WeakMap<Layer, Map<string, Layer>>();

/** The layer as the `p` build of the image has it (cached: bases are shared, as for amd64). */
export function layerFor(layer: Layer, p: Platform): Layer {
  const key = formatPlatform(p);
  let byPlatform = built.get(layer);
  if (!byPlatform) built.set(layer, (byPlatform = new Map()));
  const hit = byPlatform.get(key);
  if (hit) return hit;
  const entries: [string, Entry][] = [];
  for (const [path, e] of layer.entries) {
    if (e.kind === 'file' && typeof e.content === 'object' && !(e.content instanceof Uint8Array))
      entries.push([path, { ...e, content: { ...e.content, seed: `${e.content.seed}${MARK}${key}` } }]);
    else entries.push([path, e]);
  }
  const out = Layer.from(entries);
  byPlatform.set(key, out);
  return out;
}

/** The platform a blob was built for; undefined for the catalog's own (linux/amd64) builds. */
export function blobPlatform(content: Content): Platform | undefined {
  if (typeof content === 'string' || content instanceof Uint8Array) return undefined;
  const i = content.seed.lastIndexOf(MARK);
  if (i < 0) return undefined;
  const p = parsePlatform(content.seed.slice(i + MARK.length));
  return p.ok ? p.value : undefined;
}
