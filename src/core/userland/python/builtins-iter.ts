// The iterator builtins: reversed, enumerate, zip, map, filter, iter, next —
// lazy, running Python code (a map's function) only as items are asked for.
import { builtinArgs } from './calls';
import type { Interp } from './interp';
import { asBigInt, typeName } from './objects';
import { iterate, step, toArray, truthy, type Next } from './protocols';
import { PyTextIO } from './io';
import { pyErr, StopIteration, TypeError, ValueError } from './types';
import {
  None,
  PyDict,
  PyInstance,
  PyIterator,
  PyList,
  PyObject,
  PyTuple,
  type Gen,
  type PyValue,
} from './values';

type Def = (name: string, fn: (args: PyValue[], kw: Map<string, PyValue>) => PyValue | Gen<PyValue>) => void;

export function iteratorBuiltins(it: Interp, def: Def): void {
  def('reversed', function* (args) {
    const [x] = builtinArgs('reversed', ['sequence'], args, undefined);
    if (x instanceof PyDict)
      return listIterator([...x.map.values()].map(([k]) => k).reverse(), 'dict_reversekeyiterator');
    if (!(x instanceof PyList || x instanceof PyTuple || typeof x === 'string' || x instanceof PyObject))
      throw pyErr(TypeError, `'${typeName(x!)}' object is not reversible`);
    const items = yield* toArray(it, x, `'${typeName(x)}' object is not reversible`);
    return listIterator(items.reverse(), x instanceof PyList ? 'list_reverseiterator' : 'reversed');
  });
  def('enumerate', function* (args, kw) {
    const [x, startV] = builtinArgs('enumerate', ['iterable', 'start?'], args, kw);
    const next = yield* iterate(it, x!);
    let i = startV === undefined ? 0n : asBigInt(startV as bigint);
    return new PyIterator(function* () {
      const r = yield* step(next);
      if (r.done) return r;
      return { done: false, value: new PyTuple([i++, r.value]) };
    }, 'enumerate');
  });
  def('zip', function* (args, kw) {
    const [strict] = builtinArgs('zip', ['*strict?'], [], kw);
    const its: Next[] = [];
    for (const a of args) its.push(yield* iterate(it, a, `'${typeName(a)}' object is not iterable`));
    const isStrict = strict !== undefined && strict === true;
    return new PyIterator(function* () {
      if (!its.length) return { done: true, value: undefined };
      const vals: PyValue[] = [];
      for (let k = 0; k < its.length; k++) {
        const r = yield* step(its[k]);
        if (r.done) {
          if (isStrict && k > 0)
            throw pyErr(
              ValueError,
              `zip() argument ${k + 1} is shorter than argument${k > 1 ? 's' : ''} 1${k > 1 ? `-${k}` : ''}`,
            );
          return { done: true, value: undefined };
        }
        vals.push(r.value);
      }
      return { done: false, value: new PyTuple(vals) };
    }, 'zip');
  });
  def('map', function* (args) {
    if (args.length < 2) throw pyErr(TypeError, 'map() must have at least two arguments.');
    const fn = args[0];
    const its: Next[] = [];
    for (const a of args.slice(1)) its.push(yield* iterate(it, a));
    return new PyIterator(function* () {
      const vals: PyValue[] = [];
      for (const n of its) {
        const r = yield* step(n);
        if (r.done) return r;
        vals.push(r.value);
      }
      return { done: false, value: yield* it.call(fn, vals) };
    }, 'map');
  });
  def('filter', function* (args) {
    const [fn, x] = builtinArgs('filter', ['function', 'iterable'], args, undefined);
    const next = yield* iterate(it, x!);
    return new PyIterator(function* () {
      for (;;) {
        const r = yield* step(next);
        if (r.done) return r;
        const keep = fn === None ? r.value : yield* it.call(fn!, [r.value]);
        if (yield* truthy(it, keep)) return r;
      }
    }, 'filter');
  });
  def('iter', function* (args) {
    const [x] = builtinArgs('iter', ['object'], args, undefined);
    if (x instanceof PyIterator) return x;
    const next = yield* iterate(it, x!);
    return new PyIterator(next, iterName(x!));
  });
  def('next', function* (args) {
    const [x, dflt] = builtinArgs('next', ['iterator', 'default?'], args, undefined);
    if (x instanceof PyIterator) {
      const r0 = x.next();
      const r = isGenLike(r0) ? yield* r0 : r0;
      if (r.done) {
        if (dflt !== undefined) return dflt;
        throw pyErr(StopIteration);
      }
      return r.value;
    }
    if (x instanceof PyInstance && x.cls.lookup('__next__'))
      return yield* it.call(x.cls.lookup('__next__')!, [x]);
    if (x instanceof PyTextIO) {
      const l = yield* x.readline();
      if (l === '') throw pyErr(StopIteration);
      return l;
    }
    throw pyErr(TypeError, `'${typeName(x!)}' object is not an iterator`);
  });
}

function isGenLike<T>(x: unknown): x is Gen<T> {
  return typeof x === 'object' && x !== null && typeof (x as Gen<T>).throw === 'function';
}

function iterName(x: PyValue): string {
  if (x instanceof PyList) return 'list_iterator';
  if (x instanceof PyTuple) return 'tuple_iterator';
  if (typeof x === 'string') return 'str_ascii_iterator';
  if (x instanceof PyDict) return 'dict_keyiterator';
  return `${typeName(x)}_iterator`;
}

function listIterator(items: PyValue[], name: string): PyIterator {
  const it = items[Symbol.iterator]();
  return new PyIterator(() => it.next(), name);
}
