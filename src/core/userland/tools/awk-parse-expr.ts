// awk's expressions, parsed by recursive descent: precedence from ?: down to
// $, concatenation by juxtaposition, `>` as print's redirection (noGt), regexes
// where an operand belongs, names resolved to globals or a function's slots, and
// mawk's compile-time checks on them (array/scalar mixups, builtin argument counts).
import type { ArrayRef, AwkProgram, Expr, LValue } from './awk-ast';
import { AwkSyntaxError, describeToken, Lexer, type Token } from './awk-lex';
import { AwkRegexError, compileAwkRegex } from './awk-regex';

const ARITY: Record<string, [number, number]> = {
  length: [0, 1],
  substr: [2, 3],
  index: [2, 2],
  split: [2, 3],
  sub: [2, 3],
  gsub: [2, 3],
  match: [2, 2],
  sprintf: [1, Infinity],
  tolower: [1, 1],
  toupper: [1, 1],
  int: [1, 1],
  sqrt: [1, 1],
  exp: [1, 1],
  log: [1, 1],
  sin: [1, 1],
  cos: [1, 1],
  atan2: [2, 2],
  rand: [0, 0],
  srand: [0, 1],
  system: [1, 1],
  close: [1, 1],
  fflush: [0, 1],
};

const ASSIGN_OPS = new Set(['=', '+=', '-=', '*=', '/=', '%=', '^=']);
const ARRAY_VARS = new Set(['ENVIRON', 'ARGV']);

const isLValue = (e: Expr): e is LValue =>
  e.k === 'var' || e.k === 'local' || e.k === 'field' || e.k === 'elem';

/** Tokens, names and expressions; the statement parser (awk-parse.ts) builds on it. */
export abstract class ExprParser {
  protected readonly lex: Lexer;

  protected tok: Token;

  protected buf: Token[] = [];

  protected locals: Map<string, number> | undefined;

  protected arrayLocals: boolean[] = [];

  protected noGt = 0;

  protected readonly usage = new Map<string, 'array' | 'scalar'>();

  protected readonly called = new Map<string, number>();

  protected plainGetline = false;

  protected readonly program: AwkProgram = {
    begin: [],
    main: [],
    end: [],
    functions: new Map(),
    ranges: 0,
    needsInput: false,
  };

  constructor(src: string) {
    this.lex = new Lexer(src);
    this.tok = this.lex.next();
  }

  protected advance(): Token {
    const t = this.tok;
    this.tok = this.buf.length ? this.buf.shift()! : this.lex.next();
    return t;
  }

  protected peek(n = 0): Token {
    while (this.buf.length <= n) this.buf.push(this.lex.next());
    return this.buf[n];
  }

  protected is(text: string): boolean {
    return (this.tok.kind === 'op' || this.tok.kind === 'kw') && this.tok.text === text;
  }

  protected error(t: Token = this.tok): AwkSyntaxError {
    if (t.kind === 'eof') return new AwkSyntaxError(t.line, 'missing } near end of file');
    return new AwkSyntaxError(t.line, `syntax error at or near ${describeToken(t)}`);
  }

  protected expect(text: string): Token {
    if (!this.is(text)) {
      if (text === ')' && (this.tok.kind === 'nl' || this.tok.kind === 'eof')) {
        throw new AwkSyntaxError(
          this.tok.line,
          `missing ) near end of ${this.tok.kind === 'nl' ? 'line' : 'file'}`,
        );
      }
      throw this.error();
    }
    return this.advance();
  }

  protected skipNl(): void {
    while (this.tok.kind === 'nl') this.advance();
  }

  protected skipTerms(): void {
    while (this.tok.kind === 'nl' || this.is(';')) this.advance();
  }

  protected peekIs(n: number, text: string): boolean {
    const t = n === 0 ? this.tok : this.peek(n - 1);
    return (t.kind === 'kw' || t.kind === 'op') && t.text === text;
  }

  protected noteUsage(name: string, as: 'array' | 'scalar', line: number): void {
    const was = this.usage.get(name) ?? (ARRAY_VARS.has(name) ? 'array' : undefined);
    if (was && was !== as)
      throw new AwkSyntaxError(
        line,
        was === 'array' ? `illegal reference to array ${name}` : `illegal reference to variable ${name}`,
      );
    this.usage.set(name, as);
  }

  protected arrayRef(t: Token): ArrayRef {
    if (t.kind !== 'name') throw this.error(t);
    const slot = this.locals?.get(t.text);
    if (slot !== undefined) {
      this.arrayLocals[slot] = true;
      return { k: 'local', slot, name: t.text };
    }
    this.noteUsage(t.text, 'array', t.line);
    return { k: 'var', name: t.text };
  }

