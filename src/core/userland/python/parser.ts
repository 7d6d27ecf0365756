// Statements and blocks of the Python subset, on top of the expression parser,
// with CPython's messages for missing colons, missing indented blocks,
// assignments to things that cannot be assigned, and Python 2 prints.
import type { Alias, ExceptHandler, Expr, Keyword, Module, Pos, Stmt, WithItem } from './ast';
import { ExprParser, type Warning } from './parse-expr';
import { analyseScopes } from './scope';
import { PySyntaxError } from './syntax-error';
import { tokenize } from './tokens';

const BLOCK_NAMES: Record<string, string> = {
  if: "'if' statement",
  elif: "'elif' statement",
  else: "'else' statement",
  while: "'while' statement",
  for: "'for' statement",
  def: 'function definition',
  class: 'class definition',
  try: "'try' statement",
  except: "'except' statement",
  finally: "'finally' statement",
  with: "'with' statement",
};

class Parser extends ExprParser {
  file(): Stmt[] {
    const body: Stmt[] = [];
    while (this.tok.kind !== 'end') {
      if (this.tok.kind === 'newline') {
        this.advance();
        continue;
      }
      body.push(...this.statement());
    }
    return body;
  }

  private statement(): Stmt[] {
    const t = this.tok;
    if (t.kind === 'indent' || t.kind === 'dedent') throw this.fail(t);
    if (t.kind === 'name') {
      switch (t.value) {
        case 'if':
          return [this.ifStmt('if')];
        case 'while':
          return [this.whileStmt()];
        case 'for':
          return [this.forStmt()];
        case 'def':
          return [this.funcDef([], false)];
        case 'class':
          return [this.classDef([])];
        case 'try':
          return [this.tryStmt()];
        case 'with':
          return [this.withStmt()];
        case 'async':
          if (this.isKw('def', this.peek())) {
            this.advance();
            return [this.funcDef([], true)];
          }
          break;
        case 'match':
          if (this.peek().kind === 'name' && !['=', '.', '('].includes(this.peek().value)) {
            const s = this.advance();
            return [{ t: 'Unsupported', what: "'match' statements", ...this.pos(s) }];
          }
          break;
        case 'else':
        case 'elif':
        case 'except':
        case 'finally':
          throw this.fail(t);
      }
    }
    if (this.isOp('@')) return [this.decorated()];
    return this.simpleStatements();
  }

  private simpleStatements(): Stmt[] {
    const out = [this.simpleStatement()];
    while (this.eatOp(';')) {
      if (this.tok.kind === 'newline') break;
      out.push(this.simpleStatement());
    }
    if (this.tok.kind !== 'newline' && this.tok.kind !== 'end') throw this.fail(this.tok);
    this.advance();
    return out;
  }

