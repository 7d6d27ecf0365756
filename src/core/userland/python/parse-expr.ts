// Expressions of the Python grammar by recursive descent, in the precedence
// order of CPython's Grammar/python.gram, with the error messages its
// "invalid_*" rules give for the mistakes students make most.
import type { BinOpKind, CmpOp, Comprehension, Expr, Keyword, Param, Params, Pos, ScopeInfo } from './ast';
import { numberValue } from './literals';
import { KEYWORDS } from './parse-base';
import { StringParser } from './parse-strings';
import { PySyntaxError } from './syntax-error';
import { Tokenizer, type Token } from './tokens';

export { KEYWORDS, type Warning } from './parse-base';

const COMPARE = new Set(['==', '!=', '<', '<=', '>', '>=']);

export class ExprParser extends StringParser {
  // ---- expressions ----

  /** star_expressions: `a, *b, c` (a bare tuple when there is a comma). */
  starExpressions(): Expr {
    const first = this.starExpression();
    if (!this.isOp(',')) return first;
    const elts = [first];
    let last: Pos = first;
    while (this.eatOp(',')) {
      last = this.toks[this.i - 1];
      if (!this.startsExpr()) break;
      const e = this.starExpression();
      elts.push(e);
      last = e;
    }
    return {
      t: 'Tuple',
      elts,
      line: this.os(first).line,
      col: this.os(first).col,
      endLine: this.oe(last).endLine,
      endCol: this.oe(last).endCol,
    };
  }

  protected starExpression(): Expr {
    if (this.isOp('*')) {
      const s = this.advance();
      const v = this.bitor();
      return {
        t: 'Starred',
        value: v,
        ...this.pos(s),
        endLine: this.oe(v).endLine,
        endCol: this.oe(v).endCol,
      };
    }
    return this.expression();
  }

  expression(): Expr {
    if (this.isKw('lambda')) return this.lambda();
    const body = this.disjunction();
    if (this.isKw('if')) {
      const save = this.i;
      this.advance();
      const test = this.disjunction();
      if (!this.eatKw('else')) {
        if (this.tok.kind === 'newline' || this.isOp(')') || this.isOp(',') || this.isOp(']')) {
          throw this.error("expected 'else' after 'if' expression", body, test);
        }
        this.i = save;
        return body;
      }
      const orelse = this.expression();
      return {
        t: 'IfExp',
        test,
        body,
        orelse,
        line: this.os(body).line,
        col: this.os(body).col,
        endLine: this.oe(orelse).endLine,
        endCol: this.oe(orelse).endCol,
      };
    }
    return body;
  }

  /** An expression that may be followed by `:=`. */
  namedExpression(): Expr {
    if (this.tok.kind === 'name' && this.isOp(':=', this.peek())) {
      const n = this.advance();
      this.advance();
      const value = this.expression();
      const target: Expr = { t: 'Name', id: n.value, ...this.pos(n) };
      return {
        t: 'NamedExpr',
        target,
        value,
        line: n.line,
        col: n.col,
        endLine: value.endLine,
        endCol: value.endCol,
      };
    }
    const e = this.expression();
    if (
      this.parens > 0 &&
      this.startsExpr() &&
      !this.tok.value.match(/^(if|else|for|in|not|and|or|is|async|lambda)$/) &&
      this.tok.kind !== 'op'
    ) {
      const next = this.expression();
      throw this.error('invalid syntax. Perhaps you forgot a comma?', e, next);
    }
    return e;
  }

  private lambda(): Expr {
    const kw = this.advance();
    const params = this.params(':', false);
    this.expectOp(':');
    const body = this.expression();
    const scope: ScopeInfo = { locals: new Set(), globals: new Set(), nonlocals: new Set() };
    return { t: 'Lambda', params, body, scope, ...this.pos(kw), endLine: body.endLine, endCol: body.endCol };
  }

