// awk's tokens as mawk 1.3.4 reads a program: numbers, strings with their
// escapes, names (a name glued to "(" is a function call), keywords, and
// regular expressions, which only the parser can tell from division, so it
// asks for one explicitly. Compile errors carry mawk's wording and line.

export type TokKind = 'num' | 'str' | 'ere' | 'name' | 'funcname' | 'builtin' | 'kw' | 'op' | 'nl' | 'eof';

export interface Token {
  kind: TokKind;
  /** The operator or keyword itself, the name, or the string/regex body after escapes. */
  text: string;
  num?: number;
  line: number;
  /** Offset of the token's first character (a `/` re-read as a regex starts here). */
  start: number;
}

/** A compile error: `mawk: line N: …`, exit 2. */
export class AwkSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

export const KEYWORDS = new Set([
  'BEGIN',
  'END',
  'function',
  'func',
  'if',
  'else',
  'while',
  'for',
  'do',
  'break',
  'continue',
  'next',
  'nextfile',
  'exit',
  'return',
  'delete',
  'getline',
  'in',
  'print',
  'printf',
]);

export const BUILTINS = new Set([
  'length',
  'substr',
  'index',
  'split',
  'sub',
  'gsub',
  'match',
  'sprintf',
  'tolower',
  'toupper',
  'int',
  'sqrt',
  'exp',
  'log',
  'sin',
  'cos',
  'atan2',
  'rand',
  'srand',
  'system',
  'close',
  'fflush',
]);

// longest first (this mawk has no ** operator)
const OPS = [
  '&&',
  '||',
  '++',
  '--',
  '+=',
  '-=',
  '*=',
  '/=',
  '%=',
  '^=',
  '==',
  '<=',
  '>=',
  '!=',
  '>>',
  '!~',
  '{',
  '}',
  '(',
  ')',
  '[',
  ']',
  ';',
  ',',
  '+',
  '-',
  '*',
  '/',
  '%',
  '^',
  '!',
  '>',
  '<',
  '|',
  '?',
  ':',
  '~',
  '$',
  '=',
];

/** C escapes in strings and regexes: \" \\ \/ \a \b \f \n \r \t \v \ddd; others keep the backslash (mawk). */
export function escapeChar(src: string, i: number, inRegex: boolean): { text: string; len: number } {
  const c = src[i];
  const simple: Record<string, string> = {
    n: '\n',
    t: '\t',
    r: '\r',
    f: '\f',
    v: '\v',
    a: '\x07',
    b: '\b',
    '"': '"',
    '/': '/',
  };
  if (c === '\\') return { text: inRegex ? '\\\\' : '\\', len: 1 };
  if (c === '/' && inRegex) return { text: '/', len: 1 };
  if (c in simple && !(inRegex && c === 'b')) return { text: simple[c], len: 1 };
  const oct = /^[0-7]{1,3}/.exec(src.slice(i, i + 3));
  if (oct) return { text: String.fromCharCode(parseInt(oct[0], 8) & 0xff), len: oct[0].length };
  // unknown escape: a regex keeps it for the regex compiler (\. \+ \$), a string keeps both characters
  return { text: `\\${c ?? ''}`, len: c === undefined ? 0 : 1 };
}

export class Lexer {
  pos = 0;
  line = 1;

  constructor(readonly src: string) {}

  private skipBlanks(): void {
    for (;;) {
      const c = this.src[this.pos];
      if (c === ' ' || c === '\t' || c === '\r') this.pos++;
      else if (c === '\\' && this.src[this.pos + 1] === '\n') {
        this.pos += 2;
        this.line++;
      } else if (c === '\\' && this.src[this.pos + 1] === '\r' && this.src[this.pos + 2] === '\n') {
        this.pos += 3;
        this.line++;
      } else if (c === '#') {
        while (this.pos < this.src.length && this.src[this.pos] !== '\n') this.pos++;
      } else return;
    }
  }