  private simpleStatement(): Stmt {
    const t = this.tok;
    const p = this.pos(t);
    const end = (): Pos => {
      const l = this.toks[this.i - 1];
      return { line: p.line, col: p.col, endLine: l.endLine, endCol: l.endCol };
    };
    if (t.kind === 'name') {
      switch (t.value) {
        case 'pass':
        case 'break':
        case 'continue':
          this.advance();
          return { t: t.value === 'pass' ? 'Pass' : t.value === 'break' ? 'Break' : 'Continue', ...p };
        case 'return': {
          this.advance();
          const value = this.startsExpr() ? this.starExpressions() : undefined;
          return { t: 'Return', value, ...end() };
        }
        case 'raise': {
          this.advance();
          if (!this.startsExpr()) return { t: 'Raise', ...end() };
          const exc = this.expression();
          const cause = this.eatKw('from') ? this.expression() : undefined;
          return { t: 'Raise', exc, cause, ...end() };
        }
        case 'global':
        case 'nonlocal': {
          this.advance();
          const names = [this.name()];
          while (this.eatOp(',')) names.push(this.name());
          return { t: t.value === 'global' ? 'Global' : 'Nonlocal', names, ...end() };
        }
        case 'del': {
          this.advance();
          const target = this.targetList();
          const targets = target.t === 'Tuple' ? target.elts : [target];
          for (const x of targets) this.checkTarget(x, 'del');
          return { t: 'Delete', targets, ...end() };
        }
        case 'assert': {
          this.advance();
          const test = this.expression();
          const msg = this.eatOp(',') ? this.expression() : undefined;
          return { t: 'Assert', test, msg, ...end() };
        }
        case 'import':
          return this.importStmt();
        case 'from':
          return this.fromImport();
      }
    }
    const first = this.starExpressions();
    if (
      first.t === 'Name' &&
      (first.id === 'print' || first.id === 'exec') &&
      this.startsExpr() &&
      this.tok.kind !== 'op'
    ) {
      const rest = this.starExpressions();
      throw this.error(
        `Missing parentheses in call to '${first.id}'. Did you mean ${first.id}(...)?`,
        first,
        rest,
      );
    }
    if (this.isOp('=')) {
      const targets = [first];
      let value = first;
      while (this.eatOp('=')) {
        value = this.isKw('yield') ? this.atom() : this.starExpressions();
        targets.push(value);
      }
      targets.pop();
      for (const x of targets) this.checkTarget(x, 'assign');
      return { t: 'Assign', targets, value, ...end() };
    }
    const aug = this.augOp();
    if (aug) {
      if (first.t !== 'Name' && first.t !== 'Attribute' && first.t !== 'Subscript') {
        const what = first.t === 'Tuple' ? 'tuple' : first.t === 'List' ? 'list' : 'expression';
        throw this.error(`'${what}' is an illegal expression for augmented assignment`, first);
      }
      this.advance();
      const value = this.starExpressions();
      return { t: 'AugAssign', target: first, op: aug, value, ...end() };
    }
    if (this.isOp(':') && (first.t === 'Name' || first.t === 'Attribute' || first.t === 'Subscript')) {
      this.advance();
      const annotation = this.expression();
      const value = this.eatOp('=') ? this.starExpressions() : undefined;
      return { t: 'AnnAssign', target: first, annotation, value, ...end() };
    }
    return { t: 'Expr', value: first, ...end() };
  }

  /** Raise CPython's "cannot assign to ..." for things that are not targets. */
  private checkTarget(e: Expr, how: 'assign' | 'del' | 'for'): void {
    switch (e.t) {
      case 'Name':
      case 'Attribute':
      case 'Subscript':
        return;
      case 'Starred':
        return this.checkTarget(e.value, how);
      case 'Tuple':
      case 'List':
        for (const x of e.elts) this.checkTarget(x, how);
        return;
    }
    const verb = how === 'del' ? 'delete' : 'assign to';
    let what = 'expression';
    let node: Pos = e;
    if (e.t === 'Constant') {
      what =
        e.value.k === 'bool' || e.value.k === 'None'
          ? String(e.value.k === 'None' ? 'None' : e.value.v ? 'True' : 'False')
          : e.value.k === 'Ellipsis'
            ? 'ellipsis'
            : 'literal';
    } else if (e.t === 'Call') what = 'function call';
    else if (e.t === 'Compare') what = 'comparison';
    else if (e.t === 'JoinedStr') what = 'f-string expression';
    else if (e.t === 'Lambda') what = 'lambda';
    else if (e.t === 'IfExp') what = 'conditional expression';
    else if (e.t === 'Dict') what = 'dict literal';
    else if (e.t === 'Set') what = 'set display';
    else if (e.t === 'ListComp') what = 'list comprehension';
    else if (e.t === 'NamedExpr') what = 'named expression';
    else node = e;
    const isName = what === 'True' || what === 'False' || what === 'None';
    // the hint comes from the grammar's invalid_named_expression, which only sees bitwise_or-level expressions
    const low =
      e.t === 'Lambda' ||
      e.t === 'IfExp' ||
      e.t === 'BoolOp' ||
      e.t === 'Compare' ||
      e.t === 'NamedExpr' ||
      (e.t === 'UnaryOp' && e.op === 'not');
    const hint =
      how === 'assign' && !isName && !low && what !== 'ellipsis'
        ? " here. Maybe you meant '==' instead of '='?"
        : '';
    throw this.error(`cannot ${verb} ${what}${hint}`, node);
  }