  protected lvalueOfName(t: Token): LValue {
    if (this.program.functions.has(t.text) && this.locals?.get(t.text) === undefined)
      throw this.error(this.tok);
    const slot = this.locals?.get(t.text);
    if (slot !== undefined) return { k: 'local', slot, name: t.text };
    this.noteUsage(t.text, 'scalar', t.line);
    return { k: 'var', name: t.text };
  }

  protected subscripts(): Expr[] {
    this.expect('[');
    const saved = this.noGt;
    this.noGt = 0;
    const subs = [this.expr()];
    while (this.is(',')) {
      this.advance();
      this.skipNl();
      subs.push(this.expr());
    }
    this.noGt = saved;
    this.expect(']');
    return subs;
  }

  // ---- expressions, lowest precedence first

  expr(): Expr {
    const lhs = this.ternary();
    if (this.tok.kind === 'op' && ASSIGN_OPS.has(this.tok.text) && isLValue(lhs)) {
      const op = this.advance().text;
      return { k: 'assign', op, target: lhs, value: this.expr() };
    }
    return lhs;
  }

  protected ternary(): Expr {
    const test = this.or();
    if (!this.is('?')) return test;
    this.advance();
    this.skipNl();
    const yes = this.expr();
    this.skipNl();
    this.expect(':');
    this.skipNl();
    return { k: 'cond', test, yes, no: this.expr() };
  }

  protected or(): Expr {
    let a = this.and();
    while (this.is('||')) {
      this.advance();
      this.skipNl();
      a = { k: 'or', a, b: this.and() };
    }
    return a;
  }

  protected and(): Expr {
    let a = this.inExpr();
    while (this.is('&&')) {
      this.advance();
      this.skipNl();
      a = { k: 'and', a, b: this.inExpr() };
    }
    return a;
  }

  protected inExpr(): Expr {
    let a = this.matchExpr();
    while (this.is('in')) {
      this.advance();
      const array = this.arrayRef(this.advance());
      a = { k: 'in', subs: a.k === 'group' ? a.list : [a], array };
    }
    return a;
  }

  protected matchExpr(): Expr {
    let a = this.cmp();
    while (this.is('~') || this.is('!~')) {
      const neg = this.advance().text === '!~';
      a = { k: 'match', neg, a, re: this.cmp() };
    }
    return a;
  }

  protected cmp(): Expr {
    const a = this.concat();
    const t = this.tok;
    if (
      t.kind === 'op' &&
      ['<', '<=', '==', '!=', '>=', '>'].includes(t.text) &&
      !(t.text === '>' && this.noGt > 0)
    ) {
      this.advance();
      return { k: 'cmp', op: t.text, a, b: this.concat() };
    }
    return a;
  }

  protected startsOperand(): boolean {
    const t = this.tok;
    if (
      t.kind === 'num' ||
      t.kind === 'str' ||
      t.kind === 'name' ||
      t.kind === 'funcname' ||
      t.kind === 'builtin'
    )
      return true;
    return t.kind === 'op' && ['$', '(', '!', '-', '+', '++', '--'].includes(t.text);
  }

  protected concat(): Expr {
    let a = this.additive();
    for (;;) {
      if (this.is('|') && this.peekIs(1, 'getline')) {
        this.advance();
        this.advance();
        const target = this.optionalTarget();
        a = { k: 'getline', cmd: a, target };
        continue;
      }
      // juxtaposition; `-` and `+` here are binary, `!` only starts an operand after a value in gawk, not mawk
      const t = this.tok;
      if (!this.startsOperand() || (t.kind === 'op' && ['-', '+', '!'].includes(t.text))) return a;
      a = { k: 'concat', a, b: this.additive() };
    }
  }

  protected additive(): Expr {
    let a = this.mul();
    while (this.is('+') || this.is('-')) {
      const op = this.advance().text;
      a = { k: 'arith', op, a, b: this.mul() };
    }
    return a;
  }

  protected mul(): Expr {
    let a = this.unary();
    while (this.is('*') || this.is('/') || this.is('%')) {
      const op = this.advance().text;
      a = { k: 'arith', op, a, b: this.unary() };
    }
    return a;
  }

  protected unary(): Expr {
    if (this.is('!') || this.is('-') || this.is('+')) {
      const op = this.advance().text as '!' | '-' | '+';
      return { k: 'unary', op, a: this.unary() };
    }
    return this.pow();
  }

  protected pow(): Expr {
    const base = this.postfix();
    if (!this.is('^')) return base;
    this.advance();
    // right-associative, and the exponent may carry its own sign: 2^-1, 2^3^2
    const exp = this.is('-') || this.is('+') || this.is('!') ? this.unary() : this.pow();
    return { k: 'arith', op: '^', a: base, b: exp };
  }

  protected postfix(): Expr {
    const p = this.primary();
    if (isLValue(p) && (this.is('++') || this.is('--'))) {
      const op = this.advance().text as '++' | '--';
      return { k: 'incdec', op, prefix: false, target: p };
    }
    return p;
  }

