// Calling a builtin type: int("42"), float("1e3"), list(range(3)), dict(a=1),
// bytearray(N) (charged to memory), range(...), type(x), exceptions — with
// CPython's ValueError/TypeError wording for bad input.
import { builtinArgs } from './calls';
import { CONSTRUCTORS, type Interp } from './interp';
import { asBigInt, dictSet, isInt, setAdd, typeName, typeOf } from './objects';
import { toArray, truthy } from './protocols';
import { repr, str } from './repr';
import {
  BaseException,
  boolType,
  bytearrayType,
  bytesType,
  classmethodType,
  dictType,
  floatType,
  frozensetType,
  intType,
  listType,
  objectType,
  OSError,
  OverflowError,
  propertyType,
  pyErr,
  rangeType,
  setType,
  sliceType,
  staticmethodType,
  strType,
  superType,
  tupleType,
  TypeError,
  typeType,
  ValueError,
} from './types';
import {
  None,
  PyBuiltin,
  PyBytes,
  PyClass,
  PyDescriptor,
  PyDict,
  PyExc,
  PyInstance,
  PyList,
  PyRange,
  PySet,
  PySlice,
  PySuper,
  PyTuple,
  type Gen,
  type PyValue,
} from './values';

const TRACK_BYTES = 256 * 1024;

