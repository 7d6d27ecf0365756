// Methods of list, tuple, dict, set, bytes, int and float, with CPython's
// errors (list.remove(x): x not in list, dict.pop KeyError, ...).
import { builtinArgs } from './calls';
import { eq } from './compare';
import { decodeUtf8 } from './constructors';
import { defMethod } from './methods-str';
import { asBigInt, dictGet, dictSet, hashKey, isInt, setAdd, typeName, type Rt } from './objects';
import { toArray, truthy } from './protocols';
import { repr } from './repr';
import { sortValues } from './sort';
import {
  bytearrayType,
  bytesType,
  dictType,
  floatType,
  frozensetType,
  intType,
  IndexError,
  KeyError,
  listType,
  pyErr,
  setType,
  tupleType,
  TypeError,
  ValueError,
  boolType,
} from './types';
import {
  None,
  PyBuiltin,
  PyBytes,
  PyDict,
  PyDictView,
  PyExc,
  PyList,
  PyRaise,
  PySet,
  PyTuple,
  type Gen,
  type PyValue,
} from './values';

const isList = (v: PyValue): v is PyList => v instanceof PyList;
const isTuple = (v: PyValue): v is PyTuple => v instanceof PyTuple;
const isDict = (v: PyValue): v is PyDict => v instanceof PyDict;
const isSet = (v: PyValue): v is PySet => v instanceof PySet;
const isBytes = (v: PyValue): v is PyBytes => v instanceof PyBytes;
const isIntV = (v: PyValue): v is bigint | boolean => isInt(v);
const isFloat = (v: PyValue): v is number => typeof v === 'number';

const L = (
  name: string,
  fn: (rt: Rt, self: PyList, a: PyValue[], kw: Map<string, PyValue>) => PyValue | Gen<PyValue>,
) => defMethod(listType, name, isList, fn);

function indexArg(v: PyValue | undefined, what = 'integer'): number {
  if (v === undefined) return -1;
  if (!isInt(v)) throw pyErr(TypeError, `'${typeName(v)}' object cannot be interpreted as an ${what}`);
  return Number(asBigInt(v));
}

L('append', (_rt, l, a) => {
  const [x] = builtinArgs('append', ['object'], a, undefined);
  l.items.push(x!);
  return None;
});
L('extend', function* (rt, l, a) {
  const [x] = builtinArgs('extend', ['iterable'], a, undefined);
  l.items.push(...(yield* toArray(rt, x!)));
  return None;
});
L('insert', (_rt, l, a) => {
  const [i, x] = builtinArgs('insert', ['index', 'object'], a, undefined);
  let k = indexArg(i);
  if (k < 0) k = Math.max(0, k + l.items.length);
  l.items.splice(Math.min(k, l.items.length), 0, x!);
  return None;
});
L('pop', (_rt, l, a) => {
  const [i] = builtinArgs('pop', ['index?'], a, undefined);
  if (!l.items.length) throw pyErr(IndexError, 'pop from empty list');
  let k = i === undefined ? l.items.length - 1 : indexArg(i);
  if (k < 0) k += l.items.length;
  if (k < 0 || k >= l.items.length) throw pyErr(IndexError, 'pop index out of range');
  return l.items.splice(k, 1)[0];
});
L('remove', function* (rt, l, a) {
  const [x] = builtinArgs('remove', ['value'], a, undefined);
  for (let i = 0; i < l.items.length; i++) {
    if (yield* eq(rt, l.items[i], x!)) {
      l.items.splice(i, 1);
      return None;
    }
  }
  throw pyErr(ValueError, 'list.remove(x): x not in list');
});
const indexOf = (cls: typeof listType, check: (v: PyValue) => v is PyList | PyTuple) =>
  defMethod(cls, 'index', check, function* (rt, l, a) {
    const [x, start, stop] = builtinArgs('index', ['value', 'start?', 'stop?'], a, undefined);
    const n = l.items.length;
    let s = start === undefined ? 0 : indexArg(start);
    let e = stop === undefined ? n : indexArg(stop);
    if (s < 0) s = Math.max(0, s + n);
    if (e < 0) e = Math.max(0, e + n);
    for (let i = s; i < Math.min(e, n); i++) if (yield* eq(rt, l.items[i], x!)) return BigInt(i);
    if (l instanceof PyList) throw pyErr(ValueError, `${yield* repr(rt, x!)} is not in list`);
    throw pyErr(ValueError, 'tuple.index(x): x not in tuple');
  });
