// The container and exec routes of the Engine API
// (api/server/router/container), in moby's registration order: the fixed
// paths (/containers/json, /containers/create, /containers/prune) before the
// `{name}` ones. Handlers translate query and body, call the daemon, and
// answer with its statuses: 204 for done, 304 for "already so".
import { fail, type Failure } from '../image/errors';
import { parseFilters, parseUntil, validateFilters, matchKVList } from '../image/filters';
import type { ImageService } from '../image/service';
import type { ApiResponse } from './api';
import type { Daemon } from './daemon';
import type { ContainerEntry } from './containers-entry';
import { inspectContainer } from './containers-inspect';
import { listContainers } from './containers-list';
import { attachConn, logsConn, logsError } from './containers-streams';
import type { CreateBody } from './containers-types';
import { withRequestedPlatform } from './containers-platform';
import { parsePlatform, type Platform } from '../image/platform';
import { boolValue, errorResponse, type RouteRequest, type Router } from './engine';
import type { ExecCreateBody, ExecStore } from './exec';
import { topProcesses } from './containers-top';
import { parseKillSignal } from './signal-parse';

const noContent: ApiResponse = { status: 204, body: '' };
const notModified: ApiResponse = { status: 304, body: '' };

export function registerContainerRoutes(
  router: Router,
  daemon: Daemon,
  execs: ExecStore,
  images: ImageService,
): void {
  const withContainer =
    (fn: (c: ContainerEntry, req: RouteRequest) => ApiResponse | Promise<ApiResponse>) =>
    (req: RouteRequest): ApiResponse | Promise<ApiResponse> => {
      const c = daemon.get(req.params.name);
      return c.ok ? fn(c.value, req) : errorResponse(c);
    };
  const intParam = (req: RouteRequest, key: string): number | Failure | undefined => {
    const v = req.query[key];
    if (v === undefined || v === '') return undefined;
    if (!/^-?\d+$/.test(v))
      return fail('invalid', `invalid value for ${key}: strconv.Atoi: parsing "${v}": invalid syntax`);
    return Number(v);
  };

  router.add('GET', '/containers/json', (req) => listContainers(daemon, images, req.query));
  router.add(
    'GET',
    '/containers/{name}/changes',
    withContainer((c) => ({
      status: 200,
      body: c.root
        .diff()
        .map((ch) => ({ Kind: ch.kind === 'C' ? 0 : ch.kind === 'A' ? 1 : 2, Path: ch.path })),
    })),
  );
  router.add(
    'GET',
    '/containers/{name}/json',
    withContainer((c, req) => {
      const body = inspectContainer(c, images, execs.of(c));
      if (boolValue(req.query, 'size')) {
        const rw = c.root.upperSize();
        const pos = Object.keys(body).indexOf('GraphDriver') + 1;
        const entries = Object.entries(body);
        entries.splice(
          pos,
          0,
          ['SizeRw', rw],
          [
            'SizeRootFs',
            rw +
              (c.rec.ImageId && images.store.hasImage(c.rec.ImageId)
                ? images.store.imageSize(c.rec.ImageId)
                : 0),
          ],
        );
        return { status: 200, body: Object.fromEntries(entries) };
      }
      return { status: 200, body };
    }),
  );
  router.add(
    'GET',
    '/containers/{name}/top',
    withContainer((c, req) => {
      const r = topProcesses(daemon, c, req.query.ps_args ?? '');
      return r.ok ? { status: 200, body: r.value } : errorResponse(r);
    }),
  );
  router.add(
    'GET',
    '/containers/{name}/logs',
    withContainer((c, req) => {
      const bad = logsError(c, req.query);
      if (bad) return bad;
      return { status: 200, conn: logsConn(daemon, c, req.query) };
    }),
  );
  router.add('GET', '/exec/{id}/json', (req) => {
    const r = execs.inspect(req.params.id);
    return r.ok ? { status: 200, body: r.value } : errorResponse(r);
  });

  router.add('POST', '/containers/create', (req) => {
    // API >= 1.41: the platform is parsed before the daemon looks at anything else
    let platform: Platform | undefined;
    if (req.query.platform) {
      const p = parsePlatform(req.query.platform);
      if (!p.ok) return errorResponse(p);
      platform = p.value;
    }
    const sent = (req.body ?? {}) as CreateBody;
    const body = platform ? withRequestedPlatform({ ...sent }, platform) : sent;
    const r = daemon.create(req.query.name ?? '', body);
    return r.ok ? { status: 201, body: r.value } : errorResponse(r);
  });
  router.add('POST', '/containers/prune', (req) => pruneContainers(daemon, images, req));
  router.add(
    'POST',
    '/containers/{name}/kill',
    // postContainersKill wraps every error of ContainerKill, whose signal check comes before
    // the lookup: `cannot kill container: NAME: No such container: NAME` too
    async (req) => {
      const name = req.params.name;
      const wrap = (f: Failure) =>
        errorResponse(fail(f.kind, `cannot kill container: ${name}: ${f.message}`));
      const signal = req.query.signal;
      const parsed = signal ? parseKillSignal(signal) : undefined;
      if (parsed && 'error' in parsed) return wrap(fail('invalid', parsed.error));
      const c = daemon.get(name);
      if (!c.ok) return wrap(c);
      const r = await daemon.kill(c.value, signal);
      return r.ok ? noContent : wrap(r);
    },
  );
  router.add(
    'POST',
    '/containers/{name}/pause',
    withContainer((c) => {
      const r = daemon.pause(c);
      return r.ok ? noContent : errorResponse(r);
    }),
  );
  router.add(
    'POST',
    '/containers/{name}/unpause',
    withContainer((c) => {
      const r = daemon.unpause(c);
      return r.ok ? noContent : errorResponse(r);
    }),
  );
  router.add(
    'POST',
    '/containers/{name}/restart',
    withContainer(async (c, req) => {
      const t = intParam(req, 't');
      if (typeof t === 'object') return errorResponse(t);
      const r = await daemon.restart(c, req.params.name, { t, signal: req.query.signal });
      return r.ok ? noContent : errorResponse(r);
    }),
  );
  router.add(
    'POST',
    '/containers/{name}/start',
    withContainer((c) => {
      const r = daemon.start(c);
      if (!r.ok) return errorResponse(r);
      return r.value === 'notModified' ? notModified : noContent;
    }),
  );
  router.add(
    'POST',
    '/containers/{name}/stop',
    withContainer(async (c, req) => {
      const t = intParam(req, 't');
      if (typeof t === 'object') return errorResponse(t);
      const r = await daemon.stop(c, { t, signal: req.query.signal });
      if (!r.ok)
        return { status: 500, body: { message: `cannot stop container: ${req.params.name}: ${r.message}` } };
      return r.value === 'notModified' ? notModified : noContent;
    }),
  );
  router.add(
    'POST',
    '/containers/{name}/wait',
    withContainer(async (c, req) => {
      const r = daemon.wait(c, req.query.condition ?? '', req.client);
      if (!r.ok) return errorResponse(r);
      return { status: 200, body: await r.value };
    }),
  );
  router.add(
    'POST',
    '/containers/{name}/resize',
    withContainer((c, req) => {
      if (!c.running) return { status: 409, body: { message: `container ${c.id} is not running` } };
      daemon.event(c, 'resize', { height: req.query.h ?? '0', width: req.query.w ?? '0' });
      return { status: 200, body: '' };
    }),
  );
  router.add(
    'POST',
    '/containers/{name}/attach',
    withContainer((c, req) => ({ status: 200, conn: attachConn(daemon, c, req.query) })),
  );
  router.add(
    'POST',
    '/containers/{name}/exec',
    withContainer((c, req) => {
      const r = execs.create(c, req.params.name, (req.body ?? {}) as ExecCreateBody);
      return r.ok ? { status: 201, body: { Id: r.value } } : errorResponse(r);
    }),
  );
  router.add('POST', '/exec/{id}/start', (req) => {
    const body = (req.body ?? {}) as { Detach?: boolean; Tty?: boolean };
    const r = execs.start(req.params.id, body.Detach === true);
    if (!r.ok) return errorResponse(r);
    return r.value ? { status: 200, conn: r.value } : { status: 200, body: '' };
  });
  router.add('POST', '/exec/{id}/resize', (req) => {
    const r = execs.get(req.params.id);
    return r.ok ? { status: 200, body: '' } : errorResponse(r);
  });
  router.add(
    'POST',
    '/containers/{name}/rename',
    withContainer((c, req) => {
      const r = daemon.rename(c, req.query.name ?? '');
      return r.ok ? noContent : errorResponse(r);
    }),
  );
  router.add(
    'DELETE',
    '/containers/{name}',
    withContainer(async (c, req) => {
      const r = await daemon.remove(c, req.params.name, {
        force: boolValue(req.query, 'force'),
        volumes: boolValue(req.query, 'v'),
      });
      return r.ok ? noContent : errorResponse(r);
    }),
  );
}

