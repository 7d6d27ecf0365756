// Arithmetic with Python's semantics: arbitrary-precision ints (bigint),
// floor division and modulo that follow the divisor's sign, int/int true
// division to float, sequence concatenation and repetition, set and dict
// operators, user __add__/__radd__, and CPython's TypeError wording.
import type { BinOpKind } from './ast';
import { asBigInt, isInt, isNumber, newDict, setAdd, toFloat, typeName, type Rt } from './objects';
import { percentFormat } from './format-spec';
import { MemoryError, OverflowError, pyErr, TypeError, ValueError, ZeroDivisionError } from './types';
import {
  NotImplemented,
  PyBytes,
  PyDict,
  PyInstance,
  PyList,
  PySet,
  PyTuple,
  type Gen,
  type PyValue,
} from './values';

const DUNDER: Record<BinOpKind, string> = {
  '+': 'add',
  '-': 'sub',
  '*': 'mul',
  '/': 'truediv',
  '//': 'floordiv',
  '%': 'mod',
  '**': 'pow',
  '<<': 'lshift',
  '>>': 'rshift',
  '&': 'and',
  '|': 'or',
  '^': 'xor',
  '@': 'matmul',
};

/** Repetition big enough to matter is charged to the process's memory. */
const TRACK_BYTES = 256 * 1024;

export function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

export function floorMod(a: bigint, b: bigint): bigint {
  const r = a % b;
  return r !== 0n && r < 0n !== b < 0n ? r + b : r;
}

function floatMod(a: number, b: number): number {
  const r = a % b;
  if (r === 0) return b < 0 ? -0 : 0;
  return r < 0 !== b < 0 ? r + b : r;
}

function intOp(op: BinOpKind, a: bigint, b: bigint): PyValue {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      if (b === 0n) throw pyErr(ZeroDivisionError, 'division by zero');
      return Number(a) / Number(b);
    case '//':
      if (b === 0n) throw pyErr(ZeroDivisionError, 'integer division or modulo by zero');
      return floorDiv(a, b);
    case '%':
      if (b === 0n) throw pyErr(ZeroDivisionError, 'integer modulo by zero');
      return floorMod(a, b);
    case '**':
      if (b < 0n) {
        if (a === 0n) throw pyErr(ZeroDivisionError, '0.0 cannot be raised to a negative power');
        return Number(a) ** Number(b);
      }
      if (b > 1_000_000n && a !== 0n && a !== 1n && a !== -1n) throw pyErr(MemoryError);
      return a ** b;
    case '<<':
      if (b < 0n) throw pyErr(ValueError, 'negative shift count');
      if (b > 10_000_000n && a !== 0n) throw pyErr(MemoryError);
      return a << b;
    case '>>':
      if (b < 0n) throw pyErr(ValueError, 'negative shift count');
      return a >> b;
    case '&':
      return a & b;
    case '|':
      return a | b;
    case '^':
      return a ^ b;
    default:
      return NotImplemented;
  }
}

function floatOp(op: BinOpKind, a: number, b: number): PyValue {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      if (b === 0) throw pyErr(ZeroDivisionError, 'float division by zero');
      return a / b;
    case '//':
      if (b === 0) throw pyErr(ZeroDivisionError, 'float floor division by zero');
      return Math.floor(a / b);
    case '%':
      if (b === 0) throw pyErr(ZeroDivisionError, 'float modulo by zero');
      return floatMod(a, b);
    case '**': {
      if (a === 0 && b < 0) throw pyErr(ZeroDivisionError, '0.0 cannot be raised to a negative power');
      if (a < 0 && !Number.isInteger(b))
        throw pyErr(
          ValueError,
          "Stevedore's python does not simulate complex numbers (a negative number raised to a fractional power)",
        );
      const r = a ** b;
      if (!Number.isFinite(r) && Number.isFinite(a) && Number.isFinite(b))
        throw pyErr(OverflowError, new PyTuple([34n, 'Numerical result out of range']));
      return r;
    }
    default:
      return NotImplemented;
  }
}

