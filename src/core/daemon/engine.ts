// The Engine API server: a router from method + path to handlers (as moby's
// api/server/router), the JSON-lines stream type long operations answer
// with, and the Engine that serves the image routes. Container, volume,
// network and exec routes register on the same router later.
import type { Clock } from '../clock';
import type { Failure } from '../image/errors';
import { httpStatus } from '../image/errors';
import type { ImageService } from '../image/service';
import type { VolumeStore } from '../kernel/volumes';
import type { ApiRequest, ApiResponse, ApiStream, EngineClient, JsonMessage, Method } from './api';
import { registerContainerRoutes } from './containers-routes';
import type { Daemon } from './daemon';
import { ExecStore } from './exec';
import { registerImageRoutes } from './images-routes';
import { registerVolumeRoutes } from './volumes-routes';
import { registerNetworkWriteRoutes } from './networks-write';
import { registerSystemRoutes } from './system-routes';

/** A request as a handler sees it: path parameters resolved. */
export interface RouteRequest extends ApiRequest {
  readonly params: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, string | undefined>>;
}

export type RouteHandler = (req: RouteRequest) => ApiResponse | Promise<ApiResponse>;

interface Route {
  readonly method: Method;
  /** The literal text before the first and after the last parameter: most routes fail on them. */
  readonly prefix: string;
  readonly suffix: string;
  readonly pattern: RegExp;
  readonly names: readonly string[];
  readonly handler: RouteHandler;
}

/**
 * Routes in gorilla/mux syntax: `{name}` is one path segment, `{name:.*}` may
 * contain slashes (image names do). The first registered match wins.
 */
export class Router {
  private readonly routes: Route[] = [];

  add(method: Method, path: string, handler: RouteHandler): this {
    const names: string[] = [];
    const escape = (s: string) => s.replace(/[.*+?^$()|[\]\\{}]/g, '\\$&');
    let source = '';
    let last = 0;
    for (const m of path.matchAll(/\{(\w+)(?::([^}]*))?\}/g)) {
      source += escape(path.slice(last, m.index));
      names.push(m[1]);
      source += m[2] ? `(${m[2]})` : '([^/]+)';
      last = m.index + m[0].length;
    }
    source += escape(path.slice(last));
    const open = path.indexOf('{');
    const prefix = open < 0 ? path : path.slice(0, open);
    const suffix = open < 0 ? '' : path.slice(path.lastIndexOf('}') + 1);
    this.routes.push({ method, prefix, suffix, pattern: new RegExp(`^${source}$`), names, handler });
    return this;
  }

  match(method: Method, path: string): { handler: RouteHandler; params: Record<string, string> } | undefined {
    for (const r of this.routes) {
      if (r.method !== method && !(method === 'HEAD' && r.method === 'GET')) continue;
      // the regular expression only where the literal parts match (a create tried dozens of routes)
      if (!path.startsWith(r.prefix) || !path.endsWith(r.suffix)) continue;
      const m = r.pattern.exec(path);
      if (!m) continue;
      const params: Record<string, string> = {};
      r.names.forEach((n, i) => (params[n] = unescapePath(m[i + 1])));
      return { handler: r.handler, params };
    }
    return undefined;
  }
}

/** Percent-decoding as Go's router does it; a malformed escape is kept as typed. */
function unescapePath(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The daemon's `{"message": …}` error with the status its kind maps to. */
export function errorResponse(f: Failure): ApiResponse {
  return { status: httpStatus(f.kind), body: { message: f.message } };
}

/** httputils.BoolValue: anything but "", "0", "no", "false", "none" is true. */
export function boolValue(query: Readonly<Record<string, string | undefined>>, key: string): boolean {
  const v = (query[key] ?? '').trim().toLowerCase();
  return !(v === '' || v === '0' || v === 'no' || v === 'false' || v === 'none');
}

/**
 * A JSON-lines response body delivered as the work happens. Messages pushed
 * before anyone reads are kept; cancel() (the client hanging up) runs the
 * producer's cancel handler once and ends the stream.
 */
export class MessageStream<T = JsonMessage> implements ApiStream<T> {
  private readonly queue: T[] = [];
  private readonly waiting: ((r: IteratorResult<T>) => void)[] = [];
  private ended = false;
  private cancelHandler: (() => void) | undefined;

  push(m: T): void {
    if (this.ended) return;
    const w = this.waiting.shift();
    if (w) w({ value: m, done: false });
    else this.queue.push(m);
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    for (const w of this.waiting.splice(0)) w({ value: undefined, done: true });
  }

  get isEnded(): boolean {
    return this.ended;
  }

  onCancel(handler: () => void): void {
    this.cancelHandler = handler;
  }

  cancel(): void {
    if (this.ended) return;
    const h = this.cancelHandler;
    this.cancelHandler = undefined;
    h?.();
    this.queue.length = 0;
    this.end();
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return {
      next: () => {
        const m = this.queue.shift();
        if (m !== undefined) return Promise.resolve({ value: m, done: false });
        if (this.ended) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => this.waiting.push(resolve));
      },
      return: () => {
        this.cancel();
        return Promise.resolve({ value: undefined, done: true });
      },
    };
  }
}

