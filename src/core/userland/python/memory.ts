// Memory the process really asks the kernel for: big objects (bytearray(N),
// 'x' * N, [0] * N) are charged to the cgroup when made, so `-m 64m` OOM-kills
// as it would. CPython frees an object when its last reference goes; here a
// mark pass from the interpreter's roots frees what no name reaches any more.
import {
  PyBoundMethod,
  PyClass,
  PyDict,
  PyDictView,
  PyExc,
  PyFunction,
  PyInstance,
  PyList,
  PyModule,
  PyObject,
  PySet,
  PyTuple,
  Scope,
  type PyValue,
} from './values';

export class MemoryTracker {
  private readonly tracked = new Map<PyObject, number>();
  /** Bytes charged that can never be freed (strings, imports). */
  permanent = 0;

  constructor(
    private readonly alloc: (bytes: number) => void,
    private readonly free: (bytes: number) => void,
    private readonly roots: () => Iterable<PyValue | Scope>,
  ) {}

  get size(): number {
    return this.tracked.size;
  }

  /** Charge a new object (free unreachable ones first, as refcounting would have). */
  track(obj: PyObject, bytes: number, permanent = false): void {
    if (this.tracked.size) this.collect();
    this.alloc(bytes);
    if (permanent) this.permanent += bytes;
    else this.tracked.set(obj, bytes);
  }

  collect(): void {
    if (!this.tracked.size) return;
    const seen = new Set<unknown>();
    let found = 0;
    const stack: unknown[] = [...this.roots()];
    while (stack.length && found < this.tracked.size) {
      const v = stack.pop();
      if (!v || typeof v !== 'object' || seen.has(v)) continue;
      seen.add(v);
      if (v instanceof PyObject && this.tracked.has(v)) found++;
      if (v instanceof Scope) {
        stack.push(...v.vars.values());
        if (v.parent) stack.push(v.parent);
      } else if (v instanceof PyList || v instanceof PyTuple) {
        for (const x of v.items) if (typeof x === 'object') stack.push(x);
      } else if (v instanceof PyDict) {
        for (const [k, x] of v.map.values()) stack.push(k, x);
      } else if (v instanceof PySet) stack.push(...v.map.values());
      else if (v instanceof PyExc) stack.push(...v.args, ...v.dict.values());
      else if (v instanceof PyInstance || v instanceof PyClass || v instanceof PyModule)
        stack.push(...v.dict.values());
      else if (v instanceof PyFunction) stack.push(v.closure, ...v.defaults, ...v.kwdefaults.values());
      else if (v instanceof PyBoundMethod) stack.push(v.self, v.func);
      else if (v instanceof PyDictView) stack.push(v.dict);
    }
    for (const [o, bytes] of this.tracked) {
      if (!seen.has(o)) {
        this.tracked.delete(o);
        this.free(bytes);
      }
    }
  }
}
