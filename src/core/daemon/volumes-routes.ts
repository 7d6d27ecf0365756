// The volume routes of the Engine API (api/server/router/volume): list,
// inspect, create, remove and prune, answering with volume.Volume bodies
// and the volume service's error texts.
import { parseFilters } from '../image/filters';
import type { VolumeStore } from '../kernel/volumes';
import { boolValue, errorResponse, type Router } from './engine';

interface CreateBody {
  Name?: string;
  Driver?: string;
  DriverOpts?: Record<string, string> | null;
  Labels?: Record<string, string> | null;
}

export function registerVolumeRoutes(router: Router, volumes: VolumeStore): void {
  router.add('GET', '/volumes', (req) => {
    const f = parseFilters(req.query.filters);
    if (!f.ok) return errorResponse(f);
    const r = volumes.find(f.value);
    if (!r.ok) return errorResponse(r);
    return { status: 200, body: { Volumes: r.value.map((v) => v.toJSON()), Warnings: null } };
  });
  router.add('GET', '/volumes/{name}', (req) => {
    const r = volumes.get(req.params.name);
    return r.ok ? { status: 200, body: r.value.toJSON() } : errorResponse(r);
  });
  router.add('POST', '/volumes/create', (req) => {
    const b = (req.body ?? {}) as CreateBody;
    const r = volumes.create(b.Name ?? '', {
      driver: b.Driver,
      labels: b.Labels ?? undefined,
      options: b.DriverOpts ?? undefined,
    });
    return r.ok ? { status: 201, body: r.value.toJSON() } : errorResponse(r);
  });
  router.add('POST', '/volumes/prune', (req) => {
    const f = parseFilters(req.query.filters);
    if (!f.ok) return errorResponse(f);
    const r = volumes.prune(f.value);
    return r.ok ? { status: 200, body: r.value } : errorResponse(r);
  });
  router.add('DELETE', '/volumes/{name}', (req) => {
    const r = volumes.remove(req.params.name, { force: boolValue(req.query, 'force') });
    return r.ok ? { status: 204, body: '' } : errorResponse(r);
  });
}
