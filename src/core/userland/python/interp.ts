// The interpreter: calls (functions, builtins, classes), attribute access,
// name binding, the per-statement tick (CPU time on the world's clock, Python
// signal handlers), memory charging, and the driver that runs the suspendable
// evaluation against the process's promises.
import type { Expr, Stmt } from './ast';
import { attributeError, delattr, dir, getattr, getattrOrUndefined, setattr } from './attrs';
import { bindArgs } from './calls';
import { evalExpr, lookupOrUndefined, type Ctx } from './eval';
import { assign as assignTarget, execBlock } from './exec';
import { Frame } from './frame';
import { importFrom, importModule } from './imports';
import { makeGenerator } from './generators';
import { MemoryTracker } from './memory';
import { isInstance, typeName } from './objects';
import { isGen } from './protocols';
import {
  BaseException,
  KeyboardInterrupt,
  objectType,
  pyErr,
  RecursionError,
  RuntimeError,
  SyntaxErrorType,
  TypeError,
} from './types';
import type { PyModule, PyRaise } from './values';
import {
  None,
  PyBoundMethod,
  PyBuiltin,
  PyClass,
  PyDescriptor,
  PyExc,
  PyFunction,
  PyInstance,
  PyObject,
  PySuper,
  Scope,
  YieldOut,
  type Gen,
  type PyValue,
  type Rt,
} from './values';
import type { UserContext } from '../types';
import type { LibFrame } from './modules/lib-frames';

/** Raised for Python features outside the subset: not catchable by `except`, reported plainly. */
export class NotSimulated {
  /** Where it was met ("/app/x.py, line 3"). */
  where: string | undefined;
  constructor(readonly what: string) {}
}

/** Simulated CPU cost of one statement or loop step (CPython runs tens of millions a second; this is one). */
export const STEP_MICROS = 1;
const STEP_BATCH = 10_000;
/** Python calls between two fresh JS stacks. */
const STACK_BREAK = 40;

export interface InterpOptions {
  ctx: UserContext;
  version: string;
  /** sys.path. */
  path: string[];
  /** Native module factories by name. */
  natives: Map<string, (it: Interp, file: string | undefined) => PyModule | Gen<PyModule>>;
  builtins: (it: Interp) => Map<string, PyValue>;
}

export type ConstructorFn = (
  it: Interp,
  cls: PyClass,
  args: PyValue[],
  kwargs: Map<string, PyValue>,
) => PyValue | Gen<PyValue>;

/** Constructors of builtin types (int(), list(), ...), registered by builtins.ts. */
export const CONSTRUCTORS = new Map<PyClass, ConstructorFn>();

const NO_KW = new Map<string, PyValue>();

export class Interp implements Rt {
  readonly ctx: UserContext;
  readonly version: string;
  readonly builtins: Map<string, PyValue>;
  readonly modules = new Map<string, PyModule>();
  readonly natives: InterpOptions['natives'];
  readonly path: string[];
  readonly objectType = objectType;
  /** Exceptions being handled by `except` blocks (innermost last). */
  readonly handling: PyRaise[] = [];
  interactive = false;
  /** Python 3.12's positions and traceback format. */
  legacy = false;
  /** The source of `-c` (what linecache returns for "<string>"). */
  commandSource: readonly string[] = [];
  /** The stdlib directory and the first site-packages directory (library frames in tracebacks name them). */
  stdlib = '';
  sitePackages = '';
  frame: Frame | undefined;
  recursionLimit = 1000;
  private steps = 0;
  private burning: Promise<void> | undefined;
  readonly memory: MemoryTracker;
  /** Python-level signal handlers (signal.signal); SIGINT defaults to raising KeyboardInterrupt. */
  readonly signalHandlers = new Map<number, PyValue>();
  private pendingSignals: number[] = [];
  private wake: (() => void) | undefined;

  constructor(o: InterpOptions) {
    this.ctx = o.ctx;
    this.version = o.version;
    this.natives = o.natives;
    this.path = o.path;
    this.memory = new MemoryTracker(
      (n) => this.ctx.alloc(n),
      (n) => this.ctx.free(n),
      () => this.roots(),
    );
    this.builtins = o.builtins(this);
  }

  // ---- running code ----

  /** Run a generator to completion, waiting on the promises it yields and running signal handlers meanwhile. */
  async drive<T>(g: Gen<T>): Promise<T> {
    let input: { err: false; v: unknown } | { err: true; e: unknown } = { err: false, v: undefined };
    for (;;) {
      const r = input.err ? g.throw(input.e) : g.next(input.v);
      if (r.done) return r.value;
      if (r.value instanceof YieldOut) throw new Error('a generator value reached the driver');
      input = await this.settle(r.value);
    }
  }

