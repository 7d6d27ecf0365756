// `requests`, when installed in site-packages: get/post/put/patch/delete over
// the simulated network (the process's network namespace, Docker's bridge,
// the outside world), Response objects, and requests' exception chains with
// urllib3's exact messages when the host cannot be resolved or reached.
import type { ConnectError, HttpResponse } from '../../../kernel/network';
import { fsOf } from '../../types';
import { builtinArgs } from '../calls';
import type { Interp } from '../interp';
import { isNumber, toFloat, typeName } from '../objects';
import { repr, str } from '../repr';
import {
  ConnectionRefusedError,
  KeyError,
  ModuleNotFoundError,
  newExc,
  OSError,
  pyErr,
  TypeError,
  ValueError,
} from '../types';
import {
  None,
  PyBuiltin,
  PyBytes,
  PyClass,
  PyDict,
  PyExc,
  PyInstance,
  PyList,
  PyModule,
  PyRaise,
  PyTuple,
  type Gen,
  type PyValue,
} from '../values';
import { utf8 } from '../constructors';
import { JSONDecodeError, parseJson } from './json';
import { LIB_FRAMES, type LibFrame } from './lib-frames';
import { fn, newModule } from './util';
import { FsError } from '../../../fs/types';

const VERSION = '2.32.4';

const exc = (name: string, bases: PyClass[], module = 'requests.exceptions') =>
  new PyClass(name, bases, module);

export const RequestException = exc('RequestException', [OSError]);
export const HTTPError = exc('HTTPError', [RequestException]);
export const ConnectionErrorR = exc('ConnectionError', [RequestException]);
export const Timeout = exc('Timeout', [RequestException]);
export const ConnectTimeout = exc('ConnectTimeout', [ConnectionErrorR, Timeout]);
export const ReadTimeout = exc('ReadTimeout', [Timeout]);
export const InvalidURL = exc('InvalidURL', [RequestException, ValueError]);
export const MissingSchema = exc('MissingSchema', [RequestException, ValueError]);
export const InvalidSchema = exc('InvalidSchema', [RequestException, ValueError]);
export const InvalidJSONError = exc('InvalidJSONError', [RequestException]);
export const RequestsJSONDecodeError = exc('JSONDecodeError', [InvalidJSONError, JSONDecodeError]);
export const TooManyRedirects = exc('TooManyRedirects', [RequestException]);
const NameResolutionError = exc('NameResolutionError', [OSError], 'urllib3.exceptions');
const NewConnectionError = exc('NewConnectionError', [OSError], 'urllib3.exceptions');
const MaxRetryError = exc('MaxRetryError', [OSError], 'urllib3.exceptions');
const gaierror = exc('gaierror', [OSError], 'socket');

const REASONS: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  204: 'No Content',
  301: 'Moved Permanently',
  302: 'Found',
  304: 'Not Modified',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

const responseClass = new PyClass('Response', [], 'requests.models');
const headersClass = new PyClass('CaseInsensitiveDict', [], 'requests.structures');

interface Url {
  scheme: string;
  host: string;
  port: number;
  path: string;
  full: string;
}

