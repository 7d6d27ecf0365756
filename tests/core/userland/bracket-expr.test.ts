// The shared bracket-expression parser: edge cases checked against Debian's GNU grep 3.8,
// GNU sed 4.9 and mawk 1.3.4 (each expected set below is what the real tool matched among
// the printable ASCII characters), then a property against a plain reference of each rule set.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AWK_BRACKETS,
  BracketError,
  GREP_BRACKETS,
  SED_BRACKETS,
  parseBracket,
  type Bracket,
  type BracketErrorKind,
  type BracketOptions,
} from '../../../src/core/userland/tools/bracket-expr';
import { debian } from './tools/images';

const PRINTABLE = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i));
const CONTROL = ['\t', '\n', '\x05', '\x0a', '\x01', '\x1c', '\x08', '\x07', '\x0b', '\x0c', '\x0d'];

/** The printable characters (and, separately, the controls) the class matches, checked with and without `u`. */
function members(b: Bracket, chars = PRINTABLE): string {
  const plain = new RegExp(`^${b.source}$`);
  const unicode = new RegExp(`^${b.source}$`, 'u');
  const out = chars.filter((c) => plain.test(c));
  expect(chars.filter((c) => unicode.test(c))).toEqual(out);
  return out.join('');
}

function parse(re: string, opts: BracketOptions): Bracket {
  const b = parseBracket(re, 0, opts);
  if (b instanceof BracketError) throw new Error(`${re}: ${b.kind}`);
  return b;
}

const all = (except: string) => PRINTABLE.filter((c) => !except.includes(c)).join('');
const TOOLS = { grep: GREP_BRACKETS, sed: SED_BRACKETS, awk: AWK_BRACKETS } as const;
type ToolName = keyof typeof TOOLS;

