// repr() and str() of every value as CPython prints them: quote choice and
// escapes of strings and bytes, containers with recursion guards, addresses
// of functions and objects, exception str/repr, user __repr__/__str__.
import { floatRepr, intStr } from './float-format';
import { setOrder, typeOf, type Rt } from './objects';
import { KeyError, OSError, pyErr, TypeError } from './types';
import {
  PyBoundMethod,
  PyBuiltin,
  PyBytes,
  PyClass,
  PyDescriptor,
  PyDict,
  PyDictView,
  PyExc,
  PyFunction,
  PyInstance,
  PyIterator,
  PyList,
  PyModule,
  PyObject,
  PyRange,
  PySet,
  PySingleton,
  PySlice,
  PySuper,
  PyTuple,
  type Gen,
  type PyValue,
} from './values';

export function hexId(o: PyObject): string {
  return '0x' + o.id.toString(16);
}

const NONPRINTABLE = /[\p{Cc}\p{Cf}\p{Co}\p{Cs}\p{Zl}\p{Zp}\p{Zs}\p{Cn}]/u;

export function strRepr(s: string): string {
  const q = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = q;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === q || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || c === 0x7f || (c > 0x7f && ch !== ' ' && NONPRINTABLE.test(ch))) {
      if (c < 0x100) out += '\\x' + c.toString(16).padStart(2, '0');
      else if (c < 0x10000) out += '\\u' + c.toString(16).padStart(4, '0');
      else out += '\\U' + c.toString(16).padStart(8, '0');
    } else out += ch;
  }
  return out + q;
}

export function bytesRepr(b: Uint8Array, mutable: boolean): string {
  let hasSq = false;
  let hasDq = false;
  for (const x of b) {
    if (x === 0x27) hasSq = true;
    else if (x === 0x22) hasDq = true;
  }
  const q = hasSq && !hasDq ? '"' : "'";
  let out = 'b' + q;
  for (const x of b) {
    const ch = String.fromCharCode(x);
    if (ch === q || ch === '\\') out += '\\' + ch;
    else if (x === 9) out += '\\t';
    else if (x === 10) out += '\\n';
    else if (x === 13) out += '\\r';
    else if (x < 0x20 || x >= 0x7f) out += '\\x' + x.toString(16).padStart(2, '0');
    else out += ch;
  }
  out += q;
  return mutable ? `bytearray(${out})` : out;
}

/** The repr of a value that needs no Python code (undefined when it might). */
export function reprSimple(v: PyValue): string | undefined {
  switch (typeof v) {
    case 'string':
      return strRepr(v);
    case 'bigint':
      return intStr(v);
    case 'number':
      return floatRepr(v);
    case 'boolean':
      return v ? 'True' : 'False';
  }
  if (v instanceof PySingleton) return v.repr;
  return undefined;
}

export function* repr(rt: Rt, v: PyValue, seen: Set<PyObject> = new Set()): Gen<string> {
  const s = reprSimple(v);
  if (s !== undefined) return s;
  const o = v as PyObject;
  if (o instanceof PyInstance) {
    const m = o.cls.lookup('__repr__');
    if (m) {
      const r = yield* rt.call(m, [o]);
      if (typeof r !== 'string')
        throw pyErr(TypeError, `__repr__ returned non-string (type ${typeOf(r).name})`);
      return r;
    }
    if (o instanceof PyExc) return yield* excRepr(rt, o, seen);
    return `<${modPrefix(o.cls)}${o.cls.name} object at ${hexId(o)}>`;
  }
  if (seen.has(o)) {
    if (o instanceof PyList) return '[...]';
    if (o instanceof PyDict) return '{...}';
    return '...';
  }
  if (o instanceof PyList || o instanceof PyTuple) {
    seen.add(o);
    const parts: string[] = [];
    for (const x of o.items) parts.push(yield* repr(rt, x, seen));
    seen.delete(o);
    if (o instanceof PyList) return `[${parts.join(', ')}]`;
    return parts.length === 1 ? `(${parts[0]},)` : `(${parts.join(', ')})`;
  }
  if (o instanceof PyDict) {
    seen.add(o);
    const parts: string[] = [];
    for (const [k, x] of o.map.values())
      parts.push(`${yield* repr(rt, k, seen)}: ${yield* repr(rt, x, seen)}`);
    seen.delete(o);
    return o.wrapper ? `${o.wrapper}({${parts.join(', ')}})` : `{${parts.join(', ')}}`;
  }
  if (o instanceof PySet) {
    const parts: string[] = [];
    for (const x of setOrder(o)) parts.push(yield* repr(rt, x, seen));
    if (o.frozen) return parts.length ? `frozenset({${parts.join(', ')}})` : 'frozenset()';
    return parts.length ? `{${parts.join(', ')}}` : 'set()';
  }
  if (o instanceof PyDictView) {
    const parts: string[] = [];
    for (const [k, x] of o.dict.map.values()) {
      if (o.kind === 'keys') parts.push(yield* repr(rt, k, seen));
      else if (o.kind === 'values') parts.push(yield* repr(rt, x, seen));
      else parts.push(`(${yield* repr(rt, k, seen)}, ${yield* repr(rt, x, seen)})`);
    }
    return `dict_${o.kind}([${parts.join(', ')}])`;
  }
  return objectRepr(o);
}

