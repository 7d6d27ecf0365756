// Expression evaluation. Each node that fails records itself in the frame's
// traceback entry, so the carets land where CPython puts them (the innermost
// failing expression of the frame). Comprehensions run inline in their own
// scope, as CPython 3.12+ inlines them.
import { binop, binopBuiltin, unary } from './arith';
import type { Comprehension, Expr, FormattedValue } from './ast';
import { compare, compareSimple } from './compare';
import { NotSimulated, type Interp } from './interp';
import { formatValue } from './format-spec';
import { dictSet, hashKey, isNumber, setAdd } from './objects';
import { getitem, isGen, iterate, toArray, truthy, type Next, type StepResult } from './protocols';
import { Frame } from './frame';
import { makeGenerator } from './generators';
import { repr, str } from './repr';
import { NameError, newExc, pyErr, TypeError, UnboundLocalError } from './types';
import {
  Ellipsis,
  None,
  PyBuiltin,
  PyBytes,
  PyDict,
  PyFunction,
  PyList,
  PyRaise,
  PySet,
  PySlice,
  PyTuple,
  Scope,
  YieldOut,
  type Gen,
  type PyValue,
} from './values';

export interface Ctx {
  it: Interp;
  f: Frame;
  s: Scope;
}

/** Constants and names need no generator: the hot paths of loops try this first. */
export function quick(c: Ctx, e: Expr): PyValue | undefined {
  if (e.t === 'Name') return lookupOrUndefined(c.s, e.id, c.it.builtins);
  if (e.t === 'Constant') {
    const v = e.value;
    if (v.k === 'int' || v.k === 'float' || v.k === 'str' || v.k === 'bool') return v.v;
    if (v.k === 'None') return None;
  }
  return undefined;
}

export function* evalExpr(c: Ctx, e: Expr): Gen<PyValue> {
  try {
    return yield* evalNode(c, e);
  } catch (err) {
    if (err instanceof PyRaise) c.f.locate(err, e);
    else if (err instanceof NotSimulated) err.where ??= `${c.f.code.filename}, line ${e.line}`;
    throw err;
  }
}

