// The image store as the layer-stacks picture needs it: every image with its
// tags and its layers (diff ID, size, and the history line that made it).
import type { ImageStore } from '../core/image/store';
import type { ImageInput } from '../viz/layer-stacks';

export function imageInputs(store: ImageStore): ImageInput[] {
  // The v2 metadata maps pulled blobs to diff IDs; the picture labels layers as `docker pull` named them.
  const blobOf = new Map<string, string>();
  for (const [blob, diffId] of store.toJSON().blobDiffIds) if (!blobOf.has(diffId)) blobOf.set(diffId, blob);
  return store.imageIds().map((id) => {
    const config = store.config(id);
    // History entries without empty_layer made the layers, in order (as `docker history` pairs them).
    const made = config.history.filter((h) => !h.empty_layer);
    const layers = store.chainOf(id).map((chainId, i) => {
      const record = store.layer(chainId);
      const diffId = config.rootfs.diff_ids[i];
      const createdBy = made[i]?.created_by;
      const blobDigest = blobOf.get(diffId);
      return {
        diffId,
        size: record?.size ?? 0,
        ...(createdBy ? { createdBy } : {}),
        ...(blobDigest ? { blobDigest } : {}),
      };
    });
    return { id, repoTags: store.repoTags(id), layers };
  });
}
