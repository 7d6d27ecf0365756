// The time module on the world's clock: time(), sleep() (a wait the kernel can
// interrupt), monotonic(), strftime() and friends in UTC, as containers run.
import { builtinArgs } from '../calls';
import type { Interp } from '../interp';
import { isNumber, toFloat, typeName } from '../objects';
import { pyErr, TypeError, ValueError } from '../types';
import { None, PyTuple, type PyModule } from '../values';
import { num } from './math';
import { fn, newModule, tuple } from './util';

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