function* evalNode(c: Ctx, e: Expr): Gen<PyValue> {
  switch (e.t) {
    case 'Constant': {
      const v = e.value;
      switch (v.k) {
        case 'int':
        case 'float':
        case 'str':
        case 'bool':
          return v.v;
        case 'None':
          return None;
        case 'Ellipsis':
          return Ellipsis;
        case 'bytes':
          return new PyBytes(v.v, false);
        default:
          throw c.it.unsupported('complex numbers');
      }
    }
    case 'Name':
      return lookup(c, e.id);
    case 'JoinedStr':
      return yield* joined(c, e.parts);
    case 'Attribute':
      return yield* c.it.getattr(quick(c, e.value) ?? (yield* evalExpr(c, e.value)), e.attr);
    case 'Subscript': {
      const obj = quick(c, e.value) ?? (yield* evalExpr(c, e.value));
      const key = quick(c, e.index) ?? (yield* evalExpr(c, e.index));
      return yield* getitem(c.it, obj, key);
    }
    case 'Slice':
      return new PySlice(
        e.lower ? yield* evalExpr(c, e.lower) : None,
        e.upper ? yield* evalExpr(c, e.upper) : None,
        e.step ? yield* evalExpr(c, e.step) : None,
      );
    case 'Call':
      return yield* call(c, e);
    case 'BinOp': {
      const a = quick(c, e.left) ?? (yield* evalExpr(c, e.left));
      const b = quick(c, e.right) ?? (yield* evalExpr(c, e.right));
      if (isNumber(a) && isNumber(b)) return binopBuiltin(c.it, e.op, a, b);
      return yield* binop(c.it, e.op, a, b);
    }
    case 'UnaryOp': {
      const v = yield* evalExpr(c, e.operand);
      if (e.op === 'not') return !(yield* truthy(c.it, v));
      return yield* unary(c.it, e.op, v);
    }
    case 'BoolOp': {
      let v: PyValue = None;
      for (const x of e.values) {
        v = yield* evalExpr(c, x);
        const t = yield* truthy(c.it, v);
        if (e.op === 'and' ? !t : t) return v;
      }
      return v;
    }
    case 'Compare': {
      let left = quick(c, e.left) ?? (yield* evalExpr(c, e.left));
      for (let i = 0; i < e.ops.length; i++) {
        const right = quick(c, e.comparators[i]) ?? (yield* evalExpr(c, e.comparators[i]));
        const fast = compareSimple(e.ops[i], left, right);
        if (!(fast ?? (yield* compare(c.it, e.ops[i], left, right)))) return false;
        left = right;
      }
      return true;
    }
    case 'IfExp':
      return (yield* truthy(c.it, yield* evalExpr(c, e.test)))
        ? yield* evalExpr(c, e.body)
        : yield* evalExpr(c, e.orelse);
    case 'Lambda': {
      const fn = new PyFunction('<lambda>', qualname(c, '<lambda>'), e.params, e.body, e.scope, c.s, {
        filename: c.f.code.filename,
        name: '<lambda>',
        lines: c.f.code.lines,
      });
      fn.defaults = yield* evalDefaults(
        c,
        e.params.args.map((a) => a.default),
      );
      for (const k of e.params.kwonly)
        if (k.default) fn.kwdefaults.set(k.name, yield* evalExpr(c, k.default));
      return fn;
    }
    case 'List':
      return new PyList(yield* elements(c, e.elts));
    case 'Tuple':
      return new PyTuple(yield* elements(c, e.elts));
    case 'Set': {
      const s = new PySet();
      for (const v of yield* elements(c, e.elts)) setAdd(s, v);
      return s;
    }
    case 'Dict': {
      const d = new PyDict();
      for (let i = 0; i < e.keys.length; i++) {
        const k = e.keys[i];
        if (k === null) {
          const m = yield* evalExpr(c, e.values[i]);
          if (!(m instanceof PyDict)) throw pyErr(TypeError, `'${c.it.typeName(m)}' object is not a mapping`);
          for (const [kk, vv] of m.map.values()) dictSet(d, kk, vv);
        } else {
          const kv = yield* evalExpr(c, k);
          const vv = yield* evalExpr(c, e.values[i]);
          dictSet(d, kv, vv);
        }
      }
      return d;
    }
    case 'ListComp':
    case 'SetComp':
    case 'GeneratorExp':
    case 'DictComp':
      return yield* comprehension(c, e);
    case 'Starred':
      throw c.it.syntaxRuntime("can't use starred expression here", e);
    case 'NamedExpr': {
      const v = yield* evalExpr(c, e.value);
      if (e.target.t === 'Name') {
        let s = c.s;
        while (s.kind === 'comp' && s.parent) s = s.parent;
        c.it.assignName({ ...c, s }, e.target.id, v);
      }
      return v;
    }
    case 'Yield': {
      const v = e.value ? yield* evalExpr(c, e.value) : None;
      const sent = yield new YieldOut(v);
      return (sent as PyValue | undefined) ?? None;
    }
    case 'YieldFrom': {
      const next = yield* iterate(c.it, yield* evalExpr(c, e.value));
      for (;;) {
        let r = next();
        if (isGen<StepResult>(r)) r = yield* r;
        if (r.done) return None;
        yield new YieldOut(r.value);
      }
    }
    case 'Unsupported':
      throw c.it.unsupported(e.what);
  }
}

export function qualname(c: Ctx, name: string): string {
  const parts: string[] = [];
  for (let s: Scope | undefined = c.s; s && s.kind !== 'module'; s = s.parent) {
    if (s.kind === 'function') parts.unshift(`${s.qualname ?? c.f.code.name}.<locals>`);
    if (s.kind === 'class') parts.unshift(s.qualname ?? '');
    if (s.kind === 'function' || s.kind === 'class') break;
  }
  return [...parts, name].join('.');
}

function* evalDefaults(c: Ctx, ds: Array<Expr | undefined>): Gen<PyValue[]> {
  const out: PyValue[] = [];
  for (const d of ds) if (d) out.push(yield* evalExpr(c, d));
  return out;
}

function* elements(c: Ctx, elts: Expr[]): Gen<PyValue[]> {
  const out: PyValue[] = [];
  for (const x of elts) {
    if (x.t === 'Starred')
      out.push(
        ...(yield* toArray(
          c.it,
          yield* evalExpr(c, x.value),
          `Value after * must be an iterable, not ${c.it.typeName(yield* evalExpr(c, x.value))}`,
        )),
      );
    else out.push(yield* evalExpr(c, x));
  }
  return out;
}

