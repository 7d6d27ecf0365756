// The format-spec mini-language ([[fill]align][sign][z][#][0][width][grouping][.precision][type])
// used by format(), str.format and f-strings, and printf-style `%` formatting.
import { formatExp, formatFixed, formatGeneral, formatNoType, intStr } from './float-format';
import { asBigInt, isInt, isNumber, toFloat, typeName, type Rt } from './objects';
import { repr, str } from './repr';
import { pyErr, TypeError, ValueError } from './types';
import { PyDict, PyInstance, PyTuple, type Gen, type PyValue } from './values';
import { dictGet } from './objects';

interface Spec {
  fill: string;
  align?: '<' | '>' | '^' | '=';
  sign: '+' | '-' | ' ';
  alt: boolean;
  zero: boolean;
  width: number;
  grouping?: ',' | '_';
  precision?: number;
  type?: string;
}

const SPEC = /^(?:(.)?([<>=^]))?([+\- ])?(z)?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([bcdeEfFgGnosxX%])?$/su;

function parseSpec(spec: string, v: PyValue): Spec {
  const m = SPEC.exec(spec);
  if (!m) throw pyErr(ValueError, `Invalid format specifier '${spec}' for object of type '${typeName(v)}'`);
  return {
    fill: m[1] ?? (m[6] && !m[2] ? '0' : ' '),
    align: (m[2] as Spec['align']) ?? (m[6] ? '=' : undefined),
    sign: (m[3] as Spec['sign']) ?? '-',
    alt: !!m[5],
    zero: !!m[6],
    width: m[7] ? Number(m[7]) : 0,
    grouping: m[8] as Spec['grouping'],
    precision: m[9] !== undefined ? Number(m[9]) : undefined,
    type: m[10],
  };
}

function group(int: string, sep: string, every = 3): string {
  let out = '';
  for (let i = 0; i < int.length; i++) {
    if (i > 0 && (int.length - i) % every === 0) out += sep;
    out += int[i];
  }
  return out;
}

function pad(body: string, sign: string, s: Spec, defaultAlign: '<' | '>'): string {
  const align = s.align ?? defaultAlign;
  const len = [...body].length + sign.length;
  const n = Math.max(0, s.width - len);
  if (align === '=') return sign + s.fill.repeat(n) + body;
  const full = sign + body;
  if (align === '<') return full + s.fill.repeat(n);
  if (align === '>') return s.fill.repeat(n) + full;
  const left = Math.floor(n / 2);
  return s.fill.repeat(left) + full + s.fill.repeat(n - left);
}

function signOf(neg: boolean, s: Spec): string {
  return neg ? '-' : s.sign === '+' ? '+' : s.sign === ' ' ? ' ' : '';
}

function formatInt(n: bigint, s: Spec): string {
  const neg = n < 0n;
  const a = neg ? -n : n;
  let body: string;
  let prefix = '';
  switch (s.type) {
    case 'b':
      body = a.toString(2);
      prefix = s.alt ? '0b' : '';
      break;
    case 'o':
      body = a.toString(8);
      prefix = s.alt ? '0o' : '';
      break;
    case 'x':
    case 'X':
      body = a.toString(16);
      if (s.type === 'X') body = body.toUpperCase();
      prefix = s.alt ? (s.type === 'X' ? '0X' : '0x') : '';
      break;
    case 'c':
      return pad(String.fromCodePoint(Number(n)), '', s, '<');
    default:
      body = intStr(a);
  }
  if (s.grouping) body = group(body, s.grouping, s.type && 'box'.includes(s.type.toLowerCase()) ? 4 : 3);
  const sign = signOf(neg, s) + prefix;
  return pad(body, sign, s, '>');
}

function formatFloat(x: number, s: Spec): string {
  const neg = x < 0 || Object.is(x, -0);
  const a = Math.abs(x);
  const p = s.precision;
  let body: string;
  switch (s.type) {
    case 'f':
    case 'F':
      body = formatFixed(a, p ?? 6, s.type === 'F', s.alt);
      break;
    case 'e':
    case 'E':
      body = formatExp(a, p ?? 6, s.type === 'E', s.alt);
      break;
    case 'g':
    case 'G':
    case 'n':
      body = formatGeneral(a, p ?? 6, s.type === 'G', s.alt);
      break;
    case '%':
      body = formatFixed(a * 100, p ?? 6, false, s.alt) + '%';
      break;
    default:
      body = formatNoType(a, p);
  }
  if (s.grouping) {
    const m = /^(\d+)(.*)$/.exec(body);
    if (m) body = group(m[1], s.grouping) + m[2];
  }
  return pad(body, signOf(neg && !Number.isNaN(x), s), s, '>');
}

