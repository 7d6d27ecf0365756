// $(( … )): C integer arithmetic on 64-bit signed values (shells use
// intmax_t), with variables read and assigned by name. BigInt keeps the
// wrap-around exact.

export interface ArithVars {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
}

export class ArithError {
  constructor(
    readonly kind: 'syntax' | 'divzero' | 'number',
    /** The whole expression, as dash quotes it. */
    readonly expr: string,
    /** The offending rest of the expression, as bash quotes it ("error token is …"). */
    readonly token: string,
  ) {}
}

type Ast =
  | { k: 'num'; v: bigint }
  | { k: 'var'; name: string }
  | { k: 'un'; op: string; a: Ast }
  | { k: 'bin'; op: string; a: Ast; b: Ast }
  | { k: 'tern'; c: Ast; a: Ast; b: Ast }
  | { k: 'assign'; op: string; name: string; b: Ast }
  | { k: 'incdec'; op: '++' | '--'; prefix: boolean; name: string };

const wrap = (v: bigint) => BigInt.asIntN(64, v);

const BINARY: Array<[number, string[]]> = [
  [1, ['||']],
  [2, ['&&']],
  [3, ['|']],
  [4, ['^']],
  [5, ['&']],
  [6, ['==', '!=']],
  [7, ['<=', '>=', '<', '>']],
  [8, ['<<', '>>']],
  [9, ['+', '-']],
  [10, ['*', '/', '%']],
];
const ASSIGN_OPS = ['<<=', '>>=', '*=', '/=', '%=', '+=', '-=', '&=', '^=', '|=', '='];
const TOKENS = ['<<=', '>>=', '**', '++', '--', '||', '&&', '==', '!=', '<=', '>=', '<<', '>>', '*=', '/=', '%=', '+=', '-=', '&=', '^=', '|=', '?', ':', '(', ')', ',', '|', '^', '&', '<', '>', '+', '-', '*', '/', '%', '!', '~', '='];

