// The lexer of Go's text/template (Go 1.24 parse/lex.go): text, {{ }} actions with
// trim markers and comments, and the tokens inside an action, with Go's error items.

export type ItemType =
  | 'error'
  | 'bool'
  | 'char'
  | 'charConstant'
  | 'assign'
  | 'declare'
  | 'eof'
  | 'field'
  | 'identifier'
  | 'leftDelim'
  | 'leftParen'
  | 'number'
  | 'pipe'
  | 'rawString'
  | 'rightDelim'
  | 'rightParen'
  | 'space'
  | 'string'
  | 'text'
  | 'variable'
  // keywords
  | 'block'
  | 'break'
  | 'continue'
  | 'dot'
  | 'define'
  | 'else'
  | 'end'
  | 'if'
  | 'range'
  | 'nil'
  | 'template'
  | 'with';

export interface Item {
  typ: ItemType;
  pos: number;
  val: string;
  line: number;
}

export const KEYWORDS: Record<string, ItemType> = {
  '.': 'dot',
  block: 'block',
  break: 'break',
  continue: 'continue',
  define: 'define',
  else: 'else',
  end: 'end',
  if: 'if',
  range: 'range',
  nil: 'nil',
  template: 'template',
  with: 'with',
};

const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const isAlnum = (c: string) => c === '_' || /[\p{L}\p{Nd}]/u.test(c);

