// The protocols every statement leans on: truth value, len(), iteration
// (live list iteration, dict size checks, user __iter__/__next__), and
// subscription with indexes and slices, each with CPython's error wording.
import {
  asBigInt,
  codePoints,
  dictGet,
  dictSet,
  hashKey,
  isInt,
  setOrder,
  strLen,
  typeName,
  type Rt,
} from './objects';
import { IndexError, KeyError, pyErr, RuntimeError, StopIteration, TypeError, ValueError } from './types';
import {
  None,
  PyBytes,
  PyDict,
  PyDictView,
  PyExc,
  PyInstance,
  PyIterator,
  PyList,
  PyObject,
  PyRaise,
  PyRange,
  PySet,
  PySingleton,
  PySlice,
  PyTuple,
  type Gen,
  type PyValue,
} from './values';

export type StepResult = IteratorResult<PyValue>;
/** The next item: at once for builtin containers, or after running Python code (user __next__, map with a lambda). */
export type Next = () => StepResult | Gen<StepResult>;

export function* step(n: Next): Gen<StepResult> {
  const r = n();
  return isGen<StepResult>(r) ? yield* r : r;
}

/** Objects of native classes (files) that know how to iterate themselves. */
export interface NativeIterable {
  pyIterate(): Next;
}

function isNativeIterable(o: unknown): o is NativeIterable {
  return typeof (o as NativeIterable).pyIterate === 'function';
}

const DONE: StepResult = { done: true, value: undefined };

function fromJs(it: Iterator<PyValue>): Next {
  return () => it.next();
}

export function* truthy(rt: Rt, v: PyValue): Gen<boolean> {
  switch (typeof v) {
    case 'boolean':
      return v;
    case 'bigint':
      return v !== 0n;
    case 'number':
      return v !== 0;
    case 'string':
      return v.length > 0;
  }
  if (v instanceof PySingleton) return v !== None;
  if (v instanceof PyInstance) {
    const b = v.cls.lookup('__bool__');
    if (b) {
      const r = yield* rt.call(b, [v]);
      if (typeof r !== 'boolean')
        throw pyErr(TypeError, `__bool__ should return bool, returned ${typeName(r)}`);
      return r;
    }
    const l = v.cls.lookup('__len__');
    if (l) return asBigInt((yield* rt.call(l, [v])) as bigint) !== 0n;
    return true;
  }
  const n = lenOf(v);
  return n === undefined ? true : n > 0;
}

/** len() of builtin values, undefined for objects without a length. */
export function lenOf(v: PyValue): number | undefined {
  if (typeof v === 'string') return strLen(v);
  if (v instanceof PyList || v instanceof PyTuple) return v.items.length;
  if (v instanceof PyDict || v instanceof PySet) return v.map.size;
  if (v instanceof PyDictView) return v.dict.map.size;
  if (v instanceof PyBytes) return v.length;
  if (v instanceof PyRange) return Number(v.length);
  return undefined;
}

export function* len(rt: Rt, v: PyValue): Gen<bigint> {
  const n = lenOf(v);
  if (n !== undefined) return BigInt(n);
  if (v instanceof PyInstance) {
    const m = v.cls.lookup('__len__');
    if (m) {
      const r = yield* rt.call(m, [v]);
      if (!isInt(r)) throw pyErr(TypeError, `'${typeName(r)}' object cannot be interpreted as an integer`);
      return asBigInt(r);
    }
  }
  throw pyErr(TypeError, `object of type '${typeName(v)}' has no len()`);
}

