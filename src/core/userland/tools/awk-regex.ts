// mawk 1.3.4's extended regular expressions in JS terms: `.` matches a
// newline too, ^ and $ anchor only at the ends of the string (and only at the
// start/end of a branch -- a^b never matches), braces are literal (this mawk has no intervals),
// backslash escapes work inside brackets, and matches are leftmost-longest
// (JS alternation is leftmost-first, so alternations are widened by search).
import { AWK_BRACKETS, BracketError, parseBracket } from './bracket-expr';

const ESC: Record<string, string> = { n: '\n', t: '\t', r: '\r', f: '\f', v: '\v', a: '\x07', b: '\b' };

const jsEscape = (c: string) => (/[.*+?^${}()|[\]\\/-]/.test(c) ? `\\${c}` : c);

/** A regex mawk could not compile: its message, printed with the expression on the next line. */
export class AwkRegexError {
  constructor(readonly message: string) {}
}

export interface AwkRegex {
  re: RegExp;
  source: string;
  /** Has alternation: leftmost-first may be shorter than POSIX's leftmost-longest. */
  alt: boolean;
}

/** Translate one awk ERE. */
export function translateAwkRegex(re: string): { source: string; alt: boolean } | AwkRegexError {
  let out = '';
  let open = 0;
  let alt = false;
  let atStart = true;
  for (let i = 0; i < re.length; i++) {
    const c = re[i];
    const start: boolean = atStart;
    atStart = false;
    switch (c) {
      case '[': {
        // mawk's do_class: escapes inside, a reversed range is literal; every failure is one message
        const b = parseBracket(re, i, AWK_BRACKETS);
        if (b instanceof BracketError) return new AwkRegexError('bad class -- [], [^] or [');
        out += b.source;
        i = b.end;
        continue;
      }
      case '\\': {
        if (i + 1 >= re.length) {
          out += '\\\\';
          continue;
        }
        const n = re[++i];
        out += jsEscape(ESC[n] ?? n);
        continue;
      }
      case '(':
        open++;
        out += '(?:';
        atStart = true;
        continue;
      case ')':
        if (open === 0) return new AwkRegexError("missing '('");
        open--;
        out += ')';
        continue;
      case '|':
        alt = true;
        out += '|';
        atStart = true;
        continue;
      case '^':
        // an anchor wherever it is (a^b never matches)
        out += '^';
        atStart = start;
        continue;
      case '$':
        out += '$';
        continue;
      case '*':
      case '+':
      case '?':
        if (start) return new AwkRegexError('missing operand');
        out += c;
        continue;
      case '.':
        out += '.';
        continue;
      default:
        out += jsEscape(c);
    }
  }
  if (open > 0) return new AwkRegexError("missing ')'");
  return { source: out, alt };
}

export function compileAwkRegex(re: string): AwkRegex | AwkRegexError {
  const t = translateAwkRegex(re);
  if (t instanceof AwkRegexError) return t;
  try {
    return { re: new RegExp(t.source, 'gs'), source: t.source, alt: t.alt };
  } catch {
    return new AwkRegexError('regular expression compile failed');
  }
}

export interface Match {
  index: number;
  length: number;
}

/** The leftmost-longest match at or after `from`. */
export function matchAt(r: AwkRegex, s: string, from = 0): Match | undefined {
  r.re.lastIndex = from;
  const m = r.re.exec(s);
  if (!m) return undefined;
  let length = m[0].length;
  if (r.alt && s.length - m.index - length <= 512) {
    // widen: the longest end this regex can match from the same start
    for (let end = s.length; end > m.index + length; end--) {
      const probe = new RegExp(`(?:${r.source})(?=[\\s\\S]{${s.length - end}}$)`, 'ys');
      probe.lastIndex = m.index;
      if (probe.test(s)) {
        length = end - m.index;
        break;
      }
    }
  }
  return { index: m.index, length };
}

export function test(r: AwkRegex, s: string): boolean {
  r.re.lastIndex = 0;
  return r.re.test(s);
}
