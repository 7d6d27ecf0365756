// Comparisons: == across numeric types and containers, ordering of numbers,
// strings and sequences (lexicographic), `in`, `is`, and user __eq__/__lt__;
// "'<' not supported between instances of ..." otherwise.
import type { CmpOp } from './ast';
import { asBigInt, hashKey, isNumber, typeName, type Rt } from './objects';
import { pyErr, TypeError } from './types';
import {
  NotImplemented,
  PyBytes,
  PyDict,
  PyDictView,
  PyInstance,
  PyList,
  PyObject,
  PyRange,
  PySet,
  PyTuple,
  type Gen,
  type PyValue,
} from './values';
import { iterate, step, truthy } from './protocols';

function numEq(a: bigint | boolean | number, b: bigint | boolean | number): boolean {
  if (typeof a === 'number' || typeof b === 'number') {
    const x = typeof a === 'number' ? a : Number(asBigInt(a));
    const y = typeof b === 'number' ? b : Number(asBigInt(b));
    if (typeof a !== 'number' && Number.isInteger(y)) return asBigInt(a) === BigInt(y);
    if (typeof b !== 'number' && Number.isInteger(x)) return asBigInt(b) === BigInt(x);
    return x === y;
  }
  return asBigInt(a) === asBigInt(b);
}

/** == for values whose equality needs no Python code (undefined when it might). */
export function eqSimple(a: PyValue, b: PyValue): boolean | undefined {
  if (a === b) return typeof a !== 'number' || !Number.isNaN(a);
  if (isNumber(a) && isNumber(b)) return numEq(a, b);
  if (typeof a === 'string' || typeof b === 'string') return false;
  if (a instanceof PyInstance || b instanceof PyInstance) return undefined;
  if (typeof a !== 'object' || typeof b !== 'object') return false;
  if ((a instanceof PyList && b instanceof PyList) || (a instanceof PyTuple && b instanceof PyTuple)) {
    if (a.items.length !== b.items.length) return false;
    for (let i = 0; i < a.items.length; i++) {
      const e = eqSimple(a.items[i], b.items[i]);
      if (e !== true) return e;
    }
    return true;
  }
  if (a instanceof PyDict && b instanceof PyDict) {
    if (a.map.size !== b.map.size) return false;
    for (const [h, [, v]] of a.map) {
      const o = b.map.get(h);
      if (!o) return false;
      const e = eqSimple(v, o[1]);
      if (e !== true) return e;
    }
    return true;
  }
  if (a instanceof PySet && b instanceof PySet) {
    if (a.map.size !== b.map.size) return false;
    for (const h of a.map.keys()) if (!b.map.has(h)) return false;
    return true;
  }
  if (a instanceof PyBytes && b instanceof PyBytes) {
    if (a.data.length !== b.data.length) return false;
    for (let i = 0; i < a.data.length; i++) if (a.data[i] !== b.data[i]) return false;
    return true;
  }
  if (a instanceof PyRange && b instanceof PyRange) {
    return (
      a.length === b.length &&
      (a.length === 0n || (a.start === b.start && (a.length === 1n || a.step === b.step)))
    );
  }
  return false;
}

export function* eq(rt: Rt, a: PyValue, b: PyValue): Gen<boolean> {
  const s = eqSimple(a, b);
  if (s !== undefined) return s;
  if ((a instanceof PyList && b instanceof PyList) || (a instanceof PyTuple && b instanceof PyTuple)) {
    if (a.items.length !== b.items.length) return false;
    for (let i = 0; i < a.items.length; i++) if (!(yield* eq(rt, a.items[i], b.items[i]))) return false;
    return true;
  }
  for (const [x, y] of [
    [a, b],
    [b, a],
  ] as const) {
    if (x instanceof PyInstance) {
      const m = x.cls.lookup('__eq__');
      if (m) {
        const r = yield* rt.call(m, [x, y]);
        if (r !== NotImplemented) return yield* truthyOf(rt, r);
      }
    }
  }
  return a === b;
}

function* truthyOf(rt: Rt, v: PyValue): Gen<boolean> {
  return yield* truthy(rt, v);
}

const OPNAMES: Record<string, string> = { '<': '__lt__', '<=': '__le__', '>': '__gt__', '>=': '__ge__' };
const SWAPPED: Record<string, string> = { '<': '__gt__', '<=': '__ge__', '>': '__lt__', '>=': '__le__' };

function cmpResult(op: string, c: number): boolean {
  return op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : c >= 0;
}