describe('bracket expressions as each real tool reads them', () => {
  // [expression, tool -> [members, end] or an error kind]
  const cases: [string, Partial<Record<ToolName, [string, number] | BracketErrorKind>>][] = [
    ['[]a]', { grep: [']a', 3], sed: [']a', 3], awk: [']a', 3] }],
    ['[^]a]', { grep: [all(']a'), 4], sed: [all(']a'), 4], awk: [all(']a'), 4] }],
    ['[a-]', { grep: ['-a', 3], sed: ['-a', 3], awk: ['-a', 3] }],
    ['[-a]', { grep: ['-a', 3], sed: ['-a', 3], awk: ['-a', 3] }],
    // grep and sed: the backslash is a member and the first ] closes; mawk: \] is a member
    ['[a\\]]', { grep: ['\\a', 3], sed: ['\\a', 3], awk: [']a', 4] }],
    ['[[:foo:]]', { grep: 'class', sed: 'class', awk: 'class' }],
    ['[[:word:]]', { grep: 'class', sed: 'class', awk: 'class' }],
    ['[[::]]', { grep: 'class', sed: 'class', awk: 'class' }],
    ['[[:]:]]', { grep: 'class', sed: 'class', awk: 'class' }],
    ['[[:foo:]', { grep: 'class', sed: 'class' }],
    // glibc refuses what mawk reads as literal characters
    ['[a-c-e]', { grep: 'range', sed: 'range', awk: ['-abce', 6] }],
    ['[z-a]', { grep: 'range', sed: 'range', awk: ['-az', 4] }],
    ['[a--]', { grep: 'range', sed: 'range', awk: ['-a', 4] }],
    ['[a-[:digit:]]', { grep: 'range', sed: 'range', awk: ['-0123456789a', 12] }],
    ['[[:digit:]-z]', { grep: 'range', sed: 'range', awk: ['-0123456789z', 12] }],
    // mawk: a range may end at a [ that opens nothing any more, and a class leaves the range start alone
    ['[A-[:digit:]]', { awk: [':ABCDEFGHIJKLMNOPQRSTUVWXYZ[]dgit', 12] }],
    ['[a[:digit:]-z]', { grep: 'range', sed: 'range', awk: ['0123456789abcdefghijklmnopqrstuvwxyz', 13] }],
    ['[[:alpha:]-]', { grep: ['-ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', 11] }],
    ['[a-b-]', { grep: ['-ab', 5], sed: ['-ab', 5], awk: ['-ab', 5] }],
    ['[--/]', { grep: ['-./', 4], sed: ['-./', 4], awk: ['-./', 4] }],
    ['[!--]', { grep: ['!"#$%&\'()*+,-', 4], sed: ['!"#$%&\'()*+,-', 4], awk: ['!"#$%&\'()*+,-', 4] }],
    ['[---]', { grep: ['-', 4], sed: ['-', 4], awk: ['-', 4] }],
    ['[]-a]', { grep: [']^_`a', 4], sed: [']^_`a', 4], awk: [']^_`a', 4] }],
    ['[^-a]', { grep: [all('-a'), 4], awk: [all('-a'), 4] }],
    ['[^^]', { grep: [all('^'), 3], awk: [all('^'), 3] }],
    ['[a^]', { grep: ['^a', 3], sed: ['^a', 3], awk: ['^a', 3] }],
    ['[[a]', { grep: ['[a', 3], sed: ['[a', 3], awk: ['[a', 3] }],
    [
      '[a\\-z]',
      {
        grep: ['\\]^_`abcdefghijklmnopqrstuvwxyz', 5],
        sed: ['\\]^_`abcdefghijklmnopqrstuvwxyz', 5],
        awk: ['-az', 5],
      },
    ],
    ['[\\^a]', { grep: ['\\^a', 4], sed: ['\\^a', 4], awk: ['^a', 4] }],
    ['[\\\\]', { grep: ['\\', 3], sed: ['\\', 3], awk: ['\\', 3] }],
    ['[\\n]', { grep: ['\\n', 3], sed: ['', 3], awk: ['', 3] }],
    ['[\\q]', { grep: ['\\q', 3], sed: ['\\q', 3], awk: ['q', 3] }],
    // collating symbols and equivalence classes: glibc only (mawk reads the characters)
    ['[[.-.]]', { grep: ['-', 6], sed: ['-', 6], awk: ['.[', 5] }],
    ['[[=a=]]', { grep: ['a', 6], sed: ['a', 6] }],
    ['[[.].]]', { grep: [']', 6], sed: [']', 6] }],
    ['[[.a.]-c]', { grep: ['abc', 8], sed: ['abc', 8] }],
    ['[[=a=]-c]', { grep: 'range', sed: 'range' }],
    ['[[.ab.]]', { grep: 'collation', sed: 'collation' }],
    ['[[=ab=]]', { grep: 'collation', sed: 'collation' }],
    ['[[.a]', { grep: 'unterminated', sed: 'unterminated', awk: ['.[a', 4] }],
    ['[', { grep: 'empty', sed: 'empty', awk: 'unterminated' }],
    ['[^', { grep: 'empty', sed: 'empty', awk: 'unterminated' }],
    ['[]', { grep: 'unterminated', sed: 'unterminated', awk: 'unterminated' }],
    ['[^]', { grep: 'unterminated', sed: 'unterminated', awk: 'unterminated' }],
    ['[[:alpha:]', { grep: 'unterminated', sed: 'unterminated', awk: 'unterminated' }],
    // GNU sed turns its escapes into the characters before regcomp, where they count as syntax
    ['[\\x41]', { grep: ['14\\x', 5], sed: ['A', 5], awk: ['A', 5] }],
    ['[\\101]', { grep: ['01\\', 5], sed: ['01\\', 5], awk: ['A', 5] }],
    ['[\\d]', { grep: ['\\d', 3], sed: ['d', 3], awk: ['d', 3] }],
    ['[b-\\d]', { grep: 'range', sed: ['bcd', 5], awk: ['bcd', 5] }],
    ['[\\x5d]', { sed: [']', 5] }],
    ['[a\\x2dz]', { sed: ['abcdefghijklmnopqrstuvwxyz', 7] }],
    ['[\\x5ea]', { sed: [all('a'), 6] }],
    ['[\\x5b:alpha:]]', { sed: ['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', 13] }],
    ['[\\c\\q]', { sed: 'escape' }],
  ];
  for (const [re, byTool] of cases) {
    for (const [tool, want] of Object.entries(byTool) as [ToolName, [string, number] | BracketErrorKind][]) {
      it(`${tool} ${re}`, () => {
        const b = parseBracket(re, 0, TOOLS[tool]);
        if (typeof want === 'string') expect(b).toEqual(new BracketError(want));
        else {
          expect(b).not.toBeInstanceOf(BracketError);
          expect([members(b as Bracket), (b as Bracket).end]).toEqual(want);
        }
      });
    }
  }

  it('control characters from escapes: sed and mawk make them, grep does not', () => {
    expect(members(parse('[\\n\\t]', SED_BRACKETS), CONTROL)).toBe('\t\n\x0a');
    expect(members(parse('[\\c\\\\]', SED_BRACKETS), CONTROL)).toBe('\x1c');
    expect(members(parse('[\\cA]', SED_BRACKETS), CONTROL)).toBe('\x01');
    expect(members(parse('[\\b\\v]', AWK_BRACKETS), CONTROL)).toBe('\x08\x0b');
    expect(members(parse('[\\n\\t]', GREP_BRACKETS), CONTROL)).toBe('');
    expect(members(parse('[[:space:]]', GREP_BRACKETS), CONTROL)).toBe('\t\n\x0a\x0b\x0c\x0d');
  });

  it('starts where it is told and ends at the closing bracket', () => {
    const b = parseBracket('ab[c]d', 2, GREP_BRACKETS) as Bracket;
    expect([members(b), b.end]).toEqual(['c', 4]);
  });

  it("notes GNU dfa's [:space:] complaint: colons first and last, plain characters only", () => {
    const colon = (re: string) => parse(re, GREP_BRACKETS).colonSyntax;
    expect([colon('[:alpha:]'), colon('[^:space:]'), colon('[:a:]')]).toEqual([true, true, true]);
    expect([colon('[[:alpha:]]'), colon('[::]'), colon('[:a]'), colon('[:a-b:]'), colon('[a:]')]).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(parse('[:alpha:]', AWK_BRACKETS).colonSyntax).toBe(false);
  });
});

