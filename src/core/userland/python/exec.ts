// Statement execution: assignments (with unpacking), control flow, function
// and class definitions, try/except/finally with exception chaining, with,
// imports, and the per-statement bookkeeping (CPU ticks, pending signals).
import { binopBuiltin, inplace } from './arith';
import type { Expr, Stmt } from './ast';
import { evalExpr, qualname, quick, type Ctx } from './eval';
import { isNumber } from './objects';
import { NotSimulated } from './interp';
import { delitem, getitem, isGen, iterate, setitem, truthy, unpack, type StepResult } from './protocols';
import { AssertionError, BaseException, newExc, pyErr, RuntimeError, TypeError } from './types';
import { None, PyClass, PyFunction, PyRaise, Scope, type Gen, type PyExc, type PyValue } from './values';

export const BREAK = 1;
export const CONTINUE = 2;
export interface Return {
  value: PyValue;
}
export type Completion = undefined | typeof BREAK | typeof CONTINUE | Return;

export function* execBlock(c: Ctx, body: Stmt[]): Gen<Completion> {
  for (const s of body) {
    const r = yield* execStmt(c, s);
    if (r !== undefined) return r;
  }
  return undefined;
}

export function* execStmt(c: Ctx, s: Stmt): Gen<Completion> {
  const it = c.it;
  if (c.f.temps.length) c.f.temps.length = 0;
  if (it.tickSync()) yield* it.slowTick();
  try {
    return yield* run(c, s);
  } catch (err) {
    if (err instanceof PyRaise) c.f.locate(err, s);
    else if (err instanceof NotSimulated) err.where ??= `${c.f.code.filename}, line ${s.line}`;
    throw err;
  }
}

function* run(c: Ctx, s: Stmt): Gen<Completion> {
  const it = c.it;
  switch (s.t) {
    case 'Expr': {
      const v = yield* evalExpr(c, s.value);
      if (it.interactive && c.s.kind === 'module' && c.f.parent === undefined) yield* it.displayHook(v);
      return;
    }
    case 'Assign': {
      const v = quick(c, s.value) ?? (yield* evalExpr(c, s.value));
      for (const t of s.targets) yield* assignAt(c, t, v);
      return;
    }
    case 'AugAssign': {
      const t = s.target;
      if (t.t === 'Name') {
        const cur = yield* evalExpr(c, t);
        const v = quick(c, s.value) ?? (yield* evalExpr(c, s.value));
        it.assignName(
          c,
          t.id,
          isNumber(cur) && isNumber(v) ? binopBuiltin(it, s.op, cur, v) : yield* inplace(it, s.op, cur, v),
        );
      } else if (t.t === 'Attribute') {
        const obj = yield* evalExpr(c, t.value);
        const cur = yield* it.getattr(obj, t.attr);
        const v = yield* evalExpr(c, s.value);
        yield* it.setattr(obj, t.attr, yield* inplace(it, s.op, cur, v));
      } else if (t.t === 'Subscript') {
        const obj = yield* evalExpr(c, t.value);
        const key = yield* evalExpr(c, t.index);
        let cur: PyValue;
        try {
          cur = yield* getitem(it, obj, key);
        } catch (err) {
          if (err instanceof PyRaise) c.f.locate(err, t);
          throw err;
        }
        const v = yield* evalExpr(c, s.value);
        yield* setitem(it, obj, key, yield* inplace(it, s.op, cur, v));
      }
      return;
    }
    case 'AnnAssign':
      if (s.value) yield* assignAt(c, s.target, yield* evalExpr(c, s.value));
      return;
    case 'If':
      if (yield* cond(c, s.test)) return yield* execBlock(c, s.body);
      return yield* execBlock(c, s.orelse);
    case 'While':
      while (yield* cond(c, s.test)) {
        const r = yield* execBlock(c, s.body);
        if (r === BREAK) return;
        if (r !== undefined && r !== CONTINUE) return r;
        if (it.tickSync()) yield* it.slowTick();
      }
      return yield* execBlock(c, s.orelse);
    case 'For': {
      const iterable = yield* evalExpr(c, s.iter);
      let next;
      try {
        next = yield* iterate(it, iterable);
      } catch (err) {
        if (err instanceof PyRaise) c.f.locate(err, s.iter);
        throw err;
      }
      for (;;) {
        let r: StepResult;
        try {
          const n = next();
          r = isGen<StepResult>(n) ? yield* n : n;
        } catch (err) {
          // FOR_ITER reports at the iterable (a dict changing size, a generator raising); 3.12 at the statement
          if (err instanceof PyRaise) c.f.locate(err, it.legacy ? s : s.iter);
          throw err;
        }
        if (r.done) break;
        yield* assignAt(c, s.target, r.value);
        const res = yield* execBlock(c, s.body);
        if (res === BREAK) return;
        if (res !== undefined && res !== CONTINUE) return res;
        if (it.tickSync()) yield* it.slowTick();
      }
      return yield* execBlock(c, s.orelse);
    }
    case 'FunctionDef': {
      if (s.isAsync) throw it.unsupported("'async def' functions");
      const fn = new PyFunction(s.name, qualname(c, s.name), s.params, s.body, s.scope, c.s, {
        filename: c.f.code.filename,
        name: s.name,
        lines: c.f.code.lines,
      });
      for (const a of s.params.args) if (a.default) fn.defaults.push(yield* evalExpr(c, a.default));
      for (const k of s.params.kwonly)
        if (k.default) fn.kwdefaults.set(k.name, yield* evalExpr(c, k.default));
      fn.dict.set('__module__', String(c.s.module.dict.get('__name__') ?? '__main__'));
      let v: PyValue = fn;
      for (const d of [...s.decorators].reverse()) v = yield* it.call(yield* evalExpr(c, d), [v]);
      it.assignName(c, s.name, v);
      return;
    }
    case 'ClassDef':
      yield* classDef(c, s);
      return;
    case 'Return':
      return { value: s.value ? yield* evalExpr(c, s.value) : None };
    case 'Pass':
      return;
    case 'Break':
      return BREAK;
    case 'Continue':
      return CONTINUE;
    case 'Raise':
      throw yield* raise(c, s);
    case 'Try':
      return yield* tryStmt(c, s);
    case 'Import':
      for (const a of s.names) {
        const mod = yield* it.importModule(a.name, c);
        if (a.asname) it.assignName(c, a.asname, yield* it.importModule(a.name, c, true));
        else it.assignName(c, a.name.split('.')[0], mod);
      }
      return;
    case 'ImportFrom':
      yield* it.importFrom(c, s);
      return;
    case 'Global':
    case 'Nonlocal':
      return;
    case 'Delete':
      for (const t of s.targets) yield* deleteTarget(c, t);
      return;
    case 'Assert':
      if (!(yield* truthy(it, yield* evalExpr(c, s.test)))) {
        const e = s.msg ? newExc(AssertionError, yield* evalExpr(c, s.msg)) : newExc(AssertionError);
        const r = new PyRaise(e);
        c.f.locate(r, s.test);
        throw r;
      }
      return;
    case 'With':
      return yield* withStmt(c, s, 0);
    case 'Unsupported':
      throw it.unsupported(s.what);
  }
}

