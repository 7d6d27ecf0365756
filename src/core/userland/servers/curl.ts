// curl (7.88.1 on Debian 12, 8.14.1 on Alpine 3.22, 8.5.0 on Ubuntu 24.04)
// over the simulated network: GET/HEAD/POST with -X -d -H -A -u --json,
// -i -I -v -s -S -f -L -o -O -w, the progress meter on stderr when the
// output is not a terminal, and curl's error texts and exit codes
// (6 resolve, 7 connect, 22 HTTP error with -f, 23 write, 52 empty reply,
// 56 reset, 1 protocol).
import { contentText, gen } from '../../fs/content';
import { FsError } from '../../fs/types';
import type { HttpResponse } from '../../kernel/network';
import { fsOf, type UserContext, type UserProgram } from '../types';
import { flavour, parse, type Flavour, type Options } from './curl-options';
import { BLOB_HEADER, RAW_HEADER, isRaw } from '../outside/http';
import { connect, exchange, formatUrl, isFailure, parseUrl, transferMs, type Url } from '../packages/net';

/** curl's max5data: at most five characters for a byte count or a speed. */
function max5(n: number): string {
  const K = 1024;
  const M = K * K;
  if (n < 100000) return String(Math.floor(n)).padStart(5);
  if (n < 10000 * K) return `${String(Math.floor(n / K)).padStart(4)}k`;
  if (n < 100 * M) return `${String(Math.floor(n / M)).padStart(2)}.${Math.floor((n % M) / (M / 10))}M`;
  if (n < 10000 * M) return `${String(Math.floor(n / M)).padStart(4)}M`;
  return `${String(Math.floor(n / (M * K))).padStart(4)}G`;
}

const METER_HEAD = '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n                                 Dload  Upload   Total   Spent    Left  Speed\n';

function meterLine(total: number, got: number, ms: number): string {
  const pct = total > 0 ? Math.floor((got * 100) / total) : 0;
  const speed = got > 0 ? (got * 1000) / Math.max(ms, 1) : 0;
  const t = '--:--:--';
  return `\r${String(pct).padStart(3)} ${max5(total)}  ${String(pct).padStart(3)} ${max5(got)}    0 ${max5(0)}  ${max5(speed)}  ${max5(0)} ${t} ${t} ${t} ${max5(speed)}`;
}

/** Fake but stable public address for an outside host (-v's "Trying"); inside the host, the real one. */
function addressOf(ctx: UserContext, host: string): string {
  if (/^[\d.]+$/.test(host)) return host;
  if (host === 'localhost') return '127.0.0.1';
  let h = 0;
  for (const ch of host) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return ctx.ns.network.outside.has(host) ? `151.101.${(h >> 8) & 255}.${h & 255}` : host;
}

export const curl: UserProgram = async (ctx) => {
  const fl = flavour(ctx);
  const p = parse(ctx.argv, fl);
  if ('exit' in p) {
    if (p.out) ctx.stdout.write(p.out);
    if (p.err) ctx.stderr.write(p.err);
    return p.exit;
  }
  const o = p;
  const say = (msg: string) => {
    if (!o.silent || o.showError) ctx.stderr.write(`${msg}\n`);
  };
  if (o.urls.length === 0) {
    ctx.stderr.write("curl: no URL specified!\ncurl: try 'curl --help' or 'curl --manual' for more information\n");
    return 2;
  }
  let code = 0;
  for (const raw of o.urls) code = await fetchOne(ctx, o, fl, raw, say);
  return code;
};

