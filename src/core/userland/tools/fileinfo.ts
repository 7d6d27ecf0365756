// stat (default layout and -c formats) and test / [ (POSIX's argument-count
// rules, file tests against the process's credentials, integer comparisons).
import type { Stats } from '../../fs/types';
import { modeString, strftime } from './format';
import { getopt, isOptError } from './getopt';
import { isErr, type Tool } from './tool';
import { UserDb } from './users';

/** A stable inode number per path: the overlay has no inode table of its own. */
function inodeOf(path: string): number {
  let h = 2166136261;
  for (let i = 0; i < path.length; i++) h = Math.imul(h ^ path.charCodeAt(i), 16777619) >>> 0;
  return 1_000_000 + (h % 8_000_000);
}

const KIND: Record<string, string> = { file: 'regular file', dir: 'directory', symlink: 'symbolic link', chardev: 'character special file', blockdev: 'block special file' };

function timeFull(ms: number): string {
  return `${strftime('%Y-%m-%d %H:%M:%S', ms)}.${String(ms % 1000).padStart(3, '0')}000000 +0000`;
}

export function stat(t: Tool, args: string[]): number {
  const p = getopt(args, { short: 'c:LftZ', long: { 'format=': 'c', 'printf=': 'printf', dereference: 'L', terse: 't', 'file-system': 'f' } });
  if (isOptError(p)) return t.badOption(p.error, 1, '[-ltf] [-c FMT] FILE...');
  if (p.operands.length === 0) {
    t.warn('missing operand');
    if (t.gnu) t.err(`Try '${t.name} --help' for more information.\n`);
    return 1;
  }
  const db = new UserDb(t.fs);
  let status = 0;
  for (const f of p.operands) {
    const st = p.has('L') ? t.fs.stat(f) : t.fs.lstat(f);
    if (isErr(st)) {
      t.warn(t.gnu ? `cannot statx ${t.qa(f)}: ${st.message}` : `can't stat '${f}': ${st.message}`);
      status = 1;
      continue;
    }
    const fmt = p.value('c') ?? p.value('printf');
    const blocks = st.kind === 'file' ? Math.ceil(st.size / 4096) * 8 : st.kind === 'dir' ? 8 : 0;
    const user = db.userName(st.uid) ?? 'UNKNOWN';
    const group = db.groupName(st.gid) ?? 'UNKNOWN';
    const link = st.kind === 'symlink' ? t.fs.readlink(f) : undefined;
    const shownName = st.kind === 'symlink' && typeof link === 'string' ? `${t.qf(f)} -> ${t.qf(link)}` : t.qf(f);
    const fields: Record<string, string> = {
      n: f, N: t.gnu ? shownName : st.kind === 'symlink' ? `'${f}' -> '${link as string}'` : `'${f}'`, s: String(st.size), a: st.mode.toString(8),
      A: modeString(st.kind, st.mode), U: user, G: group, u: String(st.uid), g: String(st.gid), F: KIND[st.kind], i: String(inodeOf(t.abs(f))),
      h: String(linkCount(t, f, st)), b: String(blocks), B: '512', o: '4096', y: timeFull(st.mtime), Y: String(Math.floor(st.mtime / 1000)),
      x: timeFull(st.mtime), X: String(Math.floor(st.mtime / 1000)), z: timeFull(st.mtime), Z: String(Math.floor(st.mtime / 1000)), w: '-', W: '0',
      d: '62', D: '3e', '%': '%',
      // st_rdev: %t/%T in hex, %Hr/%Lr (GNU) in decimal
      t: (st.rdev?.[0] ?? 0).toString(16), T: (st.rdev?.[1] ?? 0).toString(16),
    };
    if (fmt !== undefined) {
      const body = fmt.replace(/%([-#0 ]*\d*)([a-zA-Z%])/g, (m, w: string, c: string) => {
        const v = fields[c];
        if (v === undefined) return m;
        const width = Number(w.replace(/[^0-9]/g, '') || 0);
        return w.includes('-') ? v.padEnd(width) : v.padStart(width);
      });
      t.out(p.has('printf') ? body.replace(/\\n/g, '\n').replace(/\\t/g, '\t') : `${body}\n`);
      continue;
    }
    t.out(defaultLayout(t, st, fields));
  }
  return status;
}

/** st_nlink: a directory's own, "." and one ".." a subdirectory (1 for an overlay merge directory). */
function linkCount(t: Tool, path: string, st: Stats): number {
  if (st.kind !== 'dir') return 1;
  if (st.nlink !== undefined) return st.nlink;
  const kids = t.fs.readdirTypes(path);
  return 2 + (Array.isArray(kids) ? kids.filter((d) => d.kind === 'dir').length : 0);
}

function defaultLayout(t: Tool, st: Stats, f: Record<string, string>): string {
  const size = `  Size: ${f.s.padEnd(10)}\tBlocks: ${f.b.padEnd(10)} IO Block: ${f.o.padEnd(6)} ${f.F}\n`;
  // a device adds its own numbers: GNU "Links: %-5h Device type: %Hr,%Lr", BusyBox " Device type: %x,%x"
  const rdev = st.rdev ? (t.gnu ? `${f.h.padEnd(5)} Device type: ${st.rdev[0]},${st.rdev[1]}` : `${f.h.padEnd(5)} Device type: ${f.t},${f.T}`) : f.h;
  const device = t.gnu ? `Device: 0,62\tInode: ${f.i.padEnd(11)} Links: ${rdev}\n` : `Device: 3eh/62d\tInode: ${f.i.padEnd(11)} Links: ${rdev}\n`;
  const access = `Access: (${(st.mode & 0o7777).toString(8).padStart(4, '0')}/${f.A})  Uid: (${f.u.padStart(5)}/${f.U.padStart(8)})   Gid: (${f.g.padStart(5)}/${f.G.padStart(8)})\n`;
  const times = `Access: ${f.x}\nModify: ${f.y}\nChange: ${f.z}\n${t.gnu ? ` Birth: ${f.w}\n` : ''}`;
  return `  File: ${f.N}\n${size}${device}${access}${times}`;
}

class TestError extends Error {}

/** test / [: exit 0 (true), 1 (false) or 2 (a usage error). */
export function test(t: Tool, rawArgs: string[], bracket: boolean): number {
  let args = rawArgs;
  if (bracket) {
    if (args[args.length - 1] !== ']') {
      t.warn(t.gnu ? "missing ']'" : 'missing ]');
      return 2;
    }
    args = args.slice(0, -1);
  }
  const fail = (msg: string): never => {
    throw new TestError(msg);
  };
  const int = (s: string): number => {
    const v = s.trim();
    if (!/^[+-]?\d+$/.test(v)) fail(t.gnu ? `invalid integer ${t.qa(s)}` : `${s}: bad number`);
    return Number(v);
  };
  const file = (op: string, path: string): boolean => {
    if (op === '-h' || op === '-L') {
      const l = t.fs.lstat(path);
      return !isErr(l) && l.kind === 'symlink';
    }
    const st = t.fs.stat(path);
    if (isErr(st)) return false;
    switch (op) {
      case '-e': return true;
      case '-f': return st.kind === 'file';
      case '-d': return st.kind === 'dir';
      case '-s': return st.size > 0 && st.kind === 'file' ? true : st.kind === 'dir';
      case '-r': return t.fs.access(path, 4) === undefined;
      case '-w': return t.fs.access(path, 2) === undefined;
      case '-x': return t.fs.access(path, 1) === undefined;
      case '-u': return (st.mode & 0o4000) !== 0;
      case '-g': return (st.mode & 0o2000) !== 0;
      case '-k': return (st.mode & 0o1000) !== 0;
      case '-O': return st.uid === t.ctx.proc.uid;
      case '-G': return st.gid === t.ctx.proc.gid;
      default: return false;
    }
  };
  const UNARY = new Set(['-e', '-f', '-d', '-s', '-r', '-w', '-x', '-h', '-L', '-u', '-g', '-k', '-O', '-G', '-b', '-c', '-p', '-S', '-n', '-z', '-t']);
  const BINARY = new Set(['=', '==', '!=', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '-nt', '-ot', '-ef', '<', '>']);
  const unary = (op: string, a: string): boolean => {
    if (op === '-n') return a !== '';
    if (op === '-z') return a === '';
    if (op === '-t') return int(a) <= 2 && t.ctx.tty;
    if (op === '-c') {
      const st = t.fs.stat(a);
      return !isErr(st) && st.kind === 'chardev';
    }
    if (op === '-b') {
      const st = t.fs.stat(a);
      return !isErr(st) && st.kind === 'blockdev';
    }
    // pipes and sockets do not exist in this filesystem
    if (op === '-p' || op === '-S') return false;
    return file(op, a);
  };
  const binary = (a: string, op: string, b: string): boolean => {
    switch (op) {
      case '=': case '==': return a === b;
      case '!=': return a !== b;
      case '<': return a < b;
      case '>': return a > b;
      case '-eq': return int(a) === int(b);
      case '-ne': return int(a) !== int(b);
      case '-lt': return int(a) < int(b);
      case '-le': return int(a) <= int(b);
      case '-gt': return int(a) > int(b);
      case '-ge': return int(a) >= int(b);
      case '-nt': case '-ot': {
        const x = t.fs.stat(a);
        const y = t.fs.stat(b);
        const mx = isErr(x) ? -Infinity : x.mtime;
        const my = isErr(y) ? -Infinity : y.mtime;
        return op === '-nt' ? mx > my : mx < my;
      }
      case '-ef': return t.fs.realpath(a) === t.fs.realpath(b) && !isErr(t.fs.realpath(a));
    }
    return false;
  };
  let i = 0;
  const expr = (): boolean => {
    let v = andExpr();
    while (args[i] === '-o') {
      i++;
      v = andExpr() || v;
    }
    return v;
  };
  const andExpr = (): boolean => {
    let v = prim();
    while (args[i] === '-a') {
      i++;
      v = prim() && v;
    }
    return v;
  };
  const prim = (): boolean => {
    const a = args[i];
    if (a === undefined) fail(t.gnu ? 'argument expected' : 'argument expected');
    if (a === '!') {
      i++;
      return !prim();
    }
    if (a === '(' && args[i + 2] !== undefined && !BINARY.has(args[i + 1] ?? '')) {
      i++;
      const v = expr();
      if (args[i++] !== ')') fail(t.gnu ? "missing ')'" : 'missing )');
      return v;
    }
    if (i + 2 < args.length + 1 && BINARY.has(args[i + 1] ?? '') && args[i + 2] !== undefined) {
      i += 3;
      return binary(a, args[i - 2], args[i - 1]);
    }
    if (UNARY.has(a) && args[i + 1] !== undefined) {
      i += 2;
      return unary(a, args[i - 1]);
    }
    i++;
    return a !== '';
  };
  try {
    let v: boolean;
    // POSIX: the meaning depends first on the number of arguments
    if (args.length === 0) v = false;
    else if (args.length === 1) v = args[0] !== '';
    else if (args.length === 2 && args[0] === '!') v = args[1] === '';
    else if (args.length === 2) {
      if (!UNARY.has(args[0])) fail(t.gnu ? `${t.qa(args[0])}: unary operator expected` : `${args[0]}: unknown operand`);
      v = unary(args[0], args[1]);
    } else if (args.length === 3 && BINARY.has(args[1])) v = binary(args[0], args[1], args[2]);
    else {
      v = expr();
      if (i < args.length) fail(t.gnu ? `extra argument ${t.qa(args[i])}` : `${args[i]}: unknown operand`);
    }
    return v ? 0 : 1;
  } catch (e) {
    if (e instanceof TestError) {
      t.warn(e.message);
      return 2;
    }
    throw e;
  }
}