/** POST /containers/prune: every container that is not running (created ones too). */
async function pruneContainers(
  daemon: Daemon,
  images: ImageService,
  req: RouteRequest,
): Promise<ApiResponse> {
  void images;
  const f = parseFilters(req.query.filters);
  if (!f.ok) return errorResponse(f);
  const bad = validateFilters(f.value, ['label', 'label!', 'until']);
  if (bad) return { status: 400, body: { message: bad } };
  const until = parseUntil(f.value, daemon.deps.clock.now());
  if (!until.ok) return errorResponse(until);
  const deleted: string[] = [];
  let reclaimed = 0;
  for (const c of daemon.all()) {
    if (c.running) continue;
    if (until.value !== undefined && c.rec.Created >= until.value) continue;
    if (!matchKVList(f.value, 'label', c.rec.Config.Labels ?? {})) continue;
    const not = f.value.get('label!');
    if (
      not &&
      [...not].some((kv) => {
        const [k, v] = kv.split('=');
        const labels = c.rec.Config.Labels ?? {};
        return v === undefined ? k in labels : labels[k] === v;
      })
    )
      continue;
    reclaimed += c.root.upperSize();
    const r = await daemon.remove(c, c.id);
    if (r.ok) deleted.push(c.id);
  }
  daemon.deps.events.emit('container', 'prune', { ID: '', Attributes: { reclaimed: String(reclaimed) } });
  return {
    status: 200,
    body: { ContainersDeleted: deleted.length ? deleted : null, SpaceReclaimed: reclaimed },
  };
}
