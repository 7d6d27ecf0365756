// test / [ (POSIX's argument-count rules, then -a/-o/!/( ) by precedence)
// and bash's [[ … ]] (== and != match patterns, =~ a regular expression),
// asking the filesystem through the shell's own view.
import { FsError } from '../../fs/types';
import { matchPattern } from './pattern';
import type { Shell } from './shell';

class TestError {
  constructor(readonly message: string) {}
}

const UNARY = new Set(['-b', '-c', '-d', '-e', '-f', '-g', '-h', '-L', '-k', '-n', '-p', '-r', '-s', '-S', '-t', '-u', '-w', '-x', '-z', '-O', '-G']);
const BINARY = new Set(['=', '==', '!=', '-eq', '-ne', '-gt', '-ge', '-lt', '-le', '-nt', '-ot', '-ef', '<', '>']);

function intOf(sh: Shell, s: string): bigint {
  const t = s.trim();
  if (/^[+-]?\d+$/.test(t)) return BigInt(t);
  const f = sh.flavour.name;
  throw new TestError(f === 'bash' ? `${s}: integer expression expected` : f === 'ash' ? `${s}: bad number` : `Illegal number: ${s}`);
}

function unary(sh: Shell, op: string, a: string): boolean {
  if (op === '-n') return a !== '';
  if (op === '-z') return a === '';
  if (op === '-t') return a === '0' || a === '1' ? sh.ctx.tty : false;
  const fs = sh.fs();
  if (op === '-h' || op === '-L') {
    const st = fs.lstat(a);
    return !(st instanceof FsError) && st.kind === 'symlink';
  }
  const st = fs.stat(a);
  if (st instanceof FsError) return false;
  switch (op) {
    case '-e':
      return true;
    case '-f':
      return st.kind === 'file';
    case '-d':
      return st.kind === 'dir';
    case '-s':
      return st.size > 0 && st.kind !== 'dir' ? true : st.kind === 'dir';
    case '-r':
      return fs.access(a, 4) === undefined;
    case '-w':
      return fs.access(a, 2) === undefined;
    case '-x':
      return fs.access(a, 1) === undefined;
    case '-u':
      return (st.mode & 0o4000) !== 0;
    case '-g':
      return (st.mode & 0o2000) !== 0;
    case '-k':
      return (st.mode & 0o1000) !== 0;
    case '-O':
      return st.uid === sh.ctx.proc.uid;
    case '-G':
      return st.gid === sh.ctx.proc.gid;
    case '-c':
      return st.kind === 'chardev';
    case '-b':
      return st.kind === 'blockdev';
  }
  // pipes and sockets do not exist in this filesystem
  return false;
}

function binary(sh: Shell, a: string, op: string, b: string, pattern: boolean): boolean {
  switch (op) {
    case '=':
    case '==':
      return pattern ? matchPattern(b, a) : a === b;
    case '!=':
      return pattern ? !matchPattern(b, a) : a !== b;
    case '<':
      return a < b;
    case '>':
      return a > b;
    case '-eq':
      return intOf(sh, a) === intOf(sh, b);
    case '-ne':
      return intOf(sh, a) !== intOf(sh, b);
    case '-gt':
      return intOf(sh, a) > intOf(sh, b);
    case '-ge':
      return intOf(sh, a) >= intOf(sh, b);
    case '-lt':
      return intOf(sh, a) < intOf(sh, b);
    case '-le':
      return intOf(sh, a) <= intOf(sh, b);
    case '-nt':
    case '-ot': {
      const x = sh.fs().stat(a);
      const y = sh.fs().stat(b);
      const mx = x instanceof FsError ? -Infinity : x.mtime;
      const my = y instanceof FsError ? -Infinity : y.mtime;
      return op === '-nt' ? mx > my : mx < my;
    }
    case '-ef': {
      const x = sh.fs().realpath(a);
      const y = sh.fs().realpath(b);
      return !(x instanceof FsError) && x === y;
    }
    case '=~':
      try {
        return new RegExp(b).test(a);
      } catch {
        return false;
      }
  }
  return false;
}

class Parser {
  i = 0;
  constructor(
    private readonly sh: Shell,
    private readonly args: string[],
    private readonly pattern: boolean,
  ) {}

