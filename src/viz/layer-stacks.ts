// Layout of the "layer stacks" picture: every local image is a column of its
// layers, base at the bottom; layers that images share (same chain of diff
// IDs, as Docker's ChainID) are one block spanning those columns, drawn once.
// Pure math with d3-hierarchy and d3-scale; Svelte draws the result.
import { hierarchy, partition } from 'd3-hierarchy';
import type { HierarchyRectangularNode } from 'd3-hierarchy';
import { scaleSqrt } from 'd3-scale';

export interface LayerInput {
  /** "sha256:<64 hex>": the digest of the uncompressed layer (RootFS.Layers). */
  readonly diffId: string;
  readonly size: number;
  /** The config history line that made this layer (`docker history`'s CREATED BY), when known. */
  readonly createdBy?: string;
  /** Digest of the compressed blob it was pulled as: the ID `docker pull` prints. Absent for local layers. */
  readonly blobDigest?: string;
}

export interface ImageInput {
  /** "sha256:<64 hex>": the image ID. */
  readonly id: string;
  readonly repoTags: readonly string[];
  /** Base layer first, as RootFS.Layers. */
  readonly layers: readonly LayerInput[];
}

export interface LayerStacksInput {
  readonly images: readonly ImageInput[];
}

export interface LayoutOptions {
  readonly width: number;
  readonly height: number;
  /** Space above the tallest stack for the tag labels. */
  readonly labelBand?: number;
  /** Smallest block height, so a 300-byte layer stays visible and clickable. */
  readonly minLayerHeight?: number;
  /** Largest share of the height one layer may take (a lone base layer should not fill the panel). */
  readonly maxLayerShare?: number;
  /** Horizontal gap between columns, and between blocks stacked on each other. */
  readonly gap?: number;
  readonly padding?: number;
  /** Widest a column may get; fewer images than fit are centred. */
  readonly maxColumnWidth?: number;
}