// ---- the reference: each rule set written out plainly over a list of characters ----

type RefResult = { set: Set<number>; negate: boolean; end: number } | BracketErrorKind;
const CLASS_TEST: Record<string, (c: number) => boolean> = {
  alpha: (c) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122),
  digit: (c) => c >= 48 && c <= 57,
};
const inClass = (name: string, c: number) => CLASS_TEST[name]?.(c) ?? false;

/** Characters with where each came from; `esc` ones (mawk's escapes) are never syntax. */
type Ch = { c: string; esc: boolean; last: number };

function charsOf(re: string, backslash: BracketOptions['backslash']): Ch[] | 'escape' {
  const out: Ch[] = [];
  for (let i = 0; i < re.length; i++) {
    const n = re[i + 1];
    if (re[i] !== '\\' || backslash === 'literal' || n === undefined) {
      out.push({ c: re[i], esc: false, last: i });
      continue;
    }
    if (backslash === 'escape') {
      const oct = /^[0-7]{1,3}/.exec(re.slice(i + 1));
      const hx = /^x([0-9A-Fa-f]{1,2})/.exec(re.slice(i + 1));
      const ctl: Record<string, string> = { n: '\n', t: '\t', f: '\f', b: '\b', r: '\r', a: '\x07', v: '\v' };
      if (oct)
        out.push({
          c: String.fromCharCode(parseInt(oct[0], 8) & 255),
          esc: true,
          last: (i += oct[0].length),
        });
      else if (hx)
        out.push({ c: String.fromCharCode(parseInt(hx[1], 16)), esc: true, last: (i += hx[0].length) });
      else out.push({ c: ctl[n] ?? n, esc: true, last: ++i });
      continue;
    }
    const ctl: Record<string, string> = { a: '\x07', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };
    const num = { d: /^d([0-9]{1,3})/, o: /^o([0-7]{1,3})/, x: /^x([0-9A-Fa-f]{1,2})/ }[n as 'd' | 'o' | 'x'];
    const m = num?.exec(re.slice(i + 1));
    if (ctl[n]) out.push({ c: ctl[n], esc: false, last: ++i });
    else if (m)
      out.push({
        c: String.fromCharCode(parseInt(m[1], n === 'd' ? 10 : n === 'o' ? 8 : 16) & 255),
        esc: false,
        last: (i += m[0].length),
      });
    else if (num) out.push({ c: n, esc: false, last: ++i });
    else if (n === 'c' && re[i + 2] === undefined) out.push({ c: '\\', esc: false, last: ++i });
    else if (n === 'c') {
      if (re[i + 2] === '\\' && re[i + 3] !== '\\') return 'escape';
      const code = re[i + 2].toUpperCase().charCodeAt(0) ^ 0x40;
      out.push({ c: String.fromCharCode(code), esc: false, last: (i += re[i + 2] === '\\' ? 3 : 2) });
    } else {
      out.push({ c: '\\', esc: false, last: i });
      out.push({ c: n, esc: false, last: ++i });
    }
  }
  return out;
}

