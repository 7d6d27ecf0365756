// GET /system/df (daemon/disk_usage.go) and POST /build/prune: the layers'
// total size, the images with shared sizes and container counts, every
// container with its sizes, the volumes with their usage, and the build cache
// (always empty: Stevedore has no builder).
import type { ImageService } from '../image/service';
import type { VolumeStore } from '../kernel/volumes';
import type { ApiResponse } from './api';
import { listContainers } from './containers-list';
import type { Daemon } from './daemon';
import { errorResponse, type Router } from './engine';
import { listImages } from './images-list';
import { parseFilters, validateFilters } from '../image/filters';

export function diskUsage(
  daemon: Daemon,
  images: ImageService,
  volumes: VolumeStore | undefined,
): Record<string, unknown> {
  let layersSize = 0;
  for (const l of images.store.allLayers()) layersSize += l.size;
  const imgs = listImages(images, { 'shared-size': '1' }, true);
  const ctrs = listContainers(daemon, images, { all: '1', size: '1' });
  return {
    LayersSize: layersSize,
    Images: 'body' in imgs ? imgs.body : [],
    Containers: 'body' in ctrs ? ctrs.body : [],
    Volumes: (volumes?.list() ?? []).map((v) => v.toJSON(true)),
    BuildCache: [],
  };
}

export function registerDiskUsageRoutes(
  router: Router,
  daemon: Daemon,
  images: ImageService,
  volumes: VolumeStore | undefined,
): void {
  router.add('GET', '/system/df', (): ApiResponse => ({
    status: 200,
    body: diskUsage(daemon, images, volumes),
  }));
  router.add('POST', '/build/prune', (req): ApiResponse => {
    const f = parseFilters(req.query.filters);
    if (!f.ok) return errorResponse(f);
    const bad = validateFilters(f.value, [
      'description',
      'id',
      'inuse',
      'mutable',
      'parent',
      'private',
      'shared',
      'type',
      'until',
      'unused-for',
    ]);
    if (bad) return { status: 400, body: { message: bad } };
    return { status: 200, body: { CachesDeleted: null, SpaceReclaimed: 0 } };
  });
}