  next(): Token {
    this.skipBlanks();
    const start = this.pos;
    const line = this.line;
    const src = this.src;
    if (start >= src.length) return { kind: 'eof', text: '', line: this.line + 1, start };
    const c = src[start];
    if (c === '\n') {
      this.pos++;
      this.line++;
      return { kind: 'nl', text: '\n', line, start };
    }
    if (c === '"') return this.string(start, line);
    const num = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(src.slice(start, start + 400));
    if (num) {
      this.pos += num[0].length;
      return { kind: 'num', text: num[0], num: Number(num[0]), line, start };
    }
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(start, start + 400));
    if (word) {
      const w = word[0];
      this.pos += w.length;
      if (KEYWORDS.has(w)) return { kind: 'kw', text: w === 'func' ? 'function' : w, line, start };
      if (BUILTINS.has(w)) return { kind: 'builtin', text: w, line, start };
      return { kind: src[this.pos] === '(' ? 'funcname' : 'name', text: w, line, start };
    }
    for (const op of OPS) {
      if (src.startsWith(op, start)) {
        this.pos += op.length;
        return { kind: 'op', text: op, line, start };
      }
    }
    throw new AwkSyntaxError(line, `syntax error at or near ${c}`);
  }

  private string(start: number, line: number): Token {
    let i = start + 1;
    let text = '';
    const src = this.src;
    for (;;) {
      const c = src[i];
      if (c === undefined || c === '\n')
        throw new AwkSyntaxError(line, `runaway string constant "${src.slice(start + 1, start + 11)} ...`);
      if (c === '"') break;
      if (c === '\\') {
        if (src[i + 1] === '\n') {
          i += 2;
          this.line++;
          continue;
        }
        const e = escapeChar(src, i + 1, false);
        text += e.text;
        i += 1 + e.len;
        continue;
      }
      text += c;
      i++;
    }
    this.pos = i + 1;
    return { kind: 'str', text, line, start };
  }

  /**
   * Re-read from a `/` the parser found where an operand belongs: the regex up to the next `/`
   * outside brackets, found as mawk's collect_RE finds it. It counts bracket depth, a `[:` inside
   * a bracket one level deeper, so `/[[:alpha:]/` runs away and `/[5[:alpha:][]/` ends; a `]`
   * first in a bracket (after `[` or `[^`) is a member. Positions are those of collect_RE's
   * buffer, where an escape stays two characters (`\/` one, backslash-newline none).
   */
  regex(from: Token): Token {
    const src = this.src;
    let i = from.start + 1;
    let text = '';
    let boxed = 0;
    let at = 0;
    /** Buffer position just after the bracket's `[` (or its `^`); whether a `[` precedes it. */
    let first = -1;
    let firstAfterBox = false;
    for (;; at++) {
      const c = src[i];
      if (c === undefined || c === '\n')
        throw new AwkSyntaxError(
          from.line,
          `runaway regular expression /${src.slice(from.start + 1, from.start + 11)} ...`,
        );
      if (c === '\\') {
        const n = src[i + 1];
        if (n === '\n') {
          // a continued line: both characters vanish
          i += 2;
          at--;
          continue;
        }
        const e = escapeChar(src, i + 1, true);
        text += e.text;
        i += 1 + e.len;
        if (n !== '/' && n !== undefined) at++;
        continue;
      }
      if (c === '/' && boxed === 0) break;
      if (c === '^') {
        if (at === first && firstAfterBox) {
          first = at + 1;
          firstAfterBox = false;
        }
      } else if (c === '[') {
        if (boxed === 0) {
          first = at + 1;
          firstAfterBox = true;
          boxed++;
        } else if (src[i + 1] === ':') boxed++;
      } else if (c === ']' && boxed > 0 && at !== first) boxed--;
      text += c;
      i++;
    }
    this.pos = i + 1;
    return { kind: 'ere', text, line: from.line, start: from.start };
  }
}

/** How a syntax error names the token it stopped at. */
export function describeToken(t: Token): string {
  if (t.kind === 'nl') return 'end of line';
  if (t.kind === 'eof') return 'end of file';
  if (t.kind === 'str') return `"${t.text}"`;
  if (t.kind === 'ere') return `/${t.text}/`;
  return t.text;
}