/** An iterator over v; `msg` replaces "'int' object is not iterable" where CPython words it differently. */
export function* iterate(rt: Rt, v: PyValue, msg?: string): Gen<Next> {
  if (typeof v === 'string') return fromJs(codePoints(v)[Symbol.iterator]());
  if (v instanceof PyList) {
    let i = 0;
    return () => (i < v.items.length ? { done: false, value: v.items[i++] } : DONE);
  }
  if (v instanceof PyTuple) return fromJs(v.items[Symbol.iterator]());
  if (v instanceof PyRange) {
    let cur = v.start;
    const { stop, step: by } = v;
    return () => {
      if (by > 0n ? cur >= stop : cur <= stop) return DONE;
      const value = cur;
      cur += by;
      return { done: false, value };
    };
  }
  if (v instanceof PyDict || v instanceof PyDictView) {
    const d = v instanceof PyDict ? v : v.dict;
    const kind = v instanceof PyDict ? 'keys' : v.kind;
    const size = d.map.size;
    const it = d.map.values();
    return () => {
      if (d.map.size !== size) throw pyErr(RuntimeError, 'dictionary changed size during iteration');
      const r = it.next();
      if (r.done) return DONE;
      const [k, x] = r.value;
      return { done: false, value: kind === 'keys' ? k : kind === 'values' ? x : new PyTuple([k, x]) };
    };
  }
  if (v instanceof PySet) {
    const size = v.map.size;
    const it = setOrder(v)[Symbol.iterator]();
    return () => {
      if (v.map.size !== size) throw pyErr(RuntimeError, 'Set changed size during iteration');
      return it.next();
    };
  }
  if (v instanceof PyBytes) return fromJs(Array.from(v.data, (b) => BigInt(b) as PyValue)[Symbol.iterator]());
  if (v instanceof PyIterator) return v.next;
  if (isNativeIterable(v)) return v.pyIterate();
  if (v instanceof PyInstance) {
    const m = v.cls.lookup('__iter__');
    if (m) {
      const iter = yield* rt.call(m, [v]);
      if (iter instanceof PyInstance) {
        const nx = iter.cls.lookup('__next__');
        if (!nx) throw pyErr(TypeError, `iter() returned non-iterator of type '${typeName(iter)}'`);
        return function* () {
          try {
            return { done: false, value: yield* rt.call(nx, [iter]) };
          } catch (e) {
            if (e instanceof PyRaise && e.exc.cls.isSubclassOf(StopIteration)) return DONE;
            throw e;
          }
        };
      }
      return yield* iterate(rt, iter);
    }
    const gi = v.cls.lookup('__getitem__');
    if (gi) {
      let i = 0n;
      return function* () {
        try {
          return { done: false, value: yield* rt.call(gi, [v, i++]) };
        } catch (e) {
          if (
            e instanceof PyRaise &&
            (e.exc.cls.isSubclassOf(IndexError) || e.exc.cls.isSubclassOf(StopIteration))
          )
            return DONE;
          throw e;
        }
      };
    }
  }
  throw pyErr(TypeError, msg ?? `'${typeName(v)}' object is not iterable`);
}

export function isGen<T>(x: unknown): x is Gen<T> {
  return (
    typeof x === 'object' &&
    x !== null &&
    typeof (x as Gen<T>).next === 'function' &&
    typeof (x as Gen<T>).throw === 'function'
  );
}

/** Every item of an iterable, as an array. */
export function* toArray(rt: Rt, v: PyValue, msg?: string): Gen<PyValue[]> {
  if (v instanceof PyList || v instanceof PyTuple) return [...v.items];
  const next = yield* iterate(rt, v, msg);
  const out: PyValue[] = [];
  for (;;) {
    let r = next();
    if (isGen<StepResult>(r)) r = yield* r;
    if (r.done) return out;
    out.push(r.value);
    if (out.length % 4096 === 0) yield* rt.tick();
  }
}

/** Normalise an index against a length; undefined when out of range. */
function index(i: bigint, n: number): number | undefined {
  const k = i < 0n ? i + BigInt(n) : i;
  return k < 0n || k >= BigInt(n) ? undefined : Number(k);
}

