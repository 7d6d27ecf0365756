// mawk 1.3.4's extended regular expressions in JS terms: `.` matches a
// newline too, ^ and $ anchor only at the ends of the string (and only at the
// start/end of a branch -- a^b never matches), braces are literal (this mawk has no intervals),
// backslash escapes work inside brackets, and matches are leftmost-longest
// (JS alternation is leftmost-first, so alternations are widened by search).

const CLASSES: Record<string, string> = {
  alpha: 'A-Za-z',
  digit: '0-9',
  alnum: '0-9A-Za-z',
  upper: 'A-Z',
  lower: 'a-z',
  space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t',
  punct: '!-\\/:-@\\[-`{-~',
  xdigit: '0-9A-Fa-f',
  print: ' -~',
  graph: '!-~',
  cntrl: '\\x00-\\x1f\\x7f',
};

const ESC: Record<string, string> = { n: '\n', t: '\t', r: '\r', f: '\f', v: '\v', a: '\x07', b: '\b' };

const jsEscape = (c: string) => (/[.*+?^${}()|[\]\\/-]/.test(c) ? `\\${c}` : c);
const classEscape = (c: string) => (/[\]\\^[-]/.test(c) ? `\\${c}` : c);

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

function bracket(re: string, i: number): { out: string; end: number } | AwkRegexError {
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
    const cls = /^\[:(\w+):\]/.exec(re.slice(j, j + 12));
    if (cls) {
      const set = CLASSES[cls[1]];
      if (set === undefined) return new AwkRegexError('bad class -- [], [^] or [');
      body += set;
      j += cls[0].length - 1;
      continue;
    }
    const c = re[j];
    if (c === '\\' && j + 1 < re.length) {
      const n = re[++j];
      body += classEscape(ESC[n] ?? n);
      continue;
    }
    // a range's dash stays an operator; a dash first or last is literal
    if (c === '-' && body !== '' && body !== '^' && re[j + 1] !== ']') body += '-';
    else body += classEscape(c);
  }
  if (j >= re.length) return new AwkRegexError('bad class -- [], [^] or [');
  return { out: `[${body}]`, end: j };
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
        const b = bracket(re, i);
        if (b instanceof AwkRegexError) return b;
        out += b.out;
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