indexOf(listType, isList as (v: PyValue) => v is PyList | PyTuple);
indexOf(tupleType, isTuple as (v: PyValue) => v is PyList | PyTuple);
for (const [cls, check] of [
  [listType, isList],
  [tupleType, isTuple],
] as const) {
  defMethod(cls, 'count', check as (v: PyValue) => v is PyList | PyTuple, function* (rt, l, a) {
    const [x] = builtinArgs('count', ['value'], a, undefined);
    let n = 0n;
    for (const v of l.items) if (yield* eq(rt, v, x!)) n++;
    return n;
  });
}
L('sort', function* (rt, l, a, kw) {
  if (a.length) throw pyErr(TypeError, 'sort() takes no positional arguments');
  const [key, reverse] = builtinArgs('sort', ['*key?', '*reverse?'], [], kw);
  l.items = yield* sortValues(rt, l.items, key, reverse !== undefined && (yield* truthy(rt, reverse)));
  return None;
});
L('reverse', (_rt, l) => {
  l.items.reverse();
  return None;
});
L('clear', (_rt, l) => {
  l.items = [];
  return None;
});
L('copy', (_rt, l) => new PyList([...l.items]));

// ---- dict ----

const D = (
  name: string,
  fn: (rt: Rt, self: PyDict, a: PyValue[], kw: Map<string, PyValue>) => PyValue | Gen<PyValue>,
) => defMethod(dictType, name, isDict, fn);

D('get', (_rt, d, a) => {
  const [k, dflt] = builtinArgs('get', ['key', 'default?'], a, undefined);
  return dictGet(d, k!) ?? dflt ?? None;
});
D('keys', (_rt, d) => new PyDictView(d, 'keys'));
D('values', (_rt, d) => new PyDictView(d, 'values'));
D('items', (_rt, d) => new PyDictView(d, 'items'));
D('pop', (_rt, d, a) => {
  const [k, dflt] = builtinArgs('pop', ['key', 'default?'], a, undefined);
  const h = hashKey(k!);
  const e = d.map.get(h);
  if (e) {
    d.map.delete(h);
    return e[1];
  }
  if (dflt !== undefined) return dflt;
  throw new PyRaise(new PyExc(KeyError, [k!]));
});
D('popitem', (_rt, d) => {
  const last = [...d.map.keys()].pop();
  if (last === undefined) throw pyErr(KeyError, 'popitem(): dictionary is empty');
  const [k, v] = d.map.get(last)!;
  d.map.delete(last);
  return new PyTuple([k, v]);
});
D('setdefault', (_rt, d, a) => {
  const [k, dflt] = builtinArgs('setdefault', ['key', 'default?'], a, undefined);
  const cur = dictGet(d, k!);
  if (cur !== undefined) return cur;
  dictSet(d, k!, dflt ?? None);
  return dflt ?? None;
});
D('update', function* (rt, d, a, kw) {
  if (a.length > 1) throw pyErr(TypeError, `update expected at most 1 argument, got ${a.length}`);
  const src = a[0];
  if (src instanceof PyDict) for (const [k, v] of src.map.values()) dictSet(d, k, v);
  else if (src !== undefined) {
    for (const pair of yield* toArray(rt, src)) {
      const kv = yield* toArray(rt, pair);
      if (kv.length !== 2)
        throw pyErr(
          ValueError,
          `dictionary update sequence element #0 has length ${kv.length}; 2 is required`,
        );
      dictSet(d, kv[0], kv[1]);
    }
  }
  for (const [k, v] of kw) dictSet(d, k, v);
  return None;
});
D('clear', (_rt, d) => {
  d.map.clear();
  return None;
});
D('copy', (_rt, d) => {
  const c = new PyDict();
  for (const [h, e] of d.map) c.map.set(h, [...e] as [PyValue, PyValue]);
  return c;
});
dictType.dict.set(
  'fromkeys',
  new PyBuiltin('fromkeys', function* (rt, a) {
    const [keys, v] = a;
    const d = new PyDict();
    for (const k of yield* toArray(rt, keys)) dictSet(d, k, v ?? None);
    return d;
  }),
);

// ---- set ----

const S = (name: string, fn: (rt: Rt, self: PySet, a: PyValue[]) => PyValue | Gen<PyValue>) =>
  defMethod(setType, name, isSet, (rt, s, a) => fn(rt, s, a));
const FS = (name: string, fn: (rt: Rt, self: PySet, a: PyValue[]) => PyValue | Gen<PyValue>) => {
  S(name, fn);
  defMethod(frozensetType, name, isSet, (rt, s, a) => fn(rt, s, a));
};

