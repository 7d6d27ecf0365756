// The json module: dumps with indent/sort_keys/separators/ensure_ascii/default,
// loads with CPython's JSONDecodeError messages and positions, and the
// traceback frames a decode error shows inside json/decoder.py.
import { builtinArgs } from '../calls';
import { floatRepr, intStr } from '../float-format';
import type { Interp } from '../interp';
import { callMethod, writeTo } from '../builtins';
import { asBigInt, dictSet, isInt, typeName } from '../objects';
import { ValueError, pyErr, TypeError } from '../types';
import {
  None,
  PyClass,
  PyDict,
  PyExc,
  PyList,
  PyModule,
  PyRaise,
  PyTuple,
  type Gen,
  type PyValue,
} from '../values';
import { LIB_FRAMES, type LibFrame } from './lib-frames';
import { fn, newModule } from './util';

export const JSONDecodeError = new PyClass('JSONDecodeError', [ValueError], 'json.decoder');

class Fail {
  constructor(
    readonly msg: string,
    readonly pos: number,
    /** Raised by raw_decode itself (the value could not even start), not by the scanner. */
    readonly top = false,
  ) {}
}

const NUMBER = /^(-?(?:0|[1-9]\d*))(\.\d+)?([eE][-+]?\d+)?/;
const WS = /[ \t\n\r]*/y;

function skipWs(s: string, i: number): number {
  WS.lastIndex = i;
  WS.exec(s);
  return WS.lastIndex;
}