  private async settle(p: Promise<unknown>): Promise<{ err: false; v: unknown } | { err: true; e: unknown }> {
    const done = p.then(
      (v) => ({ err: false as const, v }),
      (e: unknown) => ({ err: true as const, e }),
    );
    for (;;) {
      if (this.pendingSignals.length) {
        try {
          await this.drive(this.checkSignals());
        } catch (e) {
          // the handler raised (KeyboardInterrupt, SystemExit): it replaces the wait
          void done;
          return { err: true, e };
        }
      }
      const woken = new Promise<'signal'>((res) => (this.wake = () => res('signal')));
      const r = await Promise.race([done, woken]);
      this.wake = undefined;
      if (r !== 'signal') return r;
    }
  }

  /** A promise the evaluation must wait for (the process's own waits are guarded against its death). */
  *wait<T>(p: Promise<T>): Gen<T> {
    return (yield this.ctx.wait(p)) as T;
  }

  onSignal(sig: number): void {
    this.pendingSignals.push(sig);
    this.wake?.();
  }

  *checkSignals(): Gen<void> {
    while (this.pendingSignals.length) {
      const sig = this.pendingSignals.shift()!;
      const h = this.signalHandlers.get(sig);
      if (h === undefined) throw pyErr(KeyboardInterrupt);
      if (h instanceof PyObject || typeof h !== 'bigint') yield* this.call(h, [BigInt(sig), None]);
    }
  }

  /** Count one step of work; true when the caller must run slowTick() (signals pending, or a batch of CPU time to account). */
  tickSync(): boolean {
    if (this.pendingSignals.length) return true;
    return ++this.steps % STEP_BATCH === 0;
  }

  /**
   * Python signal handlers run here; every batch of steps costs CPU time on
   * the world's clock. The CPU time of a batch is taken while the next batch
   * computes (the process is on a CPU meanwhile, for the cgroup's accounting),
   * and waited for at the end of it, so cpu.max throttles the program. One
   * batch burns at a time: the interpreter is one thread (one CPU at most).
   */
  *slowTick(): Gen<void> {
    if (this.pendingSignals.length) yield* this.checkSignals();
    if (this.steps % STEP_BATCH === 0) {
      this.steps++;
      if (this.memory.size) this.memory.collect();
      const previous = this.burning;
      this.burning = undefined;
      if (previous) yield previous;
      this.burning = this.ctx.spin((STEP_BATCH * STEP_MICROS) / 1000);
      // a process that dies with CPU time pending leaves nobody to hear the rejection
      this.burning.catch(() => undefined);
    }
  }

  *tick(): Gen<void> {
    if (this.tickSync()) yield* this.slowTick();
  }

  track(obj: PyObject, bytes: number): void {
    this.frame?.temps.push(obj);
    this.memory.track(obj, bytes);
  }

  private *roots(): Iterable<PyValue | Scope> {
    for (const m of this.modules.values()) yield m;
    for (let f = this.frame; f; f = f.parent) {
      yield f.scope;
      yield* f.temps;
    }
    for (const h of this.handling) yield h.exc;
  }

  /** Execute a module's statements in a fresh frame. */
  *runModule(
    body: Stmt[],
    module: PyModule,
    code: { filename: string; lines: readonly string[] },
  ): Gen<void> {
    const scope = new Scope('module', module.dict, undefined, undefined, module);
    const frame = new Frame(
      { filename: code.filename, name: '<module>', lines: code.lines },
      scope,
      this.frame,
      (this.frame?.depth ?? 0) + 1,
    );
    const saved = this.frame;
    this.frame = frame;
    try {
      yield* execBlock({ it: this, f: frame, s: scope }, body);
    } finally {
      this.frame = saved;
    }
  }

  // ---- calling ----

  *call(fn: PyValue, args: PyValue[], kwargs?: Map<string, PyValue>): Gen<PyValue> {
    if (fn instanceof PyFunction) return yield* this.callFunction(fn, args, kwargs);
    if (fn instanceof PyBuiltin) {
      const r = fn.fn(this, args, kwargs ?? NO_KW);
      return isGen<PyValue>(r) ? yield* r : r;
    }
    if (fn instanceof PyBoundMethod) return yield* this.call(fn.func, [fn.self, ...args], kwargs);
    if (fn instanceof PyClass) return yield* this.instantiate(fn, args, kwargs ?? NO_KW);
    if (fn instanceof PyInstance) {
      const m = fn.cls.lookup('__call__');
      if (m) return yield* this.call(m, [fn, ...args], kwargs);
    }
    if (fn instanceof PyDescriptor && fn.kind === 'staticmethod')
      return yield* this.call(fn.func, args, kwargs);
    throw pyErr(TypeError, `'${typeName(fn)}' object is not callable`);
  }