function* joined(c: Ctx, parts: Array<string | FormattedValue>): Gen<string> {
  let out = '';
  for (const p of parts) {
    if (typeof p === 'string') {
      out += p;
      continue;
    }
    const v = yield* evalExpr(c, p.expr);
    if (p.debug) out += p.debug;
    const conv =
      p.conversion === 'r' || p.conversion === 'a'
        ? yield* repr(c.it, v)
        : p.conversion === 's'
          ? yield* str(c.it, v)
          : v;
    const spec = p.spec ? yield* evalExpr(c, p.spec) : '';
    out += yield* formatValue(c.it, conv, typeof spec === 'string' ? spec : '');
  }
  return out;
}

export function lookup(c: Ctx, name: string): PyValue {
  const v = lookupOrUndefined(c.s, name, c.it.builtins);
  if (v !== undefined) return v;
  throw nameError(c, name);
}

function nameError(c: Ctx, name: string): PyRaise {
  for (let s: Scope | undefined = c.s; s; s = s.parent) {
    if (s.kind === 'function' && s.info?.locals.has(name)) {
      if (s === c.s || (c.s.kind === 'comp' && isInnerComp(c.s, s))) {
        return pyErr(
          UnboundLocalError,
          `cannot access local variable '${name}' where it is not associated with a value`,
        );
      }
      return pyErr(
        NameError,
        `cannot access free variable '${name}' where it is not associated with a value in enclosing scope`,
      );
    }
    if (s.kind === 'function' && s.info?.globals.has(name)) break;
  }
  const exc = newExc(NameError, `name '${name}' is not defined`);
  exc.dict.set('name', name);
  const names: string[] = [];
  for (let s: Scope | undefined = c.s; s; s = s.parent) names.push(...s.vars.keys());
  names.push(...c.s.module.dict.keys(), ...c.it.builtins.keys());
  exc.candidates = [...new Set(names)];
  return new PyRaise(exc);
}

function isInnerComp(s: Scope, fn: Scope): boolean {
  for (let x: Scope | undefined = s; x; x = x.parent) if (x === fn) return true;
  return false;
}

/** Python's LEGB lookup with function-local names decided at compile time. */
export function lookupOrUndefined(
  s: Scope,
  name: string,
  builtins: Map<string, PyValue>,
): PyValue | undefined {
  let scope: Scope | undefined = s;
  let first = true;
  while (scope) {
    switch (scope.kind) {
      case 'comp': {
        const v = scope.vars.get(name);
        if (v !== undefined) return v;
        break;
      }
      case 'class':
        if (first) {
          const v = scope.vars.get(name);
          if (v !== undefined) return v;
        }
        break;
      case 'function':
        if (scope.info?.globals.has(name)) return scope.module.dict.get(name) ?? builtins.get(name);
        if (scope.info?.locals.has(name)) return scope.vars.get(name);
        break;
      case 'module':
        return scope.vars.get(name) ?? builtins.get(name);
    }
    if (scope.kind !== 'comp') first = false;
    scope = scope.parent;
  }
  return builtins.get(name);
}

function* call(c: Ctx, e: Expr & { t: 'Call' }): Gen<PyValue> {
  // super() with no arguments needs the frame's class and first argument
  if (e.func.t === 'Name' && e.func.id === 'super' && e.args.length === 0) {
    return c.it.zeroArgSuper(c);
  }
  const fn = quick(c, e.func) ?? (yield* evalExpr(c, e.func));
  const args: PyValue[] = [];
  for (const a of e.args) {
    const q = quick(c, a);
    if (q !== undefined) args.push(q);
    else if (a.t === 'Starred') {
      const v = yield* evalExpr(c, a.value);
      args.push(
        ...(yield* toArray(
          c.it,
          v,
          `${yield* c.it.funcName(fn)} argument after * must be an iterable, not ${c.it.typeName(v)}`,
        )),
      );
    } else args.push(yield* evalExpr(c, a));
  }
  let kwargs: Map<string, PyValue> | undefined;
  for (const k of e.keywords) {
    kwargs ??= new Map();
    const v = yield* evalExpr(c, k.value);
    if (k.name !== undefined) {
      if (kwargs.has(k.name))
        throw pyErr(
          TypeError,
          `${yield* c.it.funcName(fn)} got multiple values for keyword argument '${k.name}'`,
        );
      kwargs.set(k.name, v);
    } else {
      if (!(v instanceof PyDict))
        throw pyErr(
          TypeError,
          `${yield* c.it.funcName(fn)} argument after ** must be a mapping, not ${c.it.typeName(v)}`,
        );
      for (const [kk, vv] of v.map.values()) {
        if (typeof kk !== 'string') throw pyErr(TypeError, 'keywords must be strings');
        if (kwargs.has(kk))
          throw pyErr(
            TypeError,
            `${yield* c.it.funcName(fn)} got multiple values for keyword argument '${kk}'`,
          );
        kwargs.set(kk, vv);
      }
    }
  }
  if (fn instanceof PyBuiltin) {
    const r = fn.fn(c.it, args, kwargs ?? NO_KW);
    return isGen<PyValue>(r) ? yield* r : r;
  }
  if (fn instanceof PyFunction) return yield* c.it.callFunction(fn, args, kwargs);
  return yield* c.it.call(fn, args, kwargs);
}

