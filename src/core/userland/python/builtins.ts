// The builtins module: print/input/open and the functions programs use most,
// with CPython's argument errors. Per interpreter (print and input reach the
// process's streams); type constructors live in constructors.ts.
import { binop } from './arith';
import { builtinArgs } from './calls';
import { compare } from './compare';
import { formatValue } from './format-spec';
import type { Interp } from './interp';
import { PyFile, PyTextIO } from './io';
import { asBigInt, hashKey, isInt, pyHash, typeName, typeOf } from './objects';
import { iterate, len, step, toArray, truthy } from './protocols';
import { repr, str } from './repr';
import { iteratorBuiltins } from './builtins-iter';
import { pyRound } from './rounding';
import { sortValues } from './sort';
import { EOFError, EXCEPTION_NAMES, pyErr, SystemExit, TypeError, ValueError } from './types';
import {
  BUILTIN_TYPES,
  Ellipsis,
  None,
  NotImplemented,
  PyBuiltin,
  PyClass,
  PyDict,
  PyFunction,
  PyInstance,
  PyList,
  PyModule,
  PyObject,
  PyTuple,
  type Gen,
  type PyValue,
} from './values';
import { fsOf } from '../types';
import { syntaxErrorValue } from './imports';
import { parse, PySyntaxError, type Parsed } from './parser';

export interface StdStreams {
  stdout: PyTextIO;
  stderr: PyTextIO;
  stdin: PyTextIO;
}

type Fn = (args: PyValue[], kw: Map<string, PyValue>) => PyValue | Gen<PyValue>;

