// GNU sed's regular expressions and replacements in JS terms: POSIX BRE/ERE
// with GNU's extensions (\+ \? \| \n \t \w \s \< \> \` \') translated to a
// RegExp source, and the RHS of `s` (& \1-\9 \n \L \U \l \u \E) as parts.
// Known difference: JS alternation is leftmost-first where POSIX is
// leftmost-longest (`s/a|ab/X/` on "ab" gives "Xb" here, "X" in GNU sed).

const CLASSES: Record<string, string> = {
  alpha: 'A-Za-z', digit: '0-9', alnum: '0-9A-Za-z', upper: 'A-Z', lower: 'a-z', space: ' \\t\\n\\r\\f\\v', blank: ' \\t',
  punct: '!-\\/:-@\\[-`{-~', xdigit: '0-9A-Fa-f', print: ' -~', graph: '!-~', cntrl: '\\x00-\\x1f\\x7f',
};

export interface TranslatedRegex {
  source: string;
  /** Capture groups the expression opens (the RHS may not name more). */
  groups: number;
}

/** A regcomp error in glibc's words (sed prints it after the expression's position). */
export class RegexError {
  constructor(readonly message: string) {}
}

const jsEscape = (c: string) => (/[.*+?^${}()|[\]\\/-]/.test(c) ? `\\${c}` : c);

/** The bracket expression starting at re[i] ('['): its JS form and where it ends. */
function bracket(re: string, i: number): { out: string; end: number } | RegexError {
  let j = i + 1;
  let body = '';
  if (re[j] === '^') {
    body += '^';
    j++;
  }
  if (re[j] === ']') {
    body += '\\]';
    j++;
  }
  for (; j < re.length && re[j] !== ']'; j++) {
    const rest = re.slice(j);
    const cls = /^\[:(\w+):\]/.exec(rest);
    if (cls) {
      const set = CLASSES[cls[1]];
      if (set === undefined) return new RegexError('Invalid character class name');
      body += set;
      j += cls[0].length - 1;
      continue;
    }
    const coll = /^\[([.=])(.)\1\]/.exec(rest);
    if (coll) {
      body += jsEscape(coll[2]);
      j += coll[0].length - 1;
      continue;
    }
    const c = re[j];
    // sed turns \n and \t into the characters before the regex is compiled; other backslashes are literal
    if (c === '\\' && (re[j + 1] === 'n' || re[j + 1] === 't')) {
      body += re[++j] === 'n' ? '\\n' : '\\t';
      continue;
    }
    if (c === '\\' && re[j + 1] === '\\') j++;
    body += c === '-' ? '-' : c === '^' ? '\\^' : jsEscape(c);
  }
  if (j >= re.length) return new RegexError('Unmatched [, [^, [:, [., or [=');
  return { out: `[${body}]`, end: j };
}

