// The datetime module's everyday part: datetime, date and timedelta with
// CPython's str/repr, arithmetic and comparisons, now()/today() on the
// world's clock (containers run in UTC), strftime/strptime/isoformat, and
// timezone.utc.
import { builtinArgs } from '../calls';
import { CONSTRUCTORS, type Interp } from '../interp';
import { asBigInt, isInt, isNumber, toFloat, typeName } from '../objects';
import { pyErr, TypeError, ValueError } from '../types';
import {
  None,
  NotImplemented,
  PyBuiltin,
  PyClass,
  PyDescriptor,
  PyInstance,
  type Gen,
  type PyValue,
} from '../values';
import { strftime } from './time';
import { newModule } from './util';

const US = 1_000_000n;
const DAY = 86_400n * US;

// native: made by their constructors, not by __init__
const date = new PyClass('date', [], 'datetime', true);
const datetime = new PyClass('datetime', [date], 'datetime', true);
const timedelta = new PyClass('timedelta', [], 'datetime', true);
const timezone = new PyClass('timezone', [], 'datetime', true);
const UTC = new PyInstance(timezone);

/** Microseconds since the epoch of a datetime or date (dates at midnight). */
function us(o: PyValue): bigint {
  return (o as PyInstance).dict.get('_us') as bigint;
}

function isKind(o: PyValue, c: PyClass): o is PyInstance {
  return o instanceof PyInstance && o.cls.isSubclassOf(c);
}

function make(cls: PyClass, micros: bigint, tz: PyValue = None): PyInstance {
  const o = new PyInstance(cls);
  o.dict.set('_us', cls === date ? (micros / DAY - (micros % DAY < 0n ? 1n : 0n)) * DAY : micros);
  if (cls === datetime) o.dict.set('tzinfo', tz);
  const d = new Date(Number(micros / 1000n));
  o.dict.set('year', BigInt(d.getUTCFullYear()));
  o.dict.set('month', BigInt(d.getUTCMonth() + 1));
  o.dict.set('day', BigInt(d.getUTCDate()));
  if (cls === datetime) {
    o.dict.set('hour', BigInt(d.getUTCHours()));
    o.dict.set('minute', BigInt(d.getUTCMinutes()));
    o.dict.set('second', BigInt(d.getUTCSeconds()));
    o.dict.set('microsecond', ((micros % US) + US) % US);
  }
  return o;
}

function delta(micros: bigint): PyInstance {
  const o = new PyInstance(timedelta);
  o.dict.set('_us', micros);
  const days = micros / DAY - (micros % DAY < 0n ? 1n : 0n);
  const rest = micros - days * DAY;
  o.dict.set('days', days);
  o.dict.set('seconds', rest / US);
  o.dict.set('microseconds', rest % US);
  return o;
}

function fromParts(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, micro = 0): bigint {
  if (mo < 1 || mo > 12) throw pyErr(ValueError, `month must be in 1..12`);
  const dim = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (d < 1 || d > dim) throw pyErr(ValueError, 'day is out of range for month');
  if (h < 0 || h > 23) throw pyErr(ValueError, 'hour must be in 0..23');
  if (mi < 0 || mi > 59) throw pyErr(ValueError, 'minute must be in 0..59');
  if (s < 0 || s > 59) throw pyErr(ValueError, 'second must be in 0..59');
  const t = new Date(0);
  t.setUTCFullYear(y, mo - 1, d);
  t.setUTCHours(h, mi, s, 0);
  return BigInt(t.getTime()) * 1000n + BigInt(micro);
}

function pad(n: bigint | number, w = 2): string {
  return String(n).padStart(w, '0');
}

function isoTime(o: PyInstance, sep: string): string {
  const d = o.dict;
  const micro = d.get('microsecond') as bigint;
  const tz = d.get('tzinfo') !== None ? '+00:00' : '';
  return `${pad(d.get('year') as bigint, 4)}-${pad(d.get('month') as bigint)}-${pad(d.get('day') as bigint)}${sep}${pad(d.get('hour') as bigint)}:${pad(d.get('minute') as bigint)}:${pad(d.get('second') as bigint)}${micro ? '.' + pad(micro, 6) : ''}${tz}`;
}

function deltaStr(micros: bigint): string {
  const days = micros / DAY - (micros % DAY < 0n ? 1n : 0n);
  const rest = micros - days * DAY;
  const secs = rest / US;
  const micro = rest % US;
  const hms = `${secs / 3600n}:${pad((secs / 60n) % 60n)}:${pad(secs % 60n)}${micro ? '.' + pad(micro, 6) : ''}`;
  return days ? `${days} day${days === 1n || days === -1n ? '' : 's'}, ${hms}` : hms;
}

