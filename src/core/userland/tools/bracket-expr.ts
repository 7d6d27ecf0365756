// POSIX bracket expressions ([a-z], [^]x], [[:alpha:]], [[.-.]], [[=a=]]) read the way
// glibc's regcomp (GNU grep and sed, C locale) or mawk 1.3.4 reads them, as one JS class.
//
// Backslash is where the tools part ways, so it is an option: regcomp takes it literally
// (grep); GNU sed first rewrites its own escapes (\n \t \x41 ...) into the characters
// themselves, which then count as syntax (`[\x5d]` is `[]]`); mawk escapes any character.
// Errors are values (a kind); each tool words them itself (glibcMessage serves grep and sed).

export interface BracketOptions {
  /** glibc: POSIX rules, bad ranges and classes as range ends are errors; mawk: its do_class. */
  readonly rules: 'glibc' | 'mawk';
  /** literal: a member; sed: GNU sed's escapes become characters first; escape: mawk's, a member never syntax. */
  readonly backslash: 'literal' | 'sed' | 'escape';
}

export const GREP_BRACKETS: BracketOptions = { rules: 'glibc', backslash: 'literal' };
export const SED_BRACKETS: BracketOptions = { rules: 'glibc', backslash: 'sed' };
export const AWK_BRACKETS: BracketOptions = { rules: 'mawk', backslash: 'escape' };

/**
 * empty: nothing after `[` or `[^` (glibc's REG_BADPAT); unterminated: no closing `]`; class: an unknown
 * [:name:]; range: an end before its start or a class as an end; collation: [.xy.] or [=xy=] naming more
 * than one character; escape: sed's `\c\` not followed by another `\`.
 */
export type BracketErrorKind = 'empty' | 'unterminated' | 'class' | 'range' | 'collation' | 'escape';

export class BracketError {
  constructor(readonly kind: BracketErrorKind) {}
}

export interface Bracket {
  /** The JS class, `[...]` or `[^...]`, valid with and without the `u` flag. */
  source: string;
  /** Index of the closing `]` in the input. */
  end: number;
  /** GNU dfa's complaint: a bracket like [:space:] (colons first and last, nothing but plain characters). */
  colonSyntax: boolean;
}

/** glibc's regerror text for an error (GNU grep prints it alone, sed after its position). */
export function glibcMessage(kind: BracketErrorKind): string {
  switch (kind) {
    case 'empty':
      return 'Invalid regular expression';
    case 'unterminated':
      return 'Unmatched [, [^, [:, [., or [=';
    case 'class':
      return 'Invalid character class name';
    case 'range':
      return 'Invalid range end';
    case 'collation':
      return 'Invalid collation character';
    case 'escape':
      return 'recursive escaping after \\c not allowed';
  }
}

type Ranges = [number, number][];

/** The C locale's classes (glibc and mawk agree): each string is pairs of range ends. */
const CLASS_RANGES: Record<string, string> = {
  alpha: 'AZaz',
  digit: '09',
  alnum: '09AZaz',
  upper: 'AZ',
  lower: 'az',
  space: '\t\r  ',
  blank: '\t\t  ',
  punct: '!/:@[`{~',
  xdigit: '09AFaf',
  print: ' ~',
  graph: '!~',
  cntrl: '\x00\x1f\x7f\x7f',
};

export const CHAR_CLASSES: Readonly<Record<string, Ranges>> = Object.fromEntries(
  Object.entries(CLASS_RANGES).map(([name, ends]) => [
    name,
    Array.from({ length: ends.length / 2 }, (_, i): [number, number] => [
      ends.charCodeAt(2 * i),
      ends.charCodeAt(2 * i + 1),
    ]),
  ]),
);

/** One character after backslash processing: `lit` ones are never syntax; from/to index the input. */
interface Tok {
  c: string;
  lit: boolean;
  from: number;
  to: number;
}

