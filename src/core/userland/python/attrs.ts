// Attribute access as Python does it: instance dicts, class attributes bound
// into methods, properties, static and class methods, super(), modules, the
// special attributes of builtin objects, and AttributeError with the
// candidates traceback.py's "Did you mean" looks through.
import type { Interp } from './interp';
import { typeName, typeOf } from './objects';
import { AttributeError, newExc, pyErr, TypeError } from './types';
import {
  None,
  PyBoundMethod,
  PyBuiltin,
  PyClass,
  PyDescriptor,
  PyExc,
  PyFunction,
  PyInstance,
  PyModule,
  PyRaise,
  PySuper,
  PyTuple,
  type Gen,
  type PyValue,
} from './values';

export function* getattr(it: Interp, obj: PyValue, name: string): Gen<PyValue> {
  const v = yield* getattrOrUndefined(it, obj, name);
  if (v !== undefined) return v;
  if (obj instanceof PyInstance) {
    const ga = obj.cls.lookup('__getattr__');
    if (ga) return yield* it.call(ga, [obj, name]);
  }
  throw attributeError(obj, name);
}

export function attributeError(obj: PyValue, name: string): PyRaise {
  let msg: string;
  if (obj instanceof PyModule) msg = `module '${obj.name}' has no attribute '${name}'`;
  else if (obj instanceof PyClass) msg = `type object '${obj.name}' has no attribute '${name}'`;
  else msg = `'${typeName(obj)}' object has no attribute '${name}'`;
  const e = newExc(AttributeError, msg);
  e.dict.set('name', name);
  e.dict.set('obj', obj);
  const names = dir(obj);
  e.candidates = name.startsWith('_') ? names : names.filter((n) => !n.startsWith('_'));
  return new PyRaise(e);
}

export function dir(obj: PyValue): string[] {
  const out = new Set<string>();
  if (obj instanceof PyInstance || obj instanceof PyModule || obj instanceof PyFunction)
    for (const k of obj.dict.keys()) out.add(k);
  const cls = obj instanceof PyClass ? obj : typeOf(obj);
  for (const c of cls.mro) for (const k of c.dict.keys()) out.add(k);
  if (obj instanceof PyModule) return [...obj.dict.keys()].sort();
  return [...out].sort();
}

export function* getattrOrUndefined(it: Interp, obj: PyValue, name: string): Gen<PyValue | undefined> {
  if (obj instanceof PyModule) return obj.dict.get(name);
  if (obj instanceof PySuper) {
    const mro = typeOf(obj.self).mro;
    const start = mro.indexOf(obj.start);
    for (const k of mro.slice(start + 1)) {
      const v = k.dict.get(name);
      if (v !== undefined) return yield* bindAttr(it, v, obj.self, typeOf(obj.self));
    }
    return undefined;
  }
  if (obj instanceof PyClass) {
    const special = classSpecial(obj, name);
    if (special !== undefined) return special;
    const v = obj.lookup(name);
    if (v instanceof PyDescriptor) {
      if (v.kind === 'staticmethod') return v.func;
      if (v.kind === 'classmethod') return new PyBoundMethod(obj, v.func as PyFunction);
      return v;
    }
    return v;
  }
  const cls = typeOf(obj);
  const clsAttr = cls.lookup(name);
  if (clsAttr instanceof PyDescriptor && clsAttr.kind === 'property')
    return yield* it.call(clsAttr.func, [obj]);
  if (obj instanceof PyInstance) {
    const own = obj.dict.get(name);
    if (own !== undefined) return own;
    if (obj instanceof PyExc) {
      const e = excSpecial(obj, name);
      if (e !== undefined) return e;
    }
  }
  if (obj instanceof PyFunction) {
    const own = obj.dict.get(name);
    if (own !== undefined) return own;
    const f = funcSpecial(obj, name);
    if (f !== undefined) return f;
  }
  if (name === '__class__') return cls;
  if (clsAttr !== undefined) return yield* bindAttr(it, clsAttr, obj, cls);
  const special = valueSpecial(obj, name);
  return special;
}