/** slice.indices(n): start, stop, step for a sequence of length n. */
export function sliceIndices(s: PySlice, n: number): [number, number, number] {
  const num = (v: PyValue, what: string): bigint | undefined => {
    if (v === None) return undefined;
    if (isInt(v)) return asBigInt(v);
    if (v instanceof PyInstance && v.cls.lookup('__index__')) return undefined;
    throw pyErr(TypeError, `slice indices must be integers or None or have an __index__ method${what}`);
  };
  const stepB = num(s.step, '') ?? 1n;
  if (stepB === 0n) throw pyErr(ValueError, 'slice step cannot be zero');
  const step = Number(stepB);
  const N = BigInt(n);
  const clamp = (v: bigint | undefined, dflt: bigint, lo: bigint, hi: bigint): number => {
    if (v === undefined) return Number(dflt);
    let x = v < 0n ? v + N : v;
    if (x < lo) x = lo;
    if (x > hi) x = hi;
    return Number(x);
  };
  if (step > 0) return [clamp(num(s.start, ''), 0n, 0n, N), clamp(num(s.stop, ''), N, 0n, N), step];
  return [clamp(num(s.start, ''), N - 1n, -1n, N - 1n), clamp(num(s.stop, ''), -1n, -1n, N - 1n), step];
}

function sliceItems<T>(items: readonly T[], s: PySlice): T[] {
  const [start, stop, step] = sliceIndices(s, items.length);
  if (step === 1) return items.slice(start, Math.max(start, stop));
  const out: T[] = [];
  if (step > 0) for (let i = start; i < stop; i += step) out.push(items[i]);
  else for (let i = start; i > stop; i += step) out.push(items[i]);
  return out;
}

const SEQ_NAMES: Record<string, string> = {
  list: 'list',
  tuple: 'tuple',
  str: 'string',
  range: 'range object',
  bytes: 'index',
  bytearray: 'bytearray index',
};

export function* getitem(rt: Rt, obj: PyValue, key: PyValue): Gen<PyValue> {
  if (obj instanceof PyDict) {
    const v = dictGet(obj, key);
    if (v !== undefined) return v;
    throw new PyRaise(new PyExc(KeyError, [key]));
  }
  const t = typeName(obj);
  if (
    typeof obj === 'string' ||
    obj instanceof PyList ||
    obj instanceof PyTuple ||
    obj instanceof PyBytes ||
    obj instanceof PyRange
  ) {
    if (key instanceof PySlice) {
      if (typeof obj === 'string') return sliceItems(codePoints(obj), key).join('');
      if (obj instanceof PyList) return new PyList(sliceItems(obj.items, key));
      if (obj instanceof PyTuple) return new PyTuple(sliceItems(obj.items, key));
      if (obj instanceof PyBytes)
        return new PyBytes(Uint8Array.from(sliceItems(Array.from(obj.data), key)), obj.mutable);
      const r = obj;
      const [start, stop, step] = sliceIndices(key, Number(r.length));
      return new PyRange(
        r.start + BigInt(start) * r.step,
        r.start + BigInt(stop) * r.step,
        r.step * BigInt(step),
      );
    }
    if (!isInt(key)) {
      if (typeof obj === 'string')
        throw pyErr(TypeError, `string indices must be integers, not '${typeName(key)}'`);
      throw pyErr(TypeError, `${t} indices must be integers or slices, not ${typeName(key)}`);
    }
    const n =
      typeof obj === 'string'
        ? strLen(obj)
        : obj instanceof PyRange
          ? Number(obj.length)
          : obj instanceof PyBytes
            ? obj.data.length
            : obj.items.length;
    const i = index(asBigInt(key), n);
    if (i === undefined) throw pyErr(IndexError, `${SEQ_NAMES[t] ?? t} index out of range`);
    if (typeof obj === 'string') return codePoints(obj)[i];
    if (obj instanceof PyRange) return obj.start + BigInt(i) * obj.step;
    if (obj instanceof PyBytes) return BigInt(obj.data[i]);
    return obj.items[i];
  }
  if (obj instanceof PyInstance) {
    const m = obj.cls.lookup('__getitem__');
    if (m) return yield* rt.call(m, [obj, key]);
  }
  if (obj instanceof PyObject && 'pyGetitem' in obj)
    return (obj as unknown as { pyGetitem(k: PyValue): PyValue }).pyGetitem(key);
  throw pyErr(TypeError, `'${t}' object is not subscriptable`);
}