function repeatCount(n: PyValue): bigint {
  if (!isInt(n)) throw pyErr(TypeError, `can't multiply sequence by non-int of type '${typeName(n)}'`);
  const k = asBigInt(n);
  return k < 0n ? 0n : k;
}

function repeat(rt: Rt, seq: PyValue, n: PyValue): PyValue {
  const k = Number(repeatCount(n));
  if (typeof seq === 'string') {
    const bytes = seq.length * k;
    if (bytes >= TRACK_BYTES) {
      const s = new PyTuple([]);
      rt.track(s, bytes + 49);
      if (bytes > 64 * 1024 * 1024)
        throw pyErr(
          MemoryError,
          "Stevedore's python does not simulate strings over 64 MiB (use bytearray for big buffers)",
        );
    }
    return seq.repeat(k);
  }
  if (seq instanceof PyList || seq instanceof PyTuple) {
    const total = seq.items.length * k;
    if (total * 8 >= TRACK_BYTES) {
      if (total > 16 * 1024 * 1024) {
        // charge first: the OOM killer decides before we try to build it
        rt.track(new PyTuple([]), total * 8 + 56);
        throw pyErr(MemoryError, "Stevedore's python does not simulate lists of more than 16M items");
      }
    }
    const items: PyValue[] = new Array(total);
    for (let i = 0; i < total; i++) items[i] = seq.items[i % seq.items.length];
    const out = seq instanceof PyList ? new PyList(items) : new PyTuple(items);
    if (total * 8 >= TRACK_BYTES) rt.track(out, total * 8 + 56);
    return out;
  }
  if (seq instanceof PyBytes) {
    const total = seq.length * k;
    const out = new PyBytes(repeatBytes(rt, seq.data, k, total), seq.mutable);
    if (total >= TRACK_BYTES) rt.track(out, total + 33);
    return out;
  }
  return NotImplemented;
}

/** Big buffers are charged before they are made; repeated zero bytes cost nothing to hold here. */
function repeatBytes(rt: Rt, data: Uint8Array, k: number, total: number): Uint8Array {
  if (total > 64 * 1024 * 1024) {
    rt.track(new PyTuple([]), total);
    throw pyErr(MemoryError, "Stevedore's python does not simulate byte strings over 64 MiB");
  }
  const out = new Uint8Array(total);
  for (let i = 0; i < k; i++) out.set(data, i * data.length);
  return out;
}

function concat(a: PyValue, b: PyValue): PyValue {
  if (typeof a === 'string') {
    if (typeof b === 'string') return a + b;
    throw pyErr(TypeError, `can only concatenate str (not "${typeName(b)}") to str`);
  }
  if (a instanceof PyList) {
    if (b instanceof PyList) return new PyList([...a.items, ...b.items]);
    throw pyErr(TypeError, `can only concatenate list (not "${typeName(b)}") to list`);
  }
  if (a instanceof PyTuple) {
    if (b instanceof PyTuple) return new PyTuple([...a.items, ...b.items]);
    throw pyErr(TypeError, `can only concatenate tuple (not "${typeName(b)}") to tuple`);
  }
  if (a instanceof PyBytes && b instanceof PyBytes) {
    const out = new Uint8Array(a.data.length + b.data.length);
    out.set(a.data);
    out.set(b.data, a.data.length);
    return new PyBytes(out, a.mutable);
  }
  return NotImplemented;
}

function setOp(op: BinOpKind, a: PySet, b: PySet): PyValue {
  const out = new PySet(a.frozen);
  if (op === '|') {
    for (const v of a.map.values()) setAdd(out, v);
    for (const v of b.map.values()) setAdd(out, v);
  } else if (op === '&') {
    for (const [h, v] of a.map) if (b.map.has(h)) out.map.set(h, v);
  } else if (op === '-') {
    for (const [h, v] of a.map) if (!b.map.has(h)) out.map.set(h, v);
  } else if (op === '^') {
    for (const [h, v] of a.map) if (!b.map.has(h)) out.map.set(h, v);
    for (const [h, v] of b.map) if (!a.map.has(h)) out.map.set(h, v);
  } else return NotImplemented;
  return out;
}