  /** Parameters up to `close` (')' for def, ':' for lambda). */
  params(close: string, annotations: boolean): Params {
    const p: Params = { args: [], posonly: 0, kwonly: [] };
    let star = false;
    let sawDefault = false;
    while (!this.isOp(close)) {
      if (this.eatOp('/')) p.posonly = p.args.length;
      else if (this.eatOp('**')) {
        p.kwarg = this.name();
        if (annotations && this.eatOp(':')) this.expression();
      } else if (this.eatOp('*')) {
        star = true;
        if (this.tok.kind === 'name') {
          p.vararg = this.name();
          if (annotations && this.eatOp(':')) this.expression();
        }
      } else {
        const nt = this.tok;
        const name = this.name();
        if (annotations && this.eatOp(':')) this.expression();
        const param: Param = { name };
        if (this.eatOp('=')) {
          param.default = this.expression();
          sawDefault = true;
        } else if (sawDefault && !star) {
          throw this.error('parameter without a default follows parameter with a default', this.pos(nt));
        }
        if (star) p.kwonly.push(param);
        else p.args.push(param);
      }
      if (!this.eatOp(',')) break;
    }
    return p;
  }

  protected name(): string {
    const t = this.tok;
    if (t.kind !== 'name' || KEYWORDS.has(t.value)) throw this.fail(t);
    this.advance();
    return t.value;
  }

  private binary<K extends string>(next: () => Expr, ops: readonly K[], kind: 'BinOp' | 'BoolOp'): Expr {
    let left = next();
    for (;;) {
      const t = this.tok;
      const op = ops.find((o) => (kind === 'BoolOp' ? this.isKw(o, t) : this.isOp(o, t)));
      if (!op) return left;
      this.advance();
      const right = next();
      if (kind === 'BoolOp') {
        const values =
          left.t === 'BoolOp' && left.op === op && !left.paren ? [...left.values, right] : [left, right];
        const span = {
          line: this.os(left).line,
          col: this.os(left).col,
          endLine: this.oe(right).endLine,
          endCol: this.oe(right).endCol,
        };
        left = { t: 'BoolOp', op: op as 'and' | 'or', values, ...span };
      } else {
        left = {
          t: 'BinOp',
          op: op as unknown as BinOpKind,
          left,
          right,
          line: this.os(left).line,
          col: this.os(left).col,
          endLine: this.oe(right).endLine,
          endCol: this.oe(right).endCol,
        };
      }
    }
  }

  protected disjunction(): Expr {
    return this.binary(() => this.conjunction(), ['or'] as const, 'BoolOp');
  }
  private conjunction(): Expr {
    return this.binary(() => this.inversion(), ['and'] as const, 'BoolOp');
  }
  private inversion(): Expr {
    if (this.isKw('not')) {
      const t = this.advance();
      const operand = this.inversion();
      return {
        t: 'UnaryOp',
        op: 'not',
        operand,
        ...this.pos(t),
        endLine: this.oe(operand).endLine,
        endCol: this.oe(operand).endCol,
      };
    }
    return this.comparison();
  }
  private comparison(): Expr {
    const left = this.bitor();
    const ops: CmpOp[] = [];
    const comparators: Expr[] = [];
    for (;;) {
      const t = this.tok;
      let op: CmpOp | undefined;
      if (t.kind === 'op' && COMPARE.has(t.value)) op = t.value as CmpOp;
      else if (this.isKw('in')) op = 'in';
      else if (this.isKw('not') && this.isKw('in', this.peek())) op = 'not in';
      else if (this.isKw('is')) op = this.isKw('not', this.peek()) ? 'is not' : 'is';
      if (!op) break;
      this.advance();
      if (op === 'not in' || op === 'is not') this.advance();
      ops.push(op);
      comparators.push(this.bitor());
    }
    if (!ops.length) return left;
    const last = comparators[comparators.length - 1];
    return {
      t: 'Compare',
      left,
      ops,
      comparators,
      line: this.os(left).line,
      col: this.os(left).col,
      endLine: this.oe(last).endLine,
      endCol: this.oe(last).endCol,
    };
  }
  protected bitor(): Expr {
    return this.binary(() => this.bitxor(), ['|'] as const, 'BinOp');
  }
  private bitxor(): Expr {
    return this.binary(() => this.bitand(), ['^'] as const, 'BinOp');
  }
  private bitand(): Expr {
    return this.binary(() => this.shift(), ['&'] as const, 'BinOp');
  }
  private shift(): Expr {
    return this.binary(() => this.sum(), ['<<', '>>'] as const, 'BinOp');
  }
  private sum(): Expr {
    return this.binary(() => this.term(), ['+', '-'] as const, 'BinOp');
  }
  private term(): Expr {
    return this.binary(() => this.factor(), ['*', '/', '//', '%', '@'] as const, 'BinOp');
  }
  private factor(): Expr {
    const t = this.tok;
    if (this.isOp('-') || this.isOp('+') || this.isOp('~')) {
      this.advance();
      const operand = this.factor();
      return {
        t: 'UnaryOp',
        op: t.value as '-' | '+' | '~',
        operand,
        ...this.pos(t),
        endLine: this.oe(operand).endLine,
        endCol: this.oe(operand).endCol,
      };
    }
    return this.power();
  }
  private power(): Expr {
    if (this.isKw('await')) {
      const t = this.advance();
      this.primary();
      return { t: 'Unsupported', what: "'await' expressions", ...this.pos(t) };
    }
    const base = this.primary();
    if (this.eatOp('**')) {
      const exp = this.factor();
      return {
        t: 'BinOp',
        op: '**',
        left: base,
        right: exp,
        line: this.os(base).line,
        col: this.os(base).col,
        endLine: this.oe(exp).endLine,
        endCol: this.oe(exp).endCol,
      };
    }
    return base;
  }