/** POSIX as glibc has it: split into members first, then read them left to right. */
function refGlibc(cs: Ch[]): RefResult {
  const is = (k: number, c: string) => cs[k] !== undefined && !cs[k].esc && cs[k].c === c;
  type El =
    | { t: 'char'; c: number; dash: boolean }
    | { t: 'sym'; d: string; name: string }
    | { t: 'close'; at: number }
    | { t: 'eoi' };
  let k = 1;
  const negate = is(k, '^');
  if (negate) k++;
  if (k >= cs.length) return 'empty';
  const els: El[] = [];
  for (;;) {
    if (k >= cs.length) {
      els.push({ t: 'eoi' });
      break;
    }
    if (els.length > 0 && is(k, ']')) {
      els.push({ t: 'close', at: k });
      break;
    }
    if (is(k, '[') && (is(k + 1, '.') || is(k + 1, '=') || is(k + 1, ':'))) {
      const d = cs[k + 1].c;
      const rest = cs
        .slice(k + 2)
        .map((x) => (x.esc ? '\u0000' : x.c))
        .join('');
      const stop = rest.indexOf(`${d}]`);
      if (stop < 0 || stop >= 32) {
        els.push({ t: 'eoi' });
        break;
      }
      els.push({
        t: 'sym',
        d,
        name: cs
          .slice(k + 2, k + 2 + stop)
          .map((x) => x.c)
          .join(''),
      });
      k += 2 + stop + 2;
      continue;
    }
    els.push({ t: 'char', c: cs[k].c.charCodeAt(0), dash: is(k, '-') });
    k++;
  }
  const set = new Set<number>();
  const single = (e: El): BracketErrorKind | undefined => {
    if (e.t === 'char') set.add(e.c);
    else if (e.t === 'sym' && e.d === ':') {
      if (
        !CLASS_TEST[e.name] &&
        !['alnum', 'upper', 'lower', 'space', 'blank', 'punct', 'xdigit', 'print', 'graph', 'cntrl'].includes(
          e.name,
        )
      )
        return 'class';
      for (let c = 0; c < 128; c++) if (inClass(e.name, c)) set.add(c);
    } else if (e.t === 'sym') {
      if (e.name.length !== 1) return 'collation';
      set.add(e.name.charCodeAt(0));
    }
    return undefined;
  };
  for (let i = 0; ;) {
    const e = els[i];
    if (e.t === 'eoi') return 'unterminated';
    if (e.t === 'close') return { set, negate, end: cs[e.at].last };
    if (e.t === 'char' && e.dash && i > 0 && els[i + 1].t !== 'close') return 'range';
    const isClass = e.t === 'sym' && e.d !== '.';
    const next = els[i + 1];
    if (!isClass && next.t === 'eoi') return 'unterminated';
    const after = els[i + 2];
    if (!isClass && next.t === 'char' && next.dash && after?.t !== 'close') {
      if (after === undefined || after.t === 'eoi') return 'unterminated';
      if (after.t === 'sym' && after.d !== '.') return 'range';
      const end = (x: El) =>
        x.t === 'char' ? x.c : x.t === 'sym' && x.name.length === 1 ? x.name.charCodeAt(0) : -1;
      const [lo, hi] = [end(e), end(after)];
      if (lo < 0 || hi < 0) return 'collation';
      if (lo > hi) return 'range';
      for (let c = lo; c <= hi; c++) set.add(c);
      i += 3;
      continue;
    }
    const err = single(e);
    if (err) return err;
    i++;
  }
}