export interface LayerBlock {
  /** Identity of the layer in its chain (the diff IDs from the base up to it): stable across layouts. */
  readonly key: string;
  readonly diffId: string;
  readonly size: number;
  readonly createdBy?: string;
  readonly blobDigest?: string;
  /** 0 for a base layer. */
  readonly depth: number;
  /** IDs of the images that contain this layer. */
  readonly imageIds: readonly string[];
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface ImageColumn {
  readonly id: string;
  readonly repoTags: readonly string[];
  /** Sum of the image's layer sizes: what `docker images` lists as SIZE. */
  readonly size: number;
  /** Horizontal centre and width of the column, and the top of its stack (where its label sits). */
  readonly cx: number;
  readonly width: number;
  readonly top: number;
}

export interface LayerStacksLayout {
  readonly width: number;
  readonly height: number;
  readonly blocks: readonly LayerBlock[];
  readonly columns: readonly ImageColumn[];
  /** Bytes stored once per layer, versus the sum of every image's size. */
  readonly uniqueBytes: number;
  readonly listedBytes: number;
}

interface TrieNode {
  key: string;
  layer?: LayerInput;
  children: Map<string, TrieNode>;
  /** Images whose last layer this is. */
  ends: ImageInput[];
  /** Every image through this node. */
  through: ImageInput[];
}

/** A node of the drawn tree: a layer, or the column slot of an image ending at its parent. */
type Slot =
  { kind: 'layer'; node: TrieNode } | { kind: 'image'; image: ImageInput } | { kind: 'root'; node: TrieNode };

function firstName(image: ImageInput): string {
  return [...image.repoTags].sort()[0] ?? `~${image.id}`; // untagged images sort last
}

function buildTrie(images: readonly ImageInput[]): TrieNode {
  const root: TrieNode = { key: '', children: new Map(), ends: [], through: [] };
  for (const image of images) {
    let node = root;
    for (const layer of image.layers) {
      let child = node.children.get(layer.diffId);
      if (!child) {
        child = { key: `${node.key}/${layer.diffId}`, layer, children: new Map(), ends: [], through: [] };
        node.children.set(layer.diffId, child);
      }
      child.through.push(image);
      // An image's own history may name the layer where another image's does not.
      if (child.layer && !child.layer.createdBy && layer.createdBy)
        child.layer = { ...child.layer, createdBy: layer.createdBy };
      if (child.layer && !child.layer.blobDigest && layer.blobDigest)
        child.layer = { ...child.layer, blobDigest: layer.blobDigest };
      node = child;
    }
    node.ends.push(image);
  }
  return root;
}

/** Order columns so related images sit side by side, alphabetically by their first tag. */
function slotChildren(slot: Slot): Slot[] {
  if (slot.kind === 'image') return [];
  const node = slot.node;
  const ends: Slot[] = [...node.ends]
    .sort((a, b) => firstName(a).localeCompare(firstName(b)))
    .map((image) => ({ kind: 'image', image }));
  const name = (n: TrieNode) => n.through.map(firstName).sort()[0] ?? '';
  const kids: Slot[] = [...node.children.values()]
    .sort((a, b) => name(a).localeCompare(name(b)))
    .map((n) => ({ kind: 'layer', node: n }));
  return [...ends, ...kids];
}

export function layoutLayerStacks(input: LayerStacksInput, options: LayoutOptions): LayerStacksLayout {
  const { width, height } = options;
  const padding = options.padding ?? 12;
  const gap = options.gap ?? 6;
  const labelBand = options.labelBand ?? 56;
  // An image without layers (FROM scratch, config only) still gets its column.
  const images = input.images;
  if (images.length === 0) return { width, height, blocks: [], columns: [], uniqueBytes: 0, listedBytes: 0 };

  const trie = buildTrie(images);
  const root = hierarchy<Slot>({ kind: 'root', node: trie }, slotChildren).count();
  // partition gives each node the horizontal span of the image columns below it.
  const span = Math.min(width - 2 * padding, images.length * (options.maxColumnWidth ?? Infinity));
  const left = (width - span) / 2;
  const laidOut: HierarchyRectangularNode<Slot> = partition<Slot>().size([span, 1])(root);

  // Heights: a floor so small layers stay visible, plus a sqrt share of the
  // size, scaled so the tallest stack fits under the label band.
  const avail = Math.max(1, height - 2 * padding - labelBand);
  const maxSize = Math.max(1, ...images.flatMap((i) => i.layers.map((l) => l.size)));
  const deepest = Math.max(1, ...images.map((i) => i.layers.length));
  const minH = Math.min(options.minLayerHeight ?? 22, avail / deepest);
  const unit = scaleSqrt().domain([0, maxSize]).range([0, 1]);
  let extra = avail * (options.maxLayerShare ?? 0.34) - minH;
  for (const image of images) {
    const share = image.layers.reduce((a, l) => a + unit(l.size), 0);
    const room = avail - image.layers.length * minH;
    if (share > 0) extra = Math.min(extra, room / share);
  }
  extra = Math.max(0, extra);
  const layerHeight = (size: number) => minH + extra * unit(size);

  const blocks: LayerBlock[] = [];
  const columns: ImageColumn[] = [];
  const bottom = height - padding;
  // y grows downwards in SVG: each block sits on top of its parent.
  const topOf = new Map<HierarchyRectangularNode<Slot>, number>();
  laidOut.eachBefore((n) => {
    const parentTop = n.parent ? (topOf.get(n.parent) ?? bottom) : bottom;
    const x0 = left + n.x0;
    const x1 = left + n.x1;
    const slot = n.data;
    if (slot.kind === 'root') {
      topOf.set(n, bottom);
    } else if (slot.kind === 'layer') {
      const layer = slot.node.layer as LayerInput;
      const h = layerHeight(layer.size);
      const top = parentTop - h;
      topOf.set(n, top);
      blocks.push({
        key: slot.node.key,
        diffId: layer.diffId,
        size: layer.size,
        ...(layer.createdBy ? { createdBy: layer.createdBy } : {}),
        ...(layer.blobDigest ? { blobDigest: layer.blobDigest } : {}),
        depth: n.depth - 1,
        imageIds: slot.node.through.map((i) => i.id),
        x: x0 + gap / 2,
        y: top + gap / 4,
        width: Math.max(1, x1 - x0 - gap),
        height: Math.max(1, h - gap / 2),
      });
    } else {
      const image = slot.image;
      columns.push({
        id: image.id,
        repoTags: image.repoTags,
        size: image.layers.reduce((a, l) => a + l.size, 0),
        cx: (x0 + x1) / 2,
        width: x1 - x0,
        top: parentTop,
      });
    }
  });
  const uniqueBytes = blocks.reduce((a, b) => a + b.size, 0);
  const listedBytes = columns.reduce((a, c) => a + c.size, 0);
  return { width, height, blocks, columns, uniqueBytes, listedBytes };
}

/** The 12 hex characters Docker shows for an ID or digest (stringid.TruncateID). */
export function shortId(idOrDigest: string): string {
  const hex = idOrDigest.includes(':') ? idOrDigest.slice(idOrDigest.indexOf(':') + 1) : idOrDigest;
  return hex.slice(0, 12);
}
