// Small native modules: time (on the world's clock), math, random (seeded
// from the world, not the wall clock), platform, socket.gethostname, string,
// errno and signal (handlers run between statements, as CPython runs them).
import { builtinArgs } from '../calls';
import type { Interp } from '../interp';
import { asBigInt, isInt, isNumber, toFloat, typeName } from '../objects';
import { toArray } from '../protocols';
import { str } from '../repr';
import { IndexError, OSError, OverflowError, pyErr, TypeError, ValueError } from '../types';
import { None, PyBuiltin, PyList, PyObject, PyTuple, type PyValue } from '../values';
import { seededRandom, type Random } from '../../../random';
import { sha256Hex } from '../../../hash';
import { fn, newModule, tuple } from './util';
import { SIGNALS } from '../../../kernel/signals';
import type { PyModule } from '../values';

function num(v: PyValue | undefined, name: string): number {
  if (v === undefined || !isNumber(v))
    throw pyErr(TypeError, `must be real number, not ${v === undefined ? 'NoneType' : typeName(v)}`);
  void name;
  return toFloat(v);
}

// ---- time ----

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const FULL_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const FULL_DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** strftime over a UTC instant (containers run in UTC). */
export function strftime(fmt: string, ms: number): string {
  const d = new Date(ms);
  const p2 = (n: number) => String(n).padStart(2, '0');
  const wd = (d.getUTCDay() + 6) % 7;
  const yday =
    Math.floor(
      (Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - Date.UTC(d.getUTCFullYear(), 0, 1)) /
        86400000,
    ) + 1;
  return fmt.replace(/%([a-zA-Z%])/g, (_m, c: string) => {
    switch (c) {
      case 'Y':
        return String(d.getUTCFullYear());
      case 'y':
        return p2(d.getUTCFullYear() % 100);
      case 'm':
        return p2(d.getUTCMonth() + 1);
      case 'd':
        return p2(d.getUTCDate());
      case 'H':
        return p2(d.getUTCHours());
      case 'I':
        return p2(d.getUTCHours() % 12 || 12);
      case 'M':
        return p2(d.getUTCMinutes());
      case 'S':
        return p2(d.getUTCSeconds());
      case 'p':
        return d.getUTCHours() < 12 ? 'AM' : 'PM';
      case 'a':
        return DAYS[wd];
      case 'A':
        return FULL_DAYS[wd];
      case 'b':
        return MONTHS[d.getUTCMonth()];
      case 'B':
        return FULL_MONTHS[d.getUTCMonth()];
      case 'j':
        return String(yday).padStart(3, '0');
      case 'Z':
        return 'UTC';
      case 'z':
        return '+0000';
      case 'f':
        return String(d.getUTCMilliseconds() * 1000).padStart(6, '0');
      case 'c':
        return `${DAYS[wd]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} ${d.getUTCFullYear()}`;
      case '%':
        return '%';
      default:
        return `%${c}`;
    }
  });
}

