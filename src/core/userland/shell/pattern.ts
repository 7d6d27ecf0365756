// Shell patterns (fnmatch): `*`, `?`, `[…]` for case, ${x#pat} and pathname
// expansion against the filesystem. A pattern arrives with its quoted
// characters backslash-escaped, so "*" written in quotes stays literal.
import { FsError } from '../../fs/types';
import { CHAR_CLASSES } from '../tools/bracket-expr';
import type { FileSystem } from '../types';

/**
 * How a bracket reads: dash's own pmatch (only `!` negates, a `[` that starts no known
 * [:class:] is a member) or the fnmatch of bash and busybox (`^` negates too, [.c.] and
 * [=c=] name one character, an unknown [:class:] matches nothing).
 */
export type PatternDialect = 'dash' | 'fnmatch';

const reEscape = (c: string) => c.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
const unit = (c: number) => `\\u${c.toString(16).padStart(4, '0')}`;

interface Bracket {
  /** A JS class valid without flags: `[]` matches nothing, `[^]` anything. */
  source: string;
  /** Index of the closing `]`. */
  end: number;
}

/**
 * The bracket expression opened at p[i], as dash's pmatch walks it; undefined when it never
 * closes (the `[` is then an ordinary character). A range whose end comes before its start
 * matches nothing, as in every shell, rather than being an error.
 */
function parseBracket(p: string, i: number, dialect: PatternDialect): Bracket | undefined {
  let j = i + 1;
  const negate = p[j] === '!' || (p[j] === '^' && dialect === 'fnmatch');
  if (negate) j++;
  const ranges: [number, number][] = [];
  let c: string | undefined = p[j++];
  do {
    if (c === undefined) return undefined;
    let lo: number | undefined;
    if (c === '[') {
      const el = bracketElement(p, j, dialect);
      if (el) {
        j = el.next;
        if (el.ranges) {
          ranges.push(...el.ranges);
          continue;
        }
        lo = el.char;
      }
    } else if (c === '\\') {
      c = p[j++];
      if (c === undefined) return undefined;
    }
    lo ??= c.charCodeAt(0);
    if (p[j] === '-' && p[j + 1] !== ']') {
      j++;
      let hi: number | undefined;
      if (p[j] === '[' && dialect === 'fnmatch') {
        const el = bracketElement(p, j + 1, dialect);
        if (el?.char !== undefined) {
          hi = el.char;
          j = el.next - 1;
        }
      }
      if (hi === undefined) {
        if (p[j] === '\\') j++;
        if (p[j] === undefined) return undefined;
        hi = p.charCodeAt(j);
      }
      if (lo <= hi) ranges.push([lo, hi]);
      j++;
    } else ranges.push([lo, lo]);
  } while ((c = p[j++]) !== ']');
  const body = ranges.map(([lo, hi]) => (lo === hi ? unit(lo) : `${unit(lo)}-${unit(hi)}`)).join('');
  return { source: `[${negate ? '^' : ''}${body}]`, end: j - 1 };
}

/**
 * What follows a `[` inside a bracket (p[j] is the character after it): a known class
 * (dash's ccmatch), or in fnmatch also [.c.], [=c=] and an unknown class (no members).
 * Undefined: the `[` is a plain member.
 */
function bracketElement(
  p: string,
  j: number,
  dialect: PatternDialect,
): { next: number; ranges?: [number, number][]; char?: number } | undefined {
  const delim = p[j];
  if (delim !== ':' && (dialect === 'dash' || (delim !== '.' && delim !== '='))) return undefined;
  const close = p.indexOf(`${delim}]`, j + 1);
  if (close < 0) return undefined;
  const name = p.slice(j + 1, close);
  if (delim === ':') {
    const cls = Object.hasOwn(CHAR_CLASSES, name) ? CHAR_CLASSES[name] : undefined;
    if (cls) return { next: close + 2, ranges: [...cls] };
    return dialect === 'fnmatch' ? { next: close + 2, ranges: [] } : undefined;
  }
  if (name.length !== 1) return { next: close + 2, ranges: [] };
  return { next: close + 2, char: name.charCodeAt(0) };
}