/** Tokenise a whole template (Go's lexer is lazy; the parser reads tokens in the same order). */
export function lex(input: string, isFunc: (name: string) => boolean): Item[] {
  const items: Item[] = [];
  let pos = 0;
  let start = 0;
  let line = 1;
  let parenDepth: number;
  const emit = (typ: ItemType) => {
    const val = input.slice(start, pos);
    items.push({ typ, pos: start, val, line });
    if (typ === 'text' || typ === 'rawString' || typ === 'leftDelim' || typ === 'rightDelim')
      line += count(val, '\n');
    start = pos;
  };
  const err = (msg: string) => {
    items.push({ typ: 'error', pos: start, val: msg, line });
  };
  const count = (s: string, c: string) => s.split(c).length - 1;
  const peek = () => (pos < input.length ? input[pos] : '');
  const next = () => {
    if (pos >= input.length) return '';
    const c = input[pos++];
    if (c === '\n') line++;
    return c;
  };
  const atRightDelim = (): [boolean, boolean] => {
    if (input.startsWith('}}', pos)) return [true, false];
    if (input.startsWith(' -}}', pos)) return [true, true];
    return [false, false];
  };
  const atTerminator = () => {
    const c = peek();
    return c === '' || isSpace(c) || '.,|:()'.includes(c) || input.startsWith('}}', pos);
  };

  // text
  for (;;) {
    const x = input.indexOf('{{', pos);
    if (x < 0) {
      pos = input.length;
      if (pos > start) emit('text');
      emit('eof');
      return items;
    }
    pos = x;
    let trim = 0;
    if (input.startsWith('- ', pos + 2))
      trim = input.slice(start, pos).length - input.slice(start, pos).replace(/[ \t\r\n]+$/, '').length;
    pos -= trim;
    if (pos > start) emit('text');
    pos += trim;
    start = pos;
    // left delimiter
    pos += 2;
    const trimLeft = input.startsWith('- ', pos);
    const after = trimLeft ? 2 : 0;
    if (input.startsWith('/*', pos + after)) {
      pos += after;
      start = pos;
      pos += 2;
      const i = input.indexOf('*/', pos);
      if (i < 0) {
        err('unclosed comment');
        return items;
      }
      line += count(input.slice(pos, i), '\n');
      pos = i + 2;
      const [delim, trimSpace] = atRightDelim();
      if (!delim) {
        err('comment ends before closing delimiter');
        return items;
      }
      pos += (trimSpace ? 2 : 0) + 2;
      if (trimSpace) while (pos < input.length && isSpace(input[pos])) next();
      start = pos;
      continue;
    }
    emit('leftDelim');
    pos += after;
    start = pos;
    parenDepth = 0;
    // inside action
    for (;;) {
      const [delim, trimSpace] = atRightDelim();
      if (delim) {
        if (parenDepth !== 0) {
          err('unclosed left paren');
          return items;
        }
        if (trimSpace) {
          pos += 2;
          start = pos;
        }
        pos += 2;
        emit('rightDelim');
        if (trimSpace) {
          while (pos < input.length && isSpace(input[pos])) next();
          start = pos;
        }
        break;
      }
      const c = next();
      if (c === '') {
        err('unclosed action');
        return items;
      }
      if (isSpace(c)) {
        pos--;
        if (c === '\n') line--;
        let n = 0;
        while (isSpace(peek())) {
          next();
          n++;
        }
        if (input.startsWith(' -}}', pos - 1)) {
          pos--;
          if (n === 1) {
            start = pos;
            continue;
          }
        }
        emit('space');
        continue;
      }
      if (c === '=') emit('assign');
      else if (c === ':') {
        if (next() !== '=') {
          err('expected :=');
          return items;
        }
        emit('declare');
      } else if (c === '|') emit('pipe');
      else if (c === '"' || c === '`' || c === "'") {
        const close = c;
        for (;;) {
          const d = next();
          if (close !== '`' && d === '\\') {
            const e = next();
            if (e !== '' && e !== '\n') continue;
            err(close === "'" ? 'unterminated character constant' : 'unterminated quoted string');
            return items;
          }
          if (d === '' || (close !== '`' && d === '\n')) {
            err(
              close === "'"
                ? 'unterminated character constant'
                : close === '`'
                  ? 'unterminated raw quoted string'
                  : 'unterminated quoted string',
            );
            return items;
          }
          if (d === close) break;
        }
        emit(close === '"' ? 'string' : close === '`' ? 'rawString' : 'charConstant');
      } else if (c === '$' || (c === '.' && !(peek() >= '0' && peek() <= '9'))) {
        const typ: ItemType = c === '$' ? 'variable' : 'field';
        if (atTerminator()) emit(c === '$' ? 'variable' : 'dot');
        else {
          while (isAlnum(peek())) next();
          if (!atTerminator()) {
            err(`bad character ${quoteRune(peek())}`);
            return items;
          }
          emit(typ);
        }
      } else if (c === '.' || c === '+' || c === '-' || (c >= '0' && c <= '9')) {
        pos--;
        const m =
          /^[+-]?(0[xX][0-9a-fA-F_]*(\.[0-9a-fA-F_]*)?([pP][+-]?\d+)?|[0-9_]*(\.[0-9_]*)?([eE][+-]?\d+)?)i?/.exec(
            input.slice(pos),
          );
        pos += m ? m[0].length : 0;
        if (isAlnum(peek())) {
          next();
          err(`bad number syntax: ${JSON.stringify(input.slice(start, pos))}`);
          return items;
        }
        emit('number');
      } else if (isAlnum(c)) {
        while (isAlnum(peek())) next();
        const word = input.slice(start, pos);
        if (!atTerminator()) {
          err(`bad character ${quoteRune(peek())}`);
          return items;
        }
        const kw = KEYWORDS[word];
        if (kw && !((kw === 'break' || kw === 'continue') && isFunc(word))) emit(kw);
        else if (word === 'true' || word === 'false') emit('bool');
        else emit('identifier');
      } else if (c === '(') {
        emit('leftParen');
        parenDepth++;
      } else if (c === ')') {
        emit('rightParen');
        parenDepth--;
        if (parenDepth < 0) {
          err(`unexpected right paren U+0029 ')'`);
          return items;
        }
      } else if (c.charCodeAt(0) < 0x7f && c >= ' ') emit('char');
      else {
        err(`unrecognized character in action: ${quoteRune(c)}`);
        return items;
      }
    }
  }
}

function quoteRune(c: string): string {
  const cp = c.codePointAt(0) ?? 0;
  const hex = cp.toString(16).toUpperCase().padStart(4, '0');
  return `U+${hex} '${c}'`;
}

/** strconv.Unquote for "…", `…` and '…'. */