/** Operations on builtin types that need no Python code; NotImplemented when none applies. */
export function binopBuiltin(rt: Rt, op: BinOpKind, a: PyValue, b: PyValue): PyValue {
  if (isNumber(a) && isNumber(b)) {
    if (typeof a !== 'number' && typeof b !== 'number') {
      if (typeof a === 'boolean' && typeof b === 'boolean' && (op === '&' || op === '|' || op === '^')) {
        return op === '&' ? a && b : op === '|' ? a || b : a !== b;
      }
      return intOp(op, asBigInt(a), asBigInt(b));
    }
    return floatOp(op, toFloat(a), toFloat(b));
  }
  if (op === '+') {
    const r = concat(a, b);
    if (r !== NotImplemented) return r;
  } else if (op === '*') {
    if (
      isInt(b) &&
      (typeof a === 'string' || a instanceof PyList || a instanceof PyTuple || a instanceof PyBytes)
    )
      return repeat(rt, a, b);
    if (
      isInt(a) &&
      (typeof b === 'string' || b instanceof PyList || b instanceof PyTuple || b instanceof PyBytes)
    )
      return repeat(rt, b, a);
    if (typeof a === 'string' || a instanceof PyList || a instanceof PyTuple) repeatCount(b);
  } else if (op === '%' && typeof a === 'string') {
    return NotImplemented;
  } else if (a instanceof PySet && b instanceof PySet) {
    return setOp(op, a, b);
  } else if (op === '|' && a instanceof PyDict && b instanceof PyDict) {
    return newDict([...a.map.values(), ...b.map.values()]);
  }
  return NotImplemented;
}

/** a <op> b, trying a.__op__(b) then b.__rop__(a) for instances of user classes. */
export function* binop(rt: Rt, op: BinOpKind, a: PyValue, b: PyValue, opText: string = op): Gen<PyValue> {
  if (op === '%' && typeof a === 'string') return yield* percentFormat(rt, a, b);
  const r = binopBuiltin(rt, op, a, b);
  if (r !== NotImplemented) return r;
  const name = DUNDER[op];
  if (a instanceof PyInstance) {
    const m = a.cls.lookup(`__${name}__`);
    if (m) {
      const res = yield* rt.call(m, [a, b]);
      if (res !== NotImplemented) return res;
    }
  }
  if (b instanceof PyInstance) {
    const m = b.cls.lookup(`__r${name}__`);
    if (m) {
      const res = yield* rt.call(m, [b, a]);
      if (res !== NotImplemented) return res;
    }
  }
  throw pyErr(
    TypeError,
    `unsupported operand type(s) for ${opText === '**' ? '** or pow()' : opText}: '${typeName(a)}' and '${typeName(b)}'`,
  );
}

/** a <op>= b: lists extend in place, everything else is a <op> b. */
export function* inplace(rt: Rt, op: BinOpKind, a: PyValue, b: PyValue): Gen<PyValue> {
  if (op === '+' && a instanceof PyList) {
    if (b instanceof PyList || b instanceof PyTuple) {
      a.items.push(...b.items);
      return a;
    }
  }
  if (a instanceof PyInstance) {
    const m = a.cls.lookup(`__i${DUNDER[op]}__`);
    if (m) {
      const res = yield* rt.call(m, [a, b]);
      if (res !== NotImplemented) return res;
    }
  }
  return yield* binop(rt, op, a, b, `${op}=`);
}

export function* unary(rt: Rt, op: '-' | '+' | '~', v: PyValue): Gen<PyValue> {
  if (typeof v === 'number') {
    if (op === '~') throw pyErr(TypeError, "bad operand type for unary ~: 'float'");
    return op === '-' ? -v : v;
  }
  if (isInt(v)) {
    const n = asBigInt(v);
    return op === '-' ? -n : op === '~' ? ~n : n;
  }
  if (v instanceof PyInstance) {
    const m = v.cls.lookup(op === '-' ? '__neg__' : op === '+' ? '__pos__' : '__invert__');
    if (m) return yield* rt.call(m, [v]);
  }
  throw pyErr(TypeError, `bad operand type for unary ${op}: '${typeName(v)}'`);
}