  protected primary(): Expr {
    let e = this.atom();
    for (;;) {
      if (this.isOp('.')) {
        this.advance();
        const n = this.tok;
        if (n.kind !== 'name') throw this.fail(n);
        this.advance();
        e = {
          t: 'Attribute',
          value: e,
          attr: n.value,
          line: this.os(e).line,
          col: this.os(e).col,
          endLine: n.endLine,
          endCol: n.endCol,
        };
      } else if (this.isOp('(')) {
        this.advance();
        this.parens++;
        const { args, keywords } = this.callArgs();
        this.parens--;
        const close = this.expectOp(')');
        e = {
          t: 'Call',
          func: e,
          args,
          keywords,
          line: this.os(e).line,
          col: this.os(e).col,
          endLine: close.endLine,
          endCol: close.endCol,
        };
      } else if (this.isOp('[')) {
        this.advance();
        this.parens++;
        const index = this.slices();
        this.parens--;
        const close = this.expectOp(']');
        e = {
          t: 'Subscript',
          value: e,
          index,
          line: this.os(e).line,
          col: this.os(e).col,
          endLine: close.endLine,
          endCol: close.endCol,
        };
      } else return e;
    }
  }

  private callArgs(): { args: Expr[]; keywords: Keyword[] } {
    const args: Expr[] = [];
    const keywords: Keyword[] = [];
    while (!this.isOp(')')) {
      const t = this.tok;
      if (this.eatOp('**')) {
        const value = this.expression();
        keywords.push({ value, pos: { ...this.pos(t), endLine: value.endLine, endCol: value.endCol } });
      } else if (this.isOp('*')) {
        args.push(this.starExpression());
      } else if (t.kind === 'name' && this.isOp('=', this.peek())) {
        if (KEYWORDS.has(t.value)) throw this.error(`cannot assign to ${t.value}`, this.pos(t));
        this.advance();
        this.advance();
        if (this.isOp(')') || this.isOp(','))
          throw this.error('expected argument value expression', this.pos(t), this.toks[this.i - 1]);
        const value = this.expression();
        keywords.push({
          name: t.value,
          value,
          pos: { ...this.pos(t), endLine: value.endLine, endCol: value.endCol },
        });
      } else {
        let e = this.namedExpression();
        if (this.isKw('for')) e = this.comprehension('GeneratorExp', e, t);
        else if (this.isOp('='))
          throw this.error('expression cannot contain assignment, perhaps you meant "=="?', e);
        if (keywords.length && !keywords.some((k) => k.name === undefined)) {
          throw this.error('positional argument follows keyword argument', e);
        }
        args.push(e);
      }
      if (!this.eatOp(',')) break;
    }
    return { args, keywords };
  }

  private slices(): Expr {
    const first = this.slice();
    if (!this.isOp(',')) return first;
    const elts = [first];
    while (this.eatOp(',') && !this.isOp(']')) elts.push(this.slice());
    const last = elts[elts.length - 1];
    return { t: 'Tuple', elts, line: first.line, col: first.col, endLine: last.endLine, endCol: last.endCol };
  }

