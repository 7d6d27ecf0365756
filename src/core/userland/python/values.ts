// The object model: Python values as JS values (int = bigint, float = number,
// str = string, bool = boolean) and classes for everything else. Every value
// has a class (typeOf), classes have an MRO, and attribute lookup follows it.
import type { Expr, Params, ScopeInfo, Stmt } from './ast';
import type { PySyntaxError } from './syntax-error';

export type PyValue = bigint | number | string | boolean | PyObject;

/** A value a Python generator produces: travels up the evaluation to the generator object's next(). */
export class YieldOut {
  constructor(readonly value: PyValue) {}
}

/**
 * A step of a suspendable computation: the interpreter yields promises (and
 * resumes with their value), and Python generators yield their values.
 */
export type Gen<T> = Generator<Promise<unknown> | YieldOut, T, unknown>;

let nextId = 1;

export abstract class PyObject {
  abstract readonly cls: PyClass;
  private _id = 0;
  /** id(): stable for the object's life. */
  get id(): number {
    if (!this._id) this._id = nextId++ * 16 + 0x7f0000000000;
    return this._id;
  }
}

/** What native code needs from the interpreter running it: calling Python code, and charging memory for big objects. */
export interface Rt {
  call(fn: PyValue, args: PyValue[], kwargs?: Map<string, PyValue>): Gen<PyValue>;
  /** Charge `bytes` for a new big object (the OOM killer may strike here). */
  track(obj: PyObject, bytes: number): void;
  getattr(obj: PyValue, name: string): Gen<PyValue>;
  /** One step of work: CPU time and pending signals. */
  tick(): Gen<void>;
}

export type NativeFn = (rt: Rt, args: PyValue[], kwargs: Map<string, PyValue>) => PyValue | Gen<PyValue>;

export class PyClass extends PyObject {
  readonly dict = new Map<string, PyValue>();
  mro: PyClass[] = [];
  /** The metaclass is always `type` here. */
  get cls(): PyClass {
    return TYPE_CLASS.type!;
  }
  constructor(
    public name: string,
    readonly bases: PyClass[],
    public module = 'builtins',
    /** Builtin types whose instances are not PyInstance (int, str, list...). */
    readonly native = false,
  ) {
    super();
    this.mro = [this, ...linearize(bases)];
  }
  lookup(name: string): PyValue | undefined {
    for (const c of this.mro) {
      const v = c.dict.get(name);
      if (v !== undefined) return v;
    }
    return undefined;
  }
  isSubclassOf(other: PyClass): boolean {
    return this.mro.includes(other);
  }
  get qualname(): string {
    return this.module === 'builtins' ? this.name : `${this.module}.${this.name}`;
  }
}

/** C3 is overkill for the single-inheritance classes students write: depth-first, duplicates removed (last wins). */
function linearize(bases: PyClass[]): PyClass[] {
  const out: PyClass[] = [];
  for (const b of bases) for (const c of b.mro) out.push(c);
  return out.filter((c, i) => out.lastIndexOf(c) === i);
}

/** Filled in by types.ts: `type` itself is a class whose class is itself. */
export const TYPE_CLASS: { type?: PyClass } = {};

export class PyInstance extends PyObject {
  readonly dict = new Map<string, PyValue>();
  constructor(readonly cls: PyClass) {
    super();
  }
}

export interface TbEntry {
  filename: string;
  name: string;
  /** 1-based line and 0-based columns of the instruction that raised. */
  line: number;
  col?: number;
  endLine?: number;
  endCol?: number;
  /** Source lines of the file (undefined: read by line from `source`). */
  lines?: readonly string[];
}

export class PyExc extends PyInstance {
  args: PyValue[];
  tb: TbEntry[] = [];
  cause: PyExc | undefined;
  context: PyExc | undefined;
  suppressContext = false;
  /** The frame that last added a traceback entry during the current unwinding. */
  tbFrame: unknown;
  /** Names in scope (NameError) or attributes (AttributeError), for "Did you mean". */
  candidates: string[] | undefined;
  /** A SyntaxError raised while running (an import, exec()): printed in its own format. */
  syntax: PySyntaxError | undefined;
  constructor(cls: PyClass, args: PyValue[]) {
    super(cls);
    this.args = args;
  }
}

