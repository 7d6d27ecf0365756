// grep: basic and extended regular expressions (translated to JS RegExp),
// fixed strings, -i -v -n -c -l -L -q -s -w -x -o -h -H -r, exit 0 on a
// match, 1 on none, 2 on trouble.
import { getopt, isOptError } from './getopt';
import { BracketError, glibcMessage, GREP_BRACKETS, parseBracket } from './bracket-expr';
import { openInput, readWhole, splitLines } from './input';
import { isErr, type Tool } from './tool';

/** regcomp's complaint about a pattern, in glibc's words. */
/**
 * musl's regerror text for what glibc's regcomp reports: Alpine's BusyBox grep compiles
 * with xregcomp, which dies with "bad regex 'PATTERN': MESSAGE" in musl's words.
 */
const MUSL_MESSAGES: Record<string, string> = {
  'Unmatched [, [^, [:, [., or [=': "Missing ']'",
  // glibc's word for a `[` that ends the pattern
  'Invalid regular expression': "Missing ']'",
  'Unmatched ( or \\(': "Missing ')'",
  'Unmatched ) or \\)': "Missing ')'",
  'Unmatched \\{': "Missing '}'",
  'Invalid content of \\{\\}': 'Invalid contents of {}',
  'Invalid range end': 'Invalid character range',
  'Invalid character class name': 'Unknown character class name',
  'Trailing backslash': 'Trailing backslash',
  'Invalid back reference': 'Invalid back reference',
  'Invalid collation character': 'Unknown collating element',
  'Invalid preceding regular expression': 'Repetition not preceded by valid expression',
};

/** BusyBox's xregcomp message for a pattern glibc refuses with `glibc`. */
export function busyboxBadRegex(pattern: string, glibc: string): string {
  return `bad regex '${pattern}': ${MUSL_MESSAGES[glibc] ?? 'Invalid regexp'}`;
}

export class GrepRegexError {
  constructor(readonly message: string) {}
}

/** POSIX BRE/ERE -> JS source. In a BRE, \( \) \{ \} \| \+ \? are the operators and ( ) { } | + ? are literal. */
export function posixToJs(re: string, extended: boolean): { source: string; colonSyntax: boolean } | GrepRegexError {
  let out = '';
  let colonSyntax = false;
  // groups still open (their numbers) and those closed: a back reference may name only a closed one
  const open: number[] = [];
  const closed = new Set<number>();
  let groups = 0;
  const group = (c: string): GrepRegexError | undefined => {
    if (c === '(') {
      open.push(++groups);
      out += '(';
    } else if (open.length > 0) {
      closed.add(open.pop()!);
      out += ')';
    } else if (extended) out += '\\)';
    else return new GrepRegexError('Unmatched ) or \\)');
    return undefined;
  };
  for (let i = 0; i < re.length; i++) {
    const c = re[i];
    if (c === '[') {
      // regcomp's bracket expression: a backslash inside is a member
      const b = parseBracket(re, i, GREP_BRACKETS);
      if (b instanceof BracketError) return new GrepRegexError(glibcMessage(b.kind));
      out += b.source;
      colonSyntax ||= b.colonSyntax;
      i = b.end;
      continue;
    }
    if (c === '\\' && i + 1 === re.length) return new GrepRegexError('Trailing backslash');
    if (extended && (c === '(' || c === ')')) {
      const e = group(c);
      if (e) return e;
      continue;
    }
    if (c === '\\' && i + 1 < re.length) {
      const n = re[++i];
      if (!extended && (n === '(' || n === ')')) {
        const e = group(n);
        if (e) return e;
      } else if (/[1-9]/.test(n)) {
        if (!closed.has(Number(n))) return new GrepRegexError('Invalid back reference');
        out += `\\${n}`;
      } else if (!extended && n === '{') {
        // an interval: \{m\}, \{m,\}, \{m,n\}
        const close = re.indexOf('\\}', i + 1);
        if (close < 0) return new GrepRegexError('Unmatched \\{');
        const body = re.slice(i + 1, close);
        if (!/^\d+(,\d*)?$|^,\d+$/.test(body)) return new GrepRegexError('Invalid content of \\{\\}');
        // (glibc reads a missing minimum as 0; JS needs it written)
        out += `{${body.startsWith(',') ? '0' : ''}${body}}`;
        i = close + 1;
      } else if (!extended && '}|+?'.includes(n)) out += n;
      else if (n === '<') out += '\\b(?=\\w)';
      else if (n === '>') out += '\\b(?<=\\w)';
      else if ('wWsSbB'.includes(n)) out += `\\${n}`;
      else out += /[.*+?^${}()|[\]\\/]/.test(n) ? `\\${n}` : n;
      continue;
    }
    if (!extended && '(){}|+?'.includes(c)) {
      out += `\\${c}`;
      continue;
    }
    // a leading * (or after ^ or \() is literal in a BRE
    if (c === '*' && (out === '' || out.endsWith('^') || out.endsWith('(') || out.endsWith('|'))) {
      out += '\\*';
      continue;
    }
    // a `]` outside a bracket expression is an ordinary character (JS's u flag rejects it bare)
    if (c === '/' || c === ']') {
      out += `\\${c}`;
      continue;
    }
    out += c;
  }
  if (open.length > 0) return new GrepRegexError('Unmatched ( or \\(');
  return { source: out, colonSyntax };
}