  protected optionalTarget(): LValue | undefined {
    if (this.tok.kind === 'name' || this.is('$')) {
      const p = this.primary();
      if (!isLValue(p)) throw this.error();
      return p;
    }
    return undefined;
  }

  protected primary(): Expr {
    const t = this.tok;
    switch (t.kind) {
      case 'num':
        this.advance();
        return { k: 'num', v: t.num ?? 0 };
      case 'str':
        this.advance();
        return { k: 'str', v: t.text };
      case 'name': {
        this.advance();
        if (this.is('[')) return { k: 'elem', array: this.arrayRef(t), subs: this.subscripts() };
        return this.lvalueOfName(t);
      }
      case 'funcname': {
        this.advance();
        const args = this.callArgs();
        this.called.set(t.text, t.line);
        return { k: 'call', name: t.text, args };
      }
      case 'builtin':
        return this.builtin();
      case 'kw':
        if (t.text === 'getline') {
          this.advance();
          const target = this.optionalTarget();
          if (this.is('<')) {
            this.advance();
            return { k: 'getline', target, file: this.postfix() };
          }
          this.plainGetline = true;
          return { k: 'getline', target };
        }
        throw this.error();
      case 'op':
        break;
      default:
        throw this.error();
    }
    switch (t.text) {
      case '/':
      case '/=': {
        this.buf = [];
        this.tok = this.lex.regex(t);
        const re = this.advance();
        const c = compileAwkRegex(re.text);
        if (c instanceof AwkRegexError)
          throw new AwkSyntaxError(re.line, `regular expression compile failed (${c.message})\n${re.text}`);
        return { k: 'ere', re: re.text };
      }
      case '(': {
        this.advance();
        const saved = this.noGt;
        this.noGt = 0;
        const first = this.expr();
        if (this.is(',')) {
          const list = [first];
          while (this.is(',')) {
            this.advance();
            this.skipNl();
            list.push(this.expr());
          }
          this.noGt = saved;
          this.expect(')');
          if (!this.is('in') && saved === 0) throw this.error();
          return { k: 'group', list };
        }
        this.noGt = saved;
        this.expect(')');
        return first;
      }
      case '$': {
        this.advance();
        let index: Expr;
        if (this.is('++') || this.is('--')) index = this.prefixIncdec();
        else if (this.is('-') || this.is('+') || this.is('!')) {
          const op = this.advance().text as '!' | '-' | '+';
          index = { k: 'unary', op, a: this.primary() };
        } else index = this.primary();
        return { k: 'field', index };
      }
      case '++':
      case '--':
        return this.prefixIncdec();
      case '-':
      case '+':
      case '!': {
        const op = this.advance().text as '!' | '-' | '+';
        return { k: 'unary', op, a: this.unary() };
      }
    }
    throw this.error();
  }

  protected prefixIncdec(): Expr {
    const op = this.advance().text as '++' | '--';
    const target = this.primary();
    if (!isLValue(target)) throw this.error();
    return { k: 'incdec', op, prefix: true, target };
  }

  protected callArgs(): Expr[] {
    this.expect('(');
    const saved = this.noGt;
    this.noGt = 0;
    const args: Expr[] = [];
    this.skipNl();
    while (!this.is(')')) {
      // a bare name passed along may be an array or a scalar: the callee decides
      if (this.tok.kind === 'name' && (this.peekIs(1, ',') || this.peekIs(1, ')'))) {
        const t = this.advance();
        const slot = this.locals?.get(t.text);
        args.push(slot !== undefined ? { k: 'local', slot, name: t.text } : { k: 'var', name: t.text });
      } else args.push(this.expr());
      this.skipNl();
      if (this.is(',')) {
        this.advance();
        this.skipNl();
      } else if (!this.is(')')) throw this.error();
    }
    this.noGt = saved;
    this.advance();
    return args;
  }

  protected builtin(): Expr {
    const t = this.advance();
    const name = t.text;
    let args: Expr[] = [];
    if (this.is('(')) args = this.callArgs();
    else if (name !== 'length') throw this.error();
    const [min, max] = ARITY[name];
    if (args.length < min || args.length > max)
      throw new AwkSyntaxError(t.line, `wrong number of arguments in call to ${name}`);
    if (name === 'split') {
      const a = args[1];
      if (a.k !== 'var' && a.k !== 'local') throw this.error();
      this.markArray(a);
    }
    if ((name === 'sub' || name === 'gsub') && args[2] && !isLValue(args[2])) throw this.error();
    return { k: 'builtin', name, args };
  }

  /** split's second argument names an array (the parser saw it as a scalar name). */

  protected markArray(a: { k: 'var'; name: string } | { k: 'local'; slot: number; name: string }): void {
    if (a.k === 'local') this.arrayLocals[a.slot] = true;
    else {
      if (this.usage.get(a.name) === 'scalar') this.usage.delete(a.name);
      this.noteUsage(a.name, 'array', this.tok.line);
    }
  }
}