  private importStmt(): Stmt {
    const kw = this.advance();
    if (this.tok.kind !== 'name') throw this.fail(this.tok, "Expected one or more names after 'import'");
    const names: Alias[] = [];
    do {
      const s = this.tok;
      const name = this.dotted();
      const asname = this.eatKw('as') ? this.name() : undefined;
      const l = this.toks[this.i - 1];
      names.push({ name, asname, pos: { ...this.pos(s), endLine: l.endLine, endCol: l.endCol } });
    } while (this.eatOp(','));
    const l = this.toks[this.i - 1];
    return { t: 'Import', names, ...this.pos(kw), endLine: l.endLine, endCol: l.endCol };
  }

  private dotted(): string {
    let n = this.name();
    while (this.eatOp('.')) n += '.' + this.name();
    return n;
  }

  private fromImport(): Stmt {
    const kw = this.advance();
    let level = 0;
    while (this.isOp('.') || this.isOp('...')) level += this.advance().value.length;
    const module = this.isKw('import') ? '' : this.dotted();
    if (!this.eatKw('import')) throw this.fail(this.tok);
    const names: Alias[] = [];
    if (this.isOp('*')) {
      const s = this.advance();
      names.push({ name: '*', pos: this.pos(s) });
    } else {
      const paren = !!this.eatOp('(');
      do {
        if (paren && this.isOp(')')) break;
        const s = this.tok;
        const name = this.name();
        const asname = this.eatKw('as') ? this.name() : undefined;
        const l = this.toks[this.i - 1];
        names.push({ name, asname, pos: { ...this.pos(s), endLine: l.endLine, endCol: l.endCol } });
      } while (this.eatOp(','));
      if (paren) this.expectOp(')');
      if (!names.length) throw this.fail(this.tok, "Expected one or more names after 'import'");
    }
    const l = this.toks[this.i - 1];
    return { t: 'ImportFrom', module, names, level, ...this.pos(kw), endLine: l.endLine, endCol: l.endCol };
  }

  // ---- compound statements ----

  /** `:` then a block; `forced` colons say "expected ':'" at any token, others only before a newline. */
  private block(kw: string, kwLine: number, forced: boolean): Stmt[] {
    if (!this.isOp(':')) {
      if (forced || this.tok.kind === 'newline') throw this.fail(this.tok, "expected ':'");
      throw this.fail(this.tok);
    }
    const colon = this.advance();
    if (this.tok.kind !== 'newline') return this.simpleStatements();
    const nl = this.advance();
    const next = this.toks[this.i];
    if (next.kind !== 'indent') {
      const at =
        next.kind === 'end'
          ? { ...this.pos(nl), col: colon.endCol, endCol: colon.endCol + 1 }
          : {
              ...this.pos(next),
              endCol: next.endLine === next.line && next.endCol > next.col ? next.endCol : next.col + 1,
            };
      throw this.error(
        `expected an indented block after ${BLOCK_NAMES[kw]} on line ${kwLine}`,
        at,
        at,
        'IndentationError',
      );
    }
    this.advance();
    const body: Stmt[] = [];
    for (let k = this.toks[this.i].kind; k !== 'dedent' && k !== 'end'; k = this.toks[this.i].kind) {
      if (k === 'newline') this.advance();
      else body.push(...this.statement());
    }
    this.advance();
    return body;
  }

