// The sys module: argv, path, version, streams, exit, and the interpreter's
// settings programs read.
import { builtinArgs } from '../calls';
import type { StdStreams } from '../builtins';
import { sysVersion, type PyBuild } from '../build';
import type { Interp } from '../interp';
import { asBigInt, isInt } from '../objects';
import { pyErr, SystemExit, ValueError } from '../types';
import { None, PyList, PyModule, PyTuple, type PyValue } from '../values';
import { fn, tuple } from './util';

export interface SysInfo {
  build: PyBuild;
  argv: string[];
  executable: string;
  prefix: string;
  alpine: boolean;
  std: StdStreams;
}

export function sysModule(it: Interp, info: SysInfo): PyModule {
  const m = new PyModule('sys');
  const d = m.dict;
  const [maj, min, mic] = info.build.version.split('.').map(Number);
  d.set('argv', new PyList([...info.argv]));
  d.set('path', new PyList(it.path));
  d.set('version', sysVersion(info.build, info.alpine));
  d.set('version_info', tuple(BigInt(maj), BigInt(min), BigInt(mic), 'final', 0n));
  d.set('hexversion', BigInt((maj << 24) | (min << 16) | (mic << 8) | 0xf0));
  d.set('platform', 'linux');
  d.set('executable', info.executable);
  d.set('prefix', info.prefix);
  d.set('exec_prefix', info.prefix);
  d.set('base_prefix', info.prefix);
  d.set('byteorder', 'little');
  d.set('maxsize', 2n ** 63n - 1n);
  d.set('stdout', info.std.stdout);
  d.set('stderr', info.std.stderr);
  d.set('stdin', info.std.stdin);
  d.set('__stdout__', info.std.stdout);
  d.set('__stderr__', info.std.stderr);
  d.set('__stdin__', info.std.stdin);
  d.set('dont_write_bytecode', 'PYTHONDONTWRITEBYTECODE' in it.ctx.env);
  d.set(
    'builtin_module_names',
    new PyTuple([
      '_abc',
      '_io',
      '_signal',
      '_thread',
      'builtins',
      'errno',
      'gc',
      'itertools',
      'marshal',
      'posix',
      'pwd',
      'sys',
      'time',
    ]),
  );
  fn(m, 'exit', (args) => {
    const [code] = builtinArgs('exit', ['status?'], args, undefined);
    throw pyErr(SystemExit, ...(code === undefined ? [] : [code]));
  });
  fn(m, 'getrecursionlimit', () => BigInt(it.recursionLimit));
  fn(m, 'setrecursionlimit', (args) => {
    const [n] = builtinArgs('setrecursionlimit', ['limit'], args, undefined);
    if (!isInt(n!) || asBigInt(n) < 1n)
      throw pyErr(ValueError, 'recursion limit must be greater or equal than 1');
    it.recursionLimit = Number(asBigInt(n));
    return None;
  });
  fn(m, 'exc_info', () => {
    const h = it.handling[it.handling.length - 1];
    return h ? tuple(h.exc.cls, h.exc, None) : tuple(None, None, None);
  });
  fn(m, 'exception', () => it.handling[it.handling.length - 1]?.exc ?? None);
  fn(m, 'getdefaultencoding', () => 'utf-8');
  fn(m, 'getfilesystemencoding', () => 'utf-8');
  fn(m, 'intern', (args) => args[0]);
  fn(m, 'getsizeof', (args) => {
    const v: PyValue = args[0];
    if (typeof v === 'string') return BigInt(49 + v.length);
    if (typeof v === 'bigint') return v === 0n ? 24n : BigInt(24 + Math.ceil(v.toString(2).length / 30) * 4);
    if (typeof v === 'number') return 24n;
    if (typeof v === 'boolean') return 28n;
    if (v instanceof PyList) return BigInt(56 + 8 * v.items.length);
    return 56n;
  });
  fn(m, 'set_int_max_str_digits', () => None);
  fn(m, 'get_int_max_str_digits', () => 4300n);
  return m;
}
