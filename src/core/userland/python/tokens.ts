// Python's tokenizer: logical lines, INDENT/DEDENT from the indentation stack,
// implicit joining inside brackets, backslash continuations, and CPython's
// wording for the errors a tokenizer finds (unterminated strings, unmatched
// brackets, bad number literals, invalid characters).
import { PySyntaxError } from './syntax-error';

export type TokKind = 'name' | 'number' | 'string' | 'op' | 'newline' | 'indent' | 'dedent' | 'end';

export interface Token {
  kind: TokKind;
  /** Source text (strings keep prefix and quotes). */
  value: string;
  /** 1-based line, 0-based column (characters). */
  line: number;
  col: number;
  endLine: number;
  endCol: number;
}

const OPERATORS = [
  '**=',
  '//=',
  '>>=',
  '<<=',
  '...',
  '!=',
  '->',
  ':=',
  '**',
  '//',
  '<<',
  '>>',
  '<=',
  '>=',
  '==',
  '+=',
  '-=',
  '*=',
  '/=',
  '%=',
  '&=',
  '|=',
  '^=',
  '@=',
  '+',
  '-',
  '*',
  '/',
  '%',
  '@',
  '&',
  '|',
  '^',
  '~',
  '<',
  '>',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  ',',
  ':',
  '.',
  ';',
  '=',
];
const OPENERS: Record<string, string> = { ')': '(', ']': '[', '}': '{' };

