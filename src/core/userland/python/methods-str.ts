// Methods of str, as CPython defines them (split on whitespace runs, find/index,
// str.format with auto-numbered and named fields, partition, the is* tests).
/* eslint-disable no-control-regex -- Python's whitespace and line breaks include \x1c-\x1f */
import { builtinArgs } from './calls';
import { utf8 } from './constructors';
import { formatValue } from './format-spec';
import { asBigInt, codePoints, dictGet, isInt, strLen, typeName, type Rt } from './objects';
import { getitem, toArray } from './protocols';
import { repr, str } from './repr';
import { IndexError, KeyError, pyErr, strType, TypeError, ValueError } from './types';
import {
  None,
  PyBuiltin,
  PyBytes,
  PyDict,
  PyExc,
  PyList,
  PyRaise,
  PyTuple,
  type Gen,
  type PyClass,
  type PyValue,
} from './values';

type MethodFn<T> = (rt: Rt, self: T, args: PyValue[], kw: Map<string, PyValue>) => PyValue | Gen<PyValue>;

/** Register a method on a builtin type; calling it on the wrong type raises CPython's descriptor error. */
export function defMethod<T extends PyValue>(
  cls: PyClass,
  name: string,
  check: (v: PyValue) => v is T,
  fn: MethodFn<T>,
): void {
  cls.dict.set(
    name,
    new PyBuiltin(
      name,
      (rt, args, kw) => {
        const self = args[0];
        if (self === undefined || !check(self)) {
          throw pyErr(
            TypeError,
            `descriptor '${name}' for '${cls.name}' objects doesn't apply to a '${self === undefined ? 'NoneType' : typeName(self)}' object`,
          );
        }
        return fn(rt, self, args.slice(1), kw);
      },
      cls.name,
    ),
  );
}

const isStr = (v: PyValue): v is string => typeof v === 'string';
const m = (name: string, fn: MethodFn<string>) => defMethod(strType, name, isStr, fn);

function strArg(v: PyValue | undefined, what: string): string | undefined {
  if (v === undefined || v === None) return undefined;
  if (typeof v !== 'string') throw pyErr(TypeError, `${what} arg must be None or str`);
  return v;
}

const WS = /[\s\x1c-\x1f\x85]+/u;

export function splitWhitespace(s: string, max: number): string[] {
  const out: string[] = [];
  let rest = s.replace(/^[\s\x1c-\x1f\x85]+/u, '');
  while (rest !== '') {
    if (max >= 0 && out.length === max) {
      out.push(rest.replace(/[\s\x1c-\x1f\x85]+$/u, '') === rest ? rest : rest);
      return out;
    }
    const mt = WS.exec(rest);
    if (!mt) {
      out.push(rest);
      break;
    }
    out.push(rest.slice(0, mt.index));
    rest = rest.slice(mt.index + mt[0].length);
  }
  return out;
}

function split(s: string, sep: string | undefined, max: number): string[] {
  if (sep === undefined) return splitWhitespace(s, max);
  if (sep === '') throw pyErr(ValueError, 'empty separator');
  const parts = s.split(sep);
  if (max < 0 || parts.length <= max + 1) return parts;
  return [...parts.slice(0, max), parts.slice(max).join(sep)];
}

function rsplit(s: string, sep: string | undefined, max: number): string[] {
  if (max < 0) return split(s, sep, max);
  if (sep === undefined) {
    const words = splitWhitespace(s, -1);
    if (words.length <= max + 1) return words;
    const tail = words.slice(words.length - max);
    let head = s.replace(/[\s\x1c-\x1f\x85]+$/u, '');
    for (const _ of tail) head = head.replace(/[^\s\x1c-\x1f\x85]+[\s\x1c-\x1f\x85]*$/u, '');
    return [head.replace(/[\s\x1c-\x1f\x85]+$/u, ''), ...tail];
  }
  if (sep === '') throw pyErr(ValueError, 'empty separator');
  const parts = s.split(sep);
  if (parts.length <= max + 1) return parts;
  return [parts.slice(0, parts.length - max).join(sep), ...parts.slice(parts.length - max)];
}