/** mawk's do_class, walked the way its C does: find the end, then read members with `prevc`. */
function refMawk(cs: Ch[], re: string): RefResult {
  const raw = (k: number) => (cs[k] && !cs[k].esc ? cs[k].c : undefined);
  const cclass = (k: number): { name: string; next: number } | 'class' => {
    let j = k + 2;
    while (j < cs.length && cs[j].c !== ':') j++;
    const name = cs
      .slice(k + 2, j)
      .map((x) => x.c)
      .join('');
    if (j >= cs.length || cs[j + 1]?.c !== ']' || !['alpha', 'digit'].includes(name)) return 'class';
    return { name, next: j + 2 };
  };
  const literalLeftSq = (k: number) =>
    raw(k) !== '[' ? false : raw(k + 1) !== ':' ? true : cclass(k) === 'class' ? 'class' : false;
  let p = 1;
  const a = literalLeftSq(1);
  if (a === 'class') return a;
  if (a || raw(1) === ']') p = 2;
  else if (raw(1) === '^') {
    const b = literalLeftSq(2);
    if (b === 'class') return b;
    if (b || raw(2) === ']') p = 3;
  }
  let q = p;
  for (let level = 0; ; q++) {
    if (q >= cs.length) return 'unterminated';
    if (raw(q) === '[' && raw(q + 1) === ':') {
      if (++level > 1) return 'class';
    } else if (raw(q) === ']') {
      if (level === 0) break;
      if (re[cs[q].last - 1] !== ':') return 'class';
      level--;
    }
  }
  const set = new Set<number>();
  let k = 1;
  const negate = raw(1) === '^';
  if (negate) k = 2;
  let prevc = -1;
  while (k < q) {
    if (raw(k) === '[' && raw(k + 1) === ':') {
      const c = cclass(k);
      if (c === 'class') return c;
      for (let x = 0; x < 128; x++) if (inClass(c.name, x)) set.add(x);
      k = c.next;
    } else if (raw(k) === '-' && prevc !== -1 && k + 1 !== q) {
      const c = cs[k + 1].c.charCodeAt(0);
      if (prevc <= c) {
        for (let x = prevc; x <= c; x++) set.add(x);
        prevc = -1;
        k += 2;
      } else {
        set.add(45);
        prevc = 45;
        k++;
      }
    } else {
      prevc = cs[k].c.charCodeAt(0);
      set.add(prevc);
      k++;
    }
  }
  return { set, negate, end: cs[q].last };
}

function reference(re: string, opts: BracketOptions): RefResult {
  const cs = charsOf(re, opts.backslash);
  if (cs === 'escape') return cs;
  return opts.rules === 'glibc' ? refGlibc(cs) : refMawk(cs, re);
}