  private last(): Pos {
    return this.toks[this.i - 1];
  }

  private ifStmt(kw: 'if' | 'elif'): Stmt {
    const t = this.advance();
    const test = this.condition();
    const body = this.block(kw, t.line, false);
    let orelse: Stmt[] = [];
    if (this.isKw('elif')) orelse = [this.ifStmt('elif')];
    else if (this.isKw('else')) {
      const e = this.advance();
      orelse = this.block('else', e.line, true);
    }
    return {
      t: 'If',
      test,
      body,
      orelse,
      ...this.pos(t),
      endLine: this.last().endLine,
      endCol: this.last().endCol,
    };
  }

  /** The test of if/elif/while, with the hint for `=` in place of `==`. */
  private condition(): Expr {
    const test = this.namedExpression();
    if (this.isOp('=')) {
      this.advance();
      const rhs = this.expression();
      throw this.error("invalid syntax. Maybe you meant '==' or ':=' instead of '='?", test, rhs);
    }
    return test;
  }

  private whileStmt(): Stmt {
    const t = this.advance();
    const test = this.condition();
    const body = this.block('while', t.line, false);
    let orelse: Stmt[] = [];
    if (this.isKw('else')) {
      const e = this.advance();
      orelse = this.block('else', e.line, true);
    }
    return {
      t: 'While',
      test,
      body,
      orelse,
      ...this.pos(t),
      endLine: this.last().endLine,
      endCol: this.last().endCol,
    };
  }

  private forStmt(): Stmt {
    const t = this.advance();
    const target = this.targetList();
    this.checkTarget(target, 'for');
    if (!this.eatKw('in')) throw this.fail(this.tok);
    const iter = this.starExpressions();
    const body = this.block('for', t.line, true);
    let orelse: Stmt[] = [];
    if (this.isKw('else')) {
      const e = this.advance();
      orelse = this.block('else', e.line, true);
    }
    return {
      t: 'For',
      target,
      iter,
      body,
      orelse,
      ...this.pos(t),
      endLine: this.last().endLine,
      endCol: this.last().endCol,
    };
  }

  private decorated(): Stmt {
    const decorators: Expr[] = [];
    while (this.eatOp('@')) {
      decorators.push(this.namedExpression());
      if (this.tok.kind !== 'newline') throw this.fail(this.tok);
      this.advance();
    }
    if (this.isKw('def')) return this.funcDef(decorators, false);
    if (this.isKw('async') && this.isKw('def', this.peek())) {
      this.advance();
      return this.funcDef(decorators, true);
    }
    if (this.isKw('class')) return this.classDef(decorators);
    throw this.fail(this.tok);
  }

  private funcDef(decorators: Expr[], isAsync: boolean): Stmt {
    const t = this.advance();
    const name = this.name();
    this.expectOp('(', "expected '('");
    const params = this.params(')', true);
    this.expectOp(')');
    if (this.eatOp('->')) this.expression();
    const body = this.block('def', t.line, true);
    const scope = { locals: new Set<string>(), globals: new Set<string>(), nonlocals: new Set<string>() };
    return {
      t: 'FunctionDef',
      name,
      params,
      body,
      decorators,
      scope,
      isAsync,
      ...this.pos(t),
      endLine: this.last().endLine,
      endCol: this.last().endCol,
    };
  }

  private classDef(decorators: Expr[]): Stmt {
    const t = this.advance();
    const name = this.name();
    const bases: Expr[] = [];
    const keywords: Keyword[] = [];
    if (this.eatOp('(')) {
      while (!this.isOp(')')) {
        const k = this.tok;
        if (k.kind === 'name' && this.isOp('=', this.peek())) {
          this.advance();
          this.advance();
          const value = this.expression();
          keywords.push({ name: k.value, value, pos: this.pos(k) });
        } else bases.push(this.expression());
        if (!this.eatOp(',')) break;
      }
      this.expectOp(')');
    }
    const body = this.block('class', t.line, true);
    return {
      t: 'ClassDef',
      name,
      bases,
      keywords,
      body,
      decorators,
      ...this.pos(t),
      endLine: this.last().endLine,
      endCol: this.last().endCol,
    };
  }

