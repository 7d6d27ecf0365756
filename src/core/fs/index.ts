// The simulated filesystem: layers, OCI changesets, overlay mounts, docker diff.
export * from './types';
export { Layer } from './layer';
export { buildLayer, WHITEOUT } from './build-layer';
export type {
  BuildLayerOptions,
  DirSpec,
  FileSpec,
  LayerSpec,
  LayerSpecValue,
  SymlinkSpec,
} from './build-layer';
export {
  appendContent,
  contentBytes,
  contentText,
  gen,
  isGenerated,
  sameContent,
  truncateContent,
  utf8Decode,
  utf8Encode,
} from './content';
export { exportOci, importOci, OPAQUE_WHITEOUT, WHITEOUT_PREFIX } from './oci';
export type { OciEntry } from './oci';
export { lowerTreeOf, LowerTree } from './lower-tree';
export type { LowerNode } from './lower-tree';
export { FsView } from './fs-view';
export type { FsResult } from './fs-view';
export { OverlayMount } from './overlay';
export type { Origin, OverlayOptions } from './overlay';
export type { Change } from './diff';
export { ROOT_CONTEXT } from './resolve';
export type { FsContext } from './resolve';
export { baseName, comparePaths, joinPath, normalizePath, parentPath, splitPath } from './path';
