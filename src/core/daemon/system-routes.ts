// The read side of the Engine API in one place: system info/version/df,
// events, networks, search and auth, and the container routes that watch,
// copy and commit (stats, archive, commit); the complete container list
// replaces the runtime's basic one. Engine registers these before the
// container routes, so these answer first.
import type { ImageService } from '../image/service';
import type { VolumeStore } from '../kernel/volumes';
import type { ApiResponse } from './api';
import { registerArchiveRoutes } from './containers-archive';
import { listContainers } from './containers-list';
import { containerStats } from './containers-stats';
import { registerCommitRoute } from './commit';
import type { Daemon } from './daemon';
import { errorResponse, type Router } from './engine';
import { registerEventRoutes } from './events-routes';
import { registerNetworkRoutes } from './networks-routes';
import { registerDiskUsageRoutes } from './system-df';
import { systemInfo, systemVersion } from './system-info';
import { registerSearchRoutes } from './system-search';

export interface ReadRouteDeps {
  readonly images: ImageService;
  readonly daemon: Daemon;
  readonly volumes?: VolumeStore;
}

export function registerSystemRoutes(router: Router, deps: ReadRouteDeps): void {
  const { daemon, images, volumes } = deps;
  router.add('GET', '/info', (): ApiResponse => ({
    status: 200,
    body: systemInfo({ daemon, images, volumes }),
  }));
  router.add('GET', '/version', (): ApiResponse => ({ status: 200, body: systemVersion(daemon) }));
  registerDiskUsageRoutes(router, daemon, images, volumes);
  registerEventRoutes(router, daemon.deps.events, daemon.deps.clock);
  registerNetworkRoutes(router, daemon);
  registerSearchRoutes(router, images.registry);
  router.add('GET', '/containers/json', (req) => listContainers(daemon, images, req.query));
  router.add('GET', '/containers/{name}/stats', (req) => {
    const c = daemon.get(req.params.name);
    return c.ok ? containerStats(daemon, c.value, req.query) : errorResponse(c);
  });
  registerArchiveRoutes(router, daemon);
  registerCommitRoute(router, daemon, images);
}