export function timeModule(it: Interp): PyModule {
  const m = newModule(it, 'time', 0);
  const now = () => it.ctx.kernel.clock.now();
  fn(m, 'time', () => now() / 1000);
  fn(m, 'time_ns', () => BigInt(Math.round(now())) * 1_000_000n);
  fn(m, 'monotonic', () => (now() - it.ctx.ns.host.bootTime) / 1000);
  fn(m, 'perf_counter', () => (now() - it.ctx.ns.host.bootTime) / 1000);
  fn(m, 'process_time', () => 0.02);
  fn(m, 'sleep', function* (args) {
    const [s] = builtinArgs('sleep', ['secs'], args, undefined);
    if (!isNumber(s!)) throw pyErr(TypeError, `'${typeName(s!)}' object cannot be interpreted as an integer`);
    const secs = toFloat(s);
    if (secs < 0) throw pyErr(ValueError, 'sleep length must be non-negative');
    yield* it.wait(it.ctx.sleep(secs * 1000));
    return None;
  });
  fn(m, 'strftime', (args) => {
    const [f, t] = builtinArgs('strftime', ['format', 't?'], args, undefined);
    return strftime(
      String(f),
      t instanceof PyTuple
        ? Date.UTC(
            Number(t.items[0]),
            Number(t.items[1]) - 1,
            Number(t.items[2]),
            Number(t.items[3]),
            Number(t.items[4]),
            Number(t.items[5]),
          )
        : now(),
    );
  });
  fn(m, 'ctime', (args) =>
    strftime('%c', args[0] !== undefined && args[0] !== None ? num(args[0], 'ctime') * 1000 : now()),
  );
  const struct = (ms: number) => {
    const d = new Date(ms);
    const yday = Math.floor((ms - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86400000) + 1;
    return tuple(
      BigInt(d.getUTCFullYear()),
      BigInt(d.getUTCMonth() + 1),
      BigInt(d.getUTCDate()),
      BigInt(d.getUTCHours()),
      BigInt(d.getUTCMinutes()),
      BigInt(d.getUTCSeconds()),
      BigInt((d.getUTCDay() + 6) % 7),
      BigInt(yday),
      0n,
    );
  };
  fn(m, 'localtime', (args) =>
    struct(args[0] !== undefined && args[0] !== None ? num(args[0], 'localtime') * 1000 : now()),
  );
  fn(m, 'gmtime', (args) =>
    struct(args[0] !== undefined && args[0] !== None ? num(args[0], 'gmtime') * 1000 : now()),
  );
  m.dict.set('timezone', 0n);
  m.dict.set('tzname', tuple('UTC', 'UTC'));
  return m;
}

// ---- math ----

export function mathModule(it: Interp): PyModule {
  const m = newModule(it, 'math', 0);
  const f1 = (name: string, f: (x: number) => number, domain?: (x: number) => boolean) =>
    fn(m, name, (args) => {
      const [x] = builtinArgs(name, ['x'], args, undefined);
      const v = num(x, name);
      if (domain && !domain(v)) throw pyErr(ValueError, 'math domain error');
      const r = f(v);
      if (!Number.isFinite(r) && Number.isFinite(v)) throw pyErr(OverflowError, 'math range error');
      return r;
    });
  f1('sqrt', Math.sqrt, (x) => x >= 0);
  f1('exp', Math.exp);
  f1('sin', Math.sin);
  f1('cos', Math.cos);
  f1('tan', Math.tan);
  f1('asin', Math.asin, (x) => x >= -1 && x <= 1);
  f1('acos', Math.acos, (x) => x >= -1 && x <= 1);
  f1('atan', Math.atan);
  f1('log2', Math.log2, (x) => x > 0);
  f1('log10', Math.log10, (x) => x > 0);
  f1('fabs', Math.abs);
  f1('degrees', (x) => (x * 180) / Math.PI);
  f1('radians', (x) => (x * Math.PI) / 180);
  fn(m, 'log', (args) => {
    const [x, base] = builtinArgs('log', ['x', 'base?'], args, undefined);
    const v = isInt(x!) ? Number(asBigInt(x)) : num(x, 'log');
    if (v <= 0) throw pyErr(ValueError, 'math domain error');
    return base === undefined ? Math.log(v) : Math.log(v) / Math.log(num(base, 'log'));
  });
  const toInt = (name: string, f: (x: number) => number) =>
    fn(m, name, (args) => {
      const [x] = builtinArgs(name, ['x'], args, undefined);
      if (isInt(x!)) return asBigInt(x);
      const v = num(x, name);
      if (Number.isNaN(v)) throw pyErr(ValueError, 'cannot convert float NaN to integer');
      if (!Number.isFinite(v)) throw pyErr(OverflowError, 'cannot convert float infinity to integer');
      return BigInt(f(v));
    });
  toInt('floor', Math.floor);
  toInt('ceil', Math.ceil);
  toInt('trunc', Math.trunc);
  fn(m, 'pow', (args) => num(args[0], 'pow') ** num(args[1], 'pow'));
  fn(m, 'hypot', (args) => Math.hypot(...args.map((a) => num(a, 'hypot'))));
  fn(m, 'atan2', (args) => Math.atan2(num(args[0], 'atan2'), num(args[1], 'atan2')));
  fn(m, 'isnan', (args) => Number.isNaN(num(args[0], 'isnan')));
  fn(m, 'isinf', (args) => Math.abs(num(args[0], 'isinf')) === Infinity);
  fn(m, 'isfinite', (args) => Number.isFinite(num(args[0], 'isfinite')));
  fn(m, 'isclose', (args, kw) => {
    const [a, b, rel, abs] = builtinArgs('isclose', ['a', 'b', '*rel_tol?', '*abs_tol?'], args, kw);
    const x = num(a, 'isclose');
    const y = num(b, 'isclose');
    const r = rel === undefined ? 1e-9 : num(rel, 'isclose');
    const t = abs === undefined ? 0 : num(abs, 'isclose');
    return x === y || Math.abs(x - y) <= Math.max(r * Math.max(Math.abs(x), Math.abs(y)), t);
  });
  const intArgs = (name: string, args: PyValue[]) =>
    args
      .map((a) => {
        if (!isInt(a)) throw pyErr(TypeError, `'${typeName(a)}' object cannot be interpreted as an integer`);
        return asBigInt(a);
      })
      .map((v) => (v < 0n ? -v : v));
  fn(m, 'gcd', (args) =>
    intArgs('gcd', args).reduce((a, b) => {
      while (b) [a, b] = [b, a % b];
      return a;
    }, 0n),
  );
  fn(m, 'factorial', (args) => {
    const [x] = builtinArgs('factorial', ['n'], args, undefined);
    if (!isInt(x!)) throw pyErr(TypeError, `'${typeName(x!)}' object cannot be interpreted as an integer`);
    const n = asBigInt(x);
    if (n < 0n) throw pyErr(ValueError, 'factorial() not defined for negative values');
    let r = 1n;
    for (let i = 2n; i <= n; i++) r *= i;
    return r;
  });
  fn(m, 'comb', (args) => {
    const [n, k] = intArgs('comb', args);
    if (k > n) return 0n;
    let r = 1n;
    for (let i = 0n; i < k; i++) r = (r * (n - i)) / (i + 1n);
    return r;
  });
  fn(m, 'prod', function* (args) {
    let r: PyValue = 1n;
    for (const v of yield* toArray(it, args[0]))
      r = isInt(r) && isInt(v) ? asBigInt(r) * asBigInt(v) : toFloat(r as number) * toFloat(v as number);
    return r;
  });
  fn(m, 'fsum', function* (args) {
    let s = 0;
    for (const v of yield* toArray(it, args[0])) s += num(v, 'fsum');
    return s;
  });
  m.dict.set('pi', Math.PI);
  m.dict.set('e', Math.E);
  m.dict.set('tau', 2 * Math.PI);
  m.dict.set('inf', Infinity);
  m.dict.set('nan', NaN);
  return m;
}

// ---- random ----

/** Seeded from the world (the clock and the process), so a run replays the same in tests and permalinks. */
export function randomModule(it: Interp): PyModule {
  const m = newModule(it, 'random', 200_000);
  const seedOf = (s: string) => parseInt(sha256Hex(s).slice(0, 8), 16);
  let rng: Random = seededRandom(
    seedOf(`${it.ctx.kernel.clock.now()}:${it.ctx.proc.pid}:${it.ctx.ns.uts.hostname}`),
  );
  const below = (n: bigint): bigint => {
    if (n <= 0n) throw pyErr(ValueError, 'empty range in randrange()');
    if (n <= 2n ** 32n) return BigInt(Math.floor(rng.next() * Number(n)));
    let r = 0n;
    for (let k = 0; k < n.toString(2).length; k += 32)
      r = (r << 32n) | BigInt(Math.floor(rng.next() * 2 ** 32));
    return r % n;
  };
  fn(m, 'seed', function* (args) {
    const [a] = builtinArgs('seed', ['a?', 'version?'], args, undefined);
    rng = seededRandom(
      seedOf(a === undefined || a === None ? String(it.ctx.kernel.clock.now()) : yield* str(it, a)),
    );
    return None;
  });
  fn(m, 'random', () => rng.next());
  fn(m, 'uniform', (args) => {
    const a = num(args[0], 'uniform');
    const b = num(args[1], 'uniform');
    return a + (b - a) * rng.next();
  });
  fn(m, 'randint', (args) => {
    const [a, b] = builtinArgs('randint', ['a', 'b'], args, undefined);
    if (!isInt(a!) || !isInt(b!))
      throw pyErr(TypeError, `'${typeName(isInt(a!) ? b! : a!)}' object cannot be interpreted as an integer`);
    const lo = asBigInt(a);
    const hi = asBigInt(b);
    if (hi < lo) throw pyErr(ValueError, `empty range in randrange(${lo}, ${hi + 1n})`);
    return lo + below(hi - lo + 1n);
  });
  fn(m, 'randrange', (args) => {
    const ints = args.map((a) => {
      if (!isInt(a)) throw pyErr(TypeError, `'${typeName(a)}' object cannot be interpreted as an integer`);
      return asBigInt(a);
    });
    const [start, stop, step] = ints.length === 1 ? [0n, ints[0], 1n] : [ints[0], ints[1], ints[2] ?? 1n];
    const n = step > 0n ? (stop - start + step - 1n) / step : (start - stop - step - 1n) / -step;
    if (n <= 0n) throw pyErr(ValueError, `empty range in randrange(${ints.join(', ')})`);
    return start + step * below(n);
  });
  fn(m, 'choice', function* (args) {
    const items = yield* toArray(it, args[0]);
    if (!items.length) throw pyErr(IndexError, 'Cannot choose from an empty sequence');
    return items[Number(below(BigInt(items.length)))];
  });
  fn(m, 'choices', function* (args, kw) {
    const [pop, , , k] = builtinArgs('choices', ['population', 'weights?', '*cum_weights?', '*k?'], args, kw);
    const items = yield* toArray(it, pop!);
    const n = k === undefined ? 1 : Number(asBigInt(k as bigint));
    return new PyList(Array.from({ length: n }, () => items[Number(below(BigInt(items.length)))]));
  });
  fn(m, 'shuffle', (args) => {
    const l = args[0];
    if (!(l instanceof PyList))
      throw pyErr(TypeError, `'${typeName(l)}' object does not support item assignment`);
    for (let i = l.items.length - 1; i > 0; i--) {
      const j = Number(below(BigInt(i + 1)));
      [l.items[i], l.items[j]] = [l.items[j], l.items[i]];
    }
    return None;
  });
  fn(m, 'sample', function* (args, kw) {
    const [pop, kv] = builtinArgs('sample', ['population', 'k'], args, kw);
    const items = yield* toArray(it, pop!);
    const k = Number(asBigInt(kv as bigint));
    if (k > items.length || k < 0) throw pyErr(ValueError, 'Sample larger than population or is negative');
    const pool = [...items];
    const out: PyValue[] = [];
    for (let i = 0; i < k; i++) out.push(pool.splice(Number(below(BigInt(pool.length))), 1)[0]);
    return new PyList(out);
  });
  return m;
}

// ---- platform, socket, string, errno ----

export function platformModule(it: Interp): PyModule {
  const m = newModule(it, 'platform', 100_000);
  const host = it.ctx.ns.host;
  const version = String(
    (it.modules.get('sys')?.dict.get('version') as string | undefined)?.split(' ')[0] ?? '',
  );
  fn(m, 'system', () => 'Linux');
  fn(m, 'node', () => it.ctx.ns.uts.hostname);
  fn(m, 'release', () => host.kernelRelease);
  fn(m, 'version', () => host.kernelVersion);
  fn(m, 'machine', () => host.machine);
  fn(m, 'processor', () => '');
  fn(m, 'architecture', () => tuple('64bit', 'ELF'));
  fn(m, 'python_version', () => version);
  fn(m, 'python_implementation', () => 'CPython');
  fn(m, 'platform', () => `Linux-${host.kernelRelease}-${host.machine}-with-glibc2.36`);
  fn(m, 'uname', () =>
    tuple('Linux', it.ctx.ns.uts.hostname, host.kernelRelease, host.kernelVersion, host.machine, ''),
  );
  return m;
}

export function socketModule(it: Interp): PyModule {
  const m = newModule(it, 'socket', 400_000);
  fn(m, 'gethostname', () => it.ctx.ns.uts.hostname);
  fn(m, 'getfqdn', () => it.ctx.ns.uts.hostname);
  fn(m, 'gethostbyname', (args) => {
    const h = String(args[0]);
    if (h === 'localhost' || h === it.ctx.ns.uts.hostname)
      return h === 'localhost' ? '127.0.0.1' : (it.ctx.ns.net.ip ?? '127.0.0.1');
    throw it.unsupported('socket.gethostbyname() for other hosts');
  });
  fn(m, 'socket', () => {
    throw it.unsupported('raw sockets (socket.socket)');
  });
  m.dict.set('AF_INET', 2n);
  m.dict.set('SOCK_STREAM', 1n);
  return m;
}

export function stringModule(it: Interp): PyModule {
  const m = newModule(it, 'string', 0);
  const lower = 'abcdefghijklmnopqrstuvwxyz';
  const upper = lower.toUpperCase();
  m.dict.set('ascii_lowercase', lower);
  m.dict.set('ascii_uppercase', upper);
  m.dict.set('ascii_letters', lower + upper);
  m.dict.set('digits', '0123456789');
  m.dict.set('hexdigits', '0123456789abcdefABCDEF');
  m.dict.set('octdigits', '01234567');
  m.dict.set('punctuation', '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~');
  m.dict.set('whitespace', ' \t\n\r\x0b\x0c');
  m.dict.set(
    'printable',
    '0123456789' + lower + upper + '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~' + ' \t\n\r\x0b\x0c',
  );
  fn(m, 'capwords', function* (args) {
    const s = yield* str(it, args[0]);
    return s
      .split(/\s+/)
      .filter(Boolean)
      .map((w) => w[0].toUpperCase() + w.slice(1).toLowerCase())
      .join(' ');
  });
  return m;
}

// ---- signal ----

export function signalModule(it: Interp): PyModule {
  const m = newModule(it, 'signal', 0);
  for (const [name, n] of Object.entries(SIGNALS)) m.dict.set(name, BigInt(n));
  const SIG_DFL = 0n;
  const SIG_IGN = 1n;
  m.dict.set('SIG_DFL', SIG_DFL);
  m.dict.set('SIG_IGN', SIG_IGN);
  const defaultInt = new PyBuiltin('default_int_handler', () => {
    throw it.interrupt();
  });
  m.dict.set('default_int_handler', defaultInt);
  fn(m, 'signal', (args) => {
    const [sigV, handler] = builtinArgs('signal', ['signalnum', 'handler'], args, undefined);
    if (!isInt(sigV!))
      throw pyErr(TypeError, `'${typeName(sigV!)}' object cannot be interpreted as an integer`);
    const sig = Number(asBigInt(sigV));
    if (sig === SIGNALS.SIGKILL || sig === SIGNALS.SIGSTOP || sig < 1 || sig > 64)
      throw pyErr(OSError, 22n, 'Invalid argument');
    const old = it.signalHandlers.get(sig) ?? (sig === SIGNALS.SIGINT ? defaultInt : SIG_DFL);
    if (handler === SIG_DFL || handler === 0n) {
      it.signalHandlers.delete(sig);
      it.ctx.trap(sig, 'default');
    } else if (handler === SIG_IGN || handler === 1n) {
      it.signalHandlers.set(sig, SIG_IGN);
      it.ctx.trap(sig, 'ignore');
    } else if (handler instanceof PyObject) {
      it.signalHandlers.set(sig, handler === defaultInt ? (undefined as unknown as PyValue) : handler);
      if (handler === defaultInt) it.signalHandlers.delete(sig);
      it.ctx.trap(sig, (s) => it.onSignal(s));
    } else
      throw pyErr(TypeError, 'signal handler must be signal.SIG_IGN, signal.SIG_DFL, or a callable object');
    return old;
  });
  fn(m, 'getsignal', (args) => {
    const sig = Number(asBigInt(args[0] as bigint));
    return it.signalHandlers.get(sig) ?? (sig === SIGNALS.SIGINT ? defaultInt : SIG_DFL);
  });
  fn(m, 'alarm', () => {
    throw it.unsupported('signal.alarm()');
  });
  fn(m, 'pause', function* () {
    yield* it.wait(new Promise<never>(() => undefined));
    return None;
  });
  return m;
}