function num(v: PyValue | undefined): number {
  if (v === undefined) return 0;
  if (!isNumber(v)) throw pyErr(TypeError, `unsupported type for timedelta component: ${typeName(v)}`);
  return toFloat(v);
}

function intArg(v: PyValue | undefined, name: string, dflt: number): number {
  if (v === undefined) return dflt;
  if (!isInt(v)) throw pyErr(TypeError, `'${typeName(v)}' object cannot be interpreted as an integer`);
  void name;
  return Number(asBigInt(v));
}

const STRPTIME: Record<string, [string, (m: string, acc: Record<string, number>) => void]> = {
  Y: ['(\\d{4})', (m, a) => (a.y = Number(m))],
  y: ['(\\d{2})', (m, a) => (a.y = 2000 + Number(m) - (Number(m) >= 69 ? 100 : 0))],
  m: ['(\\d{1,2})', (m, a) => (a.mo = Number(m))],
  d: ['(\\d{1,2})', (m, a) => (a.d = Number(m))],
  H: ['(\\d{1,2})', (m, a) => (a.h = Number(m))],
  I: ['(\\d{1,2})', (m, a) => (a.h = Number(m) % 12)],
  M: ['(\\d{1,2})', (m, a) => (a.mi = Number(m))],
  S: ['(\\d{1,2})', (m, a) => (a.s = Number(m))],
  f: ['(\\d{1,6})', (m, a) => (a.us = Number(m.padEnd(6, '0')))],
  p: ['(AM|PM|am|pm)', (m, a) => (a.pm = m.toUpperCase() === 'PM' ? 1 : 0)],
  b: [
    '([A-Za-z]{3})',
    (m, a) =>
      (a.mo =
        ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].indexOf(
          m.toLowerCase(),
        ) + 1),
  ],
  B: [
    '([A-Za-z]+)',
    (m, a) =>
      (a.mo =
        [
          'january',
          'february',
          'march',
          'april',
          'may',
          'june',
          'july',
          'august',
          'september',
          'october',
          'november',
          'december',
        ].indexOf(m.toLowerCase()) + 1),
  ],
  '%': ['%', () => undefined],
};

function strptime(s: string, fmt: string): bigint {
  const setters: Array<(m: string, a: Record<string, number>) => void> = [];
  const re = fmt.replace(
    /%(.)|([.*+?^${}()|[\]\\])/g,
    (all, f: string | undefined, special: string | undefined) => {
      if (special) return '\\' + special;
      const e = STRPTIME[f!];
      if (!e) throw pyErr(ValueError, `'${f}' is a bad directive in format '%${f}'`);
      if (f !== '%') setters.push(e[1]);
      return e[0];
    },
  );
  const m = new RegExp(`^${re}$`).exec(s);
  if (!m) throw pyErr(ValueError, `time data '${s}' does not match format '${fmt}'`);
  const a: Record<string, number> = { y: 1900, mo: 1, d: 1, h: 0, mi: 0, s: 0, us: 0 };
  setters.forEach((set, i) => set(m[i + 1], a));
  if (a.pm) a.h += 12;
  return fromParts(a.y, a.mo, a.d, a.h, a.mi, a.s, a.us);
}

function def(
  cls: PyClass,
  name: string,
  fn: (it: Interp, args: PyValue[], kw: Map<string, PyValue>) => PyValue | Gen<PyValue>,
  kind?: 'classmethod',
): void {
  const b = new PyBuiltin(name, (rt, args, kw) => fn(rt as Interp, args, kw), cls.name);
  cls.dict.set(name, kind ? new PyDescriptor('classmethod', b) : b);
}

function arith(op: '+' | '-', a: PyValue, b: PyValue): PyValue {
  if (isKind(a, timedelta) && isKind(b, timedelta)) return delta(op === '+' ? us(a) + us(b) : us(a) - us(b));
  if ((isKind(a, date) || isKind(a, datetime)) && isKind(b, timedelta)) {
    const cls = (a as PyInstance).cls;
    return make(
      cls,
      op === '+' ? us(a) + us(b) : us(a) - us(b),
      cls === datetime ? (a as PyInstance).dict.get('tzinfo') : None,
    );
  }
  if (op === '-' && isKind(a, date) && isKind(b, date) && (a as PyInstance).cls === (b as PyInstance).cls)
    return delta(us(a) - us(b));
  return NotImplemented;
}

for (const cls of [date, datetime, timedelta]) {
  def(cls, '__add__', (_it, [a, b]) => arith('+', a, b));
  def(cls, '__radd__', (_it, [a, b]) => arith('+', b, a));
  def(cls, '__sub__', (_it, [a, b]) => arith('-', a, b));
  const cmp = (name: string, f: (x: bigint, y: bigint) => boolean) =>
    def(cls, name, (_it, [a, b]) =>
      b instanceof PyInstance && b.cls === (a as PyInstance).cls
        ? f(us(a), us(b))
        : name === '__eq__'
          ? false
          : NotImplemented,
    );
  cmp('__eq__', (x, y) => x === y);
  cmp('__lt__', (x, y) => x < y);
  cmp('__le__', (x, y) => x <= y);
  cmp('__gt__', (x, y) => x > y);
  cmp('__ge__', (x, y) => x >= y);
}