function scanString(s: string, start: number): [string, number] {
  let out = '';
  let i = start;
  for (;;) {
    if (i >= s.length) throw new Fail('Unterminated string starting at', start - 1);
    const c = s[i];
    if (c === '"') return [out, i + 1];
    if (c === '\\') {
      const e = s[i + 1];
      const simple: Record<string, string> = {
        '"': '"',
        '\\': '\\',
        '/': '/',
        b: '\b',
        f: '\f',
        n: '\n',
        r: '\r',
        t: '\t',
      };
      if (e === undefined) throw new Fail('Unterminated string starting at', start - 1);
      if (e in simple) {
        out += simple[e];
        i += 2;
      } else if (e === 'u') {
        const hex = s.slice(i + 2, i + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new Fail('Invalid \\uXXXX escape', i + 1);
        out += String.fromCharCode(parseInt(hex, 16));
        i += 6;
      } else throw new Fail('Invalid \\escape', i);
      continue;
    }
    if (c < ' ') throw new Fail('Invalid control character at', i);
    out += c;
    i++;
  }
}

function scan(s: string, i: number, top: boolean): [PyValue, number] {
  const c = s[i];
  if (c === '"') return scanString(s, i + 1);
  if (c === '{') {
    const d = new PyDict();
    let j = skipWs(s, i + 1);
    if (s[j] === '}') return [d, j + 1];
    for (;;) {
      if (s[j] !== '"') throw new Fail('Expecting property name enclosed in double quotes', j);
      const [k, afterKey] = scanString(s, j + 1);
      j = skipWs(s, afterKey);
      if (s[j] !== ':') throw new Fail("Expecting ':' delimiter", j);
      j = skipWs(s, j + 1);
      const [v, afterVal] = scan(s, j, false);
      dictSet(d, k, v);
      j = skipWs(s, afterVal);
      if (s[j] === '}') return [d, j + 1];
      if (s[j] !== ',') throw new Fail("Expecting ',' delimiter", j);
      const comma = j;
      j = skipWs(s, j + 1);
      if (s[j] === '}') throw new Fail('Illegal trailing comma before end of object', comma);
    }
  }
  if (c === '[') {
    const items: PyValue[] = [];
    let j = skipWs(s, i + 1);
    if (s[j] === ']') return [new PyList(items), j + 1];
    for (;;) {
      const [v, after] = scan(s, j, false);
      items.push(v);
      j = skipWs(s, after);
      if (s[j] === ']') return [new PyList(items), j + 1];
      if (s[j] !== ',') throw new Fail("Expecting ',' delimiter", j);
      const comma = j;
      j = skipWs(s, j + 1);
      if (s[j] === ']') throw new Fail('Illegal trailing comma before end of array', comma);
    }
  }
  const rest = s.slice(i, i + 9);
  if (rest.startsWith('null')) return [None, i + 4];
  if (rest.startsWith('true')) return [true, i + 4];
  if (rest.startsWith('false')) return [false, i + 5];
  if (rest.startsWith('NaN')) return [NaN, i + 3];
  if (rest.startsWith('Infinity')) return [Infinity, i + 8];
  if (rest.startsWith('-Infinity')) return [-Infinity, i + 9];
  const m = NUMBER.exec(s.slice(i));
  if (m) {
    if (m[2] || m[3]) return [Number(m[0]), i + m[0].length];
    return [BigInt(m[1]), i + m[0].length];
  }
  throw new Fail('Expecting value', i, top);
}

/** json.loads's failure as a JSONDecodeError value with its library frames. */
export function decodeError(
  it: Interp,
  msg: string,
  doc: string,
  pos: number,
  frames: readonly LibFrame[],
): PyRaise {
  const lineno = doc.slice(0, pos).split('\n').length;
  const colno = pos - doc.lastIndexOf('\n', pos - 1);
  const e = new PyExc(JSONDecodeError, [`${msg}: line ${lineno} column ${colno} (char ${pos})`]);
  e.dict.set('msg', msg);
  e.dict.set('doc', doc);
  e.dict.set('pos', BigInt(pos));
  e.dict.set('lineno', BigInt(lineno));
  e.dict.set('colno', BigInt(colno));
  const r = new PyRaise(e);
  it.addLibFrames(r, frames);
  return r;
}

/** Parse a JSON document; errors carry the frames json.loads shows (after `prefix`, e.g. requests' Response.json). */
/** The stdlib's json frames of this interpreter's version (3.12's line numbers differ). */
export function jsonFrames(it: Interp, name: string): readonly LibFrame[] {
  return (it.version.startsWith('3.12.') ? LIB_FRAMES[`${name}_312`] : undefined)?.[0] ?? LIB_FRAMES[name][0];
}

export function parseJson(it: Interp, doc: string, prefix: readonly LibFrame[] = []): PyValue {
  const [inner, value, extra] = [
    jsonFrames(it, 'json_inner'),
    jsonFrames(it, 'json_value'),
    jsonFrames(it, 'json_extra'),
  ];
  try {
    const start = skipWs(doc, 0);
    const [v, end] = scan(doc, start, true);
    const after = skipWs(doc, end);
    if (after !== doc.length) throw new Fail('Extra data', after, false);
    return v;
  } catch (e) {
    if (!(e instanceof Fail)) throw e;
    const frames = e.msg === 'Extra data' ? extra : e.top ? value : inner;
    throw decodeError(it, e.msg, doc, e.pos, [...prefix, ...frames]);
  }
}

interface EncodeOpts {
  indent: string | undefined;
  itemSep: string;
  keySep: string;
  sortKeys: boolean;
  ensureAscii: boolean;
  default: PyValue | undefined;
}

function encodeString(s: string, ascii: boolean): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (c < 0x20 || (ascii && c > 0x7e)) {
      if (c > 0xffff) {
        const v = c - 0x10000;
        out += `\\u${(0xd800 + (v >> 10)).toString(16)}\\u${(0xdc00 + (v & 0x3ff)).toString(16)}`;
      } else out += `\\u${c.toString(16).padStart(4, '0')}`;
    } else out += ch;
  }
  return out + '"';
}

function* encode(it: Interp, v: PyValue, o: EncodeOpts, level: number, seen: Set<object>): Gen<string> {
  if (v === None) return 'null';
  if (v === true) return 'true';
  if (v === false) return 'false';
  if (typeof v === 'string') return encodeString(v, o.ensureAscii);
  if (typeof v === 'bigint') return intStr(v);
  if (typeof v === 'number')
    return Number.isNaN(v)
      ? 'NaN'
      : v === Infinity
        ? 'Infinity'
        : v === -Infinity
          ? '-Infinity'
          : floatRepr(v);
  const nl = o.indent !== undefined ? '\n' + o.indent.repeat(level + 1) : '';
  const close = o.indent !== undefined ? '\n' + o.indent.repeat(level) : '';
  if (v instanceof PyList || v instanceof PyTuple) {
    if (!v.items.length) return '[]';
    if (seen.has(v)) throw pyErr(ValueError, 'Circular reference detected');
    seen.add(v);
    const parts: string[] = [];
    for (const x of v.items) parts.push(yield* encode(it, x, o, level + 1, seen));
    seen.delete(v);
    return `[${nl}${parts.join(o.itemSep + nl)}${close}]`;
  }
  if (v instanceof PyDict) {
    if (!v.map.size) return '{}';
    if (seen.has(v)) throw pyErr(ValueError, 'Circular reference detected');
    seen.add(v);
    let entries = [...v.map.values()].map(([k, x]): [string, PyValue] => {
      if (typeof k === 'string') return [k, x];
      if (k === None) return ['null', x];
      if (typeof k === 'boolean') return [k ? 'true' : 'false', x];
      if (isInt(k)) return [intStr(asBigInt(k)), x];
      if (typeof k === 'number') return [floatRepr(k), x];
      throw pyErr(TypeError, `keys must be str, int, float, bool or None, not ${typeName(k)}`);
    });
    if (o.sortKeys) entries = entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const parts: string[] = [];
    for (const [k, x] of entries)
      parts.push(encodeString(k, o.ensureAscii) + o.keySep + (yield* encode(it, x, o, level + 1, seen)));
    seen.delete(v);
    return `{${nl}${parts.join(o.itemSep + nl)}${close}}`;
  }
  if (o.default !== undefined && o.default !== None)
    return yield* encode(it, yield* it.call(o.default, [v]), o, level, seen);
  throw pyErr(TypeError, `Object of type ${typeName(v)} is not JSON serializable`);
}