/** A Python exception travelling through the interpreter (not an Error: no JS stack to capture). */
export class PyRaise {
  constructor(readonly exc: PyExc) {}
}

export class PyList extends PyObject {
  constructor(public items: PyValue[]) {
    super();
  }
  get cls(): PyClass {
    return BUILTIN_TYPES.list;
  }
}

export class PyTuple extends PyObject {
  constructor(readonly items: readonly PyValue[]) {
    super();
  }
  get cls(): PyClass {
    return BUILTIN_TYPES.tuple;
  }
}

export class PyDict extends PyObject {
  /** Insertion-ordered: hash key -> [key, value]. */
  readonly map = new Map<string, [PyValue, PyValue]>();
  /** os.environ prints as environ({...}). */
  wrapper: string | undefined;
  get cls(): PyClass {
    return BUILTIN_TYPES.dict;
  }
}

export class PySet extends PyObject {
  readonly map = new Map<string, PyValue>();
  /** The hash table's size - 1 and fill, as CPython's setobject grows them (iteration order follows the slots). */
  mask = 7;
  fill = 0;
  constructor(readonly frozen = false) {
    super();
  }
  get cls(): PyClass {
    return this.frozen ? BUILTIN_TYPES.frozenset : BUILTIN_TYPES.set;
  }
}

/** bytes / bytearray. A big zero-filled buffer keeps only its length until something reads or writes it. */
export class PyBytes extends PyObject {
  private bytes: Uint8Array | undefined;
  readonly length: number;
  constructor(
    data: Uint8Array | number,
    readonly mutable: boolean,
  ) {
    super();
    if (typeof data === 'number') this.length = data;
    else {
      this.bytes = data;
      this.length = data.length;
    }
  }
  get data(): Uint8Array {
    this.bytes ??= new Uint8Array(this.length);
    return this.bytes;
  }
  get cls(): PyClass {
    return this.mutable ? BUILTIN_TYPES.bytearray : BUILTIN_TYPES.bytes;
  }
}

export class PyRange extends PyObject {
  constructor(
    readonly start: bigint,
    readonly stop: bigint,
    readonly step: bigint,
  ) {
    super();
  }
  get length(): bigint {
    const { start, stop, step } = this;
    if (step > 0n) return stop > start ? (stop - start + step - 1n) / step : 0n;
    return start > stop ? (start - stop - step - 1n) / -step : 0n;
  }
  get cls(): PyClass {
    return BUILTIN_TYPES.range;
  }
}

export class PySlice extends PyObject {
  constructor(
    readonly start: PyValue,
    readonly stop: PyValue,
    readonly step: PyValue,
  ) {
    super();
  }
  get cls(): PyClass {
    return BUILTIN_TYPES.slice;
  }
}

/** A module's namespace lives in `dict` (also the Scope of its code). */
export class PyModule extends PyObject {
  readonly dict = new Map<string, PyValue>();
  constructor(
    readonly name: string,
    public file?: string,
  ) {
    super();
    this.dict.set('__name__', name);
  }
  get cls(): PyClass {
    return BUILTIN_TYPES.module;
  }
}

/** Where names live while code runs: a module, a function call, a class body, or a comprehension. */
export class Scope {
  constructor(
    readonly kind: 'module' | 'function' | 'class' | 'comp',
    readonly vars: Map<string, PyValue>,
    readonly parent: Scope | undefined,
    readonly info: ScopeInfo | undefined,
    readonly module: PyModule,
    /** The function's or class's qualified name (for the __qualname__ of what is defined inside). */
    readonly qualname?: string,
  ) {}
}

export interface CodeInfo {
  filename: string;
  /** The function's name, or "<module>". */
  name: string;
  lines: readonly string[];
}

