// The os and os.path modules over the process's own view of the filesystem
// (its uid/gid and working directory), with errno-exact OSErrors.
import { FsError } from '../../../fs/types';
import { fsOf } from '../../types';
import { builtinArgs } from '../calls';
import type { Interp } from '../interp';
import { fsErr } from '../io';
import { dictGet, strDict, typeName } from '../objects';
import { pyErr, TypeError } from '../types';
import { None, PyClass, PyDict, PyInstance, PyList, PyModule, type PyValue } from '../values';
import { objectType } from '../types';
import { fn, newModule, tuple } from './util';

function path(v: PyValue | undefined, fname: string): string {
  if (typeof v !== 'string')
    throw pyErr(
      TypeError,
      `${fname}: path should be string, bytes or os.PathLike, not ${v === undefined ? 'NoneType' : typeName(v)}`,
    );
  return v;
}

export function normpath(p: string): string {
  if (p === '') return '.';
  const abs = p.startsWith('/');
  const lead = abs && p.startsWith('//') && !p.startsWith('///') ? '//' : abs ? '/' : '';
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length && out[out.length - 1] !== '..') out.pop();
    else if (part === '..' && abs) continue;
    else out.push(part);
  }
  return lead + out.join('/') || (abs ? lead : '.');
}

export function joinPaths(a: string, ...rest: string[]): string {
  let p = a;
  for (const b of rest) {
    if (b.startsWith('/')) p = b;
    else if (p === '' || p.endsWith('/')) p += b;
    else p += '/' + b;
  }
  return p;
}

const statResult = new PyClass('stat_result', [objectType], 'os');

