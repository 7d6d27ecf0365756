// The awk program's structure, parsed by recursive descent over ExprParser:
// BEGIN/END/pattern-action items, ranges, function definitions, statements with
// their newline and semicolon rules, print/printf with redirections, and the
// checks mawk makes on them (improper next, return outside a function,
// undefined functions).
import type { AwkFunction, AwkProgram, Expr, Item, Pattern, Redirect, Stmt } from './awk-ast';
import { AwkSyntaxError } from './awk-lex';
import { ExprParser } from './awk-parse-expr';

export class Parser extends ExprParser {
  private section: 'begin' | 'end' | 'main' | 'function' = 'main';

  private loops = 0;

  private ranges = 0;

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
}

export function parseAwk(src: string): AwkProgram {
  return new Parser(src).parse();
}