export function* assignAt(c: Ctx, t: Expr, v: PyValue): Gen<void> {
  try {
    yield* c.it.assign(c, t, v);
  } catch (err) {
    if (err instanceof PyRaise) c.f.locate(err, t);
    throw err;
  }
}

/** A test's truth value, without generators for the common cases. */
function* cond(c: Ctx, e: Expr): Gen<boolean> {
  const v = quick(c, e) ?? (yield* evalExpr(c, e));
  if (typeof v === 'boolean') return v;
  return yield* truthy(c.it, v);
}

/** Bind a value to an assignment target (names, attributes, items, unpacking). */
export function* assign(c: Ctx, t: Expr, v: PyValue): Gen<void> {
  const it = c.it;
  switch (t.t) {
    case 'Name':
      it.assignName(c, t.id, v);
      return;
    case 'Attribute':
      yield* it.setattr(yield* evalExpr(c, t.value), t.attr, v);
      return;
    case 'Subscript': {
      const obj = yield* evalExpr(c, t.value);
      const key = yield* evalExpr(c, t.index);
      yield* setitem(it, obj, key, v);
      return;
    }
    case 'Tuple':
    case 'List': {
      const star = t.elts.findIndex((x) => x.t === 'Starred');
      const vals = yield* unpack(it, v, t.elts.length, star);
      for (let i = 0; i < t.elts.length; i++) {
        const x = t.elts[i];
        yield* assign(c, x.t === 'Starred' ? x.value : x, vals[i]);
      }
      return;
    }
    case 'Starred':
      return yield* assign(c, t.value, v);
    default:
      throw pyErr(TypeError, 'cannot assign');
  }
}

function* deleteTarget(c: Ctx, t: Expr): Gen<void> {
  const it = c.it;
  if (t.t === 'Name') {
    yield* evalExpr(c, t);
    let s = c.s;
    if (s.kind === 'function' && s.info?.globals.has(t.id))
      s = new Scope('module', s.module.dict, undefined, undefined, s.module);
    s.vars.delete(t.id);
  } else if (t.t === 'Attribute') yield* it.delattr(yield* evalExpr(c, t.value), t.attr);
  else if (t.t === 'Subscript') {
    const obj = yield* evalExpr(c, t.value);
    yield* delitem(it, obj, yield* evalExpr(c, t.index));
  } else if (t.t === 'Tuple' || t.t === 'List') for (const x of t.elts) yield* deleteTarget(c, x);
}

function* raise(c: Ctx, s: Stmt & { t: 'Raise' }): Gen<PyRaise> {
  const it = c.it;
  if (!s.exc) {
    const cur = it.handling[it.handling.length - 1];
    if (!cur) return pyErr(RuntimeError, 'No active exception to reraise');
    // a bare raise re-raises without a new traceback entry for this frame
    cur.exc.tbFrame = c.f;
    return cur;
  }
  const e = yield* it.toException(yield* evalExpr(c, s.exc), 'exceptions must derive from BaseException');
  if (s.cause) {
    const cause = yield* evalExpr(c, s.cause);
    if (cause === None) e.cause = undefined;
    else e.cause = yield* it.toException(cause, 'exception causes must derive from BaseException');
    e.suppressContext = true;
  }
  e.tbFrame = undefined;
  const r = new PyRaise(e);
  c.f.locate(r, s);
  return r;
}