function stripChars(s: string, chars: string | undefined, left: boolean, right: boolean): string {
  const set = chars === undefined ? undefined : new Set(codePoints(chars));
  const cps = codePoints(s);
  const strip = (c: string) => (set ? set.has(c) : /[\s\x1c-\x1f\x85]/u.test(c));
  let a = 0;
  let b = cps.length;
  if (left) while (a < b && strip(cps[a])) a++;
  if (right) while (b > a && strip(cps[b - 1])) b--;
  return cps.slice(a, b).join('');
}

function bounds(s: string, start: PyValue | undefined, end: PyValue | undefined): [number, number] {
  const n = strLen(s);
  const norm = (v: PyValue | undefined, d: number) => {
    if (v === undefined || v === None) return d;
    let k = Number(asBigInt(v as bigint));
    if (k < 0) k = Math.max(0, k + n);
    return Math.min(k, n);
  };
  return [norm(start, 0), norm(end, n)];
}

function affix(rt: Rt, s: string, args: PyValue[], which: 'startswith' | 'endswith'): boolean {
  const [p, start, end] = builtinArgs(which, ['prefix', 'start?', 'end?'], args, undefined);
  const [a, b] = bounds(s, start, end);
  const sub = codePoints(s).slice(a, b).join('');
  const opts = p instanceof PyTuple ? p.items : [p!];
  void rt;
  return opts.some((o) => {
    if (typeof o !== 'string')
      throw pyErr(TypeError, `${which} first arg must be str or a tuple of str, not ${typeName(o)}`);
    return which === 'startswith' ? sub.startsWith(o) : sub.endsWith(o);
  });
}

function find(s: string, args: PyValue[], name: string, rev: boolean): number {
  const [sub, start, end] = builtinArgs(name, ['sub', 'start?', 'end?'], args, undefined);
  if (typeof sub !== 'string') throw pyErr(TypeError, `must be str, not ${typeName(sub!)}`);
  const cps = codePoints(s);
  const [a, b] = bounds(s, start, end);
  const hay = cps.slice(a, b).join('');
  const i = rev ? hay.lastIndexOf(sub) : hay.indexOf(sub);
  if (i < 0 || b - a < strLen(sub)) return sub === '' && a <= b ? (rev ? b : a) : -1;
  return a + strLen(hay.slice(0, i));
}