/** Does the pattern contain an unescaped `*`, `?` or a `[` that opens a bracket expression? */
export function hasGlob(pattern: string, dialect: PatternDialect = 'fnmatch'): boolean {
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') i++;
    else if (c === '*' || c === '?') return true;
    else if (c === '[' && parseBracket(pattern, i, dialect)) return true;
  }
  return false;
}

/** The pattern as a regular expression source (anchoring left to the caller). */
export function patternSource(p: string, dialect: PatternDialect = 'fnmatch'): string {
  let out = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '\\') {
      if (i + 1 < p.length) out += reEscape(p[++i]);
      else out += '\\\\';
    } else if (c === '*') out += '[^]*';
    else if (c === '?') out += '[^]';
    else if (c === '[') {
      const b = parseBracket(p, i, dialect);
      if (!b) out += '\\[';
      else {
        out += b.source;
        i = b.end;
      }
    } else out += reEscape(c);
  }
  return out;
}

const cache = new Map<string, RegExp>();

/** Whole-string match, as `case` and `[[ == ]]` use it. */
export function matchPattern(pattern: string, s: string, dialect: PatternDialect = 'fnmatch'): boolean {
  const key = dialect === 'dash' ? `d${pattern}` : `f${pattern}`;
  let re = cache.get(key);
  if (!re) {
    re = new RegExp(`^${patternSource(pattern, dialect)}$`);
    if (cache.size > 500) cache.clear();
    cache.set(key, re);
  }
  return re.test(s);
}

/** Remove quoting backslashes: the literal text of a pattern. */
export function unescapePattern(p: string): string {
  return p.replace(/\\([^])/g, '$1');
}

/** ${x#p} ${x##p} ${x%p} ${x%%p}: strip the shortest/longest matching prefix or suffix. */
export function stripPattern(
  value: string,
  pattern: string,
  suffix: boolean,
  longest: boolean,
  dialect: PatternDialect = 'fnmatch',
): string {
  const n = value.length;
  if (!suffix) {
    for (let k = longest ? n : 0; longest ? k >= 0 : k <= n; k += longest ? -1 : 1) {
      if (matchPattern(pattern, value.slice(0, k), dialect)) return value.slice(k);
    }
  } else {
    for (let k = longest ? 0 : n; longest ? k <= n : k >= 0; k += longest ? 1 : -1) {
      if (matchPattern(pattern, value.slice(k), dialect)) return value.slice(0, k);
    }
  }
  return value;
}

/**
 * Pathname expansion: the matching paths sorted in byte order (C locale),
 * or undefined when nothing matches (the word then stays as written).
 * Names starting with "." match only a pattern component starting with ".".
 */
export function globPaths(
  pattern: string,
  fs: FileSystem,
  dialect: PatternDialect = 'fnmatch',
): string[] | undefined {
  if (!hasGlob(pattern, dialect)) return undefined;
  const absolute = pattern.startsWith('/');
  const comps = pattern.split('/').filter((c, i) => c !== '' || i === 0);
  let paths: string[] = [absolute ? '/' : ''];
  for (let ci = absolute ? 1 : 0; ci < comps.length; ci++) {
    const comp = comps[ci];
    const last = ci === comps.length - 1;
    const next: string[] = [];
    for (const base of paths) {
      const join = (name: string) => (base === '' ? name : base.endsWith('/') ? base + name : `${base}/${name}`);
      if (!hasGlob(comp, dialect)) {
        next.push(join(unescapePattern(comp)));
        continue;
      }
      const names = fs.readdir(base === '' ? '.' : base);
      if (names instanceof FsError) continue;
      const dotOk = comp.startsWith('.') || comp.startsWith('\\.');
      for (const name of names) {
        if (name.startsWith('.') && !dotOk) continue;
        if (!matchPattern(comp, name, dialect)) continue;
        const p = join(name);
        if (!last) {
          const st = fs.stat(p);
          if (st instanceof FsError || st.kind !== 'dir') continue;
        }
        next.push(p);
      }
    }
    paths = next;
    if (paths.length === 0) return undefined;
  }
  if (pattern.endsWith('/') && pattern.length > 1) paths = paths.filter((p) => !(fs.stat(p) instanceof FsError)).map((p) => `${p}/`);
  const found = paths.filter((p) => !(fs.lstat(p.endsWith('/') && p.length > 1 ? p.slice(0, -1) : p) instanceof FsError));
  if (found.length === 0) return undefined;
  return found.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