/** Parse a shell integer: decimal, 0x hex, 0 octal, bash's base#digits. Undefined if not a number. */
export function parseShellInt(s: string): bigint | undefined {
  const t = s.trim();
  if (t === '') return 0n;
  const m = /^([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*|[0-9]+#[0-9a-zA-Z@_]+)$/.exec(t);
  if (!m) return undefined;
  const sign = m[1] === '-' ? -1n : 1n;
  const body = m[2];
  let v: bigint;
  if (/^0[xX]/.test(body)) v = BigInt(body);
  else if (body.includes('#')) {
    const [base, digits] = body.split('#');
    const b = Number(base);
    if (b < 2 || b > 64) return undefined;
    v = 0n;
    for (const ch of digits) {
      const d = ch >= '0' && ch <= '9' ? ch.charCodeAt(0) - 48 : ch >= 'a' && ch <= 'z' ? ch.charCodeAt(0) - 87 : ch >= 'A' && ch <= 'Z' ? ch.charCodeAt(0) - (b <= 36 ? 55 : 29) : ch === '@' ? 62 : 63;
      if (d >= b) return undefined;
      v = v * BigInt(b) + BigInt(d);
    }
  } else if (body.length > 1 && body.startsWith('0')) v = BigInt(`0o${body.slice(1)}`);
  else v = BigInt(body);
  return wrap(sign * v);
}

class ArithParser {
  private toks: string[] = [];
  private offs: number[] = [];
  private i = 0;

  constructor(
    private readonly src: string,
    private readonly ext: boolean,
  ) {
    let j = 0;
    while (j < src.length) {
      const c = src[j];
      if (/\s/.test(c)) {
        j++;
        continue;
      }
      const m = /^(0[xX][0-9a-fA-F]+|[0-9]+#[0-9a-zA-Z@_]+|[0-9]+|[A-Za-z_][A-Za-z0-9_]*)/.exec(src.slice(j));
      const tok = m ? m[1] : TOKENS.find((t) => src.startsWith(t, j));
      if (!tok) throw this.error('syntax', j);
      this.toks.push(tok);
      this.offs.push(j);
      j += tok.length;
    }
  }

  private error(kind: ArithError['kind'], at = this.offs[this.i] ?? this.src.length): ArithError {
    return new ArithError(kind, this.src, this.src.slice(at).trim());
  }

  private peek(): string | undefined {
    return this.toks[this.i];
  }

  private eat(t: string): boolean {
    if (this.toks[this.i] !== t) return false;
    this.i++;
    return true;
  }

  parseAll(): Ast | undefined {
    if (this.toks.length === 0) return undefined;
    const e = this.comma();
    if (this.i < this.toks.length) throw this.error('syntax');
    return e;
  }

  private comma(): Ast {
    let e = this.assign();
    while (this.ext && this.eat(',')) e = { k: 'bin', op: ',', a: e, b: this.assign() };
    return e;
  }

  private assign(): Ast {
    const t = this.peek();
    const op = this.toks[this.i + 1];
    if (t && /^[A-Za-z_]/.test(t) && op && ASSIGN_OPS.includes(op)) {
      this.i += 2;
      return { k: 'assign', op, name: t, b: this.assign() };
    }
    return this.ternary();
  }

  private ternary(): Ast {
    const c = this.binary(1);
    if (!this.eat('?')) return c;
    const a = this.comma();
    if (!this.eat(':')) throw this.error('syntax');
    return { k: 'tern', c, a, b: this.ternary() };
  }

  private binary(level: number): Ast {
    if (level > BINARY.length) return this.power();
    let e = this.binary(level + 1);
    const ops = BINARY[level - 1][1];
    for (;;) {
      const t = this.peek();
      if (!t || !ops.includes(t)) return e;
      this.i++;
      e = { k: 'bin', op: t, a: e, b: this.binary(level + 1) };
    }
  }

  private power(): Ast {
    const base = this.unary();
    if (this.ext && this.eat('**')) return { k: 'bin', op: '**', a: base, b: this.power() };
    return base;
  }

  private unary(): Ast {
    const t = this.peek();
    if (this.ext && (t === '++' || t === '--')) {
      this.i++;
      const n = this.peek();
      if (!n || !/^[A-Za-z_]/.test(n)) throw this.error('syntax');
      this.i++;
      return { k: 'incdec', op: t, prefix: true, name: n };
    }
    if (t === '+' || t === '-' || t === '!' || t === '~') {
      this.i++;
      return { k: 'un', op: t, a: this.unary() };
    }
    return this.primary();
  }

  private primary(): Ast {
    const t = this.peek();
    if (t === undefined) throw this.error('syntax');
    if (t === '(') {
      this.i++;
      const e = this.comma();
      if (!this.eat(')')) throw this.error('syntax');
      return e;
    }
    if (/^[A-Za-z_]/.test(t)) {
      this.i++;
      const n = this.peek();
      if (this.ext && (n === '++' || n === '--')) {
        this.i++;
        return { k: 'incdec', op: n, prefix: false, name: t };
      }
      return { k: 'var', name: t };
    }
    if (/^[0-9]/.test(t)) {
      const v = parseShellInt(t);
      if (v === undefined) throw this.error('number');
      this.i++;
      return { k: 'num', v };
    }
    throw this.error('syntax');
  }
}

function evaluate(e: Ast, vars: ArithVars, ext: boolean, src: string, depth: number): bigint {
  const ev = (x: Ast) => evaluate(x, vars, ext, src, depth);
  const read = (name: string): bigint => {
    const s = vars.get(name);
    if (s === undefined || s.trim() === '') return 0n;
    const n = parseShellInt(s);
    if (n !== undefined) return n;
    // bash evaluates a variable's value as an expression of its own
    if (depth > 16) throw new ArithError('syntax', src, s);
    return evalArithBig(s, vars, ext, depth + 1);
  };
  switch (e.k) {
    case 'num':
      return e.v;
    case 'var':
      return read(e.name);
    case 'un': {
      const a = ev(e.a);
      return e.op === '-' ? wrap(-a) : e.op === '+' ? a : e.op === '!' ? (a === 0n ? 1n : 0n) : wrap(~a);
    }
    case 'incdec': {
      const old = read(e.name);
      const nv = wrap(e.op === '++' ? old + 1n : old - 1n);
      vars.set(e.name, nv.toString());
      return e.prefix ? nv : old;
    }
    case 'tern':
      return ev(e.c) !== 0n ? ev(e.a) : ev(e.b);
    case 'assign': {
      const b = ev(e.b);
      const v = e.op === '=' ? b : binop(e.op.slice(0, -1), read(e.name), b, src);
      vars.set(e.name, v.toString());
      return v;
    }
    case 'bin':
      if (e.op === '&&') return ev(e.a) !== 0n && ev(e.b) !== 0n ? 1n : 0n;
      if (e.op === '||') return ev(e.a) !== 0n || ev(e.b) !== 0n ? 1n : 0n;
      if (e.op === ',') {
        ev(e.a);
        return ev(e.b);
      }
      return binop(e.op, ev(e.a), ev(e.b), src);
  }
}

function binop(op: string, a: bigint, b: bigint, src: string): bigint {
  switch (op) {
    case '+': return wrap(a + b);
    case '-': return wrap(a - b);
    case '*': return wrap(a * b);
    case '/':
    case '%':
      if (b === 0n) throw new ArithError('divzero', src, String(b));
      return wrap(op === '/' ? a / b : a % b);
    case '**':
      if (b < 0n) throw new ArithError('syntax', src, String(b));
      return wrap(a ** b);
    case '<<': return wrap(a << (b & 63n));
    case '>>': return wrap(a >> (b & 63n));
    case '<': return a < b ? 1n : 0n;
    case '<=': return a <= b ? 1n : 0n;
    case '>': return a > b ? 1n : 0n;
    case '>=': return a >= b ? 1n : 0n;
    case '==': return a === b ? 1n : 0n;
    case '!=': return a !== b ? 1n : 0n;
    case '&': return wrap(a & b);
    case '|': return wrap(a | b);
    case '^': return wrap(a ^ b);
  }
  throw new ArithError('syntax', src, op);
}

function evalArithBig(src: string, vars: ArithVars, ext: boolean, depth = 0): bigint {
  const ast = new ArithParser(src, ext).parseAll();
  return ast ? evaluate(ast, vars, ext, src, depth) : 0n;
}

/** Evaluate an arithmetic expression; errors come back as values. */
export function evalArith(src: string, vars: ArithVars, ext: boolean): string | ArithError {
  try {
    return evalArithBig(src, vars, ext).toString();
  } catch (e) {
    if (e instanceof ArithError) return e;
    throw e;
  }
}