m('upper', (_rt, s) => s.toUpperCase());
m('lower', (_rt, s) => s.toLowerCase());
m('casefold', (_rt, s) => s.toLowerCase());
m('swapcase', (_rt, s) =>
  [...s].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join(''),
);
m('title', (_rt, s) =>
  s
    .toLowerCase()
    .replace(
      /(^|[^\p{L}\p{N}'])(\p{L})|(')(\p{L})/gu,
      (all, pre: string, ch: string, ap: string, ch2: string) => (ch ? pre + ch.toUpperCase() : ap + ch2),
    ),
);
m('capitalize', (_rt, s) => (s ? [...s][0].toUpperCase() + [...s].slice(1).join('').toLowerCase() : s));
m('strip', (_rt, s, a) =>
  stripChars(s, strArg(builtinArgs('strip', ['chars?'], a, undefined)[0], 'strip'), true, true),
);
m('lstrip', (_rt, s, a) =>
  stripChars(s, strArg(builtinArgs('lstrip', ['chars?'], a, undefined)[0], 'lstrip'), true, false),
);
m('rstrip', (_rt, s, a) =>
  stripChars(s, strArg(builtinArgs('rstrip', ['chars?'], a, undefined)[0], 'rstrip'), false, true),
);
m('split', (_rt, s, a, kw) => {
  const [sep, max] = builtinArgs('split', ['sep?', 'maxsplit?'], a, kw);
  return new PyList(
    split(
      s,
      strArg(sep, 'must be str or None, not') ?? undefined,
      max === undefined ? -1 : Number(asBigInt(max as bigint)),
    ),
  );
});
m('rsplit', (_rt, s, a, kw) => {
  const [sep, max] = builtinArgs('rsplit', ['sep?', 'maxsplit?'], a, kw);
  return new PyList(
    rsplit(s, strArg(sep, 'rsplit'), max === undefined ? -1 : Number(asBigInt(max as bigint))),
  );
});
m('splitlines', (_rt, s, a, kw) => {
  const [keep] = builtinArgs('splitlines', ['keepends?'], a, kw);
  const parts =
    s.match(/[^\n\r\v\f\x1c-\x1e\x85\u2028\u2029]*(\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]|$)/gu) ?? [];
  const lines = parts.filter((p, i) => p !== '' || i < parts.length - 1).filter((p) => p !== '');
  return new PyList(
    keep === true ? lines : lines.map((l) => l.replace(/(\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029])$/u, '')),
  );
});
m('join', function* (rt, s, a) {
  const [it] = builtinArgs('join', ['iterable'], a, undefined);
  const items = yield* toArray(rt, it!, 'can only join an iterable');
  items.forEach((x, i) => {
    if (typeof x !== 'string')
      throw pyErr(TypeError, `sequence item ${i}: expected str instance, ${typeName(x)} found`);
  });
  return (items as string[]).join(s);
});
m('replace', (_rt, s, a, kw) => {
  const [old, rep, count] = builtinArgs('replace', ['old', 'new', 'count?'], a, kw);
  if (typeof old !== 'string' || typeof rep !== 'string')
    throw pyErr(
      TypeError,
      `replace() argument 1 must be str, not ${typeName(typeof old !== 'string' ? old! : rep!)}`,
    );
  let n = count === undefined ? -1 : Number(asBigInt(count as bigint));
  if (n < 0) return old === '' ? [...s].map((c) => rep + c).join('') + rep : s.split(old).join(rep);
  let out = '';
  let rest = s;
  while (n-- > 0) {
    const i = rest.indexOf(old);
    if (i < 0) break;
    out += rest.slice(0, i) + rep;
    rest = rest.slice(i + old.length);
    if (old === '') {
      out += rest.slice(0, 1);
      rest = rest.slice(1);
    }
  }
  return out + rest;
});
m('startswith', (rt, s, a) => affix(rt, s, a, 'startswith'));
m('endswith', (rt, s, a) => affix(rt, s, a, 'endswith'));
m('find', (_rt, s, a) => BigInt(find(s, a, 'find', false)));
m('rfind', (_rt, s, a) => BigInt(find(s, a, 'rfind', true)));
m('index', (_rt, s, a) => {
  const i = find(s, a, 'index', false);
  if (i < 0) throw pyErr(ValueError, 'substring not found');
  return BigInt(i);
});
m('rindex', (_rt, s, a) => {
  const i = find(s, a, 'rindex', true);
  if (i < 0) throw pyErr(ValueError, 'substring not found');
  return BigInt(i);
});
m('count', (_rt, s, a) => {
  const [sub, start, end] = builtinArgs('count', ['sub', 'start?', 'end?'], a, undefined);
  if (typeof sub !== 'string') throw pyErr(TypeError, `must be str, not ${typeName(sub!)}`);
  const [x, y] = bounds(s, start, end);
  const hay = codePoints(s).slice(x, y).join('');
  if (sub === '') return BigInt(strLen(hay) + 1);
  return BigInt(hay.split(sub).length - 1);
});
const pred = (name: string, re: RegExp, needCased = false) =>
  m(name, (_rt, s) => s.length > 0 && [...s].every((c) => re.test(c)) && (!needCased || /\p{L}/u.test(s)));