/** POSIX BRE (or ERE when `extended`) with GNU extensions -> JS RegExp source. */
export function translateRegex(re: string, extended: boolean): TranslatedRegex | RegexError {
  let out = '';
  let groups = 0;
  let open = 0;
  // where an anchor or a leading `*` counts as "at the start" (pattern start, after ( or |)
  let atStart = true;
  for (let i = 0; i < re.length; i++) {
    const c = re[i];
    const start: boolean = atStart;
    atStart = false;
    if (c === '[') {
      const b = bracket(re, i);
      if (b instanceof RegexError) return b;
      out += b.out;
      i = b.end;
      continue;
    }
    let op: string | undefined;
    if (c === '\\') {
      if (i + 1 >= re.length) return new RegexError('Trailing backslash');
      const n = re[++i];
      if (!extended && '(){}|+?'.includes(n)) op = n;
      else if (/[1-9]/.test(n)) {
        if (Number(n) > groups) return new RegexError('Invalid back reference');
        out += `\\${n}`;
        continue;
      } else {
        const special: Record<string, string> = {
          n: '\\n', t: '\\t', r: '\\r', f: '\\f', v: '\\v', a: '\\x07', w: '\\w', W: '\\W', s: '\\s', S: '\\S', b: '\\b', B: '\\B',
          '<': '\\b(?=\\w)', '>': '\\b(?<=\\w)', '`': '(?<![\\s\\S])', "'": '(?![\\s\\S])',
        };
        out += special[n] ?? jsEscape(n);
        continue;
      }
    } else if (extended ? '(){}|+?*^$'.includes(c) : '*^$'.includes(c)) op = c;
    if (op === undefined) {
      out += c === '.' ? '.' : jsEscape(c);
      continue;
    }
    switch (op) {
      case '(':
        groups++;
        open++;
        out += '(';
        atStart = true;
        break;
      case ')':
        if (open === 0) {
          if (extended) {
            out += '\\)';
            break;
          }
          return new RegexError('Unmatched ) or \\)');
        }
        open--;
        out += ')';
        break;
      case '|':
        out += '|';
        atStart = true;
        break;
      case '{': {
        const close = extended ? re.indexOf('}', i) : re.indexOf('\\}', i);
        const body = close < 0 ? '' : re.slice(i + 1, close);
        if (close < 0 || !/^\d*(,\d*)?$/.test(body) || body === '' || body === ',') {
          if (extended && close < 0) {
            out += '\\{';
            break;
          }
          return new RegexError(close < 0 ? 'Unmatched \\{' : 'Invalid content of \\{\\}');
        }
        if (start) return new RegexError('Invalid preceding regular expression');
        out += `{${body.startsWith(',') ? `0${body}` : body}}`;
        i = close + (extended ? 0 : 1);
        break;
      }
      case '}':
        out += '\\}';
        break;
      case '*':
      case '+':
      case '?':
        // nothing to repeat: literal (a BRE's leading `*`, GNU's `\+` at the start)
        out += start ? `\\${op}` : op;
        break;
      case '^':
        out += extended || start ? '^' : '\\^';
        atStart = start;
        break;
      case '$': {
        const next = re.slice(i + 1);
        const atEnd = next === '' || (!extended && (next.startsWith('\\)') || next.startsWith('\\|')));
        out += extended || atEnd ? '$' : '\\$';
        break;
      }
    }
  }
  if (open > 0) return new RegexError('Unmatched ( or \\(');
  return { source: out, groups };
}

export type ReplacePart =
  | { kind: 'text'; text: string }
  | { kind: 'group'; n: number }
  | { kind: 'case'; mode: 'L' | 'U' | 'l' | 'u' | 'E' };

/** The RHS of `s` as match_slash left it (the delimiter unescaped, `\` + newline a newline). */
export function parseReplacement(rhs: string): { parts: ReplacePart[]; maxGroup: number } {
  const parts: ReplacePart[] = [];
  let text = '';
  let maxGroup = 0;
  const flush = () => {
    if (text) parts.push({ kind: 'text', text });
    text = '';
  };
  for (let i = 0; i < rhs.length; i++) {
    const c = rhs[i];
    if (c === '&') {
      flush();
      parts.push({ kind: 'group', n: 0 });
    } else if (c === '\\' && i + 1 < rhs.length) {
      const n = rhs[++i];
      if (/\d/.test(n)) {
        flush();
        parts.push({ kind: 'group', n: Number(n) });
        maxGroup = Math.max(maxGroup, Number(n));
      } else if ('LUluE'.includes(n)) {
        flush();
        parts.push({ kind: 'case', mode: n as 'L' | 'U' | 'l' | 'u' | 'E' });
      } else text += ({ n: '\n', t: '\t', r: '\r', f: '\f', v: '\v', a: '\x07' } as Record<string, string>)[n] ?? n;
    } else text += c;
  }
  flush();
  return { parts, maxGroup };
}

/** One replacement's text for a match (GNU's case conversions applied as it builds it). */
export function expandReplacement(parts: readonly ReplacePart[], m: RegExpExecArray): string {
  let out = '';
  let mode: 'L' | 'U' | 'E' = 'E';
  let once: 'l' | 'u' | undefined;
  const add = (s: string) => {
    if (s === '') return;
    let t = mode === 'L' ? s.toLowerCase() : mode === 'U' ? s.toUpperCase() : s;
    if (once) {
      t = (once === 'u' ? t[0].toUpperCase() : t[0].toLowerCase()) + t.slice(1);
      once = undefined;
    }
    out += t;
  };
  for (const p of parts) {
    if (p.kind === 'text') add(p.text);
    else if (p.kind === 'group') add(m[p.n] ?? '');
    else if (p.mode === 'l' || p.mode === 'u') once = p.mode;
    else {
      mode = p.mode;
      once = undefined;
    }
  }
  return out;
}
