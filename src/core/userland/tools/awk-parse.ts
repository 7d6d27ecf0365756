// A recursive-descent parser for the POSIX awk grammar (with mawk's
// extensions ** and func): precedence from ?: down to $, concatenation by
// juxtaposition, `>` as print's redirection, regexes where an operand belongs,
// and the compile-time checks mawk makes (improper next, array/scalar mixups,
// undefined functions, builtin argument counts).
import type {
  ArrayRef,
  AwkFunction,
  AwkProgram,
  Expr,
  Item,
  LValue,
  Pattern,
  Redirect,
  Stmt,
} from './awk-ast';
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

export class Parser {
  private readonly lex: Lexer;
  private tok: Token;
  private buf: Token[] = [];
  private locals: Map<string, number> | undefined;
  private arrayLocals: boolean[] = [];
  private section: 'begin' | 'end' | 'main' | 'function' = 'main';
  private loops = 0;
  private noGt = 0;
  private readonly usage = new Map<string, 'array' | 'scalar'>();
  private readonly called = new Map<string, number>();
  private ranges = 0;
  private plainGetline = false;
  private readonly program: AwkProgram = {
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

  parse(): AwkProgram {
    this.skipTerms();
    while (this.tok.kind !== 'eof') {
      this.item();
      this.skipTerms();
    }
    for (const [name] of this.called) {
      if (!this.program.functions.has(name))
        throw new AwkSyntaxError(this.tok.line, `function ${name} never defined`);
    }
    const p = this.program;
    p.ranges = this.ranges;
    p.needsInput = p.main.length > 0 || p.end.length > 0 || this.plainGetline;
    return p;
  }

  // ---- tokens

  private advance(): Token {
    const t = this.tok;
    this.tok = this.buf.length ? this.buf.shift()! : this.lex.next();
    return t;
  }

  private peek(n = 0): Token {
    while (this.buf.length <= n) this.buf.push(this.lex.next());
    return this.buf[n];
  }

  private is(text: string): boolean {
    return (this.tok.kind === 'op' || this.tok.kind === 'kw') && this.tok.text === text;
  }

  private error(t: Token = this.tok): AwkSyntaxError {
    if (t.kind === 'eof') return new AwkSyntaxError(t.line, 'missing } near end of file');
    return new AwkSyntaxError(t.line, `syntax error at or near ${describeToken(t)}`);
  }

  private expect(text: string): Token {
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

  private skipNl(): void {
    while (this.tok.kind === 'nl') this.advance();
  }

  private skipTerms(): void {
    while (this.tok.kind === 'nl' || this.is(';')) this.advance();
  }

  // ---- program structure

  private item(): void {
    const t = this.tok;
    if (t.kind === 'kw' && (t.text === 'BEGIN' || t.text === 'END')) {
      this.advance();
      this.section = t.text === 'BEGIN' ? 'begin' : 'end';
      if (!this.is('{')) throw this.error();
      const action = this.block();
      this.section = 'main';
      (t.text === 'BEGIN' ? this.program.begin : this.program.end).push({
        pattern: { k: t.text === 'BEGIN' ? 'begin' : 'end' },
        action,
      });
      return;
    }
    if (t.kind === 'kw' && t.text === 'function') return this.functionDef();
    if (this.is('}')) {
      throw new AwkSyntaxError(t.line, "extra '}'");
    }
    let pattern: Pattern = { k: 'all' };
    if (!this.is('{')) {
      const from = this.expr();
      if (this.is(',')) {
        this.advance();
        this.skipNl();
        pattern = { k: 'range', from, to: this.expr(), index: this.ranges++ };
      } else pattern = { k: 'expr', e: from };
    }
    const item: Item = { pattern };
    if (this.is('{')) item.action = this.block();
    else if (!(this.tok.kind === 'nl' || this.is(';') || this.tok.kind === 'eof')) throw this.error();
    this.program.main.push(item);
  }

  private functionDef(): void {
    const line = this.advance().line;
    const nameTok = this.advance();
    if (nameTok.kind !== 'name' && nameTok.kind !== 'funcname') throw this.error(nameTok);
    const name = nameTok.text;
    if (this.program.functions.has(name))
      throw new AwkSyntaxError(nameTok.line, `function ${name} redefined`);
    this.expect('(');
    const params: string[] = [];
    while (!this.is(')')) {
      const p = this.advance();
      if (p.kind !== 'name') throw this.error(p);
      params.push(p.text);
      if (this.is(',')) {
        this.advance();
        this.skipNl();
      } else if (!this.is(')')) throw this.error();
    }
    this.advance();
    this.skipNl();
    this.locals = new Map(params.map((p, i) => [p, i]));
    this.arrayLocals = params.map(() => false);
    this.section = 'function';
    const fn: AwkFunction = { name, params, arrayParams: this.arrayLocals, body: [], line };
    // defined before the body so that recursion resolves
    this.program.functions.set(name, fn);
    if (!this.is('{')) throw this.error();
    fn.body = this.block();
    this.locals = undefined;
    this.section = 'main';
  }

  private block(): Stmt[] {
    this.expect('{');
    const body: Stmt[] = [];
    this.skipTerms();
    while (!this.is('}')) {
      if (this.tok.kind === 'eof') throw this.error();
      body.push(this.stmt());
      this.skipTerms();
    }
    this.advance();
    return body;
  }

  // ---- statements

  /** After a simple statement: `;`, a newline, or a `}` / end of program that closes it. */
  private terminator(): void {
    if (this.is(';') || this.tok.kind === 'nl') {
      this.advance();
      return;
    }
    if (this.is('}') || this.tok.kind === 'eof') return;
    throw this.error();
  }

  private simpleOrBlock(): Stmt {
    this.skipNl();
    if (this.is(';')) {
      this.advance();
      return { k: 'block', body: [] };
    }
    return this.stmt();
  }

  private loopBody(): Stmt {
    this.loops++;
    try {
      return this.simpleOrBlock();
    } finally {
      this.loops--;
    }
  }

  private stmt(): Stmt {
    const t = this.tok;
    if (this.is('{')) return { k: 'block', body: this.block() };
    if (t.kind === 'kw') {
      switch (t.text) {
        case 'if': {
          this.advance();
          this.expect('(');
          const test = this.expr();
          this.expect(')');
          const yes = this.simpleOrBlock();
          // `if (x) a; else b` and an else on the next line
          let save = 0;
          while (this.peekTerm(save)) save++;
          if (this.peekIs(save, 'else')) {
            while (save-- > 0) this.advance();
            this.advance();
            return { k: 'if', test, yes, no: this.simpleOrBlock() };
          }
          return { k: 'if', test, yes };
        }
        case 'while': {
          this.advance();
          this.expect('(');
          const test = this.expr();
          this.expect(')');
          if (this.is(';')) {
            this.advance();
            return { k: 'while', test, body: { k: 'block', body: [] } };
          }
          return { k: 'while', test, body: this.loopBody() };
        }
        case 'do': {
          this.advance();
          const body = this.loopBody();
          this.skipTerms();
          if (!this.is('while')) throw this.error();
          this.advance();
          this.expect('(');
          const test = this.expr();
          this.expect(')');
          this.terminator();
          return { k: 'do', body, test };
        }
        case 'for':
          return this.forStmt();
        case 'next':
        case 'nextfile':
          if (this.section !== 'main') throw new AwkSyntaxError(t.line, `improper use of ${t.text}`);
          this.advance();
          this.terminator();
          return { k: t.text };
        case 'break':
        case 'continue':
          if (this.loops === 0) throw this.error();
          this.advance();
          this.terminator();
          return { k: t.text };
        case 'exit': {
          this.advance();
          const code = this.endsSimple() ? undefined : this.expr();
          this.terminator();
          return { k: 'exit', code };
        }
        case 'return': {
          if (this.section !== 'function') throw new AwkSyntaxError(t.line, 'return outside function body');
          this.advance();
          const value = this.endsSimple() ? undefined : this.expr();
          this.terminator();
          return { k: 'return', value };
        }
        case 'delete': {
          this.advance();
          const nameTok = this.advance();
          if (nameTok.kind !== 'name') throw this.error(nameTok);
          const array = this.arrayRef(nameTok);
          let subs: Expr[] | undefined;
          if (this.is('[')) subs = this.subscripts();
          this.terminator();
          return { k: 'delete', array, subs };
        }
        case 'print':
        case 'printf':
          return this.printStmt();
      }
    }
    if (this.is(';')) {
      this.advance();
      return { k: 'block', body: [] };
    }
    const e = this.expr();
    this.terminator();
    return { k: 'expr', e };
  }

  private peekTerm(n: number): boolean {
    const t = n === 0 ? this.tok : this.peek(n - 1);
    return t.kind === 'nl' || (t.kind === 'op' && t.text === ';');
  }

  private peekIs(n: number, text: string): boolean {
    const t = n === 0 ? this.tok : this.peek(n - 1);
    return (t.kind === 'kw' || t.kind === 'op') && t.text === text;
  }

  private endsSimple(): boolean {
    return this.is(';') || this.is('}') || this.tok.kind === 'nl' || this.tok.kind === 'eof';
  }

  private forStmt(): Stmt {
    this.advance();
    this.expect('(');
    // for (key in array)
    if (
      this.tok.kind === 'name' &&
      this.peekIs(1, 'in') &&
      this.peek(1).kind === 'name' &&
      this.peekIs(3, ')')
    ) {
      const key = this.lvalueOfName(this.advance());
      this.advance();
      const array = this.arrayRef(this.advance());
      this.advance();
      return { k: 'forin', key, array, body: this.loopBody() };
    }
    const init = this.is(';') ? undefined : this.expr();
    this.expect(';');
    this.skipNl();
    const test = this.is(';') ? undefined : this.expr();
    this.expect(';');
    this.skipNl();
    const step = this.is(')') ? undefined : this.expr();
    this.expect(')');
    if (this.is(';')) {
      this.advance();
      return { k: 'for', init, test, step, body: { k: 'block', body: [] } };
    }
    return { k: 'for', init, test, step, body: this.loopBody() };
  }

  private printStmt(): Stmt {
    const kw = this.advance();
    const printf = kw.text === 'printf';
    let args: Expr[] = [];
    if (!this.endsSimple() && !this.is('>') && !this.is('>>') && !this.is('|')) {
      this.noGt++;
      try {
        args.push(this.expr());
        while (this.is(',')) {
          this.advance();
          this.skipNl();
          args.push(this.expr());
        }
      } finally {
        this.noGt--;
      }
    }
    if (args.length === 1 && args[0].k === 'group') args = args[0].list;
    if (printf && args.length === 0) throw new AwkSyntaxError(kw.line, 'no arguments in call to printf');
    let redirect: Redirect | undefined;
    if (this.is('>') || this.is('>>') || this.is('|')) {
      const op = this.advance().text as Redirect['op'];
      this.noGt++;
      try {
        redirect = { op, target: this.ternary() };
      } finally {
        this.noGt--;
      }
    }
    this.terminator();
    return { k: 'print', printf, args, redirect };
  }

  // ---- names

  private noteUsage(name: string, as: 'array' | 'scalar', line: number): void {
    const was = this.usage.get(name) ?? (ARRAY_VARS.has(name) ? 'array' : undefined);
    if (was && was !== as)
      throw new AwkSyntaxError(
        line,
        was === 'array' ? `illegal reference to array ${name}` : `illegal reference to variable ${name}`,
      );
    this.usage.set(name, as);
  }

  private arrayRef(t: Token): ArrayRef {
    if (t.kind !== 'name') throw this.error(t);
    const slot = this.locals?.get(t.text);
    if (slot !== undefined) {
      this.arrayLocals[slot] = true;
      return { k: 'local', slot, name: t.text };
    }
    this.noteUsage(t.text, 'array', t.line);
    return { k: 'var', name: t.text };
  }

  private lvalueOfName(t: Token): LValue {
    if (this.program.functions.has(t.text) && this.locals?.get(t.text) === undefined)
      throw this.error(this.tok);
    const slot = this.locals?.get(t.text);
    if (slot !== undefined) return { k: 'local', slot, name: t.text };
    this.noteUsage(t.text, 'scalar', t.line);
    return { k: 'var', name: t.text };
  }

  private subscripts(): Expr[] {
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

  private ternary(): Expr {
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

  private or(): Expr {
    let a = this.and();
    while (this.is('||')) {
      this.advance();
      this.skipNl();
      a = { k: 'or', a, b: this.and() };
    }
    return a;
  }

  private and(): Expr {
    let a = this.inExpr();
    while (this.is('&&')) {
      this.advance();
      this.skipNl();
      a = { k: 'and', a, b: this.inExpr() };
    }
    return a;
  }

  private inExpr(): Expr {
    let a = this.matchExpr();
    while (this.is('in')) {
      this.advance();
      const array = this.arrayRef(this.advance());
      a = { k: 'in', subs: a.k === 'group' ? a.list : [a], array };
    }
    return a;
  }

  private matchExpr(): Expr {
    let a = this.cmp();
    while (this.is('~') || this.is('!~')) {
      const neg = this.advance().text === '!~';
      a = { k: 'match', neg, a, re: this.cmp() };
    }
    return a;
  }

  private cmp(): Expr {
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

  private startsOperand(): boolean {
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

  private concat(): Expr {
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

  private additive(): Expr {
    let a = this.mul();
    while (this.is('+') || this.is('-')) {
      const op = this.advance().text;
      a = { k: 'arith', op, a, b: this.mul() };
    }
    return a;
  }

  private mul(): Expr {
    let a = this.unary();
    while (this.is('*') || this.is('/') || this.is('%')) {
      const op = this.advance().text;
      a = { k: 'arith', op, a, b: this.unary() };
    }
    return a;
  }

  private unary(): Expr {
    if (this.is('!') || this.is('-') || this.is('+')) {
      const op = this.advance().text as '!' | '-' | '+';
      return { k: 'unary', op, a: this.unary() };
    }
    return this.pow();
  }

  private pow(): Expr {
    const base = this.postfix();
    if (!this.is('^')) return base;
    this.advance();
    // right-associative, and the exponent may carry its own sign: 2^-1, 2^3^2
    const exp = this.is('-') || this.is('+') || this.is('!') ? this.unary() : this.pow();
    return { k: 'arith', op: '^', a: base, b: exp };
  }

  private postfix(): Expr {
    const p = this.primary();
    if (isLValue(p) && (this.is('++') || this.is('--'))) {
      const op = this.advance().text as '++' | '--';
      return { k: 'incdec', op, prefix: false, target: p };
    }
    return p;
  }

  private optionalTarget(): LValue | undefined {
    if (this.tok.kind === 'name' || this.is('$')) {
      const p = this.primary();
      if (!isLValue(p)) throw this.error();
      return p;
    }
    return undefined;
  }

  private primary(): Expr {
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

  private prefixIncdec(): Expr {
    const op = this.advance().text as '++' | '--';
    const target = this.primary();
    if (!isLValue(target)) throw this.error();
    return { k: 'incdec', op, prefix: true, target };
  }

  private callArgs(): Expr[] {
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

  private builtin(): Expr {
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
  private markArray(a: { k: 'var'; name: string } | { k: 'local'; slot: number; name: string }): void {
    if (a.k === 'local') this.arrayLocals[a.slot] = true;
    else {
      if (this.usage.get(a.name) === 'scalar') this.usage.delete(a.name);
      this.noteUsage(a.name, 'array', this.tok.line);
    }
  }
}

export function parseAwk(src: string): AwkProgram {
  return new Parser(src).parse();
}