const SED_CONTROL: Record<string, string> = {
  a: '\x07',
  f: '\f',
  n: '\n',
  '\n': '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};
const MAWK_CONTROL: Record<string, string> = {
  n: '\n',
  t: '\t',
  f: '\f',
  b: '\b',
  r: '\r',
  a: '\x07',
  v: '\v',
};

/** The input from a `[` on, as characters after the backslash rule; lexed as far as the parser looks. */
class Stream {
  private readonly toks: Tok[] = [];
  private pos: number;
  failed: BracketError | undefined;

  constructor(
    private readonly re: string,
    start: number,
    private readonly backslash: BracketOptions['backslash'],
  ) {
    this.pos = start;
  }

  at(k: number): Tok | undefined {
    while (this.toks.length <= k && this.pos < this.re.length && !this.failed) this.lexOne();
    return this.toks[k];
  }

  /** Is token k the unescaped character c? */
  is(k: number, c: string): boolean {
    const t = this.at(k);
    return t !== undefined && !t.lit && t.c === c;
  }

  private push(c: string, lit: boolean, from: number, to: number): void {
    this.toks.push({ c, lit, from, to });
    this.pos = to + 1;
  }

  private lexOne(): void {
    const { re, pos: i } = this;
    const c = re[i];
    const n = re[i + 1];
    if (c !== '\\' || this.backslash === 'literal' || n === undefined) return this.push(c, false, i, i);
    if (this.backslash === 'sed') return this.sedEscape(i, n);
    // mawk's escape(): C escapes, \ddd octal, \xhh hex, anything else is the character itself
    const oct = /^[0-7]{1,3}/.exec(re.slice(i + 1, i + 4));
    if (oct) return this.push(String.fromCharCode(parseInt(oct[0], 8) & 0xff), true, i, i + oct[0].length);
    const hx = n === 'x' ? /^[0-9A-Fa-f]{1,2}/.exec(re.slice(i + 2, i + 4)) : null;
    if (hx) return this.push(String.fromCharCode(parseInt(hx[0], 16)), true, i, i + 1 + hx[0].length);
    this.push(MAWK_CONTROL[n] ?? n, true, i, i + 1);
  }

  /** GNU sed's normalize_text, which runs before regcomp sees the expression. */
  private sedEscape(i: number, n: string): void {
    const re = this.re;
    if (SED_CONTROL[n] !== undefined) return this.push(SED_CONTROL[n], false, i, i + 1);
    const base = n === 'd' ? 10 : n === 'o' ? 8 : n === 'x' ? 16 : 0;
    if (base) {
      // convert_number: up to 3 decimal, 3 octal or 2 hex digits; none leaves the letter
      const digits = base === 16 ? /^[0-9A-Fa-f]{1,2}/ : base === 10 ? /^[0-9]{1,3}/ : /^[0-7]{1,3}/;
      const m = digits.exec(re.slice(i + 2, i + 5));
      if (!m) return this.push(n, false, i, i + 1);
      return this.push(String.fromCharCode(parseInt(m[0], base) & 0xff), false, i, i + 1 + m[0].length);
    }
    if (n === 'c') {
      const x = re[i + 2];
      if (x === undefined) return this.push('\\', false, i, i + 1);
      const ctl = String.fromCharCode((/[a-z]/.test(x) ? x.toUpperCase() : x).charCodeAt(0) ^ 0x40);
      if (x !== '\\') return this.push(ctl, false, i, i + 2);
      if (re[i + 3] !== '\\') {
        this.failed = new BracketError('escape');
        return;
      }
      return this.push(ctl, false, i, i + 3);
    }
    // any other escape reaches regcomp as written: a backslash, then the character unread
    this.push('\\', false, i, i);
    this.push(n, false, i + 1, i + 1);
  }
}

/** A set of code units under construction. */
class CharSet {
  readonly ranges: Ranges = [];
  add(lo: number, hi = lo): void {
    this.ranges.push([lo, hi]);
  }
  addClass(rs: Ranges): void {
    for (const [lo, hi] of rs) this.add(lo, hi);
  }
}

const hex = (c: number, w: number) => c.toString(16).padStart(w, '0');
const classChar = (c: number) =>
  /[0-9A-Za-z]/.test(String.fromCharCode(c))
    ? String.fromCharCode(c)
    : c < 0x100
      ? `\\x${hex(c, 2)}`
      : `\\u${hex(c, 4)}`;

/** Sorted, merged ranges as a JS class body; every non-alphanumeric escaped so no flag reads it differently. */
function classSource(set: CharSet, negate: boolean): string {
  const sorted = [...set.ranges].sort((a, b) => a[0] - b[0]);
  const merged: Ranges = [];
  for (const [lo, hi] of sorted) {
    const last = merged[merged.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else merged.push([lo, hi]);
  }
  const body = merged.map(([lo, hi]) =>
    lo === hi ? classChar(lo) : `${classChar(lo)}${hi > lo + 1 ? '-' : ''}${classChar(hi)}`,
  );
  return `[${negate ? '^' : ''}${body.join('')}]`;
}

/**
 * The bracket expression whose `[` is re[start]: its JS class and the index of its `]`,
 * or the error the tool's regex compiler would report.
 */
export function parseBracket(re: string, start: number, opts: BracketOptions): Bracket | BracketError {
  const s = new Stream(re, start, opts.backslash);
  const r = opts.rules === 'glibc' ? glibcBracket(s) : mawkBracket(s, re);
  if (s.failed) return s.failed;
  if (r instanceof BracketError) return r;
  const end = s.at(r.close)!.to;
  return { source: classSource(r.set, r.negate), end, colonSyntax: r.colonSyntax };
}

interface Parsed {
  set: CharSet;
  negate: boolean;
  /** Token index of the closing `]`. */
  close: number;
  colonSyntax: boolean;
}

type Element = { kind: 'char'; c: number } | { kind: 'coll' | 'equiv' | 'class'; name: string };

/** glibc's parse_bracket_exp (C locale, single-byte), with dfa's [:space:] check alongside. */
function glibcBracket(s: Stream): Parsed | BracketError {
  const set = new CharSet();
  let k = 1;
  if (!s.at(k)) return new BracketError('empty');
  const negate = s.is(k, '^');
  if (negate) k++;
  if (!s.at(k)) return new BracketError('empty');
  // dfa's colon_warning_state: 1 first is ':', 2 last is ':', 4 some other plain char, 8 anything else
  let colons = s.is(k, ':') ? 1 : 0;
  let first = true;
  for (;;) {
    if (!s.at(k)) return new BracketError('unterminated');
    const startEl = glibcElement(s, k, first);
    if (startEl instanceof BracketError) return startEl;
    k = startEl.next;
    first = false;
    colons &= ~2;
    let range = false;
    if (startEl.el.kind !== 'class' && startEl.el.kind !== 'equiv') {
      if (!s.at(k)) return new BracketError('unterminated');
      // a `-` before the closing `]` is a member, read on the next round
      if (s.is(k, '-')) {
        if (!s.at(k + 1)) return new BracketError('unterminated');
        if (!s.is(k + 1, ']')) range = true;
      }
    }
    if (range) {
      const endEl = glibcElement(s, k + 1, true);
      if (endEl instanceof BracketError) return endEl;
      k = endEl.next;
      // build_range_exp's order: a class or equivalence class as an end, then long names, then the order
      const lo = startEl.el;
      const hi = endEl.el;
      if (hi.kind === 'class' || hi.kind === 'equiv') return new BracketError('range');
      const a = rangeEnd(lo);
      const b = rangeEnd(hi);
      if (a === undefined || b === undefined) return new BracketError('collation');
      if (a > b) return new BracketError('range');
      set.add(a, b);
      colons |= 8;
    } else {
      const el = startEl.el;
      if (el.kind === 'char') {
        set.add(el.c);
        colons |= el.c === 0x3a ? 2 : 4;
      } else if (el.kind === 'class') {
        const cls = CHAR_CLASSES[el.name];
        if (!cls) return new BracketError('class');
        set.addClass(cls);
        colons |= 8;
      } else {
        if (el.name.length !== 1) return new BracketError('collation');
        set.add(el.name.charCodeAt(0));
        colons |= 8;
      }
    }
    if (!s.at(k)) return new BracketError('unterminated');
    if (s.is(k, ']')) return { set, negate, close: k, colonSyntax: colons === 7 };
  }
}

/** A range's end: a character or a one-character collating symbol (undefined for a longer name). */
function rangeEnd(el: Element): number | undefined {
  if (el.kind === 'char') return el.c;
  return el.name.length === 1 ? el.name.charCodeAt(0) : undefined;
}

/** parse_bracket_element: one member, or [.x.] [=x=] [:name:]; a `-` is a member only first, last or as a range's end. */
function glibcElement(
  s: Stream,
  k: number,
  acceptHyphen: boolean,
): { el: Element; next: number } | BracketError {
  const t = s.at(k)!;
  if (s.is(k, '[')) {
    const kind = s.is(k + 1, '.')
      ? 'coll'
      : s.is(k + 1, '=')
        ? 'equiv'
        : s.is(k + 1, ':')
          ? 'class'
          : undefined;
    if (kind) {
      const delim = s.at(k + 1)!.c;
      // the name runs to the first delimiter followed by `]` (so [[:]:]] names "]"); 32 characters at most
      let name = '';
      for (let j = k + 2; ; j++) {
        if (name.length >= 32 || !s.at(j) || !s.at(j + 1)) return new BracketError('unterminated');
        if (s.is(j, delim) && s.is(j + 1, ']')) return { el: { kind, name }, next: j + 2 };
        name += s.at(j)!.c;
      }
    }
  }
  if (s.is(k, '-') && !acceptHyphen && !s.is(k + 1, ']')) return new BracketError('range');
  return { el: { kind: 'char', c: t.c.charCodeAt(0) }, next: k + 1 };
}

/** mawk's do_class: the end found first (nested [: :] counted), then members; a bad range is literal. */
function mawkBracket(s: Stream, re: string): Parsed | BracketError {
  const set = new CharSet();
  // []...] and [^]...] put ] in the class; so does a [ that opens no [:class:]
  const leftSq = (k: number): boolean | BracketError => {
    if (!s.is(k, '[')) return false;
    if (!s.is(k + 1, ':')) return true;
    const c = mawkClass(s, k);
    return c instanceof BracketError ? c : false;
  };
  let q = 1;
  const l1 = leftSq(1);
  if (l1 instanceof BracketError) return l1;
  if (l1 || s.is(1, ']')) q = 2;
  else if (s.is(1, '^')) {
    const l2 = leftSq(2);
    if (l2 instanceof BracketError) return l2;
    if (l2 || s.is(2, ']')) q = 3;
  }
  for (let level = 0; ; q++) {
    if (!s.at(q)) return new BracketError('unterminated');
    if (s.is(q, '[') && s.is(q + 1, ':')) {
      if (++level > 1) return new BracketError('class');
    } else if (s.is(q, ']')) {
      if (level === 0) break;
      if (re[s.at(q)!.from - 1] !== ':') return new BracketError('class');
      level--;
    }
  }
  let k = 1;
  const negate = s.is(k, '^');
  if (negate) k++;
  let prev = -1; // -1: a `-` here cannot close a range
  while (k < q) {
    const t = s.at(k)!;
    const c = t.c.charCodeAt(0);
    if (!t.lit && t.c === '[' && s.is(k + 1, ':')) {
      const cls = mawkClass(s, k);
      if (cls instanceof BracketError) return cls;
      set.addClass(cls.ranges);
      k = cls.next;
    } else if (!t.lit && t.c === '-' && prev !== -1 && k + 1 !== q) {
      const hi = s.at(k + 1)!.c.charCodeAt(0);
      if (prev <= hi) {
        set.add(prev, hi);
        prev = -1;
        k += 2;
      } else {
        // back up: the `-` is a member and what follows is read again
        set.add(0x2d);
        prev = 0x2d;
        k++;
      }
    } else {
      set.add(c);
      prev = c;
      k++;
    }
  }
  return { set, negate, close: q, colonSyntax: false };
}

/** lookup_cclass: `[:` then a known name of 5 or 6 letters up to the next `:`, which `]` must follow. */
function mawkClass(s: Stream, k: number): { ranges: Ranges; next: number } | BracketError {
  let name = '';
  let j = k + 2;
  for (; s.at(j) && s.at(j)!.c !== ':'; j++) name += s.at(j)!.c;
  if (!s.at(j) || s.at(j + 1)?.c !== ']') return new BracketError('class');
  const ranges = CHAR_CLASSES[name];
  if (!ranges) return new BracketError('class');
  return { ranges, next: j + 2 };
}
