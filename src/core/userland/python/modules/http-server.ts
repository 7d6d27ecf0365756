// `python3 -m http.server`: SimpleHTTPRequestHandler serving the working
// directory (listings, index.html, files with guessed types, 301 for
// directories without '/', 404 pages), CPython's request log on stderr, and
// its argparse usage and "Keyboard interrupt received, exiting." behaviour.
import { contentBytes, utf8Decode } from '../../../fs/content';
import { FsError } from '../../../fs/types';
import type { HttpRequest, HttpResponse, Service } from '../../../kernel/network';
import { fsOf } from '../../types';
import type { Interp } from '../interp';
import type { TextOut } from '../io';
import { joinPaths, normpath } from './os';
import { LIB_FRAMES } from './lib-frames';
import { newExc, OSError } from '../types';
import { PyRaise, type Gen } from '../values';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

const TYPES: Record<string, string> = {
  html: 'text/html',
  htm: 'text/html',
  txt: 'text/plain',
  css: 'text/css',
  js: 'text/javascript',
  json: 'application/json',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  svg: 'image/svg+xml',
  ico: 'image/vnd.microsoft.icon',
  py: 'text/x-python',
  md: 'text/markdown',
  csv: 'text/csv',
  xml: 'application/xml',
  pdf: 'application/pdf',
  zip: 'application/zip',
  gz: 'application/gzip',
  sh: 'application/x-sh',
  wasm: 'application/wasm',
  mp4: 'video/mp4',
};

const REASONS: Record<number, [string, string]> = {
  200: ['OK', 'Request fulfilled, document follows'],
  301: ['Moved Permanently', 'Object moved permanently -- see URI list'],
  404: ['Not Found', 'Nothing matches the given URI'],
  501: ['Not Implemented', 'Server does not support this operation'],
};

export function httpDate(ms: number): string {
  const d = new Date(ms);
  const p2 = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]}, ${p2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} GMT`;
}

function logDate(ms: number): string {
  const d = new Date(ms);
  const p2 = (n: number) => String(n).padStart(2, '0');
  return `${p2(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
}

function htmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** urllib.parse.quote with safe='/'. */
function quote(s: string): string {
  return encodeURIComponent(s)
    .replace(/%2F/g, '/')
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/~/g, '~');
}

export interface HttpServerOptions {
  port: number;
  bind: string | undefined;
  directory: string;
  protocol: string;
}

/** The request handler as a network Service. */
export class SimpleHttpService implements Service {
  constructor(
    private readonly it: Interp,
    private readonly o: HttpServerOptions,
    private readonly stderr: TextOut,
  ) {}

  private log(req: HttpRequest, msg: string): void {
    const now = this.it.ctx.kernel.clock.now();
    try {
      this.stderr.write(`${req.from} - - [${logDate(now)}] ${msg}\n`);
    } catch {
      // a closed stderr does not stop the server (CPython's log_message would raise in the handler thread only)
    }
  }

  private headers(extra: Record<string, string>): Record<string, string> {
    return {
      Server: `SimpleHTTP/0.6 Python/${this.it.version}`,
      Date: httpDate(this.it.ctx.kernel.clock.now()),
      ...extra,
    };
  }

  private respond(
    req: HttpRequest,
    status: number,
    headers: Record<string, string>,
    body: string,
  ): HttpResponse {
    this.log(req, `"${req.method} ${req.path} HTTP/1.1" ${status} -`);
    return {
      status,
      reason: REASONS[status]?.[0] ?? '',
      headers: this.headers(headers),
      body: req.method === 'HEAD' ? '' : body,
    };
  }

  private error(req: HttpRequest, status: number, message?: string): HttpResponse {
    const [short, long] = REASONS[status] ?? ['???', '???'];
    const msg = message ?? short;
    this.log(req, `code ${status}, message ${msg}`);
    const body = `<!DOCTYPE HTML>
<html lang="en">
    <head>
        <meta charset="utf-8">
        <title>Error response</title>
    </head>
    <body>
        <h1>Error response</h1>
        <p>Error code: ${status}</p>
        <p>Message: ${htmlEscape(msg)}.</p>
        <p>Error code explanation: ${status} - ${htmlEscape(long)}.</p>
    </body>
</html>
`;
    this.log(req, `"${req.method} ${req.path} HTTP/1.1" ${status} -`);
    return {
      status,
      reason: msg,
      headers: this.headers({
        Connection: 'close',
        'Content-Type': 'text/html;charset=utf-8',
        'Content-Length': String(body.length),
      }),
      body: req.method === 'HEAD' ? '' : body,
    };
  }