  *callFunction(fn: PyFunction, args: PyValue[], kwargs: Map<string, PyValue> | undefined): Gen<PyValue> {
    const bound = bindArgs(fn, args, kwargs);
    const depth = (this.frame?.depth ?? 0) + 1;
    if (depth > this.recursionLimit) throw pyErr(RecursionError, 'maximum recursion depth exceeded');
    const scope = new Scope('function', bound, fn.closure, fn.scopeInfo, fn.closure.module, fn.qualname);
    const frame = new Frame(fn.code, scope, this.frame, depth);
    if (fn.definingClass) frame.definingClass = fn.definingClass;
    const saved = this.frame;
    this.frame = frame;
    const c: Ctx = { it: this, f: frame, s: scope };
    if (fn.scopeInfo.generator) {
      // a generator function: the body runs only as the generator is iterated
      this.frame = saved;
      return makeGenerator(this, frame, () => execBlock(c, fn.body as Stmt[]), fn.qualname);
    }
    try {
      // deep recursion would exhaust the JS stack (each Python call nests several generators):
      // every so often the callee runs from a fresh stack, driven on its own
      if (depth % STACK_BREAK === 0)
        return (yield Promise.resolve().then(() => this.drive(this.runBody(fn, c)))) as PyValue;
      return yield* this.runBody(fn, c);
    } catch (e) {
      if (e instanceof RangeError) throw pyErr(RecursionError, 'maximum recursion depth exceeded');
      throw e;
    } finally {
      this.frame = saved;
    }
  }

  private *runBody(fn: PyFunction, c: Ctx): Gen<PyValue> {
    if (Array.isArray(fn.body)) {
      const r = yield* execBlock(c, fn.body as Stmt[]);
      return r !== undefined && typeof r === 'object' ? r.value : None;
    }
    return yield* evalExpr(c, fn.body as Expr);
  }

  private *instantiate(cls: PyClass, args: PyValue[], kwargs: Map<string, PyValue>): Gen<PyValue> {
    if (cls.native) {
      const ctor = CONSTRUCTORS.get(cls);
      if (!ctor) throw pyErr(TypeError, `cannot create '${cls.name}' instances`);
      const r = ctor(this, cls, args, kwargs);
      return isGen<PyValue>(r) ? yield* r : r;
    }
    const isExc = cls.isSubclassOf(BaseException);
    if (!isExc && cls.mro.some((k) => k.native && k !== objectType))
      throw this.unsupported(
        `subclasses of the builtin type '${cls.mro.find((k) => k.native && k !== objectType)!.name}'`,
      );
    const obj = isExc ? new PyExc(cls, [...args]) : new PyInstance(cls);
    const init = cls.lookup('__init__');
    if (init instanceof PyFunction) {
      const r = yield* this.callFunction(init, [obj, ...args], kwargs);
      if (r !== None) throw pyErr(TypeError, `__init__() should return None, not '${typeName(r)}'`);
    } else if (init instanceof PyBuiltin && isExc) {
      yield* this.call(init, [obj, ...args], kwargs);
    } else if (args.length || kwargs.size) {
      throw pyErr(TypeError, `${cls.name}() takes no arguments`);
    }
    return obj;
  }

  /** "f()" as TypeErrors name a callable. */
  *funcName(fn: PyValue): Gen<string> {
    if (fn instanceof PyFunction) return `${fn.qualname}()`;
    if (fn instanceof PyBuiltin) return `${fn.owner ? fn.owner + '.' : ''}${fn.name}()`;
    if (fn instanceof PyBoundMethod) return yield* this.funcName(fn.func);
    if (fn instanceof PyClass) return `${fn.name}()`;
    return `${typeName(fn)} object`;
  }

  typeName(v: PyValue): string {
    return typeName(v);
  }

  // ---- attributes (attrs.ts) ----

  getattr(obj: PyValue, name: string): Gen<PyValue> {
    return getattr(this, obj, name);
  }

  getattrOrUndefined(obj: PyValue, name: string): Gen<PyValue | undefined> {
    return getattrOrUndefined(this, obj, name);
  }

  attributeError(obj: PyValue, name: string): PyRaise {
    return attributeError(obj, name);
  }

  dir(obj: PyValue): string[] {
    return dir(obj);
  }

  setattr(obj: PyValue, name: string, value: PyValue): Gen<void> {
    return setattr(this, obj, name, value);
  }