function modPrefix(c: PyClass): string {
  return c.module === 'builtins' ? '' : `${c.module}.`;
}

/** Reprs that never run Python code. */
export function objectRepr(o: PyObject): string {
  if (o instanceof PyBytes) return bytesRepr(o.data, o.mutable);
  if (o instanceof PyRange)
    return o.step === 1n ? `range(${o.start}, ${o.stop})` : `range(${o.start}, ${o.stop}, ${o.step})`;
  if (o instanceof PySlice)
    return `slice(${reprSimple(o.start) ?? '...'}, ${reprSimple(o.stop) ?? '...'}, ${reprSimple(o.step) ?? '...'})`;
  if (o instanceof PyClass) return `<class '${modPrefix(o)}${o.name}'>`;
  if (o instanceof PyFunction) return `<function ${o.qualname} at ${hexId(o)}>`;
  if (o instanceof PyBuiltin)
    return o.owner ? `<method '${o.name}' of '${o.owner}' objects>` : `<built-in function ${o.name}>`;
  if (o instanceof PyBoundMethod) {
    if (o.func instanceof PyBuiltin) {
      const self = o.self;
      if (self instanceof PyModule) return `<built-in function ${o.func.name}>`;
      return `<built-in method ${o.func.name} of ${typeOf(self).name} object at ${self instanceof PyObject ? hexId(self) : '0x7f5e3c1d2a40'}>`;
    }
    const self = o.self;
    const selfRepr =
      self instanceof PyObject && !(self instanceof PyClass)
        ? `<${modPrefix(self.cls)}${self.cls.name} object at ${hexId(self)}>`
        : (reprSimple(self) ?? (self instanceof PyClass ? objectRepr(self) : '?'));
    return `<bound method ${o.func.qualname} of ${selfRepr}>`;
  }
  if (o instanceof PyModule) {
    if (o.file) return `<module '${o.name}' from '${o.file}'>`;
    return `<module '${o.name}' (built-in)>`;
  }
  if (o instanceof PyDescriptor) return `<${o.kind} object at ${hexId(o)}>`;
  if (o instanceof PySuper) return `<super: <class '${o.start.name}'>, <${typeOf(o.self).name} object>>`;
  if (o instanceof PyIterator)
    return o.label
      ? `<${o.typeName} object ${o.label} at ${hexId(o)}>`
      : `<${o.typeName} object at ${hexId(o)}>`;
  return `<${o.cls.name} object at ${hexId(o)}>`;
}

function* excRepr(rt: Rt, e: PyExc, seen: Set<PyObject>): Gen<string> {
  const parts: string[] = [];
  for (const a of e.args) parts.push(yield* repr(rt, a, seen));
  return `${e.cls.name}(${parts.join(', ')})`;
}

export function* str(rt: Rt, v: PyValue): Gen<string> {
  if (typeof v === 'string') return v;
  if (v instanceof PyInstance) {
    const m = v.cls.lookup('__str__');
    if (m) {
      const r = yield* rt.call(m, [v]);
      if (typeof r !== 'string')
        throw pyErr(TypeError, `__str__ returned non-string (type ${typeOf(r).name})`);
      return r;
    }
    if (v instanceof PyExc) return yield* excStr(rt, v);
  }
  return yield* repr(rt, v);
}

export function* excStr(rt: Rt, e: PyExc): Gen<string> {
  const errno = e.dict.get('errno');
  if (e.cls.isSubclassOf(OSError) && errno !== undefined && e.args.length >= 2) {
    const fn = e.dict.get('filename');
    const base = `[Errno ${yield* str(rt, errno)}] ${yield* str(rt, e.args[1])}`;
    return fn !== undefined ? `${base}: ${yield* repr(rt, fn)}` : base;
  }
  if (e.args.length === 0) return '';
  if (e.args.length === 1) {
    if (e.cls.isSubclassOf(KeyError)) return yield* repr(rt, e.args[0]);
    return yield* str(rt, e.args[0]);
  }
  return yield* repr(rt, new PyTuple(e.args));
}