function dumpsArgs(kw: Map<string, PyValue>): EncodeOpts {
  const [, , , , , indentV, separators, defaultV, sortKeys] = builtinArgs(
    'dumps',
    [
      '*skipkeys?',
      '*ensure_ascii?',
      '*check_circular?',
      '*allow_nan?',
      '*cls?',
      '*indent?',
      '*separators?',
      '*default?',
      '*sort_keys?',
    ],
    [],
    kw,
  );
  const ensure = kw.get('ensure_ascii');
  let indent: string | undefined;
  if (indentV !== undefined && indentV !== None)
    indent = typeof indentV === 'string' ? indentV : ' '.repeat(Number(asBigInt(indentV as bigint)));
  let itemSep = indent !== undefined ? ',' : ', ';
  let keySep = ': ';
  if (separators instanceof PyTuple) [itemSep, keySep] = separators.items as [string, string];
  return {
    indent,
    itemSep,
    keySep,
    sortKeys: sortKeys === true,
    ensureAscii: ensure === undefined || ensure === true,
    default: defaultV,
  };
}

export function jsonModule(it: Interp): PyModule {
  const m = newModule(it, 'json', 300_000);
  const decoder = new PyModule('json.decoder');
  decoder.dict.set('JSONDecodeError', JSONDecodeError);
  it.modules.set('json.decoder', decoder);
  m.dict.set('decoder', decoder);
  m.dict.set('JSONDecodeError', JSONDecodeError);
  fn(m, 'dumps', function* (args, kw) {
    if (args.length !== 1)
      throw pyErr(TypeError, `dumps() takes 1 positional argument but ${args.length} were given`);
    const o = dumpsArgs(kw);
    try {
      return yield* encode(it, args[0], o, 0, new Set());
    } catch (e) {
      // the frames of json's encoder (the C accelerator serves the defaults, Python code the rest)
      if (e instanceof PyRaise && e.exc.cls === TypeError && e.exc.tb.length === 0) {
        const keys = String(e.exc.args[0]).startsWith('keys must be');
        const custom = [...kw.keys()].some((k) => k !== 'ensure_ascii' || kw.get(k) !== true);
        const frames = jsonFrames(it, keys ? 'json_dumps_key' : custom ? 'json_dumps_custom' : 'json_dumps');
        it.addLibFrames(e, frames);
      }
      throw e;
    }
  });
  fn(m, 'dump', function* (args, kw) {
    const [obj, fp] = args;
    const o = dumpsArgs(kw);
    yield* writeTo(it, fp, yield* encode(it, obj, o, 0, new Set()));
    return None;
  });
  fn(m, 'loads', (args, kw) => {
    const [s] = builtinArgs(
      'loads',
      [
        's',
        '*cls?',
        '*object_hook?',
        '*parse_float?',
        '*parse_int?',
        '*parse_constant?',
        '*object_pairs_hook?',
      ],
      args,
      kw,
    );
    if (typeof s !== 'string')
      throw pyErr(TypeError, `the JSON object must be str, bytes or bytearray, not ${typeName(s!)}`);
    return parseJson(it, s);
  });
  fn(m, 'load', function* (args) {
    const text = yield* callMethod(it, args[0], 'read', []);
    return parseJson(it, String(text));
  });
  return m;
}