  private slice(): Expr {
    const start = this.tok;
    let lower: Expr | undefined;
    if (!this.isOp(':')) {
      lower = this.isOp('*') ? this.starExpression() : this.namedExpression();
      if (!this.isOp(':')) return lower;
    }
    this.advance();
    let upper: Expr | undefined;
    let step: Expr | undefined;
    if (!this.isOp(':') && !this.isOp(']') && !this.isOp(',')) upper = this.expression();
    if (this.eatOp(':') && !this.isOp(']') && !this.isOp(',')) step = this.expression();
    const end = this.toks[this.i - 1];
    return { t: 'Slice', lower, upper, step, ...this.pos(start), endLine: end.endLine, endCol: end.endCol };
  }

  protected atom(): Expr {
    const t = this.tok;
    const p = this.pos(t);
    if (t.kind === 'name') {
      if (t.value === 'True' || t.value === 'False') {
        this.advance();
        return { t: 'Constant', value: { k: 'bool', v: t.value === 'True' }, ...p };
      }
      if (t.value === 'None') {
        this.advance();
        return { t: 'Constant', value: { k: 'None' }, ...p };
      }
      if (t.value === 'yield') {
        this.advance();
        if (this.eatKw('from')) {
          const value = this.expression();
          return { t: 'YieldFrom', value, ...p, endLine: value.endLine, endCol: value.endCol };
        }
        if (!this.startsExpr()) return { t: 'Yield', ...p };
        const value = this.starExpressions();
        return { t: 'Yield', value, ...p, endLine: this.oe(value).endLine, endCol: this.oe(value).endCol };
      }
      if (KEYWORDS.has(t.value)) throw this.fail(t);
      this.advance();
      return { t: 'Name', id: t.value, ...p };
    }
    if (t.kind === 'number') {
      this.advance();
      return { t: 'Constant', value: numberValue(t.value), ...p };
    }
    if (t.kind === 'string') return this.strings();
    if (this.isOp('...')) {
      this.advance();
      return { t: 'Constant', value: { k: 'Ellipsis' }, ...p };
    }
    if (this.isOp('(')) return this.group();
    if (this.isOp('[')) return this.listDisplay();
    if (this.isOp('{')) return this.dictOrSet();
    throw this.fail(t);
  }

  private group(): Expr {
    const open = this.advance();
    this.parens++;
    if (this.isOp(')')) {
      this.parens--;
      const close = this.advance();
      return { t: 'Tuple', elts: [], ...this.pos(open), endLine: close.endLine, endCol: close.endCol };
    }
    if (this.isKw('yield')) {
      const y = this.atom();
      this.parens--;
      this.expectOp(')');
      return y;
    }
    const first = this.isOp('*') ? this.starExpression() : this.namedExpression();
    if (this.isKw('for')) {
      const g = this.comprehension('GeneratorExp', first, open);
      this.parens--;
      const close = this.expectOp(')');
      return { ...g, endLine: close.endLine, endCol: close.endCol };
    }
    if (!this.isOp(',')) {
      this.parens--;
      const close = this.expectOp(')');
      return { ...first, paren: { ...this.pos(open), endLine: close.endLine, endCol: close.endCol } };
    }
    const elts = [first];
    while (this.eatOp(',') && !this.isOp(')'))
      elts.push(this.isOp('*') ? this.starExpression() : this.namedExpression());
    this.parens--;
    const close = this.expectOp(')');
    return { t: 'Tuple', elts, ...this.pos(open), endLine: close.endLine, endCol: close.endCol };
  }

  private listDisplay(): Expr {
    const open = this.advance();
    this.parens++;
    const elts: Expr[] = [];
    if (!this.isOp(']')) {
      const first = this.isOp('*') ? this.starExpression() : this.namedExpression();
      if (this.isKw('for')) {
        const c = this.comprehension('ListComp', first, open);
        this.parens--;
        const close = this.expectOp(']');
        return { ...c, endLine: close.endLine, endCol: close.endCol };
      }
      elts.push(first);
      while (this.eatOp(',') && !this.isOp(']'))
        elts.push(this.isOp('*') ? this.starExpression() : this.namedExpression());
    }
    this.parens--;
    const close = this.expectOp(']');
    return { t: 'List', elts, ...this.pos(open), endLine: close.endLine, endCol: close.endCol };
  }