def(timedelta, '__str__', (_it, [a]) => deltaStr(us(a)));
def(timedelta, '__repr__', (_it, [a]) => {
  const d = (a as PyInstance).dict;
  const parts = [
    ['days', d.get('days')],
    ['seconds', d.get('seconds')],
    ['microseconds', d.get('microseconds')],
  ].filter(([, v]) => v !== 0n);
  return `datetime.timedelta(${parts.length ? parts.map(([k, v]) => `${k}=${v}`).join(', ') : '0'})`;
});
def(timedelta, 'total_seconds', (_it, [a]) => Number(us(a)) / 1e6);
def(timedelta, '__neg__', (_it, [a]) => delta(-us(a)));
def(timedelta, '__abs__', (_it, [a]) => delta(us(a) < 0n ? -us(a) : us(a)));
def(timedelta, '__bool__', (_it, [a]) => us(a) !== 0n);
def(timedelta, '__mul__', (_it, [a, b]) =>
  isNumber(b) ? delta(BigInt(Math.round(Number(us(a)) * toFloat(b)))) : NotImplemented,
);
def(timedelta, '__rmul__', (_it, [a, b]) =>
  isNumber(b) ? delta(BigInt(Math.round(Number(us(a)) * toFloat(b)))) : NotImplemented,
);
def(timedelta, '__truediv__', (_it, [a, b]) =>
  isKind(b, timedelta)
    ? Number(us(a)) / Number(us(b))
    : isNumber(b)
      ? delta(BigInt(Math.round(Number(us(a)) / toFloat(b))))
      : NotImplemented,
);
def(timedelta, '__floordiv__', (_it, [a, b]) => {
  if (isKind(b, timedelta)) {
    const x = us(a);
    const y = us(b);
    return x / y - (x % y !== 0n && x < 0n !== y < 0n ? 1n : 0n);
  }
  return isInt(b) ? delta(us(a) / asBigInt(b)) : NotImplemented;
});

def(date, '__str__', (_it, [a]) => {
  const d = (a as PyInstance).dict;
  return (a as PyInstance).cls === datetime
    ? isoTime(a as PyInstance, ' ')
    : `${pad(d.get('year') as bigint, 4)}-${pad(d.get('month') as bigint)}-${pad(d.get('day') as bigint)}`;
});
def(date, '__repr__', (_it, [a]) => {
  const o = a as PyInstance;
  const d = o.dict;
  const base = [d.get('year'), d.get('month'), d.get('day')];
  if (o.cls !== datetime) return `datetime.date(${base.join(', ')})`;
  const time = [d.get('hour'), d.get('minute'), d.get('second'), d.get('microsecond')] as bigint[];
  while (time.length && time[time.length - 1] === 0n) time.pop();
  const tz = d.get('tzinfo') !== None ? ', tzinfo=datetime.timezone.utc' : '';
  return `datetime.datetime(${[...base, ...time].join(', ')}${tz})`;
});
def(date, 'isoformat', (_it, [a, sep]) => {
  const o = a as PyInstance;
  if (o.cls === datetime) return isoTime(o, typeof sep === 'string' ? sep : 'T');
  const d = o.dict;
  return `${pad(d.get('year') as bigint, 4)}-${pad(d.get('month') as bigint)}-${pad(d.get('day') as bigint)}`;
});
def(date, 'strftime', (_it, [a, fmt]) => {
  if (typeof fmt !== 'string')
    throw pyErr(TypeError, `strftime() argument 1 must be str, not ${typeName(fmt ?? None)}`);
  const f = (a as PyInstance).dict.get('tzinfo') === None ? fmt.replace(/%z/g, '').replace(/%Z/g, '') : fmt;
  return strftime(f, Number(us(a) / 1000n));
});
def(date, '__format__', (it, [a, spec]) =>
  spec === ''
    ? (it.call(date.dict.get('__str__')!, [a]) as Gen<PyValue>)
    : strftime(String(spec), Number(us(a) / 1000n)),
);
def(date, 'weekday', (_it, [a]) => BigInt((new Date(Number(us(a) / 1000n)).getUTCDay() + 6) % 7));
def(date, 'isoweekday', (_it, [a]) => BigInt(((new Date(Number(us(a) / 1000n)).getUTCDay() + 6) % 7) + 1));
def(date, '__hash__', (_it, [a]) => us(a));
def(datetime, 'date', (_it, [a]) => make(date, us(a)));
def(datetime, 'timestamp', (_it, [a]) => Number(us(a)) / 1e6);
def(datetime, 'replace', (_it, [a], kw) => {
  const d = (a as PyInstance).dict;
  const get = (k: string) => Number((kw.get(k) ?? d.get(k)) as bigint);
  return make(
    datetime,
    fromParts(
      get('year'),
      get('month'),
      get('day'),
      get('hour'),
      get('minute'),
      get('second'),
      get('microsecond'),
    ),
    kw.get('tzinfo') ?? d.get('tzinfo'),
  );
});

