// What every operation needs first: the class of a value, its type name as
// error messages print it, hashing for dict/set keys (1, 1.0 and True are the
// same key), and dict helpers.
import { boolType, floatType, intType, pyErr, strType, TypeError } from './types';
import { PyBytes, PyDict, PySet, PyTuple, type PyClass, type PyValue } from './values';

export type { Rt } from './values';

export function typeOf(v: PyValue): PyClass {
  switch (typeof v) {
    case 'bigint':
      return intType;
    case 'number':
      return floatType;
    case 'string':
      return strType;
    case 'boolean':
      return boolType;
    default:
      return v.cls;
  }
}

export function typeName(v: PyValue): string {
  return typeOf(v).name;
}

export function isInstance(v: PyValue, cls: PyClass): boolean {
  return typeOf(v).isSubclassOf(cls);
}

export function isInt(v: PyValue): v is bigint | boolean {
  return typeof v === 'bigint' || typeof v === 'boolean';
}

/** bool is an int subclass: True + 1 == 2. */
export function asBigInt(v: bigint | boolean): bigint {
  return typeof v === 'boolean' ? (v ? 1n : 0n) : v;
}

export function isNumber(v: PyValue): v is bigint | boolean | number {
  return typeof v === 'bigint' || typeof v === 'boolean' || typeof v === 'number';
}

export function toFloat(v: bigint | boolean | number): number {
  return typeof v === 'number' ? v : Number(asBigInt(v));
}

/** The identity of a value as a dict/set key; raises TypeError for unhashable values. */
export function hashKey(v: PyValue): string {
  switch (typeof v) {
    case 'string':
      return 's' + v;
    case 'bigint':
      return 'n' + v.toString();
    case 'boolean':
      return v ? 'n1' : 'n0';
    case 'number':
      if (Number.isInteger(v)) return 'n' + BigInt(v).toString();
      return 'f' + String(v);
  }
  if (v instanceof PyTuple) return 't(' + v.items.map(hashKey).join(',') + ')';
  if (v instanceof PyBytes && !v.mutable)
    return 'b' + Array.from(v.data, (b) => b.toString(16).padStart(2, '0')).join('');
  if (v instanceof PySet && v.frozen) return 'F{' + [...v.map.keys()].sort().join(',') + '}';
  const t = v.cls.name;
  if (
    t === 'list' ||
    t === 'dict' ||
    t === 'set' ||
    t === 'bytearray' ||
    t === 'dict_keys' ||
    t === 'dict_values' ||
    t === 'dict_items'
  ) {
    throw pyErr(TypeError, `unhashable type: '${t}'`);
  }
  return 'o' + v.id;
}

export function dictGet(d: PyDict, k: PyValue): PyValue | undefined {
  return d.map.get(hashKey(k))?.[1];
}

export function dictSet(d: PyDict, k: PyValue, v: PyValue): void {
  const h = hashKey(k);
  const old = d.map.get(h);
  // the first key object stays (d[1.0] = x after d[1] keeps the key 1)
  d.map.set(h, [old ? old[0] : k, v]);
}

export function newDict(entries: Iterable<[PyValue, PyValue]> = []): PyDict {
  const d = new PyDict();
  for (const [k, v] of entries) dictSet(d, k, v);
  return d;
}

export function strDict(entries: Record<string, PyValue>): PyDict {
  return newDict(Object.entries(entries));
}

export function setAdd(s: PySet, v: PyValue): void {
  const h = hashKey(v);
  if (s.map.has(h)) return;
  s.map.set(h, v);
  s.fill++;
  if (s.fill * 5 >= s.mask * 3) {
    const used = s.map.size;
    const want = used > 50000 ? used * 2 : used * 4;
    let size = 8;
    while (size <= want) size *= 2;
    s.mask = size - 1;
    s.fill = used;
  }
}

const P61 = 2n ** 61n - 1n;
const M64 = 2n ** 64n;

/** hash() as CPython computes it for numbers; strings get a fixed FNV-1a (CPython's are randomised per run). */
export function pyHash(v: PyValue): bigint {
  const fix = (h: bigint) => (h === -1n ? -2n : h);
  switch (typeof v) {
    case 'boolean':
      return v ? 1n : 0n;
    case 'bigint':
      return fix(v >= 0n ? v % P61 : -(-v % P61));
    case 'number': {
      if (Number.isInteger(v)) return pyHash(BigInt(v));
      if (!Number.isFinite(v)) return Number.isNaN(v) ? 0n : v > 0 ? 314159n : -314159n;
      // the exact value m / 2**e reduced modulo 2**61 - 1
      let m = Math.abs(v);
      let e = 0n;
      while (!Number.isInteger(m)) {
        m *= 2;
        e++;
      }
      const inv = modPow(2n, (P61 - 1n - (e % 61n)) % 61n, P61);
      const h = ((BigInt(m) % P61) * inv) % P61;
      return fix(v < 0 ? -h : h);
    }
    case 'string': {
      let h = 0xcbf29ce484222325n;
      for (const ch of v) h = ((h ^ BigInt(ch.codePointAt(0)!)) * 0x100000001b3n) % M64;
      return fix(h >= 2n ** 63n ? h - M64 : h);
    }
  }
  if (v instanceof PyTuple) {
    let acc = 0x27d4eb2f165667c5n;
    for (const x of v.items) {
      acc = (acc + (pyHash(x) % M64) * 0xc2b2ae3d27d4eb4fn) % M64;
      acc = ((acc << 31n) | (acc >> 33n)) % M64;
      acc = (acc * 0x9e3779b185ebca87n) % M64;
    }
    acc = (acc + (BigInt(v.items.length) ^ (0x27d4eb2f165667c5n ^ 3527539n))) % M64;
    return fix(acc >= 2n ** 63n ? acc - M64 : acc);
  }
  hashKey(v);
  return BigInt((v as { id: number }).id >> 4);
}

function modPow(b: bigint, e: bigint, m: bigint): bigint {
  let r = 1n;
  b %= m;
  while (e > 0n) {
    if (e & 1n) r = (r * b) % m;
    b = (b * b) % m;
    e >>= 1n;
  }
  return r;
}

/** A set's elements in CPython's iteration order: slot order of an open-addressed table of its current size. */
export function setOrder(s: PySet): PyValue[] {
  const size = s.mask + 1;
  const slots: Array<PyValue | undefined> = new Array(size);
  for (const v of s.map.values()) {
    const h = pyHash(v);
    let i = Number(((h % BigInt(size)) + BigInt(size)) % BigInt(size));
    while (slots[i] !== undefined) i = (i + 1) % size;
    slots[i] = v;
  }
  return slots.filter((x): x is PyValue => x !== undefined);
}

/** Code points, not UTF-16 units: len('é') and indexing agree with Python for astral characters too. */
export function codePoints(s: string): string[] {
  return /[\ud800-\udfff]/.test(s) ? Array.from(s) : s.split('');
}

export function strLen(s: string): number {
  return /[\ud800-\udfff]/.test(s) ? Array.from(s).length : s.length;
}