  private tryStmt(): Stmt {
    const t = this.advance();
    const body = this.block('try', t.line, true);
    const handlers: ExceptHandler[] = [];
    while (this.isKw('except')) {
      const e = this.advance();
      if (this.isOp('*')) throw this.fail(this.tok, "'except*' is not simulated");
      let type: Expr | undefined;
      let name: string | undefined;
      if (!this.isOp(':')) {
        type = this.expression();
        if (this.isOp(',')) {
          const rest = this.starExpressions();
          throw this.error('multiple exception types must be parenthesized', type, rest);
        }
        if (this.eatKw('as')) name = this.name();
      }
      const hbody = this.block('except', e.line, false);
      handlers.push({
        type,
        name,
        body: hbody,
        ...this.pos(e),
        endLine: this.last().endLine,
        endCol: this.last().endCol,
      });
    }
    let orelse: Stmt[] = [];
    let finalbody: Stmt[] = [];
    if (handlers.length && this.isKw('else')) {
      const e = this.advance();
      orelse = this.block('else', e.line, true);
    }
    if (this.isKw('finally')) {
      const f = this.advance();
      finalbody = this.block('finally', f.line, true);
    }
    if (!handlers.length && !finalbody.length)
      throw this.fail(this.tok, "expected 'except' or 'finally' block");
    return {
      t: 'Try',
      body,
      handlers,
      orelse,
      finalbody,
      ...this.pos(t),
      endLine: this.last().endLine,
      endCol: this.last().endCol,
    };
  }

  private withStmt(): Stmt {
    const t = this.advance();
    const items: WithItem[] = [];
    const paren = this.isOp('(') && this.parenthesisedWithItems();
    if (paren) this.advance();
    do {
      if (paren && this.isOp(')')) break;
      const expr = this.expression();
      const target = this.eatKw('as') ? this.targetList() : undefined;
      if (target) this.checkTarget(target, 'assign');
      items.push({ expr, target });
    } while (this.eatOp(','));
    if (paren) this.expectOp(')');
    const body = this.block('with', t.line, false);
    return {
      t: 'With',
      items,
      body,
      ...this.pos(t),
      endLine: this.last().endLine,
      endCol: this.last().endCol,
    };
  }

  /** `with (open(a) as f, open(b) as g):` rather than `with (a, b):` / `with (x) as y:`. */
  private parenthesisedWithItems(): boolean {
    let depth = 0;
    for (let k = this.i; k < this.toks.length; k++) {
      const x = this.toks[k];
      if (x.kind === 'op' && '([{'.includes(x.value)) depth++;
      else if (x.kind === 'op' && ')]}'.includes(x.value)) {
        depth--;
        if (depth === 0) return this.isOp(':', this.toks[k + 1]);
      } else if (depth === 1 && x.kind === 'name' && x.value === 'as') return true;
      if (x.kind === 'newline') return false;
    }
    return false;
  }
}

export interface Parsed {
  module: Module;
  warnings: Warning[];
}

/** Parse a whole source file (or `-c` text, or one REPL input). Throws PySyntaxError. */
export function parse(source: string, filename: string, opts: { symtable?: boolean } = {}): Parsed {
  const { tokens, lines } = tokenize(source, filename);
  const p = new Parser(tokens, lines, filename);
  const body = p.file();
  const module: Module = { body, lines, filename };
  // ast.parse stops here; compile() goes on to the symbol table and its errors
  if (opts.symtable !== false) analyseScopes(module, filename !== '<string>' && filename !== '<stdin>');
  return { module, warnings: p.warnings };
}

export { PySyntaxError };
