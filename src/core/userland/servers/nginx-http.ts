// nginx answering HTTP from its configuration: server and location
// selection, static files from root/alias with index files, return,
// try_files, error_page, nginx's own error pages (CRLF, "nginx/1.29.0"
// footer), its response headers (ETag from mtime and size), the access log
// line in the configured log_format and the [error] line of a failed open().
import { FsError, type Stats } from '../../fs/types';
import type { HttpRequest, HttpResponse, Service } from '../../kernel/network';
import type { FileSystem } from '../types';
import { byteLength, header, httpDate, REASONS, splitQuery } from '../outside/http';
import { nginxLocalTime } from './log-time';
import { lookup, type Directive, type HttpConf, type Location, type ServerConf } from './nginx-conf';

export const NGINX_VERSION = '1.29.0';

const ERROR_TITLES: Record<number, string> = { 301: '301 Moved Permanently', 302: '302 Found', 400: '400 Bad Request', 403: '403 Forbidden', 404: '404 Not Found', 405: '405 Not Allowed', 500: '500 Internal Server Error', 502: '502 Bad Gateway', 503: '503 Service Temporarily Unavailable' };

/** nginx's built-in error page. */
export function errorPage(status: number): string {
  const title = ERROR_TITLES[status] ?? `${status} ${REASONS[status] ?? ''}`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx/${NGINX_VERSION}</center>\r\n</body>\r\n</html>\r\n`;
}

export interface NginxHooks {
  /** The files as the worker user sees them. */
  fs: FileSystem;
  now(): number;
  /** The next worker to take a connection, and the connection number. */
  worker(): { pid: number; conn: number };
  accessLog(dest: string, line: string): void;
  errorLog(level: string, pid: number, msg: string): void;
}

function matchLocation(locs: readonly Location[], uri: string): Location | undefined {
  const exact = locs.find((l) => l.modifier === '=' && l.path === uri);
  if (exact) return exact;
  let best: Location | undefined;
  for (const l of locs) {
    if ((l.modifier === '' || l.modifier === '^~') && uri.startsWith(l.path) && (!best || l.path.length > best.path.length)) best = l;
  }
  if (best?.modifier !== '^~') {
    for (const l of locs) {
      if (l.modifier !== '~' && l.modifier !== '~*') continue;
      try {
        if (new RegExp(l.path, l.modifier === '~*' ? 'i' : '').test(uri)) return l;
      } catch {
        // a pattern JavaScript cannot compile never matches
      }
    }
  }
  if (best && best.nested.length) return matchLocation(best.nested, uri) ?? best;
  return best;
}

function mimeType(http: HttpConf, path: string, scopes: Directive[][]): string {
  const dot = path.lastIndexOf('.');
  const ext = dot > path.lastIndexOf('/') ? path.slice(dot + 1).toLowerCase() : '';
  return http.types.get(ext) ?? lookup('default_type', ...scopes)?.[0] ?? 'text/plain';
}

const errnoText = (e: FsError) => (e.code === 'EACCES' ? '13: Permission denied' : e.code === 'ENOTDIR' ? '20: Not a directory' : '2: No such file or directory');

export class NginxService implements Service {
  constructor(
    private readonly http: HttpConf,
    private readonly port: number,
    private readonly hooks: NginxHooks,
  ) {}

  private server(host: string): ServerConf {
    const mine = this.http.servers.filter((s) => s.listen.some((l) => l.port === this.port));
    const name = host.replace(/:\d+$/, '').toLowerCase();
    return mine.find((s) => s.names.includes(name)) ?? mine.find((s) => s.listen.some((l) => l.port === this.port && l.defaultServer)) ?? mine[0];
  }

  async handle(req: HttpRequest): Promise<HttpResponse> {
    const { pid, conn } = this.hooks.worker();
    const now = this.hooks.now();
    const srv = this.server(req.host);
    const { path: rawUri } = splitQuery(req.path);
    let uri = rawUri;
    try {
      uri = decodeURIComponent(rawUri);
    } catch {
      // nginx keeps undecodable escapes as they are
    }
    const ctxInfo = `client: ${req.from}, server: ${srv.names[0] ?? ''}, request: "${req.method} ${req.path} HTTP/1.1", host: "${req.host}"`;
    const res = this.respond(req, srv, uri, 0, (msg) => this.hooks.errorLog('error', pid, `*${conn} ${msg}, ${ctxInfo}`));
    const body = req.method === 'HEAD' ? '' : res.body;
    const out: HttpResponse = { ...res, body };
    this.log(req, srv, uri, out, now, res.body);
    return out;
  }

  private headers(type: string, length: number, extra: Record<string, string> = {}): Record<string, string> {
    return { Server: `nginx/${NGINX_VERSION}`, Date: httpDate(this.hooks.now()), 'Content-Type': type, 'Content-Length': String(length), ...extra };
  }

  private error(status: number, extra: Record<string, string> = {}): HttpResponse {
    const page = errorPage(status);
    const h = this.headers('text/html', byteLength(page));
    return { status, reason: REASONS[status] ?? '', headers: { ...h, ...extra, Connection: 'keep-alive' }, body: page };
  }

  private respond(req: HttpRequest, srv: ServerConf, uri: string, depth: number, logError: (m: string) => void): HttpResponse {
    const loc = matchLocation(srv.locations, uri);
    const scopes = [this.http.directives, srv.directives, ...(loc ? [loc.directives] : [])];
    const errorPages = new Map<number, string>();
    for (const scope of scopes) for (const d of scope) if (d.name === 'error_page') for (const code of d.args.slice(0, -1)) errorPages.set(Number(code), d.args[d.args.length - 1]);
    const fail = (status: number): HttpResponse => {
      const target = errorPages.get(status);
      if (target && depth < 3) {
        const r = this.respond({ ...req, method: 'GET' }, srv, target, depth + 1, logError);
        if (r.status === 200) return { ...r, status, reason: REASONS[status] ?? '' };
      }
      return this.error(status);
    };
    const ret = lookup('return', ...scopes);
    if (ret) {
      const code = Number(ret[0]);
      const arg = ret[1];
      if (code >= 300 && code < 400 && arg !== undefined) return { ...this.error(code, { Location: arg }) };
      if (arg !== undefined) {
        const text = arg.replace(/\$uri/g, uri).replace(/\$host/g, req.host.replace(/:\d+$/, '')).replace(/\$request_uri/g, req.path);
        return { status: code, reason: REASONS[code] ?? '', headers: { ...this.headers(lookup('default_type', ...scopes)?.[0] ?? 'text/plain', byteLength(text)), Connection: 'keep-alive' }, body: text };
      }
      return fail(code);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return this.error(405);
    const root = lookup('root', ...scopes)?.[0] ?? '/etc/nginx/html';
    const alias = loc ? lookup('alias', loc.directives)?.[0] : undefined;
    const fileFor = (u: string) => (alias && loc ? alias + u.slice(loc.path.length) : root.replace(/\/$/, '') + u);
    const tryFiles = lookup('try_files', ...scopes);
    if (tryFiles) {
      for (const t of tryFiles.slice(0, -1)) {
        const candidate = t.replace(/\$uri/g, uri);
        const st = this.hooks.fs.stat(fileFor(candidate));
        if (st instanceof FsError) continue;
        if (candidate.endsWith('/') ? st.kind === 'dir' : st.kind === 'file') return this.serve(req, srv, candidate, scopes, fileFor, fail, logError);
      }
      const last = tryFiles[tryFiles.length - 1];
      if (last.startsWith('=')) return fail(Number(last.slice(1)));
      if (depth < 3) return this.respond(req, srv, last.replace(/\$uri/g, uri), depth + 1, logError);
      return this.error(500);
    }
    return this.serve(req, srv, uri, scopes, fileFor, fail, logError);
  }

  private serve(req: HttpRequest, _srv: ServerConf, uri: string, scopes: Directive[][], fileFor: (u: string) => string, fail: (s: number) => HttpResponse, logError: (m: string) => void): HttpResponse {
    const fs = this.hooks.fs;
    let path = fileFor(uri);
    if (uri.endsWith('/')) {
      const index = lookup('index', ...scopes) ?? ['index.html'];
      const found = index.map((i) => path + i).find((p) => {
        const st = fs.stat(p);
        return !(st instanceof FsError) && st.kind === 'file';
      });
      if (!found) {
        const st = fs.stat(path);
        if (!(st instanceof FsError) && st.kind === 'dir') {
          if (lookup('autoindex', ...scopes)?.[0] === 'on') return this.autoindex(uri, path);
          logError(`directory index of "${path}" is forbidden`);
          return fail(403);
        }
        logError(`"${path}${index[0]}" is not found (${st instanceof FsError ? errnoText(st) : '2: No such file or directory'})`);
        return fail(404);
      }
      path = found;
    }
    const st = fs.stat(path);
    if (st instanceof FsError) {
      logError(`open() "${path}" failed (${errnoText(st)})`);
      return fail(st.code === 'EACCES' ? 403 : 404);
    }
    if (st.kind === 'dir') {
      const host = req.host;
      return this.error(301, { Location: `http://${host}${uri}/` });
    }
    const text = fs.readFile(path);
    if (text instanceof FsError) {
      logError(`open() "${path}" failed (${errnoText(text)})`);
      return fail(text.code === 'EACCES' ? 403 : 404);
    }
    return { status: 200, reason: 'OK', headers: this.fileHeaders(mimeType(this.http, path, scopes), st), body: text };
  }

  private fileHeaders(type: string, st: Stats): Record<string, string> {
    const mtime = Math.floor(st.mtime / 1000);
    return { ...this.headers(type, st.size), 'Last-Modified': httpDate(mtime * 1000), Connection: 'keep-alive', ETag: `"${mtime.toString(16)}-${st.size.toString(16)}"`, 'Accept-Ranges': 'bytes' };
  }

  private autoindex(uri: string, dir: string): HttpResponse {
    const names = this.hooks.fs.readdirTypes(dir);
    const rows = names instanceof FsError ? [] : names.filter((n) => !n.name.startsWith('.'));
    const links = rows.map((n) => {
      const name = n.kind === 'dir' ? `${n.name}/` : n.name;
      return `<a href="${name}">${name}</a>`;
    });
    const body = `<html>\r\n<head><title>Index of ${uri}</title></head>\r\n<body>\r\n<h1>Index of ${uri}</h1><hr><pre><a href="../">../</a>\r\n${links.join('\r\n')}${links.length ? '\r\n' : ''}</pre><hr></body>\r\n</html>\r\n`;
    return { status: 200, reason: 'OK', headers: { ...this.headers('text/html', byteLength(body)), Connection: 'keep-alive' }, body };
  }

  private log(req: HttpRequest, srv: ServerConf, uri: string, res: HttpResponse, now: number, fullBody: string): void {
    const loc = matchLocation(srv.locations, uri);
    const scopes = [this.http.directives, srv.directives, ...(loc ? [loc.directives] : [])];
    const access = lookup('access_log', ...scopes) ?? ['/var/log/nginx/access.log', 'combined'];
    if (access[0] === 'off') return;
    const format = this.http.logFormats.get(access[1] ?? 'combined') ?? this.http.logFormats.get('combined')!;
    const sent = req.method === 'HEAD' ? 0 : byteLength(fullBody);
    const vars: Record<string, string> = {
      remote_addr: req.from,
      remote_user: '-',
      time_local: nginxLocalTime(now),
      request: `${req.method} ${req.path} HTTP/1.1`,
      status: String(res.status),
      body_bytes_sent: String(sent),
      bytes_sent: String(sent + 200),
      http_referer: header(req, 'referer') ?? '-',
      http_user_agent: header(req, 'user-agent') ?? '-',
      http_x_forwarded_for: header(req, 'x-forwarded-for') ?? '-',
      request_method: req.method,
      request_uri: req.path,
      uri,
      host: req.host.replace(/:\d+$/, ''),
      server_name: srv.names[0] ?? '',
      server_protocol: 'HTTP/1.1',
      msec: (now / 1000).toFixed(3),
    };
    const line = format.replace(/\$([a-z_]+)/g, (m, v: string) => vars[v] ?? (v.startsWith('http_') ? '-' : m));
    this.hooks.accessLog(access[0], line);
  }
}