pred('isdigit', /[\p{Nd}\u00b2\u00b3\u00b9]/u);
pred('isdecimal', /\p{Nd}/u);
pred('isnumeric', /[\p{N}]/u);
pred('isalpha', /\p{L}/u);
pred('isalnum', /[\p{L}\p{N}]/u);
pred('isspace', /[\s\x1c-\x1f\x85]/u);
pred('isascii', /[\x00-\x7f]/);
m('isupper', (_rt, s) => /\p{Lu}/u.test(s) && !/\p{Ll}/u.test(s));
m('islower', (_rt, s) => /\p{Ll}/u.test(s) && !/\p{Lu}/u.test(s));
m('isidentifier', (_rt, s) => /^[\p{L}_][\p{L}\p{N}_]*$/u.test(s));
m(
  'istitle',
  (_rt, s) =>
    /\p{L}/u.test(s) &&
    s === s.toLowerCase().replace(/(^|[^\p{L}])(\p{L})/gu, (_x, p: string, c: string) => p + c.toUpperCase()),
);
const pad = (name: string, where: 'center' | 'ljust' | 'rjust') =>
  m(name, (_rt, s, a) => {
    const [w, fill] = builtinArgs(name, ['width', 'fillchar?'], a, undefined);
    if (!isInt(w!)) throw pyErr(TypeError, `'${typeName(w!)}' object cannot be interpreted as an integer`);
    const f = fill === undefined ? ' ' : String(fill);
    if (strLen(f) !== 1) throw pyErr(TypeError, 'The fill character must be exactly one character long');
    const n = Math.max(0, Number(asBigInt(w)) - strLen(s));
    if (where === 'ljust') return s + f.repeat(n);
    if (where === 'rjust') return f.repeat(n) + s;
    const left = Math.floor(n / 2) + (n % 2 && Number(asBigInt(w)) % 2 ? 1 : 0);
    return f.repeat(left) + s + f.repeat(n - left);
  });
pad('center', 'center');
pad('ljust', 'ljust');
pad('rjust', 'rjust');
m('zfill', (_rt, s, a) => {
  const [w] = builtinArgs('zfill', ['width'], a, undefined);
  const n = Number(asBigInt(w as bigint)) - strLen(s);
  if (n <= 0) return s;
  const sign = s[0] === '-' || s[0] === '+' ? s[0] : '';
  return sign + '0'.repeat(n) + s.slice(sign.length);
});
m('partition', (_rt, s, a) => {
  const [sep] = builtinArgs('partition', ['sep'], a, undefined);
  const sp = String(sep);
  if (sp === '') throw pyErr(ValueError, 'empty separator');
  const i = s.indexOf(sp);
  return i < 0 ? new PyTuple([s, '', '']) : new PyTuple([s.slice(0, i), sp, s.slice(i + sp.length)]);
});
m('rpartition', (_rt, s, a) => {
  const [sep] = builtinArgs('rpartition', ['sep'], a, undefined);
  const sp = String(sep);
  if (sp === '') throw pyErr(ValueError, 'empty separator');
  const i = s.lastIndexOf(sp);
  return i < 0 ? new PyTuple(['', '', s]) : new PyTuple([s.slice(0, i), sp, s.slice(i + sp.length)]);
});
m('removeprefix', (_rt, s, a) => {
  const p = String(builtinArgs('removeprefix', ['prefix'], a, undefined)[0]);
  return p && s.startsWith(p) ? s.slice(p.length) : s;
});
m('removesuffix', (_rt, s, a) => {
  const p = String(builtinArgs('removesuffix', ['suffix'], a, undefined)[0]);
  return p && s.endsWith(p) ? s.slice(0, -p.length) : s;
});
m('expandtabs', (_rt, s, a) => {
  const [t] = builtinArgs('expandtabs', ['tabsize?'], a, undefined);
  const size = t === undefined ? 8 : Number(asBigInt(t as bigint));
  let col = 0;
  let out = '';
  for (const c of s) {
    if (c === '\t') {
      const n = size > 0 ? size - (col % size) : 0;
      out += ' '.repeat(n);
      col += n;
    } else {
      out += c;
      col = c === '\n' || c === '\r' ? 0 : col + 1;
    }
  }
  return out;
});
m('encode', (_rt, s) => new PyBytes(utf8(s), false));
m('format', (rt, s, a, kw) => strFormat(rt, s, a, kw));
m('format_map', function* (rt, s, a) {
  const d = a[0];
  if (!(d instanceof PyDict)) throw pyErr(TypeError, `'${typeName(d ?? None)}' object is not subscriptable`);
  const kw = new Map<string, PyValue>();
  for (const [k, v] of d.map.values()) kw.set(String(k), v);
  return yield* strFormat(rt, s, [], kw);
});
m('__len__', (_rt, s) => BigInt(strLen(s)));
m('__contains__', (_rt, s, a) => s.includes(String(a[0])));