export function makeBuiltins(it: Interp, std: StdStreams): Map<string, PyValue> {
  const b = new Map<string, PyValue>();
  const def = (name: string, fn: Fn) => b.set(name, new PyBuiltin(name, (_rt, args, kw) => fn(args, kw)));

  def('print', function* (args, kw) {
    const [sepV, endV, fileV, flushV] = builtinArgs('print', ['*sep?', '*end?', '*file?', '*flush?'], [], kw);
    const sep = sepV === undefined || sepV === None ? ' ' : sepV;
    const end = endV === undefined || endV === None ? '\n' : endV;
    if (typeof sep !== 'string') throw pyErr(TypeError, `sep must be None or a string, not ${typeName(sep)}`);
    if (typeof end !== 'string') throw pyErr(TypeError, `end must be None or a string, not ${typeName(end)}`);
    const file =
      fileV === undefined || fileV === None
        ? (it.modules.get('sys')?.dict.get('stdout') ?? std.stdout)
        : fileV;
    let text = '';
    for (let i = 0; i < args.length; i++) text += (i ? sep : '') + (yield* str(it, args[i]));
    text += end;
    yield* writeTo(it, file, text);
    if (flushV !== undefined && (yield* truthy(it, flushV))) yield* callMethod(it, file, 'flush', []);
    return None;
  });

  def('input', function* (args) {
    const [prompt] = builtinArgs('input', ['prompt?'], args, undefined);
    const out = (it.modules.get('sys')?.dict.get('stdout') ?? std.stdout) as PyValue;
    yield* callMethod(it, std.stderr, 'flush', []);
    if (prompt !== undefined) yield* writeTo(it, out, yield* str(it, prompt));
    yield* callMethod(it, out, 'flush', []);
    const line = yield* std.stdin.readline();
    if (line === '') throw pyErr(EOFError, 'EOF when reading a line');
    return line.endsWith('\n') ? line.slice(0, -1) : line;
  });

  def('len', function* (args) {
    const [x] = builtinArgs('len', ['obj'], args, undefined);
    return yield* len(it, x!);
  });
  def('repr', function* (args) {
    const [x] = builtinArgs('repr', ['obj'], args, undefined);
    return yield* repr(it, x!);
  });
  def('ascii', function* (args) {
    const [x] = builtinArgs('ascii', ['obj'], args, undefined);
    const r = yield* repr(it, x!);
    return r.replace(/[^ -~\t\n\r]/gu, (ch) => {
      const c = ch.codePointAt(0)!;
      return c < 0x100
        ? `\\x${c.toString(16).padStart(2, '0')}`
        : c < 0x10000
          ? `\\u${c.toString(16).padStart(4, '0')}`
          : `\\U${c.toString(16).padStart(8, '0')}`;
    });
  });
  def('format', function* (args) {
    const [x, spec] = builtinArgs('format', ['value', 'format_spec?'], args, undefined);
    return yield* formatValue(it, x!, spec === undefined ? '' : String(spec));
  });
  def('abs', function* (args) {
    const [x] = builtinArgs('abs', ['x'], args, undefined);
    if (typeof x === 'number') return Math.abs(x);
    if (isInt(x!)) {
      const n = asBigInt(x);
      return n < 0n ? -n : n;
    }
    if (x instanceof PyInstance && x.cls.lookup('__abs__'))
      return yield* it.call(x.cls.lookup('__abs__')!, [x]);
    throw pyErr(TypeError, `bad operand type for abs(): '${typeName(x!)}'`);
  });
  def('round', pyRound);
  def('min', (args, kw) => minmax(it, 'min', args, kw, -1));
  def('max', (args, kw) => minmax(it, 'max', args, kw, 1));
  def('sum', function* (args, kw) {
    const [iterable, startV] = builtinArgs('sum', ['iterable', 'start?'], args, kw);
    if (typeof startV === 'string')
      throw pyErr(TypeError, "sum() can't sum strings [use ''.join(seq) instead]");
    let acc: PyValue = startV ?? 0n;
    const next = yield* iterate(it, iterable!);
    for (;;) {
      const r = yield* step(next);
      if (r.done) return acc;
      yield* it.tick();
      acc = yield* binop(it, '+', acc, r.value);
    }
  });
  def('sorted', function* (args, kw) {
    if (args.length !== 1) throw pyErr(TypeError, `sorted expected 1 argument, got ${args.length}`);
    const [key, reverse] = builtinArgs('sorted', ['*key?', '*reverse?'], [], kw);
    const items = yield* toArray(it, args[0]);
    return new PyList(
      yield* sortValues(it, items, key, reverse !== undefined && (yield* truthy(it, reverse))),
    );
  });
  iteratorBuiltins(it, def);
  def('any', function* (args) {
    const [x] = builtinArgs('any', ['iterable'], args, undefined);
    const next = yield* iterate(it, x!);
    for (;;) {
      const r = yield* step(next);
      if (r.done) return false;
      if (yield* truthy(it, r.value)) return true;
    }
  });
  def('all', function* (args) {
    const [x] = builtinArgs('all', ['iterable'], args, undefined);
    const next = yield* iterate(it, x!);
    for (;;) {
      const r = yield* step(next);
      if (r.done) return true;
      if (!(yield* truthy(it, r.value))) return false;
    }
  });
  def('isinstance', (args) => {
    const [x, t] = builtinArgs('isinstance', ['obj', 'class_or_tuple'], args, undefined);
    return classes(t!, 'isinstance() arg 2 must be a type, a tuple of types, or a union').some((c) =>
      typeOf(x!).isSubclassOf(c),
    );
  });
  def('issubclass', (args) => {
    const [x, t] = builtinArgs('issubclass', ['cls', 'class_or_tuple'], args, undefined);
    if (!(x instanceof PyClass)) throw pyErr(TypeError, 'issubclass() arg 1 must be a class');
    return classes(t!, 'issubclass() arg 2 must be a class, a tuple of classes, or a union').some((c) =>
      x.isSubclassOf(c),
    );
  });
  def('hasattr', function* (args) {
    const [x, name] = builtinArgs('hasattr', ['obj', 'name'], args, undefined);
    if (typeof name !== 'string')
      throw pyErr(TypeError, 'attribute name must be string, not ' + `'${typeName(name!)}'`);
    return (yield* it.getattrOrUndefined(x!, name)) !== undefined;
  });
  def('getattr', function* (args) {
    const [x, name, dflt] = builtinArgs('getattr', ['object', 'name', 'default?'], args, undefined);
    if (typeof name !== 'string')
      throw pyErr(TypeError, `attribute name must be string, not '${typeName(name!)}'`);
    const v = yield* it.getattrOrUndefined(x!, name);
    if (v !== undefined) return v;
    if (dflt !== undefined) return dflt;
    return yield* it.getattr(x!, name);
  });
  def('setattr', function* (args) {
    const [x, name, v] = builtinArgs('setattr', ['obj', 'name', 'value'], args, undefined);
    yield* it.setattr(x!, String(name), v!);
    return None;
  });
  def('delattr', function* (args) {
    const [x, name] = builtinArgs('delattr', ['obj', 'name'], args, undefined);
    yield* it.delattr(x!, String(name));
    return None;
  });
  def('id', (args) => {
    const [x] = builtinArgs('id', ['obj'], args, undefined);
    if (x instanceof PyObject) return BigInt(x.id);
    return BigInt(0x7f0000000000 + ((hashKey(x!).length * 4099) % 1_000_000) * 16);
  });
  def('hash', (args) => {
    const [x] = builtinArgs('hash', ['obj'], args, undefined);
    return pyHash(x!);
  });
  const base = (name: string, radix: number, prefix: string) =>
    def(name, (args) => {
      const [x] = builtinArgs(name, ['number'], args, undefined);
      if (!isInt(x!)) throw pyErr(TypeError, `'${typeName(x!)}' object cannot be interpreted as an integer`);
      const n = asBigInt(x);
      return (n < 0n ? '-' : '') + prefix + (n < 0n ? -n : n).toString(radix);
    });
  base('hex', 16, '0x');
  base('oct', 8, '0o');
  base('bin', 2, '0b');
  def('chr', (args) => {
    const [x] = builtinArgs('chr', ['i'], args, undefined);
    if (!isInt(x!)) throw pyErr(TypeError, `'${typeName(x!)}' object cannot be interpreted as an integer`);
    const n = Number(asBigInt(x));
    if (n < 0 || n > 0x10ffff) throw pyErr(ValueError, 'chr() arg not in range(0x110000)');
    return String.fromCodePoint(n);
  });
  def('ord', (args) => {
    const [x] = builtinArgs('ord', ['c'], args, undefined);
    if (typeof x !== 'string')
      throw pyErr(TypeError, `ord() expected string of length 1, but ${typeName(x!)} found`);
    const cps = [...x];
    if (cps.length !== 1)
      throw pyErr(TypeError, `ord() expected a character, but string of length ${cps.length} found`);
    return BigInt(cps[0].codePointAt(0)!);
  });
  def('divmod', function* (args) {
    const [a, c] = builtinArgs('divmod', ['x', 'y'], args, undefined);
    return new PyTuple([yield* binop(it, '//', a!, c!), yield* binop(it, '%', a!, c!)]);
  });
  def('pow', function* (args, kw) {
    const [a, c, m] = builtinArgs('pow', ['base', 'exp', 'mod?'], args, kw);
    if (m !== undefined && m !== None) {
      if (!isInt(a!) || !isInt(c!) || !isInt(m))
        throw pyErr(TypeError, 'pow() 3rd argument not allowed unless all arguments are integers');
      let r = 1n;
      let x = asBigInt(a) % asBigInt(m);
      let e = asBigInt(c);
      const mod = asBigInt(m);
      while (e > 0n) {
        if (e & 1n) r = (r * x) % mod;
        x = (x * x) % mod;
        e >>= 1n;
      }
      return ((r % mod) + mod) % mod;
    }
    return yield* binop(it, '**', a!, c!);
  });
  def('callable', (args) => {
    const [x] = builtinArgs('callable', ['obj'], args, undefined);
    return (
      x instanceof PyFunction ||
      x instanceof PyBuiltin ||
      x instanceof PyClass ||
      (x instanceof PyObject && x.cls.name === 'method') ||
      (x instanceof PyInstance && !!x.cls.lookup('__call__'))
    );
  });
  def('dir', (args) => {
    const [x] = builtinArgs('dir', ['object?'], args, undefined);
    if (x === undefined) return new PyList([...(it.frame?.scope.vars.keys() ?? [])].sort());
    return new PyList(it.dir(x));
  });
  def('vars', (args) => {
    const [x] = builtinArgs('vars', ['object?'], args, undefined);
    const d = new PyDict();
    const src =
      x === undefined
        ? it.frame?.scope.vars
        : x instanceof PyInstance || x instanceof PyModule || x instanceof PyClass
          ? x.dict
          : undefined;
    if (!src) throw pyErr(TypeError, 'vars() argument must have __dict__ attribute');
    for (const [k, v] of src) d.map.set(hashKey(k), [k, v]);
    return d;
  });
  def('globals', () => {
    const d = new PyDict();
    for (const [k, v] of it.frame?.scope.module.dict ?? []) d.map.set(hashKey(k), [k, v]);
    return d;
  });
  def('locals', () => {
    const d = new PyDict();
    for (const [k, v] of it.frame?.scope.vars ?? []) d.map.set(hashKey(k), [k, v]);
    return d;
  });
  def('open', (args, kw) => {
    const [file, modeV, , encoding] = builtinArgs(
      'open',
      ['file', 'mode?', 'buffering?', 'encoding?', 'errors?', 'newline?'],
      args,
      kw,
    );
    void encoding;
    if (typeof file !== 'string')
      throw pyErr(TypeError, `expected str, bytes or os.PathLike object, not ${typeName(file!)}`);
    const mode = modeV === undefined ? 'r' : String(modeV);
    if (!/^[rwxa]b?t?\+?$|^[rwxa]\+?[bt]?$/.test(mode)) throw pyErr(ValueError, `invalid mode: '${mode}'`);
    if (mode.includes('b')) throw it.unsupported('binary file modes');
    const f = new PyFile(fsOf(it.ctx), file, mode, false);
    f.open();
    return f;
  });
  def('exit', (args) => {
    throw sysExit(args);
  });
  b.set('quit', b.get('exit')!);
  def('help', () => {
    throw it.unsupported('the interactive help system');
  });
  def('breakpoint', () => {
    throw it.unsupported('the debugger (breakpoint())');
  });
  // eval/exec run in the caller's scope (globals/locals mappings other than the caller's are not simulated)
  def('eval', function* (args) {
    const [src] = builtinArgs('eval', ['source', 'globals?', 'locals?'], args, undefined);
    if (args.length > 1) throw it.unsupported('eval() with globals or locals');
    if (typeof src !== 'string')
      throw pyErr(TypeError, 'eval() arg 1 must be a string, bytes or code object');
    const p = compileSource(src.trim(), '<string>');
    const st = p.module.body[0];
    if (p.module.body.length !== 1 || st.t !== 'Expr')
      throw syntaxErrorValue(new PySyntaxError('SyntaxError', 'invalid syntax', '<string>', 1, 1, src));
    return yield* it.evalInCaller(st.value, p.module.lines);
  });
  def('exec', function* (args) {
    const [src] = builtinArgs('exec', ['source', 'globals?', 'locals?'], args, undefined);
    if (args.length > 1) throw it.unsupported('exec() with globals or locals');
    if (typeof src !== 'string')
      throw pyErr(TypeError, 'exec() arg 1 must be a string, bytes or code object');
    const p = compileSource(src, '<string>');
    yield* it.execInCaller(p.module.body, p.module.lines);
    return None;
  });
  def('__import__', function* (args) {
    const [name] = builtinArgs(
      '__import__',
      ['name', 'globals?', 'locals?', 'fromlist?', 'level?'],
      args,
      undefined,
    );
    return yield* it.importModule(String(name), { it, f: it.frame!, s: it.frame!.scope }, false);
  });
  for (const name of [
    'int',
    'float',
    'str',
    'bool',
    'list',
    'tuple',
    'dict',
    'set',
    'frozenset',
    'bytes',
    'bytearray',
    'range',
    'type',
    'object',
    'slice',
    'property',
    'staticmethod',
    'classmethod',
    'super',
  ]) {
    b.set(name, BUILTIN_TYPES[name]);
  }
  for (const name of EXCEPTION_NAMES) b.set(name, BUILTIN_TYPES[name]);
  b.set('None', None);
  b.set('Ellipsis', Ellipsis);
  b.set('NotImplemented', NotImplemented);
  b.set('__name__', 'builtins');
  b.set(
    '__displayhook_write__',
    new PyBuiltin('displayhook', function* (_rt, args) {
      const out = (it.modules.get('sys')?.dict.get('stdout') ?? std.stdout) as PyValue;
      yield* writeTo(it, out, (yield* repr(it, args[0])) + '\n');
      return None;
    }),
  );
  return b;
}