export function datetimeModule(it: Interp): ReturnType<typeof newModule> {
  registerDatetimeConstructors(CONSTRUCTORS);
  const m = newModule(it, 'datetime', 0);
  const now = () => BigInt(Math.round(it.ctx.kernel.clock.now())) * 1000n;
  def(datetime, 'now', (_x, [, tz]) => make(datetime, now(), tz ?? None), 'classmethod');
  def(datetime, 'utcnow', () => make(datetime, now()), 'classmethod');
  def(datetime, 'today', () => make(datetime, now()), 'classmethod');
  def(date, 'today', () => make(date, now()), 'classmethod');
  def(
    datetime,
    'fromtimestamp',
    (_x, [, ts, tz]) => make(datetime, BigInt(Math.round(toFloat(ts as number) * 1e6)), tz ?? None),
    'classmethod',
  );
  def(datetime, 'strptime', (_x, [, s, f]) => make(datetime, strptime(String(s), String(f))), 'classmethod');
  def(
    datetime,
    'fromisoformat',
    (_x, [, s]) => {
      const mt = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?$/.exec(
        String(s),
      );
      if (!mt) throw pyErr(ValueError, `Invalid isoformat string: '${String(s)}'`);
      return make(
        datetime,
        fromParts(
          +mt[1],
          +mt[2],
          +mt[3],
          +(mt[4] ?? 0),
          +(mt[5] ?? 0),
          +(mt[6] ?? 0),
          +(mt[7] ?? '0').padEnd(6, '0'),
        ),
      );
    },
    'classmethod',
  );
  def(
    date,
    'fromisoformat',
    (_x, [, s]) => {
      const mt = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(s));
      if (!mt) throw pyErr(ValueError, `Invalid isoformat string: '${String(s)}'`);
      return make(date, fromParts(+mt[1], +mt[2], +mt[3]));
    },
    'classmethod',
  );
  m.dict.set('datetime', datetime);
  m.dict.set('date', date);
  m.dict.set('timedelta', timedelta);
  m.dict.set('timezone', timezone);
  timezone.dict.set('utc', UTC);
  timezone.dict.set('__repr__', new PyBuiltin('__repr__', () => 'datetime.timezone.utc'));
  timezone.dict.set('__str__', new PyBuiltin('__str__', () => 'UTC'));
  m.dict.set('UTC', UTC);
  m.dict.set('MINYEAR', 1n);
  m.dict.set('MAXYEAR', 9999n);
  return m;
}

/** The constructors: datetime(y, m, d, ...), date(y, m, d), timedelta(days=..., ...). */
function registerDatetimeConstructors(ctors: typeof CONSTRUCTORS): void {
  ctors.set(datetime, (_it, _c, args, kw) => {
    const [y, mo, d, h, mi, s, micro, tz] = builtinArgs(
      'datetime',
      ['year', 'month', 'day', 'hour?', 'minute?', 'second?', 'microsecond?', 'tzinfo?'],
      args,
      kw,
    );
    return make(
      datetime,
      fromParts(
        intArg(y, 'year', 1),
        intArg(mo, 'month', 1),
        intArg(d, 'day', 1),
        intArg(h, 'hour', 0),
        intArg(mi, 'minute', 0),
        intArg(s, 'second', 0),
        intArg(micro, 'microsecond', 0),
      ),
      tz ?? None,
    );
  });
  ctors.set(date, (_it, _c, args, kw) => {
    const [y, mo, d] = builtinArgs('date', ['year', 'month', 'day'], args, kw);
    return make(date, fromParts(intArg(y, 'year', 1), intArg(mo, 'month', 1), intArg(d, 'day', 1)));
  });
  ctors.set(timedelta, (_it, _c, args, kw) => {
    const [days, seconds, micro, ms, minutes, hours, weeks] = builtinArgs(
      'timedelta',
      ['days?', 'seconds?', 'microseconds?', 'milliseconds?', 'minutes?', 'hours?', 'weeks?'],
      args,
      kw,
    );
    const total =
      num(days) * 86_400e6 +
      num(seconds) * 1e6 +
      num(micro) +
      num(ms) * 1e3 +
      num(minutes) * 60e6 +
      num(hours) * 3600e6 +
      num(weeks) * 7 * 86_400e6;
    return delta(BigInt(Math.round(total)));
  });
}