function* tryStmt(c: Ctx, s: Stmt & { t: 'Try' }): Gen<Completion> {
  const it = c.it;
  let result: Completion;
  let pending: unknown;
  let hasPending = false;
  try {
    result = yield* execBlock(c, s.body);
    if (result === undefined && s.orelse.length) result = yield* execBlock(c, s.orelse);
  } catch (err) {
    if (!(err instanceof PyRaise)) throw err;
    let handled = false;
    for (const h of s.handlers) {
      if (h.type && !(yield* matches(c, h.type, err.exc))) continue;
      handled = true;
      err.exc.tbFrame = undefined;
      it.handling.push(err);
      try {
        if (h.name) it.assignName(c, h.name, err.exc);
        result = yield* execBlock(c, h.body);
      } catch (inner) {
        if (
          inner instanceof PyRaise &&
          inner.exc !== err.exc &&
          !inner.exc.context &&
          !chainHas(inner.exc, err.exc)
        )
          inner.exc.context = err.exc;
        if (s.finalbody.length) {
          pending = inner;
          hasPending = true;
        } else throw inner;
      } finally {
        it.handling.pop();
        if (h.name) c.s.vars.delete(h.name);
      }
      break;
    }
    if (!handled) {
      if (!s.finalbody.length) throw err;
      pending = err;
      hasPending = true;
    }
  }
  if (s.finalbody.length) {
    let fin: Completion;
    try {
      fin = yield* execBlock(c, s.finalbody);
    } catch (err) {
      if (err instanceof PyRaise && hasPending && pending instanceof PyRaise && err.exc !== pending.exc)
        err.exc.context ??= pending.exc;
      throw err;
    }
    if (fin !== undefined) return fin;
    if (hasPending) throw pending;
  }
  return result;
}

function chainHas(e: PyExc, target: PyExc): boolean {
  for (let x: PyExc | undefined = e; x; x = x.context) if (x === target) return true;
  return false;
}

function* matches(c: Ctx, typeExpr: Expr, exc: PyExc): Gen<boolean> {
  const t = yield* evalExpr(c, typeExpr);
  const classes =
    t instanceof PyClass
      ? [t]
      : t && typeof t === 'object' && 'items' in t
        ? (t as { items: PyValue[] }).items
        : [t];
  for (const k of classes) {
    if (!(k instanceof PyClass) || !k.isSubclassOf(BaseException)) {
      throw pyErr(TypeError, 'catching classes that do not inherit from BaseException is not allowed');
    }
    if (exc.cls.isSubclassOf(k)) return true;
  }
  return false;
}

function* withStmt(c: Ctx, s: Stmt & { t: 'With' }, i: number): Gen<Completion> {
  const it = c.it;
  if (i >= s.items.length) return yield* execBlock(c, s.body);
  const item = s.items[i];
  const mgr = yield* evalExpr(c, item.expr);
  const enter = yield* it.getattrOrUndefined(mgr, '__enter__');
  const exit = yield* it.getattrOrUndefined(mgr, '__exit__');
  if (!enter || !exit) {
    throw pyErr(TypeError, `'${it.typeName(mgr)}' object does not support the context manager protocol`);
  }
  const v = yield* it.call(enter, []);
  if (item.target) yield* assignAt(c, item.target, v);
  let r: Completion;
  try {
    r = yield* withStmt(c, s, i + 1);
  } catch (err) {
    if (!(err instanceof PyRaise)) throw err;
    const suppress = yield* it.call(exit, [err.exc.cls, err.exc, None]);
    if (yield* truthy(it, suppress)) return undefined;
    throw err;
  }
  yield* it.call(exit, [None, None, None]);
  return r;
}

function* classDef(c: Ctx, s: Stmt & { t: 'ClassDef' }): Gen<void> {
  const it = c.it;
  const bases: PyClass[] = [];
  for (const b of s.bases) {
    const v = yield* evalExpr(c, b);
    if (!(v instanceof PyClass)) throw pyErr(TypeError, 'bases must be types');
    bases.push(v);
  }
  const modName = String(c.s.module.dict.get('__name__') ?? '__main__');
  const cls = new PyClass(s.name, bases.length ? bases : [it.objectType], modName);
  const qn = qualname(c, s.name);
  const ns = new Map<string, PyValue>([
    ['__module__', modName],
    ['__qualname__', qn],
  ]);
  const scope = new Scope('class', ns, c.s, undefined, c.s.module, qn);
  yield* execBlock({ ...c, s: scope }, s.body);
  for (const [k, v] of ns) {
    cls.dict.set(k, v);
    if (v instanceof PyFunction) v.definingClass = cls;
  }
  let v: PyValue = cls;
  for (const d of [...s.decorators].reverse()) v = yield* it.call(yield* evalExpr(c, d), [v]);
  it.assignName(c, s.name, v);
}
