// The two streaming container routes: attach (live output from now on,
// optionally the log first, and stdin to PID 1 when the container keeps it
// open) and logs (the json-file entries filtered by stream, since, until and
// tail, with timestamps and details on request, then new ones with follow until the
// container stops). Both end when PID 1 exits.
import type { ApiResponse } from './api';
import type { ContainerEntry } from './containers-entry';
import { FrameConn, rfc3339NanoFixed, type LogEntry } from './containers-logs';
import type { Daemon } from './daemon';
import { boolValue } from './engine';

type Query = Readonly<Record<string, string | undefined>>;

export function attachConn(daemon: Daemon, c: ContainerEntry, q: Query): FrameConn {
  const tty = c.rec.Config.Tty === true;
  const conn = new FrameConn(tty);
  const want = { stdout: boolValue(q, 'stdout'), stderr: boolValue(q, 'stderr') };
  if (boolValue(q, 'logs'))
    for (const e of c.log.entries) if (want[e.stream]) conn.push({ stream: e.stream, data: e.line });
  const cleanups: Array<() => void> = [];
  const finish = () => {
    for (const f of cleanups.splice(0)) f();
    conn.end();
  };
  if (boolValue(q, 'stream')) {
    cleanups.push(c.hub.add((f) => want[f.stream] && conn.push(f)));
    const onExit = () => finish();
    c.exitListeners.add(onExit);
    cleanups.push(() => c.exitListeners.delete(onExit));
    c.removeListeners.add(onExit);
    cleanups.push(() => c.removeListeners.delete(onExit));
  } else finish();
  if (boolValue(q, 'stdin') && c.rec.Config.OpenStdin) {
    conn.onInput(
      (data) => daemon.typeInto(c, data),
      // StdinOnce: the first client to close its input closes the container's stdin
      () => {
        if (c.rec.Config.StdinOnce) c.stdin?.close();
      },
    );
  }
  conn.onCancel(() => {
    for (const f of cleanups.splice(0)) f();
  });
  daemon.event(c, 'attach');
  return conn;
}

/** The errors `docker logs` can get before any output. */
export function logsError(c: ContainerEntry, q: Query): ApiResponse | undefined {
  if (!c.log.readable)
    return { status: 501, body: { message: 'configured logging driver does not support reading' } };
  if (!boolValue(q, 'stdout') && !boolValue(q, 'stderr'))
    return { status: 400, body: { message: 'Bad parameters: you must choose at least one stream' } };
  return undefined;
}

/** timetypes.ParseTimestamps: Unix seconds with an optional fraction ("1700000000.5"), in ms. */
function parseTime(v: string | undefined): number | undefined {
  if (v === undefined || v === '' || v === '0') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n * 1000 : undefined;
}

/**
 * logger.Info.ExtraAttributes as json-file stores them with each line: the container labels
 * and environment variables its --log-opt labels/env (and the -regex forms) name.
 */
function logAttrs(c: ContainerEntry): Array<[string, string]> {
  const opts = c.rec.HostConfig.LogConfig?.Config ?? {};
  const extra = new Map<string, string>();
  const labels = c.rec.Config.Labels ?? {};
  const env = new Map<string, string>();
  for (const e of c.rec.Config.Env ?? []) {
    const i = e.indexOf('=');
    if (i >= 0) env.set(e.slice(0, i), e.slice(i + 1));
  }
  const pick = (names: string | undefined, pattern: string | undefined, from: Map<string, string>) => {
    for (const n of names ? names.split(',') : []) if (from.has(n)) extra.set(n, from.get(n)!);
    if (!pattern) return;
    let re: RegExp;
    try {
      re = new RegExp(pattern);
    } catch {
      return;
    }
    for (const [k, v] of from) if (re.test(k)) extra.set(k, v);
  };
  pick(opts.labels, opts['labels-regex'], new Map(Object.entries(labels)));
  pick(opts.env, opts['env-regex'], env);
  return [...extra].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** attrsByteSlice: "k=v,k=v" with both sides query-escaped, sorted by key. */
function detailsPrefix(attrs: Array<[string, string]>): string {
  const esc = (s: string) =>
    encodeURIComponent(s)
      .replace(/%20/g, '+')
      .replace(/[!'()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return attrs.map(([k, v]) => `${esc(k)}=${esc(v)}`).join(',') + ' ';
}

export function logsConn(daemon: Daemon, c: ContainerEntry, q: Query): FrameConn {
  const conn = new FrameConn(c.rec.Config.Tty === true);
  const want = { stdout: boolValue(q, 'stdout'), stderr: boolValue(q, 'stderr') };
  const ts = boolValue(q, 'timestamps');
  const since = parseTime(q.since);
  const until = parseTime(q.until);
  // writeLogStream: --details puts the line's attributes and a blank before it, the time before both
  const details = boolValue(q, 'details') ? detailsPrefix(logAttrs(c)) : '';
  const frame = (e: LogEntry) =>
    conn.push({
      stream: e.stream,
      data: (ts ? `${rfc3339NanoFixed(e.time)} ` : '') + details + e.line,
    });
  const ok = (e: LogEntry) =>
    want[e.stream] && (since === undefined || e.time > since) && (until === undefined || e.time <= until);
  let entries = c.log.entries.filter(ok);
  const tail = q.tail ?? 'all';
  if (tail !== 'all' && /^\d+$/.test(tail)) entries = Number(tail) === 0 ? [] : entries.slice(-Number(tail));
  for (const e of entries) frame(e);
  const running = c.running || c.machineState === 'starting';
  if (!boolValue(q, 'follow') || !running || (until !== undefined && until <= daemon.deps.clock.now())) {
    conn.end();
    return conn;
  }
  const stopFollow = c.log.follow((e) => ok(e) && frame(e));
  const end = () => {
    stopFollow();
    c.exitListeners.delete(end);
    c.removeListeners.delete(end);
    conn.end();
  };
  c.exitListeners.add(end);
  c.removeListeners.add(end);
  conn.onCancel(() => {
    stopFollow();
    c.exitListeners.delete(end);
    c.removeListeners.delete(end);
  });
  return conn;
}