  // eslint-disable-next-line require-yield -- statements expect every attribute operation to be a step
  *delattr(obj: PyValue, name: string): Gen<void> {
    delattr(obj, name);
  }

  // ---- names ----

  assign(c: Ctx, t: Expr, v: PyValue): Gen<void> {
    return assignTarget(c, t, v);
  }

  assignName(c: Ctx, name: string, v: PyValue): void {
    const s = c.s;
    if (s.kind === 'function' && s.info) {
      if (s.info.globals.has(name)) {
        s.module.dict.set(name, v);
        return;
      }
      if (s.info.nonlocals.has(name)) {
        for (let p = s.parent; p; p = p.parent) {
          if (p.kind === 'function' && p.info?.locals.has(name)) {
            p.vars.set(name, v);
            return;
          }
        }
      }
    }
    s.vars.set(name, v);
  }

  lookupName(s: Scope, name: string): PyValue | undefined {
    return lookupOrUndefined(s, name, this.builtins);
  }

  // ---- imports ----

  importModule(name: string, c: Ctx, leaf = false): Gen<PyValue> {
    return importModule(this, name, c, leaf);
  }

  importFrom(c: Ctx, s: Stmt & { t: 'ImportFrom' }): Gen<void> {
    return importFrom(this, c, s);
  }

  // ---- exceptions and odds ----

  /** The instance to raise for `raise X` / `raise X(...)`. */
  *toException(v: PyValue, msg: string): Gen<PyExc> {
    if (v instanceof PyExc) return v;
    if (v instanceof PyClass && v.isSubclassOf(BaseException)) {
      const e = yield* this.call(v, []);
      if (e instanceof PyExc) return e;
    }
    throw pyErr(TypeError, msg);
  }

  /** Append frames of library code (requests, json) below the Python frames of an exception being raised. */
  addLibFrames(r: PyRaise, frames: readonly LibFrame[]): void {
    for (const [where, file, line, endLine, col, endCol, name, src] of frames) {
      const lines: string[] = [];
      src.forEach((l, i) => (lines[line - 1 + i] = l));
      const filename =
        where === 'site' ? `${this.sitePackages}/${file}` : where === 'std' ? `${this.stdlib}/${file}` : file;
      r.exc.tb.push(
        col < 0 ? { filename, name, line } : { filename, name, line, endLine, col, endCol, lines },
      );
    }
  }

  interrupt(): PyRaise {
    return pyErr(KeyboardInterrupt);
  }

  unsupported(what: string): NotSimulated {
    return new NotSimulated(what);
  }

  syntaxRuntime(msg: string, _node: Expr): PyRaise {
    return pyErr(SyntaxErrorType, msg);
  }

  /** The REPL's sys.displayhook: print repr of a non-None result and keep it in `_`. */
  *displayHook(v: PyValue): Gen<void> {
    if (v === None) return;
    this.builtins.set('_', v);
    const write = this.builtins.get('__displayhook_write__');
    if (write) yield* this.call(write, [v]);
  }

  /** super() with no arguments: the defining class of the running method and its first argument. */
  zeroArgSuper(c: Ctx): PyValue {
    const cls = c.f.definingClass;
    const first = c.f.scope.vars.values().next().value;
    if (!cls || first === undefined) throw pyErr(RuntimeError, 'super(): no arguments');
    return new PySuper(cls, first);
  }

  /**
   * eval(): an expression in the calling frame's scope, in a frame of its own.
   * Its traceback lines come from linecache's "<string>", which is the -c program's source (CPython's own mix-up).
   */
  *evalInCaller(e: Expr, _lines: readonly string[]): Gen<PyValue> {
    const caller = this.frame!;
    const frame = new Frame(
      { filename: '<string>', name: '<module>', lines: this.commandSource },
      caller.scope,
      caller,
      caller.depth + 1,
    );
    this.frame = frame;
    try {
      return yield* evalExpr({ it: this, f: frame, s: caller.scope }, e);
    } finally {
      this.frame = caller;
    }
  }

  *execInCaller(body: Stmt[], _lines: readonly string[]): Gen<void> {
    const caller = this.frame!;
    const frame = new Frame(
      { filename: '<string>', name: '<module>', lines: this.commandSource },
      caller.scope,
      caller,
      caller.depth + 1,
    );
    this.frame = frame;
    try {
      yield* execBlock({ it: this, f: frame, s: caller.scope }, body);
    } finally {
      this.frame = caller;
    }
  }

  isInstance(v: PyValue, cls: PyClass): boolean {
    return isInstance(v, cls);
  }
}