/** str.format: "{}" auto-numbered, "{0}", "{name}", "{x.attr}", "{x[0]}", conversions and specs. */
export function* strFormat(rt: Rt, fmt: string, args: PyValue[], kw: Map<string, PyValue>): Gen<string> {
  let out = '';
  let auto = 0;
  let manual = false;
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt[i];
    if (c === '{' && fmt[i + 1] === '{') {
      out += '{';
      i++;
      continue;
    }
    if (c === '}' && fmt[i + 1] === '}') {
      out += '}';
      i++;
      continue;
    }
    if (c === '}') throw pyErr(ValueError, "Single '}' encountered in format string");
    if (c !== '{') {
      out += c;
      continue;
    }
    let depth = 1;
    let j = i + 1;
    for (; j < fmt.length && depth; j++) {
      if (fmt[j] === '{') depth++;
      else if (fmt[j] === '}') depth--;
    }
    if (depth) throw pyErr(ValueError, "expected '}' before end of string");
    const field = fmt.slice(i + 1, j - 1);
    i = j - 1;
    const mt = /^([^!:[.]*)((?:\.[^!:[.]+|\[[^\]]*\])*)(?:!([rsa]))?(?::(.*))?$/s.exec(field);
    if (!mt) throw pyErr(ValueError, "unmatched '{' in format spec");
    const [, name, path, conv, specRaw] = mt;
    let v: PyValue;
    if (name === '') {
      if (manual)
        throw pyErr(ValueError, 'cannot switch from manual field specification to automatic field numbering');
      if (auto >= args.length)
        throw pyErr(IndexError, `Replacement index ${auto} out of range for positional args tuple`);
      v = args[auto++];
    } else if (/^\d+$/.test(name)) {
      manual = true;
      const k = Number(name);
      if (k >= args.length)
        throw pyErr(IndexError, `Replacement index ${k} out of range for positional args tuple`);
      v = args[k];
    } else {
      const got = kw.get(name);
      if (got === undefined) throw new PyRaise(new PyExc(KeyError, [name]));
      v = got;
    }
    for (const step of path.match(/\.[^.[]+|\[[^\]]*\]/g) ?? []) {
      if (step.startsWith('.')) v = yield* rt.getattr(v, step.slice(1));
      else {
        const key = step.slice(1, -1);
        v = /^\d+$/.test(key)
          ? yield* getitem(rt, v, BigInt(key))
          : v instanceof PyDict
            ? (dictGet(v, key) ?? (yield* getitem(rt, v, key)))
            : yield* getitem(rt, v, key);
      }
    }
    if (conv === 'r' || conv === 'a') v = yield* repr(rt, v);
    else if (conv === 's') v = yield* str(rt, v);
    const spec =
      specRaw && specRaw.includes('{')
        ? yield* strFormat(rt, specRaw, args.slice(auto), kw)
        : (specRaw ?? '');
    out += yield* formatValue(rt, v, spec);
  }
  return out;
}
