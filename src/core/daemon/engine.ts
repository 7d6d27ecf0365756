// The Engine API server: a router from method + path to handlers (as moby's
// api/server/router), the JSON-lines stream type long operations answer
// with, and the Engine that serves the image routes. Container, volume,
// network and exec routes register on the same router later.
import type { Failure } from '../image/errors';
import { httpStatus } from '../image/errors';
import type { ImageService } from '../image/service';
import type { ApiRequest, ApiResponse, ApiStream, EngineClient, JsonMessage, Method } from './api';
import { registerImageRoutes } from './images-routes';

/** A request as a handler sees it: path parameters resolved. */
export interface RouteRequest extends ApiRequest {
  readonly params: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, string | undefined>>;
}

export type RouteHandler = (req: RouteRequest) => ApiResponse | Promise<ApiResponse>;

interface Route {
  readonly method: Method;
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
    this.routes.push({ method, pattern: new RegExp(`^${source}$`), names, handler });
    return this;
  }

  match(method: Method, path: string): { handler: RouteHandler; params: Record<string, string> } | undefined {
    for (const r of this.routes) {
      if (r.method !== method && !(method === 'HEAD' && r.method === 'GET')) continue;
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
}

const VERSION_PREFIX = /^\/v\d+\.\d+(?=\/)/;

export class Engine implements EngineClient {
  readonly router = new Router();

  constructor(readonly deps: EngineDeps) {
    const ping: RouteHandler = () => ({ status: 200, body: 'OK' });
    this.router.add('GET', '/_ping', ping).add('HEAD', '/_ping', ping);
    registerImageRoutes(this.router, deps.images);
  }

  async request(req: ApiRequest): Promise<ApiResponse> {
    const path = req.path.replace(VERSION_PREFIX, '');
    const hit = this.router.match(req.method, path);
    if (!hit) return { status: 404, body: { message: 'page not found' } };
    return hit.handler({ ...req, path, params: hit.params, query: req.query ?? {} });
  }
}