function compileSource(src: string, filename: string): Parsed {
  try {
    return parse(src, filename);
  } catch (e) {
    if (e instanceof PySyntaxError) throw syntaxErrorValue(e);
    throw e;
  }
}

export function sysExit(args: PyValue[]) {
  return pyErr(SystemExit, ...(args.length ? [args[0]] : []));
}

function classes(t: PyValue, msg: string): PyClass[] {
  if (t instanceof PyClass) return [t];
  if (t instanceof PyTuple) return t.items.flatMap((x) => classes(x, msg));
  throw pyErr(TypeError, msg);
}

export function* writeTo(it: Interp, file: PyValue, text: string): Gen<void> {
  if (file instanceof PyTextIO && !(file instanceof PyFile) && file.out) {
    file.checkOpen();
    file.out.write(text);
    return;
  }
  yield* callMethod(it, file, 'write', [text]);
}

export function* callMethod(it: Interp, obj: PyValue, name: string, args: PyValue[]): Gen<PyValue> {
  return yield* it.call(yield* it.getattr(obj, name), args);
}

function* minmax(
  it: Interp,
  name: string,
  args: PyValue[],
  kw: Map<string, PyValue>,
  sign: number,
): Gen<PyValue> {
  const [key, dflt] = builtinArgs(name, ['*key?', '*default?'], [], kw);
  let items: PyValue[];
  if (args.length === 0) throw pyErr(TypeError, `${name} expected at least 1 argument, got 0`);
  if (args.length === 1) items = yield* toArray(it, args[0]);
  else {
    if (dflt !== undefined)
      throw pyErr(TypeError, `Cannot specify a default for ${name}() with multiple positional arguments`);
    items = args;
  }
  if (!items.length) {
    if (dflt !== undefined) return dflt;
    throw pyErr(ValueError, `${name}() iterable argument is empty`);
  }
  let best = items[0];
  let bestKey = key && key !== None ? yield* it.call(key, [best]) : best;
  for (const x of items.slice(1)) {
    const k = key && key !== None ? yield* it.call(key, [x]) : x;
    if (yield* compare(it, sign > 0 ? '>' : '<', k, bestKey)) {
      best = x;
      bestKey = k;
    }
  }
  return best;
}