export function* bindAttr(it: Interp, v: PyValue, self: PyValue, cls: PyClass): Gen<PyValue> {
  if (v instanceof PyFunction || v instanceof PyBuiltin) return new PyBoundMethod(self, v);
  if (v instanceof PyDescriptor) {
    if (v.kind === 'staticmethod') return v.func;
    if (v.kind === 'classmethod') return new PyBoundMethod(cls, v.func as PyFunction);
    return yield* it.call(v.func, [self]);
  }
  return v;
}

export function* setattr(it: Interp, obj: PyValue, name: string, value: PyValue): Gen<void> {
  if (obj instanceof PyInstance) {
    const d = obj.cls.lookup(name);
    if (d instanceof PyDescriptor && d.kind === 'property') {
      if (!d.setter)
        throw pyErr(AttributeError, `property '${name}' of '${obj.cls.name}' object has no setter`);
      yield* it.call(d.setter, [obj, value]);
      return;
    }
    const sa = obj.cls.lookup('__setattr__');
    if (sa instanceof PyFunction) {
      yield* it.call(sa, [obj, name, value]);
      return;
    }
    if (obj instanceof PyExc && name === '__cause__') {
      obj.cause = value instanceof PyExc ? value : undefined;
      obj.suppressContext = true;
      return;
    }
    if (obj instanceof PyExc && name === 'args') {
      obj.args = [value];
      return;
    }
    obj.dict.set(name, value);
    return;
  }
  if (obj instanceof PyClass) {
    if (obj.native) throw pyErr(TypeError, `cannot set '${name}' attribute of immutable type '${obj.name}'`);
    obj.dict.set(name, value);
    return;
  }
  if (obj instanceof PyModule || obj instanceof PyFunction) {
    obj.dict.set(name, value);
    return;
  }
  const t = typeName(obj);
  if (typeOf(obj).lookup(name) !== undefined)
    throw pyErr(AttributeError, `'${t}' object attribute '${name}' is read-only`);
  throw pyErr(
    AttributeError,
    `'${t}' object has no attribute '${name}' and no __dict__ for setting new attributes`,
  );
}

export function delattr(obj: PyValue, name: string): void {
  if (
    (obj instanceof PyInstance ||
      obj instanceof PyModule ||
      obj instanceof PyClass ||
      obj instanceof PyFunction) &&
    obj.dict.delete(name)
  )
    return;
  throw attributeError(obj, name);
}

function classSpecial(c: PyClass, name: string): PyValue | undefined {
  switch (name) {
    case '__name__':
      return c.name;
    case '__qualname__':
      return c.dict.get('__qualname__') ?? c.name;
    case '__module__':
      return c.module;
    case '__doc__':
      return c.dict.get('__doc__') ?? None;
  }
  return undefined;
}

function funcSpecial(f: PyFunction, name: string): PyValue | undefined {
  switch (name) {
    case '__name__':
      return f.name;
    case '__qualname__':
      return f.qualname;
    case '__doc__':
      return None;
  }
  return undefined;
}

function excSpecial(e: PyExc, name: string): PyValue | undefined {
  switch (name) {
    case 'args':
      return new PyTuple(e.args);
    case '__cause__':
      return e.cause ?? None;
    case '__context__':
      return e.context ?? None;
    case '__suppress_context__':
      return e.suppressContext;
    case '__traceback__':
      return None;
    case 'code':
      return e.args.length === 0 ? None : e.args.length === 1 ? e.args[0] : new PyTuple(e.args);
    case 'value':
      return e.args[0] ?? None;
    case 'msg':
      return e.args[0] ?? None;
  }
  return undefined;
}

function valueSpecial(v: PyValue, name: string): PyValue | undefined {
  if (typeof v === 'bigint' || typeof v === 'boolean') {
    const n = typeof v === 'boolean' ? (v ? 1n : 0n) : v;
    if (name === 'real' || name === 'numerator') return n;
    if (name === 'imag') return 0n;
    if (name === 'denominator') return 1n;
  }
  if (typeof v === 'number') {
    if (name === 'real') return v;
    if (name === 'imag') return 0;
  }
  if (v instanceof PyBoundMethod) {
    if (name === '__self__') return v.self;
    if (name === '__func__') return v.func;
    if (name === '__name__') return v.func.name;
  }
  if (v instanceof PyBuiltin && name === '__name__') return v.name;
  return undefined;
}