async function fetchOne(ctx: UserContext, o: Options, fl: Flavour, raw: string, say: (m: string) => void): Promise<number> {
  const fs = fsOf(ctx);
  const clock = ctx.kernel.clock;
  const toStdout = !o.output && !o.remoteName;
  const meter = !o.silent && !o.noMeter && !(toStdout && ctx.tty);
  const verbose = (s: string) => {
    if (o.verbose) ctx.stderr.write(`${s}\n`);
  };
  const started = clock.now();
  let meterOn = false;
  const startMeter = () => {
    if (meter && !meterOn) {
      ctx.stderr.write(METER_HEAD + meterLine(0, 0, 0));
      meterOn = true;
    }
  };
  const endMeter = (total: number, got: number) => {
    if (meterOn) ctx.stderr.write(`${total || got ? meterLine(total, got, clock.now() - started) : ''}\n`);
  };
  let url = parseUrl(raw);
  let method = o.method ?? (o.head ? 'HEAD' : o.data.length ? 'POST' : 'GET');
  for (let redirects = 0; ; redirects++) {
    if (!url) {
      say(`curl: (3) URL using bad/illegal format or missing URL`);
      return 3;
    }
    if ('error' in url) {
      say(fl.oldProtocolText ? `curl: (1) Protocol "${url.scheme}" not supported or disabled in libcurl` : `curl: (1) Protocol "${url.scheme}" not supported`);
      return 1;
    }
    const u: Url = url;
    startMeter();
    const addr = addressOf(ctx, u.host);
    verbose(`*   Trying ${addr}:${u.port}...`);
    const c = await connect(ctx, u);
    if (isFailure(c)) {
      const ms = clock.now() - started;
      endMeter(0, 0);
      switch (c.kind) {
        case 'resolve':
          verbose(`* Could not resolve host: ${u.host}`);
          say(`curl: (6) Could not resolve host: ${u.host}`);
          return 6;
        case 'refused':
          verbose(`* connect to ${addr} port ${u.port} failed: Connection refused`);
          say(`curl: (7) Failed to connect to ${u.host} port ${u.port} after ${ms} ms: Couldn't connect to server`);
          return 7;
        case 'unreachable':
          verbose(`* connect to ${addr} port ${u.port} failed: ${c.net ? 'Network is unreachable' : 'No route to host'}`);
          say(`curl: (7) Failed to connect to ${u.host} port ${u.port} after ${ms} ms: Couldn't connect to server`);
          return 7;
        case 'reset':
          say('curl: (56) Recv failure: Connection reset by peer');
          return 56;
      }
    }
    verbose(`* Connected to ${u.host} (${addr}) port ${u.port} (#0)`);
    const host = u.port === (u.scheme === 'https' ? 443 : 80) ? u.host : `${u.host}:${u.port}`;
    const headers: Record<string, string> = { Host: host, 'User-Agent': o.userAgent ?? `curl/${fl.version}`, Accept: o.json ? 'application/json' : '*/*' };
    if (o.user) headers.Authorization = `Basic ${base64(o.user.includes(':') ? o.user : `${o.user}:`)}`;
    let body = '';
    if (o.data.length && method !== 'HEAD' && method !== 'GET') {
      body = o.data
        .map((d) => {
          if (!d.startsWith('@')) return d;
          const t = fs.readFile(d.slice(1));
          if (t instanceof FsError) {
            say(`Warning: Couldn't read data from file "${d.slice(1)}", this makes an empty POST.`);
            return '';
          }
          return t.replace(/[\r\n]/g, '');
        })
        .join(o.json ? '' : '&');
      headers['Content-Length'] = String(body.length);
      headers['Content-Type'] = o.json ? 'application/json' : 'application/x-www-form-urlencoded';
    }
    for (const h of o.headers) {
      const colon = h.indexOf(':');
      if (colon <= 0) continue;
      const k = h.slice(0, colon).trim();
      const v = h.slice(colon + 1).trim();
      for (const existing of Object.keys(headers)) if (existing.toLowerCase() === k.toLowerCase()) delete headers[existing];
      if (v !== '' || h.endsWith(';')) headers[k] = v;
    }
    verbose(`> ${method} ${u.path} HTTP/1.1`);
    for (const [k, v] of Object.entries(headers)) verbose(`> ${k}: ${v}`);
    verbose('> ');
    const x = await exchange(ctx, c, { method, headers, body });
    const res = x.res;
    if (isRaw(res)) {
      endMeter(0, 0);
      if (res.body === '') {
        verbose('* Empty reply from server');
        say('curl: (52) Empty reply from server');
        return 52;
      }
      say('curl: (1) Received HTTP/0.9 when not allowed');
      return 1;
    }
    const statusLine = `HTTP/1.1 ${res.status} ${res.reason}`;
    const headerLines = Object.entries(res.headers)
      .filter(([k]) => k !== BLOB_HEADER && k !== RAW_HEADER)
      .map(([k, v]) => `${k}: ${v}`);
    verbose(`< ${statusLine}`);
    for (const l of headerLines) verbose(`< ${l}`);
    verbose('< ');
    const ms = transferMs(x, x.size);
    if (ms) await ctx.sleep(ms);
    const location = Object.entries(res.headers).find(([k]) => k.toLowerCase() === 'location')?.[1];
    if (o.location && location && res.status >= 300 && res.status < 400 && redirects < 50) {
      verbose(`* Issue another request to this URL: '${location}'`);
      url = location.startsWith('/') ? { ...u, path: location } : parseUrl(location);
      if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === 'POST')) method = 'GET';
      if (o.include) ctx.stdout.write(`${statusLine}\r\n${headerLines.map((l) => `${l}\r\n`).join('')}\r\n`);
      continue;
    }
    if (o.fail && res.status >= 400) {
      endMeter(0, 0);
      say(`curl: (22) The requested URL returned error: ${res.status}`);
      return 22;
    }
    const head = o.include || o.head ? `${statusLine}\r\n${headerLines.map((l) => `${l}\r\n`).join('')}\r\n` : '';
    const payload = method === 'HEAD' ? '' : res.body;
    const size = method === 'HEAD' ? 0 : x.size;
    if (o.verbose && !(toStdout && ctx.tty) && size) ctx.stderr.write(`{ [${size} bytes data]\n`);
    let target = o.output;
    if (o.remoteName) target = u.path.split('?')[0].split('/').pop() || undefined;
    if (o.remoteName && !target) {
      endMeter(0, 0);
      say('curl: (23) Failed writing received data to disk/application');
      return 23;
    }
    if (target && target !== '-') {
      const content = x.blobSeed && method !== 'HEAD' ? gen(x.size, x.blobSeed) : head + payload;
      const e = fs.writeFile(target, content);
      if (e) {
        endMeter(x.size, 0);
        say(`Warning: Failed to open the file ${target}: ${e.message}`);
        say('curl: (23) Failure writing output to destination');
        return 23;
      }
    } else {
      if (x.blobSeed && ctx.tty && method !== 'HEAD') {
        endMeter(x.size, 0);
        ctx.stderr.write('Warning: Binary output can mess up your terminal. Use "--output -" to tell \nWarning: curl to output it to your terminal anyway, or consider "--output \nWarning: <FILE>" to save to a file.\n');
        return 23;
      }
      ctx.stdout.write(head + (x.blobSeed && method !== 'HEAD' ? contentText(gen(x.size, x.blobSeed)) : payload));
    }
    endMeter(size, size);
    verbose(`* Connection #0 to host ${u.host} left intact`);
    if (o.writeOut !== undefined) ctx.stdout.write(writeOut(o.writeOut, res, size, formatUrl(u), clock.now() - started));
    return 0;
  }
}

function writeOut(fmt: string, res: HttpResponse, size: number, url: string, ms: number): string {
  const type = Object.entries(res.headers).find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? '';
  const vars: Record<string, string> = {
    http_code: String(res.status).padStart(3, '0'),
    response_code: String(res.status).padStart(3, '0'),
    size_download: String(size),
    content_type: type,
    url_effective: url,
    time_total: (ms / 1000).toFixed(6),
    num_redirects: '0',
  };
  return fmt.replace(/%\{([a-z_]+)\}/g, (m, k: string) => vars[k] ?? m).replace(/\\n/g, '\n').replace(/\\t/g, '\t');
}

function base64(s: string): string {
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let out = '';
  for (let i = 0; i < s.length; i += 3) {
    const n = (s.charCodeAt(i) << 16) | ((s.charCodeAt(i + 1) || 0) << 8) | (s.charCodeAt(i + 2) || 0);
    out += abc[(n >> 18) & 63] + abc[(n >> 12) & 63] + (i + 1 < s.length ? abc[(n >> 6) & 63] : '=') + (i + 2 < s.length ? abc[n & 63] : '=');
  }
  return out;
}