export interface EngineDeps {
  readonly images: ImageService;
  /** The container side (containers, exec); its routes exist only when given. */
  readonly daemon?: Daemon;
  readonly volumes?: VolumeStore;
  /** Time stamps of the request log. */
  readonly clock?: Clock;
}

/** One API call as the UI's request log shows it: `POST /v1.51/containers/create → 201`. */
export interface RequestLogEntry {
  /** ms since the epoch, when the answer came. */
  readonly time: number;
  readonly method: Method;
  /** The path as requested, version prefix included. */
  readonly path: string;
  readonly query: Readonly<Record<string, string | undefined>>;
  readonly body: unknown;
  readonly status: number;
  /** What came back: a JSON body, a progress stream, or a hijacked connection. */
  readonly kind: 'json' | 'stream' | 'conn';
  readonly response: unknown;
}

/**
 * The most recent requests and who wants to hear of new ones. Listeners (the
 * page's API panel) get each entry whole and keep what they show; the list
 * itself is a ring of the last LIMIT requests without their responses, so a
 * session of `docker ps` over a thousand containers does not keep every
 * answer alive (and the garbage collector busy copying them).
 */
export class RequestLog {
  static readonly LIMIT = 500;
  private readonly ring: RequestLogEntry[] = [];
  private next = 0;
  private readonly listeners = new Set<(e: RequestLogEntry) => void>();

  add(e: RequestLogEntry): void {
    const kept = e.response === undefined ? e : { ...e, response: undefined };
    if (this.ring.length < RequestLog.LIMIT) this.ring.push(kept);
    else this.ring[this.next] = kept;
    this.next = (this.next + 1) % RequestLog.LIMIT;
    if (this.listeners.size > 0) for (const l of [...this.listeners]) l(e);
  }

  /** The last LIMIT requests, oldest first; `response` is not kept (listeners had it). */
  entries(): readonly RequestLogEntry[] {
    if (this.ring.length < RequestLog.LIMIT) return [...this.ring];
    return [...this.ring.slice(this.next), ...this.ring.slice(0, this.next)];
  }

  subscribe(l: (e: RequestLogEntry) => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
}

const VERSION_PREFIX = /^\/v\d+\.\d+(?=\/)/;

export class Engine implements EngineClient {
  readonly router = new Router();
  readonly log = new RequestLog();
  readonly execs: ExecStore | undefined;

  constructor(readonly deps: EngineDeps) {
    const ping: RouteHandler = () => ({ status: 200, body: 'OK' });
    this.router.add('GET', '/_ping', ping).add('HEAD', '/_ping', ping);
    registerImageRoutes(this.router, deps.images);
    if (deps.daemon) {
      this.execs = new ExecStore(deps.daemon);
      // the read side first: its complete container list answers before the runtime's routes
      registerSystemRoutes(this.router, { images: deps.images, daemon: deps.daemon, volumes: deps.volumes });
      registerContainerRoutes(this.router, deps.daemon, this.execs, deps.images);
      registerNetworkWriteRoutes(this.router, deps.daemon);
    }
    if (deps.volumes) registerVolumeRoutes(this.router, deps.volumes);
  }

  async request(req: ApiRequest): Promise<ApiResponse> {
    const path = req.path.replace(VERSION_PREFIX, '');
    const hit = this.router.match(req.method, path);
    const res = hit
      ? await hit.handler({ ...req, path, params: hit.params, query: req.query ?? {} })
      : { status: 404, body: { message: 'page not found' } };
    this.log.add({
      time: this.deps.clock?.now() ?? 0,
      method: req.method,
      path: req.path,
      query: req.query ?? {},
      body: req.body,
      status: res.status,
      kind: 'stream' in res ? 'stream' : 'conn' in res ? 'conn' : 'json',
      response: 'body' in res ? res.body : undefined,
    });
    return res;
  }
}