  private dictOrSet(): Expr {
    const open = this.advance();
    this.parens++;
    const done = (e: Expr): Expr => {
      this.parens--;
      const close = this.expectOp('}');
      return { ...e, ...this.pos(open), endLine: close.endLine, endCol: close.endCol };
    };
    if (this.isOp('}')) return done({ t: 'Dict', keys: [], values: [], ...this.pos(open) });
    if (this.eatOp('**')) {
      const keys: Array<Expr | null> = [null];
      const values = [this.bitor()];
      return done(this.dictRest(keys, values));
    }
    const first = this.isOp('*') ? this.starExpression() : this.namedExpression();
    if (this.eatOp(':')) {
      const value = this.expression();
      if (this.isKw('for')) {
        const gens = this.forClauses();
        return done({ t: 'DictComp', key: first, value, generators: gens, ...this.pos(open) });
      }
      return done(this.dictRest([first], [value]));
    }
    if (this.isKw('for')) return done(this.comprehension('SetComp', first, open));
    const elts = [first];
    while (this.eatOp(',') && !this.isOp('}'))
      elts.push(this.isOp('*') ? this.starExpression() : this.namedExpression());
    return done({ t: 'Set', elts, ...this.pos(open) });
  }

  private dictRest(keys: Array<Expr | null>, values: Expr[]): Expr {
    while (this.eatOp(',') && !this.isOp('}')) {
      if (this.eatOp('**')) {
        keys.push(null);
        values.push(this.bitor());
      } else {
        keys.push(this.expression());
        if (!this.isOp(':')) throw this.fail(this.tok, "':' expected after dictionary key");
        this.advance();
        values.push(this.expression());
      }
    }
    const p = values[0];
    return { t: 'Dict', keys, values, line: p.line, col: p.col, endLine: p.endLine, endCol: p.endCol };
  }

  private comprehension(kind: 'ListComp' | 'SetComp' | 'GeneratorExp', elt: Expr, open: Token): Expr {
    const generators = this.forClauses();
    const last = this.toks[this.i - 1];
    return { t: kind, elt, generators, ...this.pos(open), endLine: last.endLine, endCol: last.endCol };
  }

  private forClauses(): Comprehension[] {
    const gens: Comprehension[] = [];
    while (this.isKw('for') || (this.isKw('async') && this.isKw('for', this.peek()))) {
      if (this.eatKw('async'))
        throw this.error(
          'asynchronous comprehension outside of an asynchronous function',
          this.pos(this.tok),
        );
      this.advance();
      const target = this.targetList();
      if (!this.eatKw('in')) throw this.fail(this.tok);
      const iter = this.disjunction();
      const ifs: Expr[] = [];
      while (this.eatKw('if')) ifs.push(this.disjunction());
      gens.push({ target, iter, ifs });
    }
    return gens;
  }

  /** Targets of `for` (a bare tuple allowed: `for k, v in ...`). */
  protected targetList(): Expr {
    const first = this.isOp('*') ? this.starExpression() : this.bitor();
    if (!this.isOp(',')) return first;
    const elts = [first];
    while (this.eatOp(',') && !this.isKw('in') && !this.isOp('='))
      elts.push(this.isOp('*') ? this.starExpression() : this.bitor());
    const last = elts[elts.length - 1];
    return { t: 'Tuple', elts, line: first.line, col: first.col, endLine: last.endLine, endCol: last.endCol };
  }

  /** Parse the expression of an f-string field, placed at its real position in the source. */
  protected fieldExpression(text: string, line: number, col: number): Expr {
    const padded = '\n'.repeat(line - 1) + ' '.repeat(col) + text;
    let toks: Token[];
    try {
      toks = new Tokenizer(padded, this.filename).tokenize();
    } catch (e) {
      if (e instanceof PySyntaxError)
        throw this.error(`f-string: ${e.msg}`, { line, col, endLine: line, endCol: col + 1 });
      throw e;
    }
    // the padding makes an INDENT, and a multi-line field NEWLINEs: neither matters inside braces
    const inner = toks.filter((t) => t.kind !== 'indent' && t.kind !== 'dedent' && t.kind !== 'newline');
    const sub = new ExprParser(inner, this.lines, this.filename);
    sub.parens = 1;
    const e = sub.starExpressions();
    if (sub.tok.kind !== 'end') throw sub.fail(sub.tok, "f-string: expecting '}'");
    this.warnings.push(...sub.warnings);
    return e;
  }
}