export class PyFunction extends PyObject {
  defaults: PyValue[] = [];
  kwdefaults = new Map<string, PyValue>();
  readonly dict = new Map<string, PyValue>();
  /** Set when the function is defined in a class body (for zero-argument super()). */
  definingClass: PyClass | undefined;
  constructor(
    public name: string,
    public qualname: string,
    readonly params: Params,
    readonly body: Stmt[] | Expr,
    readonly scopeInfo: ScopeInfo,
    readonly closure: Scope,
    readonly code: CodeInfo,
  ) {
    super();
  }
  get cls(): PyClass {
    return BUILTIN_TYPES.function;
  }
}

export class PyBuiltin extends PyObject {
  constructor(
    readonly name: string,
    readonly fn: NativeFn,
    /** For methods of builtin types: the type, to say "'str' object ..." in errors. */
    readonly owner?: string,
  ) {
    super();
  }
  get cls(): PyClass {
    return BUILTIN_TYPES.builtin_function_or_method;
  }
}

export class PyBoundMethod extends PyObject {
  constructor(
    readonly self: PyValue,
    readonly func: PyFunction | PyBuiltin,
  ) {
    super();
  }
  get cls(): PyClass {
    return this.func instanceof PyBuiltin ? BUILTIN_TYPES.builtin_function_or_method : BUILTIN_TYPES.method;
  }
}

/** property / staticmethod / classmethod wrappers found in a class's dict. */
export class PyDescriptor extends PyObject {
  constructor(
    readonly kind: 'property' | 'staticmethod' | 'classmethod',
    readonly func: PyValue,
    public setter?: PyValue,
  ) {
    super();
  }
  get cls(): PyClass {
    return BUILTIN_TYPES[this.kind];
  }
}

export class PySuper extends PyObject {
  constructor(
    readonly start: PyClass,
    readonly self: PyValue,
  ) {
    super();
  }
  get cls(): PyClass {
    return BUILTIN_TYPES.super;
  }
}

/** An iterator whose next step may run Python code (map with a lambda); `done` when exhausted. */
export class PyIterator extends PyObject {
  constructor(
    readonly next: () => IteratorResult<PyValue> | Gen<IteratorResult<PyValue>>,
    readonly typeName = 'iterator',
    /** A generator's qualified name (its repr). */
    readonly label?: string,
  ) {
    super();
  }
  get cls(): PyClass {
    return iteratorClass(this.typeName);
  }
}

export class PyDictView extends PyObject {
  constructor(
    readonly dict: PyDict,
    readonly kind: 'keys' | 'values' | 'items',
  ) {
    super();
  }
  get cls(): PyClass {
    return iteratorClass(`dict_${this.kind}`);
  }
}

/** The singletons None, NotImplemented and Ellipsis. */
export class PySingleton extends PyObject {
  constructor(
    readonly repr: string,
    readonly typeName: string,
  ) {
    super();
  }
  get cls(): PyClass {
    return iteratorClass(this.typeName);
  }
}

export const None = new PySingleton('None', 'NoneType');
export const NotImplemented = new PySingleton('NotImplemented', 'NotImplementedType');
export const Ellipsis = new PySingleton('Ellipsis', 'ellipsis');

/** Builtin classes by name, created in types.ts (a registry avoids an import cycle). */
export const BUILTIN_TYPES: Record<string, PyClass> = {};

const EXTRA_CLASSES = new Map<string, PyClass>();
/** Classes of internal objects (iterators, views, NoneType) made on first use. */
export function iteratorClass(name: string): PyClass {
  const b = BUILTIN_TYPES[name];
  if (b) return b;
  let c = EXTRA_CLASSES.get(name);
  if (!c) {
    c = new PyClass(name, BUILTIN_TYPES.object ? [BUILTIN_TYPES.object] : [], 'builtins', true);
    EXTRA_CLASSES.set(name, c);
  }
  return c;
}

export function isNone(v: PyValue): boolean {
  return v === None;
}