S('add', (_rt, s, a) => {
  setAdd(s, a[0]);
  return None;
});
S('remove', (_rt, s, a) => {
  if (!s.map.delete(hashKey(a[0]))) throw new PyRaise(new PyExc(KeyError, [a[0]]));
  return None;
});
S('discard', (_rt, s, a) => {
  s.map.delete(hashKey(a[0]));
  return None;
});
S('pop', (_rt, s) => {
  const first = s.map.entries().next();
  if (first.done) throw pyErr(KeyError, 'pop from an empty set');
  s.map.delete(first.value[0]);
  return first.value[1];
});
S('clear', (_rt, s) => {
  s.map.clear();
  return None;
});
S('update', function* (rt, s, a) {
  for (const x of a) for (const v of yield* toArray(rt, x)) setAdd(s, v);
  return None;
});
const setOf = function* (rt: Rt, x: PyValue): Gen<PySet> {
  if (x instanceof PySet) return x;
  const s = new PySet();
  for (const v of yield* toArray(rt, x)) setAdd(s, v);
  return s;
};
FS('union', function* (rt, s, a) {
  const out = new PySet(s.frozen);
  for (const v of s.map.values()) setAdd(out, v);
  for (const x of a) for (const v of (yield* setOf(rt, x)).map.values()) setAdd(out, v);
  return out;
});
FS('intersection', function* (rt, s, a) {
  let keep = new Map(s.map);
  for (const x of a) {
    const o = yield* setOf(rt, x);
    keep = new Map([...keep].filter(([h]) => o.map.has(h)));
  }
  const out = new PySet(s.frozen);
  for (const [h, v] of keep) out.map.set(h, v);
  return out;
});
FS('difference', function* (rt, s, a) {
  const out = new PySet(s.frozen);
  const others: PySet[] = [];
  for (const x of a) others.push(yield* setOf(rt, x));
  for (const [h, v] of s.map) if (!others.some((o) => o.map.has(h))) out.map.set(h, v);
  return out;
});
FS('symmetric_difference', function* (rt, s, a) {
  const o = yield* setOf(rt, a[0]);
  const out = new PySet(s.frozen);
  for (const [h, v] of s.map) if (!o.map.has(h)) out.map.set(h, v);
  for (const [h, v] of o.map) if (!s.map.has(h)) out.map.set(h, v);
  return out;
});
FS('issubset', function* (rt, s, a) {
  const o = yield* setOf(rt, a[0]);
  return [...s.map.keys()].every((h) => o.map.has(h));
});
FS('issuperset', function* (rt, s, a) {
  const o = yield* setOf(rt, a[0]);
  return [...o.map.keys()].every((h) => s.map.has(h));
});
FS('isdisjoint', function* (rt, s, a) {
  const o = yield* setOf(rt, a[0]);
  return ![...o.map.keys()].some((h) => s.map.has(h));
});
FS('copy', (_rt, s) => {
  const out = new PySet(s.frozen);
  for (const [h, v] of s.map) out.map.set(h, v);
  return out;
});

// ---- bytes ----

for (const cls of [bytesType, bytearrayType]) {
  defMethod(cls, 'decode', isBytes, (_rt, b) => decodeUtf8(b.data));
  defMethod(cls, 'hex', isBytes, (_rt, b) =>
    Array.from(b.data, (x) => x.toString(16).padStart(2, '0')).join(''),
  );
}

// ---- numbers ----

defMethod(intType, 'bit_length', isIntV, (_rt, n) => {
  const v = asBigInt(n);
  return BigInt((v < 0n ? -v : v).toString(2).replace(/^0$/, '').length);
});
defMethod(intType, 'is_integer', isIntV, () => true);
defMethod(intType, '__index__', isIntV, (_rt, n) => asBigInt(n));
defMethod(boolType, '__index__', isIntV, (_rt, n) => asBigInt(n));
defMethod(floatType, 'is_integer', isFloat, (_rt, x) => Number.isInteger(x));
defMethod(floatType, 'as_integer_ratio', isFloat, (_rt, x) => {
  if (!Number.isFinite(x)) throw pyErr(ValueError, 'cannot convert Infinity to integer ratio');
  let num = x;
  let den = 1n;
  while (!Number.isInteger(num)) {
    num *= 2;
    den *= 2n;
  }
  return new PyTuple([BigInt(num), den]);
});
