// GNU sed's regular expressions and replacements in JS terms: POSIX BRE/ERE
// with GNU's extensions (\+ \? \| \n \t \w \s \< \> \` \') translated to a
// RegExp source, and the RHS of `s` (& \1-\9 \n \L \U \l \u \E) as parts.
// Known difference: JS alternation is leftmost-first where POSIX is
// leftmost-longest (`s/a|ab/X/` on "ab" gives "Xb" here, "X" in GNU sed).
import { BracketError, glibcMessage, parseBracket, SED_BRACKETS } from './bracket-expr';

export interface TranslatedRegex {
  source: string;
  /** Capture groups the expression opens (the RHS may not name more). */
  groups: number;
  /** A bracket reads like [:space:] (GNU dfa refuses it once regcomp has accepted the whole). */
  colonSyntax: boolean;
}

/** A regcomp error in glibc's words (sed prints it after the expression's position). */
export class RegexError {
  constructor(readonly message: string) {}
}

/**
 * GNU sed's \dNNN \oNNN \xHH \cX (normalize_text, before regcomp sees the text): the character
 * and how many characters of `s` from the backslash at i it replaces; undefined if s[i+1] is none
 * of d o x c; a RegexError for `\c\` not followed by another backslash.
 */
export function sedCharEscape(s: string, i: number): { ch: string; len: number } | RegexError | undefined {
  const n = s[i + 1];
  const base = n === 'd' ? 10 : n === 'o' ? 8 : n === 'x' ? 16 : 0;
  if (base) {
    // up to 3 decimal, 3 octal or 2 hex digits; none leaves the letter itself
    const digits = base === 16 ? /^[0-9A-Fa-f]{1,2}/ : base === 10 ? /^[0-9]{1,3}/ : /^[0-7]{1,3}/;
    const m = digits.exec(s.slice(i + 2, i + 5));
    if (!m) return { ch: n, len: 2 };
    return { ch: String.fromCharCode(parseInt(m[0], base) & 0xff), len: 2 + m[0].length };
  }
  if (n !== 'c') return undefined;
  const x = s[i + 2];
  // a bare \c at the end leaves a lone backslash
  if (x === undefined) return { ch: '\\', len: 2 };
  const ctl = String.fromCharCode((/[a-z]/.test(x) ? x.toUpperCase() : x).charCodeAt(0) ^ 0x40);
  if (x !== '\\') return { ch: ctl, len: 3 };
  if (s[i + 3] !== '\\') return new RegexError('recursive escaping after \\c not allowed');
  return { ch: ctl, len: 4 };
}

const jsEscape = (c: string) => (/[.*+?^${}()|[\]\\/-]/.test(c) ? `\\${c}` : c);

/** POSIX BRE (or ERE when `extended`) with GNU extensions -> JS RegExp source. */
export function translateRegex(re: string, extended: boolean): TranslatedRegex | RegexError {
  let out = '';
  let groups = 0;
  let open = 0;
  // where an anchor or a leading `*` counts as "at the start" (pattern start, after ( or |)
  let atStart = true;
  let colonSyntax = false;
  for (let i = 0; i < re.length; i++) {
    const c = re[i];
    const start: boolean = atStart;
    atStart = false;
    if (c === '[') {
      // sed's own escapes (\n \t \x41 ...) are rewritten before regcomp, inside brackets too
      const b = parseBracket(re, i, SED_BRACKETS);
      if (b instanceof BracketError) return new RegexError(glibcMessage(b.kind));
      out += b.source;
      colonSyntax ||= b.colonSyntax;
      i = b.end;
      continue;
    }
    let op: string | undefined;
    if (c === '\\') {
      if (i + 1 >= re.length) return new RegexError('Trailing backslash');
      const conv = sedCharEscape(re, i);
      if (conv instanceof RegexError) return conv;
      if (conv) {
        // the character then counts as syntax (\x2e is any character, \x5e at the start an anchor): read it again
        re = re.slice(0, i) + conv.ch + re.slice(i + conv.len);
        i--;
        atStart = start;
        continue;
      }
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
  return { source: out, groups, colonSyntax };
}

export type ReplacePart =
  | { kind: 'text'; text: string }
  | { kind: 'group'; n: number }
  | { kind: 'case'; mode: 'L' | 'U' | 'l' | 'u' | 'E' };

/** The RHS of `s` as match_slash left it (the delimiter unescaped, `\` + newline a newline). */
export function parseReplacement(rhs: string): { parts: ReplacePart[]; maxGroup: number } | RegexError {
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
      const conv = sedCharEscape(rhs, i);
      if (conv instanceof RegexError) return conv;
      if (conv) {
        // in the replacement the character is plain text (\x26 is a literal &)
        text += conv.ch;
        i += conv.len - 1;
        continue;
      }
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