/** Three-way comparison of builtin values, or undefined when the types do not order. */
function order(a: PyValue, b: PyValue): number | undefined {
  if (isNumber(a) && isNumber(b)) {
    if (typeof a !== 'number' && typeof b !== 'number') {
      const x = asBigInt(a);
      const y = asBigInt(b);
      return x < y ? -1 : x > y ? 1 : 0;
    }
    const x = typeof a === 'number' ? a : Number(asBigInt(a));
    const y = typeof b === 'number' ? b : Number(asBigInt(b));
    if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (typeof a === 'string' && typeof b === 'string') {
    // code point order, not UTF-16 unit order
    if (a === b) return 0;
    const ca = [...a];
    const cb = [...b];
    for (let i = 0; i < Math.min(ca.length, cb.length); i++) {
      if (ca[i] !== cb[i]) return ca[i].codePointAt(0)! - cb[i].codePointAt(0)!;
    }
    return ca.length - cb.length;
  }
  if (a instanceof PyBytes && b instanceof PyBytes) {
    for (let i = 0; i < Math.min(a.data.length, b.data.length); i++)
      if (a.data[i] !== b.data[i]) return a.data[i] - b.data[i];
    return a.data.length - b.data.length;
  }
  return undefined;
}

/** Comparisons of numbers and strings, with no generator (undefined for everything else). */
export function compareSimple(op: CmpOp, a: PyValue, b: PyValue): boolean | undefined {
  if (op === 'is') return identical(a, b);
  if (op === 'is not') return !identical(a, b);
  if (op === 'in' || op === 'not in') return undefined;
  const numbers = isNumber(a) && isNumber(b);
  if (!numbers && !(typeof a === 'string' && typeof b === 'string')) {
    if (op === '==' || op === '!=') {
      const e = eqSimple(a, b);
      return e === undefined ? undefined : op === '==' ? e : !e;
    }
    return undefined;
  }
  if (op === '==') return eqSimple(a, b);
  if (op === '!=') return !eqSimple(a, b);
  const o = order(a, b)!;
  return Number.isNaN(o) ? false : cmpResult(op, o);
}

export function* compare(rt: Rt, op: CmpOp, a: PyValue, b: PyValue): Gen<boolean> {
  switch (op) {
    case '==':
      return yield* eq(rt, a, b);
    case '!=':
      return !(yield* eq(rt, a, b));
    case 'is':
      return identical(a, b);
    case 'is not':
      return !identical(a, b);
    case 'in':
      return yield* contains(rt, b, a);
    case 'not in':
      return !(yield* contains(rt, b, a));
  }
  const o = order(a, b);
  if (o !== undefined) return Number.isNaN(o) ? false : cmpResult(op, o);
  if ((a instanceof PyList && b instanceof PyList) || (a instanceof PyTuple && b instanceof PyTuple)) {
    const n = Math.min(a.items.length, b.items.length);
    for (let i = 0; i < n; i++) {
      if (!(yield* eq(rt, a.items[i], b.items[i]))) return yield* compare(rt, op, a.items[i], b.items[i]);
    }
    return cmpResult(op, a.items.length - b.items.length);
  }
  if (a instanceof PySet && b instanceof PySet) {
    const sub = (x: PySet, y: PySet) => [...x.map.keys()].every((h) => y.map.has(h));
    if (op === '<=') return sub(a, b);
    if (op === '>=') return sub(b, a);
    if (op === '<') return sub(a, b) && a.map.size < b.map.size;
    return sub(b, a) && b.map.size < a.map.size;
  }
  if (a instanceof PyInstance) {
    const m = a.cls.lookup(OPNAMES[op]);
    if (m) {
      const r = yield* rt.call(m, [a, b]);
      if (r !== NotImplemented) return yield* truthyOf(rt, r);
    }
  }
  if (b instanceof PyInstance) {
    const m = b.cls.lookup(SWAPPED[op]);
    if (m) {
      const r = yield* rt.call(m, [b, a]);
      if (r !== NotImplemented) return yield* truthyOf(rt, r);
    }
  }
  throw pyErr(TypeError, `'${op}' not supported between instances of '${typeName(a)}' and '${typeName(b)}'`);
}

export function identical(a: PyValue, b: PyValue): boolean {
  if (typeof a === 'bigint' && typeof b === 'bigint') return a === b && a >= -5n && a <= 256n;
  return a === b;
}

/** `item in container`. */
export function* contains(rt: Rt, container: PyValue, item: PyValue): Gen<boolean> {
  if (typeof container === 'string') {
    if (typeof item !== 'string')
      throw pyErr(TypeError, `'in <string>' requires string as left operand, not ${typeName(item)}`);
    return container.includes(item);
  }
  if (container instanceof PyDict) return container.map.has(hashKey(item));
  if (container instanceof PySet) return container.map.has(hashKey(item));
  if (container instanceof PyDictView && container.kind === 'keys')
    return container.dict.map.has(hashKey(item));
  if (container instanceof PyRange && typeof item === 'bigint') {
    const { start, step } = container;
    const len = container.length;
    if (len === 0n) return false;
    const last = start + (len - 1n) * step;
    const inRange = step > 0n ? item >= start && item <= last : item <= start && item >= last;
    return inRange && (item - start) % step === 0n;
  }
  if (container instanceof PyBytes) {
    if (typeof item === 'bigint') return container.data.includes(Number(item));
    if (item instanceof PyBytes)
      return new TextDecoderLatin1(container.data).text.includes(new TextDecoderLatin1(item.data).text);
  }
  if (container instanceof PyList || container instanceof PyTuple) {
    for (const x of container.items) if (yield* eq(rt, x, item)) return true;
    return false;
  }
  if (container instanceof PyInstance) {
    const m = container.cls.lookup('__contains__');
    if (m) return yield* truthyOf(rt, yield* rt.call(m, [container, item]));
  }
  if (!(container instanceof PyObject))
    throw pyErr(TypeError, `argument of type '${typeName(container)}' is not iterable`);
  const it = yield* iterate(rt, container, `argument of type '${typeName(container)}' is not iterable`);
  for (;;) {
    const r = yield* step(it);
    if (r.done) return false;
    if (yield* eq(rt, r.value, item)) return true;
  }
}

/** bytes as a latin-1 string, for substring search. */
class TextDecoderLatin1 {
  readonly text: string;
  constructor(b: Uint8Array) {
    let s = '';
    for (const x of b) s += String.fromCharCode(x);
    this.text = s;
  }
}