describe('bracket expressions against a plain reference (property)', () => {
  const piece = fc.constantFrom(
    'a',
    'b',
    'c',
    'n',
    't',
    'x',
    'z',
    'A',
    'Z',
    '0',
    '5',
    '9',
    ']',
    '^',
    '-',
    '[:alpha:]',
    '[:digit:]',
    '\\',
    '[',
    ':',
    '.',
    '=',
  );
  const expr = fc
    .tuple(fc.array(piece, { maxLength: 8 }), fc.boolean())
    .map(([ps, close]) => `[${ps.join('')}${close ? ']' : ''}`);
  const optionSets: [string, BracketOptions][] = [
    ['grep', GREP_BRACKETS],
    ['sed', SED_BRACKETS],
    ['awk', AWK_BRACKETS],
    ['glibc rules with mawk escapes', { rules: 'glibc', backslash: 'escape' }],
  ];
  for (const [name, opts] of optionSets) {
    it(`${name}: the JS class matches exactly the reference's characters, and ends where it does`, () => {
      fc.assert(
        fc.property(expr, (re) => {
          const want = reference(re, opts);
          const got = parseBracket(re, 0, opts);
          if (typeof want === 'string') {
            expect(got).toEqual(new BracketError(want));
            return;
          }
          expect(got).not.toBeInstanceOf(BracketError);
          const b = got as Bracket;
          expect(b.end).toBe(want.end);
          const js = new RegExp(`^${b.source}$`);
          const has = (c: string) => want.set.has(c.charCodeAt(0)) !== want.negate;
          const wanted = PRINTABLE.filter(has).join('');
          expect(members(b)).toBe(wanted);
          expect(CONTROL.filter((c) => js.test(c)).join('')).toBe(CONTROL.filter(has).join(''));
        }),
        { numRuns: 600 },
      );
    });
  }
});
describe('the tools report bracket errors in their own words', () => {
  const input = { stdin: 'a\nz\n-\nm\n' };

  it('GNU sed: glibc wording after the position', async () => {
    const m = debian();
    expect(await m.run(['sed', '-n', '/[z-a]/p'], input)).toMatchObject({
      stderr: 'sed: -e expression #1, char 7: Invalid range end\n',
      code: 1,
    });
    expect((await m.run(['sed', '-n', '/[[:foo:]]/p'], input)).stderr).toBe(
      'sed: -e expression #1, char 11: Invalid character class name\n',
    );
    expect((await m.run(['sed', 's/[[.ab.]]/x/'], input)).stderr).toBe(
      'sed: -e expression #1, char 13: Invalid collation character\n',
    );
    expect((await m.run(['sed', '-n', '/[\\c\\q]/p'], input)).stderr).toBe(
      'sed: -e expression #1, char 8: recursive escaping after \\c not allowed\n',
    );
    expect((await m.run(['sed', '-n', '/^[b-\\d]$/p'], { stdin: 'a\nc\nd\n' })).stdout).toBe('c\nd\n');
  });

  it('GNU grep: glibc wording alone, exit 2; dfa refuses [:space:] once the expression compiles', async () => {
    const m = debian();
    expect(await m.run(['grep', '[[:foo:]]'], input)).toMatchObject({
      stdout: '',
      stderr: 'grep: Invalid character class name\n',
      code: 2,
    });
    expect(await m.run(['grep', '-E', '[z-a]'], input)).toMatchObject({
      stderr: 'grep: Invalid range end\n',
      code: 2,
    });
    expect(await m.run(['grep', '[[.ab.]]'], input)).toMatchObject({
      stderr: 'grep: Invalid collation character\n',
      code: 2,
    });
    expect(await m.run(['grep', 'a[^'], input)).toMatchObject({
      stderr: 'grep: Invalid regular expression\n',
      code: 2,
    });
    expect(await m.run(['grep', '[abc'], input)).toMatchObject({
      stderr: 'grep: Unmatched [, [^, [:, [., or [=\n',
      code: 2,
    });
    expect(await m.run(['grep', '-e', 'a', '-e', '[:alpha:]'], input)).toMatchObject({
      stderr: 'grep: character class syntax is [[:space:]], not [:space:]\n',
      code: 2,
    });
    expect((await m.run(['grep', '[:alpha:]\\('], input)).stderr).toBe('grep: Unmatched ( or \\(\n');
    expect((await m.run(['grep', '-x', '[[.-.]]'], input)).stdout).toBe('-\n');
  });

  it('mawk: a reversed range is three characters; an unknown class is a bad class', async () => {
    const m = debian();
    expect((await m.run(['awk', '/[z-a]/'], input)).stdout).toBe('a\nz\n-\n');
    const bad = await m.run(['awk', '/[[:foo:]]/'], input);
    expect([bad.stderr, bad.code]).toEqual([
      'awk: line 1: regular expression compile failed (bad class -- [], [^] or [)\n[[:foo:]]\n',
      2,
    ]);
  });
});