export function parseIntLiteral(text: string, base: number): bigint | undefined {
  let s = text.trim().toLowerCase();
  let neg = false;
  if (s.startsWith('-') || s.startsWith('+')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  const prefixes: Record<string, number> = { '0x': 16, '0o': 8, '0b': 2 };
  const pfx = prefixes[s.slice(0, 2)];
  if (base === 0) {
    if (pfx) {
      base = pfx;
      s = s.slice(2);
    } else {
      if (/^0+[0-9_]*[1-9]/.test(s)) return undefined;
      base = 10;
    }
  } else if (pfx === base) s = s.slice(2);
  if (s.startsWith('_')) s = s.slice(1);
  if (!s || /__|_$|^_/.test(s)) return undefined;
  s = s.replace(/_/g, '');
  const digits = '0123456789abcdefghijklmnopqrstuvwxyz'.slice(0, base);
  let n = 0n;
  const B = BigInt(base);
  for (const ch of s) {
    const d = digits.indexOf(ch);
    if (d < 0) return undefined;
    n = n * B + BigInt(d);
  }
  return neg ? -n : n;
}

export function parseFloatLiteral(text: string): number | undefined {
  const s = text
    .trim()
    .toLowerCase()
    .replace(/(?<=\d)_(?=\d)/g, '');
  if (/^[+-]?(inf|infinity)$/.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
  if (/^[+-]?nan$/.test(s)) return NaN;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(s)) return undefined;
  return Number(s);
}

function* toInt(it: Interp, x: PyValue, baseV: PyValue | undefined): Gen<bigint> {
  if (baseV !== undefined) {
    if (typeof x !== 'string' && !(x instanceof PyBytes))
      throw pyErr(TypeError, "int() can't convert non-string with explicit base");
    const base = Number(asBigInt(baseV as bigint));
    if (base !== 0 && (base < 2 || base > 36))
      throw pyErr(ValueError, 'int() base must be >= 2 and <= 36, or 0');
    const text = typeof x === 'string' ? x : String.fromCharCode(...x.data);
    const n = parseIntLiteral(text, base);
    if (n === undefined)
      throw pyErr(ValueError, `invalid literal for int() with base ${base}: ${yield* repr(it, x)}`);
    return n;
  }
  if (isInt(x)) return asBigInt(x);
  if (typeof x === 'number') {
    if (Number.isNaN(x)) throw pyErr(ValueError, 'cannot convert float NaN to integer');
    if (!Number.isFinite(x)) throw pyErr(OverflowError, 'cannot convert float infinity to integer');
    return BigInt(Math.trunc(x));
  }
  if (typeof x === 'string' || x instanceof PyBytes) {
    const text = typeof x === 'string' ? x : String.fromCharCode(...x.data);
    const n = parseIntLiteral(text, 10);
    if (n === undefined)
      throw pyErr(ValueError, `invalid literal for int() with base 10: ${yield* repr(it, x)}`);
    return n;
  }
  if (x instanceof PyInstance) {
    for (const m of ['__int__', '__index__', '__trunc__']) {
      const f = x.cls.lookup(m);
      if (f) return asBigInt((yield* it.call(f, [x])) as bigint);
    }
  }
  throw pyErr(
    TypeError,
    `int() argument must be a string, a bytes-like object or a real number, not '${typeName(x)}'`,
  );
}

function* toFloatValue(it: Interp, x: PyValue): Gen<number> {
  if (typeof x === 'number') return x;
  if (isInt(x)) {
    const n = asBigInt(x);
    const f = Number(n);
    if (!Number.isFinite(f)) throw pyErr(OverflowError, 'int too large to convert to float');
    return f;
  }
  if (typeof x === 'string') {
    const f = parseFloatLiteral(x);
    if (f === undefined) throw pyErr(ValueError, `could not convert string to float: ${yield* repr(it, x)}`);
    return f;
  }
  if (x instanceof PyInstance) {
    const f = x.cls.lookup('__float__');
    if (f) return (yield* it.call(f, [x])) as number;
  }
  throw pyErr(TypeError, `float() argument must be a string or a real number, not '${typeName(x)}'`);
}

function intArg(v: PyValue | undefined, dflt: bigint): bigint {
  if (v === undefined) return dflt;
  if (!isInt(v)) throw pyErr(TypeError, `'${typeName(v)}' object cannot be interpreted as an integer`);
  return asBigInt(v);
}

function* bytesFrom(
  it: Interp,
  x: PyValue | undefined,
  enc: PyValue | undefined,
  mutable: boolean,
): Gen<PyValue> {
  const name = mutable ? 'bytearray' : 'bytes';
  if (x === undefined) return new PyBytes(new Uint8Array(0), mutable);
  if (typeof x === 'string') {
    if (enc === undefined) throw pyErr(TypeError, 'string argument without an encoding');
    return new PyBytes(utf8(x), mutable);
  }
  if (isInt(x)) {
    const n = Number(asBigInt(x));
    if (n < 0) throw pyErr(ValueError, 'negative count');
    const b = new PyBytes(n, mutable);
    if (n >= TRACK_BYTES) it.track(b, n + (mutable ? 57 : 33));
    return b;
  }
  if (x instanceof PyBytes) return new PyBytes(x.data.slice(), mutable);
  const items = yield* toArray(it, x, `cannot convert '${typeName(x)}' object to ${name}`);
  const out = new Uint8Array(items.length);
  items.forEach((v, i) => {
    if (!isInt(v)) throw pyErr(TypeError, `'${typeName(v)}' object cannot be interpreted as an integer`);
    const n = asBigInt(v);
    if (n < 0n || n > 255n) throw pyErr(ValueError, 'bytes must be in range(0, 256)');
    out[i] = Number(n);
  });
  return new PyBytes(out, mutable);
}

export function utf8(s: string): Uint8Array {
  const out: number[] = [];
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Uint8Array.from(out);
}

function* dictFrom(it: Interp, args: PyValue[], kw: Map<string, PyValue>, d = new PyDict()): Gen<PyDict> {
  if (args.length > 1) throw pyErr(TypeError, `dict expected at most 1 argument, got ${args.length}`);
  if (args.length) {
    const src = args[0];
    if (src instanceof PyDict) for (const [k, v] of src.map.values()) dictSet(d, k, v);
    else {
      const items = yield* toArray(it, src, `'${typeName(src)}' object is not iterable`);
      for (let i = 0; i < items.length; i++) {
        const pair = items[i];
        if (!(pair instanceof PyTuple || pair instanceof PyList || typeof pair === 'string')) {
          throw pyErr(TypeError, `cannot convert dictionary update sequence element #${i} to a sequence`);
        }
        const kv = yield* toArray(it, pair);
        if (kv.length !== 2)
          throw pyErr(
            ValueError,
            `dictionary update sequence element #${i} has length ${kv.length}; 2 is required`,
          );
        dictSet(d, kv[0], kv[1]);
      }
    }
  }
  for (const [k, v] of kw) dictSet(d, k, v);
  return d;
}

CONSTRUCTORS.set(intType, function* (it, _c, args, kw) {
  const [x, base] = builtinArgs('int', ['x?', 'base?'], args, kw);
  if (x === undefined) return 0n;
  return yield* toInt(it, x, base);
});
CONSTRUCTORS.set(floatType, function* (it, _c, args) {
  const [x] = builtinArgs('float', ['x?'], args, undefined);
  return x === undefined ? 0 : yield* toFloatValue(it, x);
});
CONSTRUCTORS.set(strType, function* (it, _c, args, kw) {
  const [x, enc] = builtinArgs('str', ['object?', 'encoding?', 'errors?'], args, kw);
  if (x === undefined) return '';
  if (x instanceof PyBytes && enc !== undefined) return decodeUtf8(x.data);
  return yield* str(it, x);
});
CONSTRUCTORS.set(boolType, function* (it, _c, args) {
  const [x] = builtinArgs('bool', ['x?'], args, undefined);
  return x === undefined ? false : yield* truthy(it, x);
});
CONSTRUCTORS.set(listType, function* (it, _c, args) {
  const [x] = builtinArgs('list', ['iterable?'], args, undefined);
  return new PyList(x === undefined ? [] : yield* toArray(it, x));
});
CONSTRUCTORS.set(tupleType, function* (it, _c, args) {
  const [x] = builtinArgs('tuple', ['iterable?'], args, undefined);
  if (x instanceof PyTuple) return x;
  return new PyTuple(x === undefined ? [] : yield* toArray(it, x));
});
CONSTRUCTORS.set(dictType, (it, _c, args, kw) => dictFrom(it, args, kw));
for (const [t, frozen] of [
  [setType, false],
  [frozensetType, true],
] as const) {
  CONSTRUCTORS.set(t, function* (it, _c, args) {
    const [x] = builtinArgs(t.name, ['iterable?'], args, undefined);
    const s = new PySet(frozen);
    if (x !== undefined) for (const v of yield* toArray(it, x)) setAdd(s, v);
    return s;
  });
}
CONSTRUCTORS.set(bytesType, function* (it, _c, args, kw) {
  const [x, enc] = builtinArgs('bytes', ['source?', 'encoding?', 'errors?'], args, kw);
  return yield* bytesFrom(it, x, enc, false);
});
CONSTRUCTORS.set(bytearrayType, function* (it, _c, args, kw) {
  const [x, enc] = builtinArgs('bytearray', ['source?', 'encoding?', 'errors?'], args, kw);
  return yield* bytesFrom(it, x, enc, true);
});
CONSTRUCTORS.set(rangeType, (_it, _c, args) => {
  if (args.length === 0) throw pyErr(TypeError, 'range expected at least 1 argument, got 0');
  if (args.length > 3) throw pyErr(TypeError, `range expected at most 3 arguments, got ${args.length}`);
  const [a, b, c] = args;
  const start = args.length === 1 ? 0n : intArg(a, 0n);
  const stop = args.length === 1 ? intArg(a, 0n) : intArg(b, 0n);
  const step = intArg(c, 1n);
  if (step === 0n) throw pyErr(ValueError, 'range() arg 3 must not be zero');
  return new PyRange(start, stop, step);
});
CONSTRUCTORS.set(sliceType, (_it, _c, args) => {
  if (args.length === 1) return new PySlice(None, args[0], None);
  return new PySlice(args[0] ?? None, args[1] ?? None, args[2] ?? None);
});
CONSTRUCTORS.set(typeType, (it, _c, args) => {
  if (args.length === 1) return typeOf(args[0]);
  if (args.length !== 3) throw pyErr(TypeError, 'type() takes 1 or 3 arguments');
  const [name, bases, ns] = args;
  const bs = bases instanceof PyTuple ? (bases.items as PyClass[]) : [];
  const cls = new PyClass(
    String(name),
    bs.length ? bs : [objectType],
    String(it.frame?.scope.module.name ?? '__main__'),
  );
  if (ns instanceof PyDict) for (const [k, v] of ns.map.values()) cls.dict.set(String(k), v);
  return cls;
});
CONSTRUCTORS.set(objectType, (_it, c, args) => {
  if (args.length) throw pyErr(TypeError, 'object() takes no arguments');
  return new PyInstance(c);
});
CONSTRUCTORS.set(propertyType, (_it, _c, args) => new PyDescriptor('property', args[0] ?? None, args[1]));
CONSTRUCTORS.set(staticmethodType, (_it, _c, args) => new PyDescriptor('staticmethod', args[0] ?? None));
CONSTRUCTORS.set(classmethodType, (_it, _c, args) => new PyDescriptor('classmethod', args[0] ?? None));
CONSTRUCTORS.set(superType, (_it, _c, args) => {
  if (args.length !== 2 || !(args[0] instanceof PyClass))
    throw pyErr(TypeError, 'super() argument 1 must be a type');
  return new PySuper(args[0], args[1]);
});

propertyType.dict.set(
  'setter',
  new PyBuiltin('setter', (_rt, args) => {
    const [self, fn] = args;
    return new PyDescriptor('property', (self as PyDescriptor).func, fn);
  }),
);

BaseException.dict.set(
  '__init__',
  new PyBuiltin('__init__', (_rt, args, kw) => {
    const [self, ...rest] = args;
    if (!(self instanceof PyExc)) return None;
    if ([...kw.keys()].some((k) => k !== 'name' && k !== 'obj' && k !== 'path'))
      throw pyErr(TypeError, `${self.cls.name}() takes no keyword arguments`);
    self.args = rest;
    if (self.cls.isSubclassOf(OSError) && rest.length >= 2 && isInt(rest[0])) {
      self.dict.set('errno', rest[0]);
      self.dict.set('strerror', rest[1]);
      if (rest.length >= 3) self.dict.set('filename', rest[2]);
    }
    for (const [k, v] of kw) self.dict.set(k, v);
    return None;
  }),
);
BaseException.dict.set('with_traceback', new PyBuiltin('with_traceback', (_rt, args) => args[0]));

/** UTF-8 decoding with CPython's strict error. */
export function decodeUtf8(b: Uint8Array): string {
  let out = '';
  for (let i = 0; i < b.length;) {
    const c = b[i];
    let cp: number;
    let n: number;
    if (c < 0x80) [cp, n] = [c, 1];
    else if (c >> 5 === 6) [cp, n] = [c & 31, 2];
    else if (c >> 4 === 14) [cp, n] = [c & 15, 3];
    else if (c >> 3 === 30) [cp, n] = [c & 7, 4];
    else
      throw pyErr(
        ValueError,
        `'utf-8' codec can't decode byte 0x${c.toString(16).padStart(2, '0')} in position ${i}: invalid start byte`,
      );
    for (let k = 1; k < n; k++) cp = (cp << 6) | (b[i + k] & 63);
    out += String.fromCodePoint(cp);
    i += n;
  }
  return out;
}