  private err(kind: 'operand' | 'unary' | 'binary' | 'too many', tok?: string): TestError {
    const f = this.sh.flavour.name;
    if (f === 'bash') {
      if (kind === 'unary') return new TestError(`${tok}: unary operator expected`);
      if (kind === 'binary') return new TestError(`${tok}: binary operator expected`);
      if (kind === 'too many') return new TestError('too many arguments');
      return new TestError('argument expected');
    }
    if (f === 'ash') return new TestError(kind === 'operand' && tok ? `${tok}: unknown operand` : 'argument expected');
    return new TestError(tok !== undefined ? `${tok}: unexpected operator` : 'argument expected');
  }

  run(): boolean {
    const n = this.args.length;
    const a = this.args;
    // POSIX's rules by argument count come first
    if (n === 0) return false;
    if (n === 1) return a[0] !== '';
    if (n === 2) {
      if (a[0] === '!') return a[1] === '';
      if (UNARY.has(a[0])) return unary(this.sh, a[0], a[1]);
      throw this.err('unary', a[0]);
    }
    if (n === 3) {
      if (BINARY.has(a[1]) || (this.pattern && a[1] === '=~')) return binary(this.sh, a[0], a[1], a[2], this.pattern);
      if (a[0] === '!') return !new Parser(this.sh, a.slice(1), this.pattern).run();
      if (a[0] === '(' && a[2] === ')') return a[1] !== '';
      if (a[1] === '-a' || a[1] === '-o') return a[1] === '-a' ? a[0] !== '' && a[2] !== '' : a[0] !== '' || a[2] !== '';
      throw this.err(this.sh.flavour.name === 'bash' ? 'binary' : 'operand', a[1]);
    }
    if (n === 4 && a[0] === '!') return !new Parser(this.sh, a.slice(1), this.pattern).run();
    const r = this.or();
    if (this.i < n) throw this.err(this.sh.flavour.name === 'bash' ? 'too many' : 'operand', a[this.i]);
    return r;
  }

  private or(): boolean {
    let v = this.and();
    while (this.args[this.i] === '-o' || (this.pattern && this.args[this.i] === '||')) {
      this.i++;
      const r = this.and();
      v = v || r;
    }
    return v;
  }

  private and(): boolean {
    let v = this.not();
    while (this.args[this.i] === '-a' || (this.pattern && this.args[this.i] === '&&')) {
      this.i++;
      const r = this.not();
      v = v && r;
    }
    return v;
  }

  private not(): boolean {
    if (this.args[this.i] === '!') {
      this.i++;
      return !this.not();
    }
    return this.primary();
  }

  private primary(): boolean {
    const a = this.args;
    const t = a[this.i];
    if (t === undefined) throw this.err('operand');
    if (t === '(') {
      this.i++;
      const v = this.or();
      if (a[this.i] !== ')') throw this.err('operand', a[this.i]);
      this.i++;
      return v;
    }
    if (UNARY.has(t) && this.i + 1 < a.length) {
      this.i += 2;
      return unary(this.sh, t, a[this.i - 1]);
    }
    const op = a[this.i + 1];
    if (op !== undefined && (BINARY.has(op) || (this.pattern && op === '=~')) && this.i + 2 < a.length) {
      this.i += 3;
      return binary(this.sh, t, op, a[this.i - 1], this.pattern);
    }
    this.i++;
    return t !== '';
  }
}

function evaluate(sh: Shell, name: string, args: string[], pattern: boolean): number {
  try {
    return new Parser(sh, args, pattern).run() ? 0 : 1;
  } catch (e) {
    if (!(e instanceof TestError)) throw e;
    if (sh.flavour.name === 'ash') sh.errOut(`${sh.arg0}: ${e.message}\n`);
    else sh.error(e.message, name);
    return 2;
  }
}

export async function test(sh: Shell, argv: string[]): Promise<number> {
  const name = argv[0];
  let args = argv.slice(1);
  if (name === '[' || name === '[[') {
    const close = name === '[' ? ']' : ']]';
    if (args[args.length - 1] !== close) {
      const msg = sh.flavour.name === 'bash' ? `missing \`${close}'` : `missing ${close}`;
      if (sh.flavour.name === 'ash') sh.errOut(`${sh.arg0}: ${msg}\n`);
      else sh.error(msg, name);
      return 2;
    }
    args = args.slice(0, -1);
  }
  return evaluate(sh, name, args, name === '[[');
}
