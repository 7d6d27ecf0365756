// The client side of the simulated network, shared by pip, apt-get, apk and
// curl: URL parsing, name resolution and connect failures as values (the
// kernel's errno), an HTTP exchange with a Service, and the time it takes on
// the world's clock (round trips, TLS, bytes over the wire).
import type { ConnectError, HttpResponse, Service } from '../../kernel/network';
import type { UserContext } from '../types';
import { BLOB_HEADER, byteLength, header } from '../outside/http';

export interface Url {
  scheme: 'http' | 'https';
  host: string;
  port: number;
  /** Path and query, always starting with "/". */
  path: string;
}

/** `http://host[:port]/path`; a bare `host/path` is http (curl's default). Undefined when unusable. */
export function parseUrl(raw: string, defaultScheme: 'http' | 'https' = 'http'): Url | { error: 'scheme'; scheme: string } | undefined {
  let rest = raw;
  let scheme: string = defaultScheme;
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//.exec(raw);
  if (m) {
    scheme = m[1].toLowerCase();
    rest = raw.slice(m[0].length);
  }
  if (scheme !== 'http' && scheme !== 'https') return { error: 'scheme', scheme: m ? m[1] : scheme };
  const slash = rest.search(/[/?#]/);
  let authority = slash < 0 ? rest : rest.slice(0, slash);
  let path = slash < 0 ? '/' : rest.slice(slash);
  const hash = path.indexOf('#');
  if (hash >= 0) path = path.slice(0, hash);
  if (path.startsWith('?')) path = `/${path}`;
  const at = authority.lastIndexOf('@');
  if (at >= 0) authority = authority.slice(at + 1);
  let host = authority;
  let port = scheme === 'https' ? 443 : 80;
  const v6 = /^\[([^\]]+)\](?::(\d*))?$/.exec(authority);
  if (v6) {
    host = v6[1];
    if (v6[2]) port = Number(v6[2]);
  } else {
    const colon = authority.lastIndexOf(':');
    if (colon >= 0) {
      const p = authority.slice(colon + 1);
      if (!/^\d*$/.test(p)) return undefined;
      host = authority.slice(0, colon);
      if (p !== '') port = Number(p);
    }
  }
  if (host === '' || port > 65535) return undefined;
  return { scheme: scheme as 'http' | 'https', host: host.toLowerCase(), port, path: path || '/' };
}

export function formatUrl(u: Url): string {
  const def = u.scheme === 'https' ? 443 : 80;
  return `${u.scheme}://${u.host}${u.port === def ? '' : `:${u.port}`}${u.path}`;
}

export type NetFailure =
  /** getaddrinfo failed: EAI_AGAIN when the namespace has no way out, EAI_NONAME for an unknown name. */
  | { kind: 'resolve'; noNetwork: boolean }
  | { kind: 'refused' }
  | { kind: 'reset' }
  | { kind: 'unreachable'; net: boolean };

export function isFailure(x: unknown): x is NetFailure {
  return typeof x === 'object' && x !== null && 'kind' in x && !('res' in x);
}

/** Round trip to the outside world and its bandwidth; traffic inside the host is instant. */
export const OUTSIDE_RTT_MS = 20;
export const OUTSIDE_BYTES_PER_MS = 20_000;

export interface Connection {
  service: Service;
  url: Url;
  /** The peer is in the outside world (pays latency and bandwidth). */
  outside: boolean;
}

function failure(e: ConnectError, ctx: UserContext): NetFailure {
  switch (e) {
    case 'ENOTFOUND':
      return { kind: 'resolve', noNetwork: !ctx.ns.net.routeOut || ctx.ns.net.ip === undefined };
    case 'ECONNREFUSED':
      return { kind: 'refused' };
    case 'ECONNRESET':
      return { kind: 'reset' };
    case 'EHOSTUNREACH':
      return { kind: 'unreachable', net: false };
    case 'ENETUNREACH':
      return { kind: 'unreachable', net: true };
  }
}

/** TCP connect (and the TLS handshake for https). */
export async function connect(ctx: UserContext, url: Url): Promise<Connection | NetFailure> {
  const { network, net } = ctx.ns;
  const s = network.connect(net, url.host, url.port);
  if (typeof s === 'string') return failure(s, ctx);
  const outside = network.outside.get(url.host) === s;
  if (outside) await ctx.sleep(OUTSIDE_RTT_MS * (url.scheme === 'https' ? 3 : 1));
  return { service: s, url, outside };
}

export interface Exchange {
  res: HttpResponse;
  /** Bytes of the body on the wire (Content-Length). */
  size: number;
  /** The body describes a binary file whose bytes are gen(size, blobSeed). */
  blobSeed?: string;
  outside: boolean;
}

export interface RequestInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

/** Send one request over a connection and wait for the response headers (one round trip). */
export async function exchange(ctx: UserContext, c: Connection, init: RequestInit = {}): Promise<Exchange> {
  const host = c.url.port === (c.url.scheme === 'https' ? 443 : 80) ? c.url.host : `${c.url.host}:${c.url.port}`;
  const res = await ctx.wait(
    c.service.handle({
      method: init.method ?? 'GET',
      path: c.url.path,
      host,
      headers: { Host: host, ...(init.headers ?? {}) },
      body: init.body ?? '',
      from: ctx.ns.net.ip ?? '127.0.0.1',
    }),
  );
  if (c.outside) await ctx.sleep(OUTSIDE_RTT_MS);
  const len = Number(header(res, 'content-length'));
  const size = Number.isFinite(len) ? len : byteLength(res.body);
  const seed = header(res, BLOB_HEADER);
  return { res, size, blobSeed: seed, outside: c.outside };
}

/** Time to receive a body of `bytes` over this exchange. */
export function transferMs(x: { outside: boolean }, bytes: number): number {
  return x.outside ? Math.ceil(bytes / OUTSIDE_BYTES_PER_MS) : 0;
}

/** Connect, send, and wait for the whole body. */
export async function fetchUrl(ctx: UserContext, url: Url, init: RequestInit = {}): Promise<Exchange | NetFailure> {
  const c = await connect(ctx, url);
  if (isFailure(c)) return c;
  const x = await exchange(ctx, c, init);
  const ms = transferMs(x, x.size);
  if (ms > 0) await ctx.sleep(ms);
  return x;
}