const NO_KW = new Map<string, PyValue>();

function* comprehension(
  c: Ctx,
  e: Expr & { t: 'ListComp' | 'SetComp' | 'GeneratorExp' | 'DictComp' },
): Gen<PyValue> {
  const scope = new Scope('comp', new Map(), c.s, undefined, c.s.module);
  const inner: Ctx = { ...c, s: scope };
  const list: PyValue[] = [];
  const dict = new PyDict();
  const set = new PySet();
  // the first iterable is evaluated in the enclosing scope
  const first = yield* evalExpr(c, e.generators[0].iter);
  if (e.t === 'GeneratorExp') {
    // a generator expression runs lazily, in a frame of its own
    const frame = new Frame(
      { filename: c.f.code.filename, name: '<genexpr>', lines: c.f.code.lines },
      scope,
      c.f,
      c.f.depth + 1,
    );
    const g: Ctx = { it: c.it, f: frame, s: scope };
    const firstIter = yield* iterate(c.it, first);
    return makeGenerator(c.it, frame, () => genexpr(g, e, 0, firstIter), qualname(c, '<genexpr>'));
  }
  const loop = function* (gi: number, iterable: PyValue): Gen<void> {
    const g: Comprehension = e.generators[gi];
    const next = yield* iterate(c.it, iterable);
    for (;;) {
      let r = next();
      if (isGen<StepResult>(r)) r = yield* r;
      if (r.done) return;
      if (c.it.tickSync()) yield* c.it.slowTick();
      yield* c.it.assign(inner, g.target, r.value);
      let ok = true;
      for (const cond of g.ifs) {
        if (!(yield* truthy(c.it, yield* evalExpr(inner, cond)))) {
          ok = false;
          break;
        }
      }
      if (!ok) continue;
      if (gi + 1 < e.generators.length) {
        yield* loop(gi + 1, yield* evalExpr(inner, e.generators[gi + 1].iter));
        continue;
      }
      if (e.t === 'DictComp') {
        const k = yield* evalExpr(inner, e.key);
        dictSet(dict, k, yield* evalExpr(inner, e.value));
      } else {
        const v = yield* evalExpr(inner, e.elt);
        if (e.t === 'SetComp') setAdd(set, v);
        else list.push(v);
      }
    }
  };
  try {
    yield* loop(0, first);
  } catch (err) {
    if (err instanceof PyRaise && e.generators[0] && err.exc.tb.length === 0)
      c.f.locate(err, e.generators[0].iter);
    throw err;
  }
  if (e.t === 'DictComp') return dict;
  if (e.t === 'SetComp') return set;
  return new PyList(list);
}

/** The loops of a generator expression, yielding each element. */
function* genexpr(
  c: Ctx,
  e: Expr & { t: 'ListComp' | 'SetComp' | 'GeneratorExp' },
  gi: number,
  next: Next,
): Gen<void> {
  const g: Comprehension = e.generators[gi];
  for (;;) {
    let r = next();
    if (isGen<StepResult>(r)) r = yield* r;
    if (r.done) return;
    if (c.it.tickSync()) yield* c.it.slowTick();
    yield* c.it.assign(c, g.target, r.value);
    let ok = true;
    for (const cond of g.ifs) {
      if (!(yield* truthy(c.it, yield* evalExpr(c, cond)))) {
        ok = false;
        break;
      }
    }
    if (!ok) continue;
    if (gi + 1 < e.generators.length) {
      yield* genexpr(c, e, gi + 1, yield* iterate(c.it, yield* evalExpr(c, e.generators[gi + 1].iter)));
      continue;
    }
    yield new YieldOut(yield* evalExpr(c, e.elt));
  }
}

export { hashKey };
