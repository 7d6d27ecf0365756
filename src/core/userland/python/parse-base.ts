// The parser's footing: the token stream, its helpers, and SyntaxErrors with
// CPython's positions (offsets 1-based, carets over the offending token).
import type { BinOpKind, Pos } from './ast';
import { PySyntaxError } from './syntax-error';
import type { Token } from './tokens';

export const KEYWORDS = new Set(
  'False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield'.split(
    ' ',
  ),
);

const AUG = new Set(['+=', '-=', '*=', '/=', '//=', '%=', '**=', '<<=', '>>=', '&=', '|=', '^=', '@=']);

export interface Warning {
  line: number;
  message: string;
}

export class ParserBase {
  protected i = 0;
  /** Depth of open brackets around the current expression (comma hints apply inside them only). */
  protected parens = 0;
  readonly warnings: Warning[] = [];

  constructor(
    protected readonly toks: Token[],
    readonly lines: string[],
    readonly filename: string,
  ) {}

  // ---- token helpers ----

  protected get tok(): Token {
    return this.toks[this.i];
  }
  protected peek(k = 1): Token {
    return this.toks[Math.min(this.i + k, this.toks.length - 1)];
  }
  protected advance(): Token {
    const t = this.toks[this.i];
    if (this.i < this.toks.length - 1) this.i++;
    return t;
  }
  protected isOp(v: string, t = this.tok): boolean {
    return t.kind === 'op' && t.value === v;
  }
  protected isKw(v: string, t = this.tok): boolean {
    return t.kind === 'name' && t.value === v;
  }
  protected eatOp(v: string): Token | undefined {
    return this.isOp(v) ? this.advance() : undefined;
  }
  protected eatKw(v: string): Token | undefined {
    return this.isKw(v) ? this.advance() : undefined;
  }
  protected expectOp(v: string, msg?: string): Token {
    if (this.isOp(v)) return this.advance();
    throw this.fail(this.tok, msg ?? 'invalid syntax');
  }

  protected error(
    msg: string,
    a: Pos,
    b: Pos = a,
    kind: PySyntaxError['kind'] = 'SyntaxError',
  ): PySyntaxError {
    const endCol = b.endLine === a.line ? b.endCol : (this.lines[a.line - 1] ?? '').length;
    return new PySyntaxError(
      kind,
      msg,
      this.filename,
      a.line,
      a.col + 1,
      this.lines[a.line - 1] ?? '',
      endCol + 1,
      a.line,
    );
  }

  protected fail(t: Token, msg = 'invalid syntax'): PySyntaxError {
    if (t.kind === 'indent')
      return this.error('unexpected indent', { ...t, col: 0, endCol: 0 }, undefined, 'IndentationError');
    if (t.kind === 'dedent' && msg === 'invalid syntax')
      return this.error(
        'unindent does not match any outer indentation level',
        t,
        undefined,
        'IndentationError',
      );
    const p = t.kind === 'newline' || t.kind === 'end' ? { ...t, endCol: t.col + 1 } : t;
    return this.error(msg, p);
  }

  /** Where a child starts and ends as its parent sees it (parentheses included). */
  protected os(e: Pos): { line: number; col: number } {
    return e.paren ?? e;
  }
  protected oe(e: Pos): { endLine: number; endCol: number } {
    return e.paren ?? e;
  }

  protected pos(t: Token): Pos {
    return { line: t.line, col: t.col, endLine: t.endLine, endCol: t.endCol };
  }

  protected startsExpr(t = this.tok): boolean {
    if (t.kind === 'number' || t.kind === 'string') return true;
    if (t.kind === 'name')
      return (
        !KEYWORDS.has(t.value) ||
        ['None', 'True', 'False', 'not', 'lambda', 'await', 'yield'].includes(t.value)
      );
    return t.kind === 'op' && ['(', '[', '{', '-', '+', '~', '...', '*'].includes(t.value);
  }

  protected augOp(): BinOpKind | undefined {
    const t = this.tok;
    return t.kind === 'op' && AUG.has(t.value) ? (t.value.slice(0, -1) as BinOpKind) : undefined;
  }
}