const ID_START = /[\p{L}\p{Nl}_]/u;
const ID_CONT = /[\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}_]/u;
const STRING_PREFIX = /^(?:[rR][bBfF]?|[bBfF][rR]?|[uU])?(?='|")/;

export class Tokenizer {
  readonly lines: string[];
  private readonly src: string;
  private pos = 0;
  private line = 1;
  private lineStart = 0;
  private readonly tokens: Token[] = [];
  private readonly indents: number[] = [0];
  private readonly brackets: Array<{ ch: string; line: number; col: number }> = [];
  private atLineStart = true;

  constructor(
    source: string,
    private readonly filename: string,
  ) {
    this.src = source.replace(/\r\n?/g, '\n');
    this.lines = this.src.split('\n');
  }

  private err(
    msg: string,
    line: number,
    col: number,
    endCol?: number,
    kind: PySyntaxError['kind'] = 'SyntaxError',
    endLine?: number,
  ): PySyntaxError {
    return new PySyntaxError(
      kind,
      msg,
      this.filename,
      line,
      col + 1,
      this.lines[line - 1] ?? '',
      (endCol ?? col) + 1,
      endLine ?? line,
    );
  }

  private get col(): number {
    return this.pos - this.lineStart;
  }

  private push(kind: TokKind, value: string, line: number, col: number): void {
    this.tokens.push({ kind, value, line, col, endLine: this.line, endCol: this.col });
  }

  private newline(): void {
    this.line++;
    this.lineStart = this.pos;
  }

  tokenize(): Token[] {
    const s = this.src;
    while (this.pos < s.length) {
      if (this.atLineStart && this.brackets.length === 0) {
        if (this.indentation()) continue;
      }
      const c = s[this.pos];
      if (c === ' ' || c === '\t' || c === '\f') {
        this.pos++;
        continue;
      }
      if (c === '#') {
        while (this.pos < s.length && s[this.pos] !== '\n') this.pos++;
        continue;
      }
      if (c === '\\') {
        if (s[this.pos + 1] === '\n') {
          this.pos += 2;
          this.newline();
          continue;
        }
        if (this.pos + 1 >= s.length) throw this.err('unexpected EOF while parsing', this.line, this.col);
        throw this.err('unexpected character after line continuation character', this.line, this.col);
      }
      if (c === '\n') {
        if (this.brackets.length === 0) {
          const last = this.tokens[this.tokens.length - 1];
          if (last && last.kind !== 'newline') this.push('newline', '', this.line, this.col);
          this.atLineStart = true;
        }
        this.pos++;
        this.newline();
        continue;
      }
      this.token();
    }
    const last = this.tokens[this.tokens.length - 1];
    if (this.brackets.length) {
      const b = this.brackets[this.brackets.length - 1];
      throw this.err(`'${b.ch}' was never closed`, b.line, b.col);
    }
    if (last && last.kind !== 'newline' && last.kind !== 'dedent' && last.kind !== 'indent')
      this.push('newline', '', this.line, this.col);
    while (this.indents.length > 1) {
      this.indents.pop();
      this.push('dedent', '', this.line, 0);
    }
    this.push('end', '', this.line, this.col);
    return this.tokens;
  }

  /** Measure a line's indentation; returns true when the line was blank (skipped). */
  private indentation(): boolean {
    const s = this.src;
    let width = 0;
    let p = this.pos;
    for (; p < s.length; p++) {
      if (s[p] === ' ') width++;
      else if (s[p] === '\t') width = (Math.floor(width / 8) + 1) * 8;
      else if (s[p] === '\f') width = 0;
      else break;
    }
    if (p >= s.length || s[p] === '\n' || s[p] === '#' || (s[p] === '\\' && s[p + 1] === '\n')) {
      // blank or comment-only line: no INDENT/DEDENT, no NEWLINE
      while (p < s.length && s[p] !== '\n') p++;
      this.pos = p;
      if (p < s.length) {
        this.pos++;
        this.newline();
      }
      return true;
    }
    this.pos = p;
    this.atLineStart = false;
    const top = this.indents[this.indents.length - 1];
    if (width > top) {
      this.indents.push(width);
      this.push('indent', '', this.line, 0);
      this.tokens[this.tokens.length - 1].endCol = this.col;
    } else if (width < top) {
      while (this.indents[this.indents.length - 1] > width) {
        this.indents.pop();
        this.push('dedent', '', this.line, this.col);
      }
      if (this.indents[this.indents.length - 1] !== width) {
        throw this.err(
          'unindent does not match any outer indentation level',
          this.line,
          this.lines[this.line - 1].length,
          undefined,
          'IndentationError',
        );
      }
    }
    return false;
  }

  private token(): void {
    const s = this.src;
    const start = this.pos;
    const line = this.line;
    const col = this.col;
    const c = s[start];
    const rest = s.slice(start, start + 3);
    const prefix = STRING_PREFIX.exec(s.slice(start, start + 3));
    if (prefix) {
      this.pos += prefix[0].length;
      this.string(prefix[0], line, col);
      this.push('string', s.slice(start, this.pos), line, col);
      return;
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(s[start + 1] ?? ''))) {
      this.number();
      this.push('number', s.slice(start, this.pos), line, col);
      return;
    }
    const cp = s.codePointAt(start)!;
    const ch = String.fromCodePoint(cp);
    if (ID_START.test(ch)) {
      this.pos += ch.length;
      while (this.pos < s.length) {
        const d = String.fromCodePoint(s.codePointAt(this.pos)!);
        if (!ID_CONT.test(d)) break;
        this.pos += d.length;
      }
      this.push('name', s.slice(start, this.pos), line, col);
      return;
    }
    const op = OPERATORS.find((o) => rest.startsWith(o));
    if (op) {
      this.pos += op.length;
      if (op === '(' || op === '[' || op === '{') this.brackets.push({ ch: op, line, col });
      else if (op === ')' || op === ']' || op === '}') {
        const open = this.brackets.pop();
        if (!open) throw this.err(`unmatched '${op}'`, line, col);
        if (open.ch !== OPENERS[op]) {
          const where = open.line !== line ? ` on line ${open.line}` : '';
          throw this.err(
            `closing parenthesis '${op}' does not match opening parenthesis '${open.ch}'${where}`,
            line,
            col,
          );
        }
      }
      this.push('op', op, line, col);
      return;
    }
    if (cp < 128) {
      // `$`, `?`, a lone `!`, a backtick: the parser reports them as invalid syntax
      this.pos++;
      this.push('op', ch, line, col);
      return;
    }
    throw this.err(
      `invalid character '${ch}' (U+${cp.toString(16).toUpperCase().padStart(4, '0')})`,
      line,
      col,
    );
  }

  private number(): void {
    const s = this.src;
    const line = this.line;
    const start = this.pos;
    const bad = (msg: string, at: number) => this.err(msg, line, at - this.lineStart);
    const digits = (re: RegExp, what: string, name: string) => {
      let last = '';
      while (this.pos < s.length) {
        const d = s[this.pos];
        if (re.test(d)) last = d;
        else if (d === '_' && last !== '_' && re.test(s[this.pos + 1] ?? '')) last = '_';
        else if (/[0-9]/.test(d)) throw bad(`invalid digit '${d}' in ${what} literal`, this.pos);
        else break;
        this.pos++;
      }
      if (/[_\p{L}]/u.test(s[this.pos] ?? '')) throw bad(`invalid ${name} literal`, start);
    };
    if (s[start] === '0' && /[xXoObB]/.test(s[start + 1] ?? '')) {
      const k = s[start + 1].toLowerCase();
      this.pos += 2;
      if (s[this.pos] === '_') this.pos++;
      if (k === 'x') digits(/[0-9a-fA-F]/, 'hexadecimal', 'hexadecimal');
      else if (k === 'o') digits(/[0-7]/, 'octal', 'octal');
      else digits(/[01]/, 'binary', 'binary');
      return;
    }
    const dec = () => {
      while (this.pos < s.length) {
        if (/[0-9]/.test(s[this.pos])) this.pos++;
        else if (s[this.pos] === '_' && /[0-9]/.test(s[this.pos + 1] ?? '') && /[0-9]/.test(s[this.pos - 1]))
          this.pos++;
        else break;
      }
    };
    dec();
    let isFloat = false;
    if (s[this.pos] === '.') {
      isFloat = true;
      this.pos++;
      dec();
    }
    if (/[eE]/.test(s[this.pos] ?? '')) {
      const save = this.pos;
      this.pos++;
      if (/[+-]/.test(s[this.pos] ?? '')) this.pos++;
      if (!/[0-9]/.test(s[this.pos] ?? '')) {
        this.pos = save;
        throw bad('invalid decimal literal', start);
      }
      isFloat = true;
      dec();
    }
    if (/[jJ]/.test(s[this.pos] ?? '')) this.pos++;
    else if (/[_\p{L}]/u.test(s[this.pos] ?? ''))
      throw bad('invalid decimal literal', s[this.pos] === '_' ? this.pos - 1 : start);
    const text = s.slice(start, this.pos);
    if (!isFloat && /^0[0-9_]*[1-9]/.test(text) && !/[jJ]$/.test(text)) {
      throw bad(
        'leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers',
        start,
      );
    }
  }

  /** Scan a string body after its prefix; f-strings' replacement fields may nest strings (PEP 701). */
  private string(prefix: string, line: number, col: number): void {
    const s = this.src;
    const q = s[this.pos];
    const triple = s.startsWith(q.repeat(3), this.pos);
    const quote = triple ? q.repeat(3) : q;
    const isF = /f/i.test(prefix);
    this.pos += quote.length;
    let depth = 0;
    for (;;) {
      if (this.pos >= s.length) throw this.unterminated(triple, line, col);
      const c = s[this.pos];
      if (depth === 0 && s.startsWith(quote, this.pos)) {
        this.pos += quote.length;
        return;
      }
      if (c === '\\' && depth === 0) {
        if (s[this.pos + 1] === '\n') {
          this.pos += 2;
          this.newline();
        } else this.pos += 2;
        continue;
      }
      if (c === '\n') {
        if (!triple && depth === 0) throw this.unterminated(false, line, col);
        this.pos++;
        this.newline();
        continue;
      }
      if (isF && c === '{') {
        if (depth === 0 && s[this.pos + 1] === '{') {
          this.pos += 2;
          continue;
        }
        depth++;
      } else if (isF && c === '}' && depth > 0) depth--;
      else if (isF && depth > 0 && (c === '"' || c === "'")) {
        // a string nested in a replacement field (PEP 701); one that never ends means the field never did
        const l = this.line;
        const cc = this.col;
        try {
          this.string('', l, cc);
        } catch (e) {
          if (e instanceof PySyntaxError && e.msg.startsWith('unterminated string'))
            throw this.err("f-string: expecting '}'", l, cc);
          throw e;
        }
        continue;
      }
      this.pos++;
    }
  }

  private unterminated(triple: boolean, line: number, col: number): PySyntaxError {
    // a file's tokenizer reports the last line it read; a string's counts the newline after it
    const fileEndsLine = !this.filename.startsWith('<') && this.src.endsWith('\n');
    const at = triple ? this.line - (fileEndsLine ? 1 : 0) : line;
    const msg = triple
      ? `unterminated triple-quoted string literal (detected at line ${at})`
      : `unterminated string literal (detected at line ${line})`;
    return this.err(msg, line, col);
  }
}

export function tokenize(source: string, filename: string): { tokens: Token[]; lines: string[] } {
  const t = new Tokenizer(source, filename);
  return { tokens: t.tokenize(), lines: t.lines };
}
