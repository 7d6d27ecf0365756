// The import system over the container's filesystem: a module is importable
// iff it is built into the interpreter or found on sys.path (name.py,
// name/__init__.py, a namespace directory, an extension .so). Modules this
// simulation implements natively use their native body; plain-text modules
// (the student's own) are run; anything else is reported as not simulated.
import { contentText, isGenerated } from '../../fs/content';
import { FsError } from '../../fs/types';
import type { Stmt } from './ast';
import type { Ctx } from './eval';
import { NotSimulated, type Interp } from './interp';
import { parse, PySyntaxError } from './parser';
import { isGen } from './protocols';
import { ImportError, ModuleNotFoundError, newExc, SyntaxErrorType, IndentationErrorType } from './types';
import { PyList, PyModule, PyRaise, type Gen, type PyValue } from './values';
import { fsOf } from '../types';

/** Modules compiled into the interpreter (sys.builtin_module_names, the part programs import). */
export const BUILTIN_MODULES = new Set([
  'sys',
  'builtins',
  'time',
  'errno',
  'itertools',
  'gc',
  'atexit',
  'posix',
  '_thread',
  'marshal',
  'pwd',
  '_signal',
  '_io',
]);

interface Found {
  file?: string;
  /** Package directories (for submodules). */
  path?: string[];
}

function find(it: Interp, name: string, dirs: readonly string[]): Found | undefined {
  const fs = fsOf(it.ctx);
  const last = name.split('.').pop()!;
  for (const dir of dirs) {
    const base = dir === '' ? last : `${dir.replace(/\/$/, '')}/${last}`;
    const init = `${base}/__init__.py`;
    const st = fs.stat(base);
    const isDir = !(st instanceof FsError) && st.kind === 'dir';
    if (isDir && isFile(it, init)) return { file: init, path: [base] };
    if (isFile(it, `${base}.py`)) return { file: `${base}.py` };
    const so = soFile(it, dir, last);
    if (so) return { file: so };
    if (isDir) return { path: [base] };
  }
  return undefined;
}

function isFile(it: Interp, p: string): boolean {
  const st = fsOf(it.ctx).stat(p);
  return !(st instanceof FsError) && st.kind === 'file';
}

function soFile(it: Interp, dir: string, name: string): string | undefined {
  const names = fsOf(it.ctx).readdir(dir === '' ? '.' : dir);
  if (names instanceof FsError) return undefined;
  const hit = names.find((n) => n.startsWith(`${name}.`) && n.endsWith('.so'));
  return hit ? `${dir}/${hit}` : undefined;
}

function notFound(name: string, extra = ''): PyRaise {
  const e = newExc(ModuleNotFoundError, `No module named '${name}'${extra}`);
  e.dict.set('name', name);
  return new PyRaise(e);
}

function* load(
  it: Interp,
  name: string,
  dirs: readonly string[] | undefined,
  parent?: PyModule,
): Gen<PyModule> {
  const cached = it.modules.get(name);
  if (cached) return cached;
  const native = it.natives.get(name);
  if (!parent && BUILTIN_MODULES.has(name)) {
    if (!native) throw new NotSimulated(`the built-in module '${name}'`);
    return yield* make(it, name, native, undefined);
  }
  if (dirs === undefined) throw notFound(name, `; '${parent?.name}' is not a package`);
  const found = find(it, name, dirs);
  if (!found) throw notFound(name);
  if (native) {
    const m = yield* make(it, name, native, found.file);
    if (found.path) m.dict.set('__path__', new PyList(found.path));
    return m;
  }
  const m = new PyModule(name, found.file);
  if (found.path) m.dict.set('__path__', new PyList(found.path));
  if (found.file) {
    m.dict.set('__file__', found.file);
    const content = fsOf(it.ctx).readContent(found.file);
    if (content instanceof FsError) throw notFound(name);
    if (isGenerated(content) || found.file.endsWith('.so')) {
      throw new NotSimulated(`the module '${name}' (${found.file})`);
    }
    it.modules.set(name, m);
    try {
      yield* runSource(it, contentText(content), found.file, m);
    } catch (e) {
      it.modules.delete(name);
      throw e;
    }
    return m;
  }
  // a namespace package: a directory without __init__.py
  it.modules.set(name, m);
  return m;
}

function* make(
  it: Interp,
  name: string,
  native: (it: Interp, file: string | undefined) => PyModule | Gen<PyModule>,
  file: string | undefined,
): Gen<PyModule> {
  const r = native(it, file);
  const m = isGen<PyModule>(r) ? yield* r : r;
  if (file) {
    m.dict.set('__file__', file);
    m.file = file;
  }
  it.modules.set(name, m);
  return m;
}

/** Run Python source as the body of a module (a script's __main__ or an imported .py file). */
export function* runSource(it: Interp, source: string, filename: string, m: PyModule): Gen<void> {
  let parsed;
  try {
    parsed = parse(source, filename);
  } catch (e) {
    if (e instanceof PySyntaxError) throw syntaxErrorValue(e);
    throw e;
  }
  yield* it.runModule(parsed.module.body, m, { filename, lines: parsed.module.lines });
}

export function syntaxErrorValue(e: PySyntaxError): PyRaise {
  const x = newExc(e.kind === 'SyntaxError' ? SyntaxErrorType : IndentationErrorType, e.msg);
  x.syntax = e;
  x.dict.set('msg', e.msg);
  x.dict.set('lineno', BigInt(e.lineno));
  x.dict.set('filename', e.filename);
  return new PyRaise(x);
}

export function* importModule(it: Interp, name: string, _c: Ctx, leaf: boolean): Gen<PyValue> {
  const parts = name.split('.');
  let mod = yield* load(it, parts[0], it.path);
  const top = mod;
  for (let i = 1; i < parts.length; i++) {
    const full = parts.slice(0, i + 1).join('.');
    const p = mod.dict.get('__path__');
    const child: PyModule = yield* load(it, full, p instanceof PyList ? p.items.map(String) : undefined, mod);
    mod.dict.set(parts[i], child);
    mod = child;
  }
  return leaf ? mod : top;
}

export function* importFrom(it: Interp, c: Ctx, s: Stmt & { t: 'ImportFrom' }): Gen<void> {
  if (s.level > 0)
    throw new PyRaise(newExc(ImportError, 'attempted relative import with no known parent package'));
  const mod = (yield* importModule(it, s.module, c, true)) as PyModule;
  for (const a of s.names) {
    if (a.name === '*') {
      for (const [k, v] of mod.dict) if (!k.startsWith('_')) it.assignName(c, k, v);
      continue;
    }
    let v = mod.dict.get(a.name);
    if (v === undefined && mod.dict.get('__path__') instanceof PyList) {
      try {
        v = yield* importModule(it, `${s.module}.${a.name}`, c, true);
      } catch (e) {
        if (!(e instanceof PyRaise) || !e.exc.cls.isSubclassOf(ModuleNotFoundError)) throw e;
      }
    }
    if (v === undefined) {
      const where = mod.file ? mod.file : 'unknown location';
      const e = newExc(ImportError, `cannot import name '${a.name}' from '${mod.name}' (${where})`);
      e.dict.set('name', mod.name);
      throw new PyRaise(e);
    }
    it.assignName(c, a.asname ?? a.name, v);
  }
}