/** format(v, spec) for builtin values; user classes' __format__ falls back to str(). */
export function* formatValue(rt: Rt, v: PyValue, spec: string): Gen<string> {
  if (v instanceof PyInstance) {
    const m = v.cls.lookup('__format__');
    if (m) {
      const r = yield* rt.call(m, [v, spec]);
      return typeof r === 'string' ? r : yield* str(rt, r);
    }
  }
  if (spec === '') return yield* str(rt, v);
  const s = parseSpec(spec, v);
  if (isInt(v) && (typeof v !== 'boolean' || s.type)) {
    if (s.type && 'eEfFgG%'.includes(s.type)) return formatFloat(Number(asBigInt(v)), s);
    if (s.type && !'bcdoxXn'.includes(s.type))
      throw pyErr(ValueError, `Unknown format code '${s.type}' for object of type 'int'`);
    if (s.precision !== undefined)
      throw pyErr(ValueError, 'Precision not allowed in integer format specifier');
    return formatInt(asBigInt(v), s);
  }
  if (typeof v === 'number') {
    if (s.type && !'eEfFgGn%'.includes(s.type))
      throw pyErr(ValueError, `Unknown format code '${s.type}' for object of type 'float'`);
    return formatFloat(v, s);
  }
  if (s.type && s.type !== 's')
    throw pyErr(ValueError, `Unknown format code '${s.type}' for object of type '${typeName(v)}'`);
  if (typeof v !== 'string' && !(v instanceof PyInstance) && typeof v !== 'boolean') {
    if (s.sign !== '-' || s.alt || s.zero || s.grouping)
      throw pyErr(TypeError, `unsupported format string passed to ${typeName(v)}.__format__`);
  }
  let text = yield* str(rt, v);
  if (s.precision !== undefined) text = [...text].slice(0, s.precision).join('');
  return pad(text, '', s, '<');
}

const PERCENT = /%(?:\(([^)]*)\))?([#0\- +]*)(\*|\d+)?(?:\.(\*|\d+))?[hlL]?([diouxXeEfFgGcrsa%])/g;

/** printf-style `"%s is %d" % (name, age)`. */
export function* percentFormat(rt: Rt, fmt: string, arg: PyValue): Gen<PyValue> {
  const args = arg instanceof PyTuple ? [...arg.items] : [arg];
  const mapping = arg instanceof PyDict ? arg : undefined;
  let used = 0;
  let out = '';
  let last = 0;
  const next = (): PyValue => {
    if (used >= args.length) throw pyErr(TypeError, 'not enough arguments for format string');
    return args[used++];
  };
  for (const m of fmt.matchAll(PERCENT)) {
    out += fmt.slice(last, m.index);
    last = m.index! + m[0].length;
    const [, key, flags, w, prec, conv] = m;
    if (conv === '%') {
      out += '%';
      continue;
    }
    const width = w === '*' ? Number(asBigInt(next() as bigint)) : w ? Number(w) : 0;
    const precision =
      prec === '*' ? Number(asBigInt(next() as bigint)) : prec !== undefined ? Number(prec) : undefined;
    let v: PyValue;
    if (key !== undefined) {
      if (!mapping) throw pyErr(TypeError, 'format requires a mapping');
      const got = dictGet(mapping, key);
      if (got === undefined) throw pyErr(TypeError, `'${key}'`);
      v = got;
    } else v = mapping && !(arg instanceof PyTuple) ? arg : next();
    const spec: Spec = {
      fill: flags.includes('0') && !flags.includes('-') && !'sra'.includes(conv) ? '0' : ' ',
      align: flags.includes('-') ? '<' : flags.includes('0') && !'sra'.includes(conv) ? '=' : '>',
      sign: flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '-',
      alt: flags.includes('#'),
      zero: flags.includes('0'),
      width,
      precision,
    };
    if (conv === 's' || conv === 'r' || conv === 'a') {
      let t = conv === 's' ? yield* str(rt, v) : yield* repr(rt, v);
      if (precision !== undefined) t = t.slice(0, precision);
      out += pad(t, '', spec, '>');
    } else if ('diu'.includes(conv)) {
      if (!isNumber(v))
        throw pyErr(TypeError, `%${conv} format: a real number is required, not ${typeName(v)}`);
      const n = typeof v === 'number' ? BigInt(Math.trunc(v)) : asBigInt(v);
      out += formatInt(n, { ...spec, type: 'd' });
    } else if ('oxX'.includes(conv)) {
      if (!isInt(v)) throw pyErr(TypeError, `%${conv} format: an integer is required, not ${typeName(v)}`);
      out += formatInt(asBigInt(v), { ...spec, type: conv });
    } else if (conv === 'c') {
      out += pad(
        typeof v === 'string' ? v : String.fromCodePoint(Number(asBigInt(v as bigint))),
        '',
        spec,
        '>',
      );
    } else {
      if (!isNumber(v)) throw pyErr(TypeError, `must be real number, not ${typeName(v)}`);
      out += formatFloat(toFloat(v), { ...spec, type: conv, precision: precision ?? 6 });
    }
  }
  out += fmt.slice(last);
  if (!mapping && used < args.length)
    throw pyErr(TypeError, 'not all arguments converted during string formatting');
  return out;
}
