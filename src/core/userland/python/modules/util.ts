// Helpers for writing native modules: functions with CPython-style argument
// checking, and modules charged with the memory their import costs.
import type { Interp } from '../interp';
import { PyBuiltin, PyModule, PyTuple, type Gen, type PyValue } from '../values';

export type ModFn = (args: PyValue[], kw: Map<string, PyValue>) => PyValue | Gen<PyValue>;

export function fn(m: PyModule, name: string, f: ModFn): void {
  m.dict.set(name, new PyBuiltin(name, (_rt, args, kw) => f(args, kw)));
}

/** A new module whose import costs `bytes` of resident memory (what CPython's import really adds). */
export function newModule(it: Interp, name: string, bytes: number, file?: string): PyModule {
  const m = new PyModule(name, file);
  if (bytes > 0) it.memory.track(m, bytes, true);
  return m;
}

export function tuple(...items: PyValue[]): PyTuple {
  return new PyTuple(items);
}