  async handle(req: HttpRequest): Promise<HttpResponse> {
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return this.error(req, 501, `Unsupported method (${JSON.stringify(req.method).replace(/"/g, "'")})`);
    const fs = fsOf(this.it.ctx);
    const [rawPath] = req.path.split(/[?#]/);
    const decoded = decodeURIComponent(rawPath);
    const trailing = decoded.endsWith('/');
    const rel = normpath(decoded).replace(/^\/+/, '');
    let p = rel === '.' || rel === '' ? this.o.directory : joinPaths(this.o.directory, rel);
    if (trailing && !p.endsWith('/')) p += '/';
    const st = fs.stat(p);
    if (!(st instanceof FsError) && st.kind === 'dir') {
      if (!rawPath.endsWith('/')) {
        return this.respond(req, 301, { Location: `${rawPath}/`, 'Content-Length': '0' }, '');
      }
      for (const index of ['index.html', 'index.htm']) {
        const f = joinPaths(p, index);
        const s = fs.stat(f);
        if (!(s instanceof FsError) && s.kind === 'file') return this.file(req, f);
      }
      return this.listing(req, p, decoded);
    }
    if (p.endsWith('/')) return this.error(req, 404, 'File not found');
    return this.file(req, p);
  }

  private file(req: HttpRequest, p: string): HttpResponse {
    const fs = fsOf(this.it.ctx);
    const c = fs.readContent(p);
    const st = fs.stat(p);
    if (c instanceof FsError || st instanceof FsError) return this.error(req, 404, 'File not found');
    const ext = (p.split('/').pop() ?? '').split('.').slice(1).pop()?.toLowerCase() ?? '';
    const type = TYPES[ext] ?? 'application/octet-stream';
    const bytes = contentBytes(c);
    return this.respond(
      req,
      200,
      { 'Content-type': type, 'Content-Length': String(bytes.length), 'Last-Modified': httpDate(st.mtime) },
      utf8Decode(bytes),
    );
  }

  private listing(req: HttpRequest, dir: string, displayPath: string): HttpResponse {
    const fs = fsOf(this.it.ctx);
    const names = fs.readdir(dir);
    if (names instanceof FsError) return this.error(req, 404, 'No permission to list directory');
    const sorted = [...names].sort((a, b) =>
      a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0,
    );
    const title = `Directory listing for ${htmlEscape(displayPath)}`;
    const r = [
      '<!DOCTYPE HTML>',
      '<html lang="en">',
      '<head>',
      '<meta charset="utf-8">',
      `<title>${title}</title>\n</head>`,
      `<body>\n<h1>${title}</h1>`,
      '<hr>\n<ul>',
    ];
    for (const name of sorted) {
      const full = joinPaths(dir, name);
      const st = fs.stat(full);
      const lst = fs.lstat(full);
      let display = name;
      let link = name;
      if (!(st instanceof FsError) && st.kind === 'dir') {
        display = name + '/';
        link = name + '/';
      }
      if (!(lst instanceof FsError) && lst.kind === 'symlink') display = name + '@';
      r.push(`<li><a href="${quote(link)}">${htmlEscape(display)}</a></li>`);
    }
    r.push('</ul>\n<hr>\n</body>\n</html>\n');
    const body = r.join('\n');
    const len = new Uint8Array(contentBytes(body)).length;
    return this.respond(
      req,
      200,
      { 'Content-type': 'text/html; charset=utf-8', 'Content-Length': String(len) },
      body,
    );
  }
}

export type ServerArgs = HttpServerOptions | { error: string };

/** argparse for `-m http.server`: [--cgi] [-b ADDRESS] [-d DIRECTORY] [-p VERSION] [port]. */
export function parseServerArgs(args: string[], cwd: string): ServerArgs {
  const o: HttpServerOptions = { port: 8000, bind: undefined, directory: cwd, protocol: 'HTTP/1.0' };
  let portSeen = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const val = (flag: string) => {
      const eq = a.indexOf('=');
      if (eq > 0) return a.slice(eq + 1);
      if (i + 1 >= args.length) return { error: `argument ${flag}: expected one argument` };
      return args[++i];
    };
    const flag = a.split('=')[0];
    if (flag === '-b' || flag === '--bind') {
      const v = val('-b/--bind');
      if (typeof v !== 'string') return v;
      o.bind = v;
    } else if (flag === '-d' || flag === '--directory') {
      const v = val('-d/--directory');
      if (typeof v !== 'string') return v;
      o.directory = v.startsWith('/') ? v : joinPaths(cwd, v);
    } else if (flag === '-p' || flag === '--protocol') {
      const v = val('-p/--protocol');
      if (typeof v !== 'string') return v;
      o.protocol = v;
    } else if (a === '--cgi') return { error: 'unrecognized arguments: --cgi' };
    else if (a.startsWith('-') && a !== '-') return { error: `unrecognized arguments: ${a}` };
    else if (!portSeen) {
      if (!/^[+-]?\d+$/.test(a.trim())) return { error: `argument port: invalid int value: '${a}'` };
      o.port = Number(a);
      portSeen = true;
    } else return { error: `unrecognized arguments: ${args.slice(i).join(' ')}` };
  }
  return o;
}

export const SERVER_USAGE = 'usage: server.py [-h] [--cgi] [-b ADDRESS] [-d DIRECTORY] [-p VERSION] [port]';

/** Bind, print the banner, and serve until KeyboardInterrupt (SIGINT). */
export function* serveForever(it: Interp, o: HttpServerOptions, stdout: TextOut, stderr: TextOut): Gen<void> {
  const net = it.ctx.ns.net;
  const dualStack = net === it.ctx.ns.network.hostNetns && o.bind === undefined;
  const host = o.bind ?? (dualStack ? '::' : '0.0.0.0');
  const service = new SimpleHttpService(it, o, stderr);
  if (net.listen(o.port, service, host === '::' ? '0.0.0.0' : host) === 'EADDRINUSE') {
    const e = newExc(OSError, 98n, 'Address already in use');
    e.dict.set('errno', 98n);
    e.dict.set('strerror', 'Address already in use');
    const r = new PyRaise(e);
    it.addLibFrames(r, LIB_FRAMES.addrinuse[0]);
    throw r;
  }
  try {
    const urlHost = host.includes(':') ? `[${host}]` : host;
    stdout.write(`Serving HTTP on ${host} port ${o.port} (http://${urlHost}:${o.port}/) ...\n`);
    yield* it.wait(new Promise<never>(() => undefined));
  } finally {
    net.unlisten(o.port);
  }
}