export async function grep(t: Tool, args: string[], flavourMode?: 'E' | 'F'): Promise<number> {
  const p = getopt(args, {
    short: 'EFGiyvnclLqswxohHrRe:f:Im:A:B:C:Z',
    long: {
      'extended-regexp': 'E', 'fixed-strings': 'F', 'basic-regexp': 'G', 'ignore-case': 'i', 'invert-match': 'v', 'line-number': 'n', count: 'c',
      'files-with-matches': 'l', 'files-without-match': 'L', quiet: 'q', silent: 'q', 'no-messages': 's', 'word-regexp': 'w', 'line-regexp': 'x',
      'only-matching': 'o', 'no-filename': 'h', 'with-filename': 'H', recursive: 'r', 'dereference-recursive': 'R', 'regexp=': 'e', 'file=': 'f',
      'max-count=': 'm', 'color?': 'color', 'colour?': 'color', 'include=': 'include', 'exclude=': 'exclude',
    },
  });
  if (isOptError(p)) return t.badOption(p.error, 2, '[-HhnlLoqvsrRiwFEx] [-m N] [-A|B|C N] { PATTERN | -e PATTERN... | -f FILE... } [FILE]...');
  const operands = [...p.operands];
  let patterns = p.values('e');
  for (const f of p.values('f')) {
    const text = t.fs.readFile(f);
    if (isErr(text)) {
      t.warn(`${t.qf(f)}: ${text.message}`);
      return 2;
    }
    patterns.push(...text.split('\n').filter((l, i, a) => i < a.length - 1 || l !== ''));
  }
  if (!p.has('e') && !p.has('f')) {
    if (operands.length === 0) {
      if (t.gnu) {
        t.err(`Usage: ${t.name} [OPTION]... PATTERNS [FILE]...\nTry '${t.name} --help' for more information.\n`);
        return 2;
      }
      return t.badOption('', 1);
    }
    patterns = operands.shift()!.split('\n');
  }
  const mode = p.lastOf('E', 'F', 'G') ?? flavourMode ?? 'G';
  const icase = p.has('i') || p.has('y');
  const sources: string[] = [];
  let colonSyntax = false;
  // GNU grep compiles every pattern and reports each bad one before it gives up
  let bad = false;
  for (const pat of patterns) {
    let s: string;
    if (mode === 'F') s = pat.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    else {
      const js = posixToJs(pat, mode === 'E');
      if (js instanceof GrepRegexError) {
        t.warn(t.gnu ? js.message : busyboxBadRegex(pat, js.message));
        if (!t.gnu) return 2;
        bad = true;
        continue;
      }
      s = js.source;
      colonSyntax ||= js.colonSyntax;
    }
    if (p.has('x')) s = `^(?:${s})$`;
    else if (p.has('w')) s = `(?<![\\w])(?:${s})(?![\\w])`;
    try {
      new RegExp(s, icase ? 'iu' : 'u');
    } catch {
      t.warn(t.gnu ? 'Unmatched ( or \\(' : busyboxBadRegex(pat, 'Unmatched ( or \\('));
      return 2;
    }
    sources.push(s);
  }
  if (bad) return 2;
  // GNU dfa looks at the patterns only once regcomp has taken them all
  if (colonSyntax && t.gnu) {
    t.warn('character class syntax is [[:space:]], not [:space:]');
    return 2;
  }
  const res = sources.map((s) => new RegExp(s, icase ? 'giu' : 'gu'));
  const recursive = p.has('r') || p.has('R');
  const files: string[] = operands.length ? operands : recursive ? ['.'] : ['-'];
  const implicitDot = recursive && operands.length === 0;
  const many = files.length > 1 || recursive;
  const withName = p.has('H') || (many && !p.has('h'));
  const quiet = p.has('q');
  const max = p.value('m') !== undefined ? Number(p.value('m')) : Infinity;
  let matched = false;
  let trouble = false;

  const warn = (f: string, msg: string) => {
    if (!p.has('s')) t.warn(`${t.qf(f)}: ${msg}`);
    trouble = true;
  };

  const searchText = (text: string, name: string) => {
    const lines = splitLines(text).map((l) => (l.endsWith('\n') ? l.slice(0, -1) : l));
    let count = 0;
    let out = '';
    for (let i = 0; i < lines.length && count < max; i++) {
      const line = lines[i];
      const hits: string[] = [];
      let any = false;
      for (const re of res) {
        re.lastIndex = 0;
        if (p.has('o') && !p.has('v')) {
          for (const m of line.matchAll(re)) if (m[0] !== '') hits.push(m[0]);
          if (hits.length) any = true;
        } else if (re.test(line)) any = true;
      }
      if (any === p.has('v')) continue;
      count++;
      if (quiet || p.has('l') || p.has('L') || p.has('c')) continue;
      const prefix = `${withName ? `${name}:` : ''}${p.has('n') ? `${i + 1}:` : ''}`;
      if (p.has('o') && !p.has('v')) for (const h of hits) out += `${prefix}${h}\n`;
      else out += `${prefix}${line}\n`;
    }
    if (count > 0) matched = true;
    if (quiet) return;
    if (p.has('c')) out = `${withName ? `${name}:` : ''}${count}\n`;
    else if (p.has('l')) out = count > 0 ? `${name}\n` : '';
    else if (p.has('L')) out = count === 0 ? `${name}\n` : '';
    else if (count > 0 && text.includes('\0')) out = t.gnu ? `${t.name}: ${name}: binary file matches\n` : `Binary file ${name} matches\n`;
    t.out(out);
  };

  const visit = async (f: string, shown: string, top: boolean): Promise<void> => {
    if (quiet && matched) return;
    if (f !== '-') {
      const st = top ? t.fs.stat(f) : t.fs.lstat(f);
      if (isErr(st)) return warn(shown, st.message);
      if (st.kind === 'symlink' && !p.has('R')) return;
      if (st.kind === 'dir') {
        if (!recursive) {
          if (t.gnu) warn(shown, 'Is a directory');
          return;
        }
        const names = t.fs.readdir(f);
        if (isErr(names)) return warn(shown, names.message);
        for (const n of names) {
          const child = f.endsWith('/') ? f + n : `${f}/${n}`;
          await visit(child, implicitDot && f === '.' ? n : shown.endsWith('/') ? shown + n : `${shown}/${n}`, false);
        }
        return;
      }
    }
    const src = openInput(t, f);
    if (isErr(src)) return warn(shown, src.message);
    searchText(await readWhole(t, src, src.kind !== 'text'), f === '-' ? '(standard input)' : shown);
  };
  for (const f of files) await visit(f, f, true);
  if (quiet && matched) return 0;
  return trouble ? 2 : matched ? 0 : 1;
}