export function* setitem(rt: Rt, obj: PyValue, key: PyValue, value: PyValue): Gen<void> {
  if (obj instanceof PyDict) {
    dictSet(obj, key, value);
    return;
  }
  if (obj instanceof PyList) {
    if (key instanceof PySlice) {
      const [start, stop, step] = sliceIndices(key, obj.items.length);
      const vals = yield* toArray(rt, value, 'can only assign an iterable');
      if (step === 1) {
        obj.items.splice(start, Math.max(0, stop - start), ...vals);
        return;
      }
      const idx: number[] = [];
      if (step > 0) for (let i = start; i < stop; i += step) idx.push(i);
      else for (let i = start; i > stop; i += step) idx.push(i);
      if (idx.length !== vals.length)
        throw pyErr(
          ValueError,
          `attempt to assign sequence of size ${vals.length} to extended slice of size ${idx.length}`,
        );
      idx.forEach((k, j) => (obj.items[k] = vals[j]));
      return;
    }
    if (!isInt(key)) throw pyErr(TypeError, `list indices must be integers or slices, not ${typeName(key)}`);
    const i = index(asBigInt(key), obj.items.length);
    if (i === undefined) throw pyErr(IndexError, 'list assignment index out of range');
    obj.items[i] = value;
    return;
  }
  if (obj instanceof PyBytes && obj.mutable && isInt(key)) {
    const i = index(asBigInt(key), obj.data.length);
    if (i === undefined) throw pyErr(IndexError, 'bytearray index out of range');
    if (!isInt(value) || asBigInt(value) < 0n || asBigInt(value) > 255n)
      throw pyErr(ValueError, 'byte must be in range(0, 256)');
    obj.data[i] = Number(asBigInt(value));
    return;
  }
  if (obj instanceof PyInstance) {
    const m = obj.cls.lookup('__setitem__');
    if (m) {
      yield* rt.call(m, [obj, key, value]);
      return;
    }
  }
  throw pyErr(TypeError, `'${typeName(obj)}' object does not support item assignment`);
}

export function* delitem(rt: Rt, obj: PyValue, key: PyValue): Gen<void> {
  if (obj instanceof PyDict) {
    if (!obj.map.delete(hashKey(key))) throw new PyRaise(new PyExc(KeyError, [key]));
    return;
  }
  if (obj instanceof PyList) {
    if (key instanceof PySlice) {
      const [start, stop, step] = sliceIndices(key, obj.items.length);
      const drop = new Set<number>();
      if (step > 0) for (let i = start; i < stop; i += step) drop.add(i);
      else for (let i = start; i > stop; i += step) drop.add(i);
      obj.items = obj.items.filter((_, i) => !drop.has(i));
      return;
    }
    if (!isInt(key)) throw pyErr(TypeError, `list indices must be integers or slices, not ${typeName(key)}`);
    const i = index(asBigInt(key), obj.items.length);
    if (i === undefined) throw pyErr(IndexError, 'list assignment index out of range');
    obj.items.splice(i, 1);
    return;
  }
  if (obj instanceof PyInstance) {
    const m = obj.cls.lookup('__delitem__');
    if (m) {
      yield* rt.call(m, [obj, key]);
      return;
    }
  }
  throw pyErr(TypeError, `'${typeName(obj)}' object doesn't support item deletion`);
}

/** Unpack an iterable into `n` targets, one of which may be starred. */
export function* unpack(rt: Rt, v: PyValue, n: number, star: number): Gen<PyValue[]> {
  const items = yield* toArray(rt, v, `cannot unpack non-iterable ${typeName(v)} object`);
  if (star < 0) {
    if (items.length > n) throw pyErr(ValueError, `too many values to unpack (expected ${n})`);
    if (items.length < n)
      throw pyErr(ValueError, `not enough values to unpack (expected ${n}, got ${items.length})`);
    return items;
  }
  if (items.length < n - 1)
    throw pyErr(ValueError, `not enough values to unpack (expected at least ${n - 1}, got ${items.length})`);
  const after = n - 1 - star;
  return [
    ...items.slice(0, star),
    new PyList(items.slice(star, items.length - after)),
    ...items.slice(items.length - after),
  ];
}