function parseUrl(url: string): Url | { error: PyRaise } {
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/([^/?#:]*)(?::(\d*))?([^#]*)/.exec(url);
  if (!m) {
    if (!/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(url) || /^[^:]+:\d+/.test(url)) {
      return {
        error: new PyRaise(
          newExc(
            MissingSchema,
            `Invalid URL '${url}': No scheme supplied. Perhaps you meant https://${url}?`,
          ),
        ),
      };
    }
    return { error: new PyRaise(newExc(InvalidSchema, `No connection adapters were found for '${url}'`)) };
  }
  const scheme = m[1].toLowerCase();
  if (scheme !== 'http' && scheme !== 'https')
    return { error: new PyRaise(newExc(InvalidSchema, `No connection adapters were found for '${url}'`)) };
  if (!m[2]) return { error: new PyRaise(newExc(InvalidURL, `Invalid URL '${url}': No host supplied`)) };
  const host = m[2].toLowerCase();
  const port = m[3] ? Number(m[3]) : scheme === 'https' ? 443 : 80;
  const path = m[4] || '/';
  const full = `${scheme}://${m[2]}${m[3] ? ':' + m[3] : ''}${path}`;
  return { scheme, host, port, path, full };
}

function* toStringMap(it: Interp, v: PyValue | undefined): Gen<Array<[string, string]>> {
  const out: Array<[string, string]> = [];
  if (v === undefined || v === None) return out;
  if (!(v instanceof PyDict)) throw pyErr(TypeError, `'${typeName(v)}' object is not a mapping`);
  for (const [k, x] of v.map.values()) out.push([yield* str(it, k), yield* str(it, x)]);
  return out;
}

function encodeQuery(pairs: Array<[string, string]>): string {
  const q = (s: string) => encodeURIComponent(s).replace(/%20/g, '+');
  return pairs.map(([k, v]) => `${q(k)}=${q(v)}`).join('&');
}

/** `file` is requests/__init__.py where the import found it: its directory is the site-packages the library frames name. */
export function requestsModule(it: Interp, file: string | undefined): PyModule {
  const site = file ? file.replace(/\/requests\/__init__\.py$/, '') : it.sitePackages;
  it.sitePackages = site;
  const fs = fsOf(it.ctx);
  if (fs.stat(`${site}/urllib3`) instanceof FsError) {
    const e = newExc(ModuleNotFoundError, "No module named 'urllib3'");
    e.dict.set('name', 'urllib3');
    throw new PyRaise(e);
  }
  const m = newModule(it, 'requests', 12 * 1024 * 1024);
  const exceptions = new PyModule('requests.exceptions');
  for (const c of [
    RequestException,
    HTTPError,
    ConnectionErrorR,
    Timeout,
    ConnectTimeout,
    ReadTimeout,
    InvalidURL,
    MissingSchema,
    InvalidSchema,
    InvalidJSONError,
    RequestsJSONDecodeError,
    TooManyRedirects,
  ]) {
    exceptions.dict.set(c.name, c);
    m.dict.set(c.name, c);
  }
  it.modules.set('requests.exceptions', exceptions);
  m.dict.set('exceptions', exceptions);
  const vfile = fs.readFile(`${site}/requests/__version__.py`);
  const version = (typeof vfile === 'string' && /__version__ = "([^"]+)"/.exec(vfile)?.[1]) || VERSION;
  m.dict.set('__version__', version);
  m.dict.set('__user_agent__', `python-requests/${version}`);
  m.dict.set('codes', new PyModule('requests.status_codes'));
  (m.dict.get('codes') as PyModule).dict.set('ok', 200n);
  const verb = (name: string, method: string, spec: string[]) =>
    fn(m, name, function* (args, kw) {
      const vals = builtinArgs(name, spec, args, undefined);
      const opts = new Map(kw);
      spec.forEach((s, i) => {
        const k = s.replace('?', '');
        if (k !== 'url' && vals[i] !== undefined) opts.set(k, vals[i]!);
      });
      return yield* request(it, method, vals[0]!, opts, name);
    });
  verb('get', 'GET', ['url', 'params?']);
  verb('post', 'POST', ['url', 'data?', 'json?']);
  verb('put', 'PUT', ['url', 'data?']);
  verb('patch', 'PATCH', ['url', 'data?']);
  verb('delete', 'DELETE', ['url']);
  verb('head', 'HEAD', ['url']);
  fn(m, 'request', function* (args, kw) {
    const [method, url] = builtinArgs('request', ['method', 'url'], args, undefined);
    return yield* request(it, String(method).toUpperCase(), url!, kw, 'request');
  });
  fn(m, 'Session', () => {
    throw it.unsupported('requests.Session (use requests.get/post directly)');
  });
  return m;
}

const KNOWN = new Set([
  'params',
  'data',
  'json',
  'headers',
  'timeout',
  'cookies',
  'files',
  'auth',
  'allow_redirects',
  'proxies',
  'verify',
  'stream',
  'cert',
]);

function* request(
  it: Interp,
  method: string,
  urlV: PyValue,
  kw: Map<string, PyValue>,
  api: string,
): Gen<PyValue> {
  for (const k of kw.keys())
    if (!KNOWN.has(k)) throw pyErr(TypeError, `request() got an unexpected keyword argument '${k}'`);
  const url = typeof urlV === 'string' ? urlV : yield* str(it, urlV);
  const parsed = parseUrl(url);
  if ('error' in parsed) throw parsed.error;
  let path = parsed.path;
  const params = yield* toStringMap(it, kw.get('params'));
  if (params.length) path += (path.includes('?') ? '&' : '?') + encodeQuery(params);
  const headers: Record<string, string> = {
    'User-Agent': String(
      it.modules.get('requests')?.dict.get('__user_agent__') ?? `python-requests/${VERSION}`,
    ),
    'Accept-Encoding': 'gzip, deflate',
    Accept: '*/*',
    Connection: 'keep-alive',
  };
  let body = '';
  const json = kw.get('json');
  const data = kw.get('data');
  if (data !== undefined && data !== None) {
    if (data instanceof PyDict) {
      body = encodeQuery(yield* toStringMap(it, data));
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
    } else body = typeof data === 'string' ? data : yield* str(it, data);
  } else if (json !== undefined && json !== None) {
    const dumps = (it.modules.get('json') ??
      (yield* it.importModule('json', { it, f: it.frame!, s: it.frame!.scope }, true))) as PyModule;
    body = String(yield* it.call(dumps.dict.get('dumps')!, [json]));
    headers['Content-Type'] = 'application/json';
  }
  if (body || method === 'POST' || method === 'PUT' || method === 'PATCH')
    headers['Content-Length'] = String(utf8(body).length);
  for (const [k, v] of yield* toStringMap(it, kw.get('headers'))) {
    const existing = Object.keys(headers).find((h) => h.toLowerCase() === k.toLowerCase());
    if (existing) delete headers[existing];
    headers[k] = v;
  }
  const timeoutV = kw.get('timeout');
  const timeout =
    timeoutV === undefined || timeoutV === None
      ? undefined
      : timeoutV instanceof PyTuple
        ? toFloat(timeoutV.items[1] as number)
        : isNumber(timeoutV)
          ? toFloat(timeoutV)
          : undefined;

  const scheme = parsed.scheme === 'https' ? 'HTTPS' : 'HTTP';
  const pool = `${scheme}ConnectionPool(host='${parsed.host}', port=${parsed.port})`;
  const conn = `${scheme}Connection(host='${parsed.host}', port=${parsed.port})`;
  const target = it.ctx.ns.network.connect(it.ctx.ns.net, parsed.host, parsed.port);
  if (typeof target === 'string')
    throw connectionError(it, target, parsed, pool, conn, api === 'post' ? 'post' : 'get');
  const reply: Promise<HttpResponse | 'timeout'> =
    timeout === undefined
      ? target.handle({
          method,
          path,
          host: parsed.host,
          headers,
          body,
          from: it.ctx.ns.net.ip ?? '127.0.0.1',
        })
      : Promise.race([
          target.handle({
            method,
            path,
            host: parsed.host,
            headers,
            body,
            from: it.ctx.ns.net.ip ?? '127.0.0.1',
          }),
          it.ctx.sleep(timeout * 1000).then(() => 'timeout' as const),
        ]);
  const res = yield* it.wait(reply);
  if (res === 'timeout')
    throw new PyRaise(newExc(ReadTimeout, `${pool}: Read timed out. (read timeout=${timeout})`));
  return response(
    it,
    res,
    parsed.full + (params.length ? (parsed.full.includes('?') ? '&' : '?') + encodeQuery(params) : ''),
  );
}

function frames(it: Interp, r: PyRaise, f: ReadonlyArray<LibFrame>): PyRaise {
  it.addLibFrames(r, f);
  return r;
}

/** The chain requests raises when the connection fails (socket -> urllib3 -> MaxRetryError -> ConnectionError). */
function connectionError(
  it: Interp,
  err: ConnectError,
  u: Url,
  pool: string,
  conn: string,
  api: 'get' | 'post',
): PyRaise {
  const dns = err === 'ENOTFOUND';
  const chain = LIB_FRAMES[`${dns ? 'nameres' : 'refused'}_${api}`];
  let inner: PyExc;
  let middle: PyExc;
  let causeRepr: string;
  if (dns) {
    // no route out (--network none): the resolver cannot reach any DNS server
    const [errno, text] =
      it.ctx.ns.net.routeOut && it.ctx.ns.net.ip
        ? [-2, 'Name or service not known']
        : [-3, 'Temporary failure in name resolution'];
    inner = newExc(gaierror, BigInt(errno), text);
    inner.dict.set('errno', BigInt(errno));
    inner.dict.set('strerror', text);
    const msg = `${conn}: Failed to resolve '${u.host}' ([Errno ${errno}] ${text})`;
    middle = newExc(NameResolutionError, msg);
    causeRepr = `NameResolutionError(${JSON.stringify(msg)})`;
  } else {
    const [errno, text, cls] =
      err === 'ECONNREFUSED'
        ? [111, 'Connection refused', ConnectionRefusedError]
        : err === 'ENETUNREACH'
          ? [101, 'Network is unreachable', OSError]
          : err === 'EHOSTUNREACH'
            ? [113, 'No route to host', OSError]
            : [104, 'Connection reset by peer', OSError];
    inner = newExc(cls, BigInt(errno), text);
    inner.dict.set('errno', BigInt(errno));
    inner.dict.set('strerror', text);
    const msg = `${conn}: Failed to establish a new connection: [Errno ${errno}] ${text}`;
    middle = newExc(NewConnectionError, msg);
    causeRepr = `NewConnectionError(${JSON.stringify(msg)})`;
  }
  const r0 = frames(it, new PyRaise(inner), chain[0]);
  const r1 = frames(it, new PyRaise(middle), chain[1]);
  middle.cause = r0.exc;
  middle.suppressContext = true;
  const retry = newExc(
    MaxRetryError,
    `${pool}: Max retries exceeded with url: ${u.path} (Caused by ${causeRepr})`,
  );
  const r2 = frames(it, new PyRaise(retry), chain[2]);
  retry.cause = r1.exc;
  retry.suppressContext = true;
  const final = newExc(ConnectionErrorR, String(retry.args[0]));
  final.context = r2.exc;
  const r3 = frames(it, new PyRaise(final), chain[3]);
  return r3;
}

function response(it: Interp, res: HttpResponse, url: string): PyInstance {
  const r = new PyInstance(responseClass);
  const reason = res.reason || REASONS[res.status] || '';
  r.dict.set('status_code', BigInt(res.status));
  r.dict.set('reason', reason);
  r.dict.set('url', url);
  r.dict.set('text', res.body);
  r.dict.set('content', new PyBytes(utf8(res.body), false));
  r.dict.set('ok', res.status < 400);
  r.dict.set('encoding', 'utf-8');
  const h = new PyInstance(headersClass);
  const d = new PyDict();
  for (const [k, v] of Object.entries(res.headers)) d.map.set('s' + k.toLowerCase(), [k, v]);
  h.dict.set('_store', d);
  r.dict.set('headers', h);
  void it;
  return r;
}

function self(args: PyValue[]): PyInstance {
  const s = args[0];
  if (!(s instanceof PyInstance)) throw pyErr(TypeError, 'descriptor requires a Response');
  return s;
}

responseClass.dict.set(
  'json',
  new PyBuiltin('json', (rt, args) => {
    const r = self(args);
    const it = rt as Interp;
    const text = String(r.dict.get('text') ?? '');
    const [site, file, line, endLine, col, endCol, name, src] = LIB_FRAMES.badjson[0][0];
    try {
      return parseJson(it, text, [[site, file, line, endLine, col, endCol, name, src]]);
    } catch (e) {
      if (!(e instanceof PyRaise) || !e.exc.cls.isSubclassOf(JSONDecodeError)) throw e;
      const x = new PyExc(RequestsJSONDecodeError, [...e.exc.args]);
      for (const k of ['msg', 'doc', 'pos', 'lineno', 'colno']) {
        const v = e.exc.dict.get(k);
        if (v !== undefined) x.dict.set(k, v);
      }
      x.context = e.exc;
      const r2 = new PyRaise(x);
      it.addLibFrames(r2, LIB_FRAMES.badjson[1]);
      throw r2;
    }
  }),
);
responseClass.dict.set(
  'raise_for_status',
  new PyBuiltin('raise_for_status', (rt, args) => {
    const r = self(args);
    const status = Number(r.dict.get('status_code'));
    const kind =
      status >= 400 && status < 500 ? 'Client' : status >= 500 && status < 600 ? 'Server' : undefined;
    if (!kind) return None;
    const e = newExc(
      HTTPError,
      `${status} ${kind} Error: ${String(r.dict.get('reason'))} for url: ${String(r.dict.get('url'))}`,
    );
    e.dict.set('response', r);
    const x = new PyRaise(e);
    (rt as Interp).addLibFrames(x, LIB_FRAMES.http404[0]);
    throw x;
  }),
);
responseClass.dict.set(
  '__repr__',
  new PyBuiltin('__repr__', (_rt, args) => `<Response [${String(self(args).dict.get('status_code'))}]>`),
);
responseClass.dict.set(
  '__bool__',
  new PyBuiltin('__bool__', (_rt, args) => self(args).dict.get('ok') === true),
);
responseClass.dict.set(
  'iter_lines',
  new PyBuiltin('iter_lines', (_rt, args) => new PyList(String(self(args).dict.get('text')).split('\n'))),
);

const store = (args: PyValue[]): PyDict => self(args).dict.get('_store') as PyDict;
headersClass.dict.set(
  '__getitem__',
  new PyBuiltin('__getitem__', (_rt, args) => {
    const v = store(args).map.get('s' + String(args[1]).toLowerCase());
    if (!v) throw new PyRaise(newExc(KeyError, args[1]));
    return v[1];
  }),
);
headersClass.dict.set(
  'get',
  new PyBuiltin(
    'get',
    (_rt, args) => store(args).map.get('s' + String(args[1]).toLowerCase())?.[1] ?? args[2] ?? None,
  ),
);
headersClass.dict.set(
  '__contains__',
  new PyBuiltin('__contains__', (_rt, args) => store(args).map.has('s' + String(args[1]).toLowerCase())),
);
headersClass.dict.set('__len__', new PyBuiltin('__len__', (_rt, args) => BigInt(store(args).map.size)));
headersClass.dict.set(
  '__iter__',
  new PyBuiltin('__iter__', (_rt, args) => new PyList([...store(args).map.values()].map(([k]) => k))),
);
headersClass.dict.set(
  'items',
  new PyBuiltin(
    'items',
    (_rt, args) => new PyList([...store(args).map.values()].map(([k, v]) => new PyTuple([k, v]))),
  ),
);
headersClass.dict.set(
  'keys',
  new PyBuiltin('keys', (_rt, args) => new PyList([...store(args).map.values()].map(([k]) => k))),
);
headersClass.dict.set(
  '__repr__',
  new PyBuiltin('__repr__', function* (rt, args) {
    const d = new PyDict();
    for (const [k, v] of store(args).map.values()) d.map.set('s' + String(k), [k, v]);
    return yield* repr(rt, d);
  }),
);