export function osModule(it: Interp): PyModule {
  const m = newModule(it, 'os', 0);
  const p = new PyModule('posixpath', undefined);
  const fs = () => fsOf(it.ctx);
  const cwd = () => it.ctx.proc.cwd;
  const abs = (x: string) => normpath(x.startsWith('/') ? x : joinPaths(cwd(), x));
  const environ = strDict(it.ctx.env);
  environ.wrapper = 'environ';
  m.dict.set('environ', environ);
  m.dict.set('path', p);
  m.dict.set('sep', '/');
  m.dict.set('pathsep', ':');
  m.dict.set('linesep', '\n');
  m.dict.set('curdir', '.');
  m.dict.set('pardir', '..');
  m.dict.set('devnull', '/dev/null');
  m.dict.set('name', 'posix');
  it.modules.set('os.path', p);
  it.modules.set('posixpath', p);

  fn(m, 'getenv', (args, kw) => {
    const [k, d] = builtinArgs('getenv', ['key', 'default?'], args, kw);
    if (typeof k !== 'string') throw pyErr(TypeError, `str expected, not ${typeName(k!)}`);
    const cur = m.dict.get('environ');
    const v = cur instanceof PyDict ? dictGet(cur, k) : undefined;
    return v ?? d ?? None;
  });
  fn(m, 'getcwd', () => cwd());
  fn(m, 'chdir', (args) => {
    const target = abs(path(args[0], 'chdir'));
    const st = fs().stat(target);
    if (st instanceof FsError) throw fsErr(st, path(args[0], 'chdir'));
    if (st.kind !== 'dir') throw fsErr(new FsError('ENOTDIR', target), path(args[0], 'chdir'));
    const real = fs().realpath(target);
    it.ctx.proc.cwd = real instanceof FsError ? target : real;
    return None;
  });
  fn(m, 'listdir', (args) => {
    const [d] = builtinArgs('listdir', ['path?'], args, undefined);
    const dir = d === undefined || d === None ? '.' : path(d, 'listdir');
    const r = fs().readdir(dir);
    if (r instanceof FsError) throw fsErr(r, dir);
    return new PyList(r);
  });
  fn(m, 'mkdir', (args, kw) => {
    const [d] = builtinArgs('mkdir', ['path', 'mode?', '*dir_fd?'], args, kw);
    const r = fs().mkdir(path(d, 'mkdir'));
    if (r instanceof FsError) throw fsErr(r, path(d, 'mkdir'));
    return None;
  });
  fn(m, 'makedirs', (args, kw) => {
    const [d, , ok] = builtinArgs('makedirs', ['name', 'mode?', 'exist_ok?'], args, kw);
    const name = path(d, 'makedirs');
    if (fs().exists(name)) {
      if (ok === true) return None;
      throw fsErr(new FsError('EEXIST', name), name);
    }
    const r = fs().mkdir(name, { recursive: true });
    if (r instanceof FsError) throw fsErr(r, name);
    return None;
  });
  const unlink = (args: PyValue[]) => {
    const f = path(args[0], 'remove');
    const r = fs().unlink(f);
    if (r instanceof FsError) throw fsErr(r, f);
    return None;
  };
  fn(m, 'remove', unlink);
  fn(m, 'unlink', unlink);
  fn(m, 'rmdir', (args) => {
    const d = path(args[0], 'rmdir');
    const r = fs().rmdir(d);
    if (r instanceof FsError) throw fsErr(r, d);
    return None;
  });
  fn(m, 'rename', (args) => {
    const a = path(args[0], 'rename');
    const b = path(args[1], 'rename');
    const r = fs().rename(a, b);
    if (r instanceof FsError) throw fsErr(r, a);
    return None;
  });
  fn(m, 'stat', (args) => {
    const f = path(args[0], 'stat');
    const st = fs().stat(f);
    if (st instanceof FsError) throw fsErr(st, f);
    const o = new PyInstance(statResult);
    o.dict.set('st_size', BigInt(st.size));
    o.dict.set(
      'st_mode',
      BigInt(st.mode | (st.kind === 'dir' ? 0o040000 : st.kind === 'symlink' ? 0o120000 : 0o100000)),
    );
    o.dict.set('st_uid', BigInt(st.uid));
    o.dict.set('st_gid', BigInt(st.gid));
    o.dict.set('st_mtime', st.mtime / 1000);
    return o;
  });
  fn(m, 'getpid', () => BigInt(it.ctx.proc.nsPid));
  fn(m, 'getppid', () => BigInt(it.ctx.proc.nsPpid));
  fn(m, 'getuid', () => BigInt(it.ctx.proc.uid));
  fn(m, 'geteuid', () => BigInt(it.ctx.proc.uid));
  fn(m, 'getgid', () => BigInt(it.ctx.proc.gid));
  fn(m, 'cpu_count', () => BigInt(it.ctx.ns.host.cpus));
  fn(m, 'uname', () =>
    tuple(
      'Linux',
      it.ctx.ns.uts.hostname,
      it.ctx.ns.host.kernelRelease,
      it.ctx.ns.host.kernelVersion,
      it.ctx.ns.host.machine,
    ),
  );
  fn(m, 'kill', (args) => {
    const r = it.ctx.kill(Number(args[0]), Number(args[1]));
    if (r === 'ESRCH') throw fsErr(new FsError('ENOENT', ''), '');
    return None;
  });
  fn(m, 'system', () => {
    throw it.unsupported('os.system() (run the command from the shell instead)');
  });
  fn(m, 'walk', () => {
    throw it.unsupported('os.walk()');
  });

  // ---- os.path ----
  fn(p, 'join', (args) => {
    if (!args.length) throw pyErr(TypeError, "join() missing 1 required positional argument: 'a'");
    return joinPaths(...(args.map((a) => path(a, 'join')) as [string, ...string[]]));
  });
  fn(p, 'exists', (args) => typeof args[0] === 'string' && fs().exists(args[0]));
  fn(p, 'isfile', (args) => {
    const st = typeof args[0] === 'string' ? fs().stat(args[0]) : undefined;
    return !!st && !(st instanceof FsError) && st.kind === 'file';
  });
  fn(p, 'isdir', (args) => {
    const st = typeof args[0] === 'string' ? fs().stat(args[0]) : undefined;
    return !!st && !(st instanceof FsError) && st.kind === 'dir';
  });
  fn(p, 'islink', (args) => {
    const st = typeof args[0] === 'string' ? fs().lstat(args[0]) : undefined;
    return !!st && !(st instanceof FsError) && st.kind === 'symlink';
  });
  fn(p, 'getsize', (args) => {
    const f = path(args[0], 'getsize');
    const st = fs().stat(f);
    if (st instanceof FsError) throw fsErr(st, f);
    return BigInt(st.size);
  });
  fn(p, 'basename', (args) => path(args[0], 'basename').split('/').pop()!);
  fn(p, 'dirname', (args) => {
    const s = path(args[0], 'dirname');
    const i = s.lastIndexOf('/');
    if (i < 0) return '';
    const head = s.slice(0, i + 1);
    return head.replace(/\/+$/, '') || head;
  });
  fn(p, 'split', (args) => {
    const s = path(args[0], 'split');
    const i = s.lastIndexOf('/');
    const head = s.slice(0, i + 1);
    return tuple(head.replace(/\/+$/, '') || head, s.slice(i + 1));
  });
  fn(p, 'splitext', (args) => {
    const s = path(args[0], 'splitext');
    const base = s.slice(s.lastIndexOf('/') + 1);
    const dot = base.lastIndexOf('.');
    if (dot <= 0 || /^\.+$/.test(base.slice(0, dot + 1))) return tuple(s, '');
    const cut = s.length - base.length + dot;
    return tuple(s.slice(0, cut), s.slice(cut));
  });
  fn(p, 'abspath', (args) => abs(path(args[0], 'abspath')));
  fn(p, 'realpath', (args) => {
    const a = abs(path(args[0], 'realpath'));
    const r = fs().realpath(a);
    return r instanceof FsError ? a : r;
  });
  fn(p, 'normpath', (args) => normpath(path(args[0], 'normpath')));
  fn(p, 'isabs', (args) => path(args[0], 'isabs').startsWith('/'));
  fn(p, 'expanduser', (args) => {
    const s = path(args[0], 'expanduser');
    return s === '~' || s.startsWith('~/') ? (it.ctx.env.HOME ?? '/root') + s.slice(1) : s;
  });
  p.dict.set('sep', '/');
  return m;
}
