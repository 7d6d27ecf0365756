// Shell patterns (fnmatch): `*`, `?`, `[…]` for case, ${x#pat} and pathname
// expansion against the filesystem. A pattern arrives with its quoted
// characters backslash-escaped, so "*" written in quotes stays literal.
import { FsError } from '../../fs/types';
import type { FileSystem } from '../types';

const CLASSES: Record<string, string> = {
  alpha: 'a-zA-Z', digit: '0-9', alnum: 'a-zA-Z0-9', upper: 'A-Z', lower: 'a-z', space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t', punct: '!-\\/:-@\\[-`{-~', xdigit: '0-9A-Fa-f', cntrl: '\\x00-\\x1f\\x7f', print: ' -~', graph: '!-~',
};

const reEscape = (c: string) => c.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');

/** Does the pattern contain an unescaped `*`, `?` or `[`? */
export function hasGlob(pattern: string): boolean {
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') i++;
    else if (c === '*' || c === '?') return true;
    else if (c === '[' && bracketEnd(pattern, i) > 0) return true;
  }
  return false;
}

/** Index of the `]` closing a bracket expression opened at i, or -1. */
function bracketEnd(p: string, i: number): number {
  let j = i + 1;
  if (p[j] === '!' || p[j] === '^') j++;
  if (p[j] === ']') j++;
  for (; j < p.length; j++) {
    if (p[j] === '\\') j++;
    else if (p[j] === '[' && p[j + 1] === ':') {
      const end = p.indexOf(':]', j + 2);
      if (end > 0) j = end + 1;
    } else if (p[j] === ']') return j;
  }
  return -1;
}

function bracketRegex(body: string): string {
  let neg = false;
  let i = 0;
  if (body[0] === '!' || body[0] === '^') {
    neg = true;
    i = 1;
  }
  let out = '';
  for (; i < body.length; i++) {
    const c = body[i];
    if (c === '[' && body[i + 1] === ':') {
      const end = body.indexOf(':]', i + 2);
      const cls = CLASSES[body.slice(i + 2, end)];
      if (end > 0 && cls !== undefined) {
        out += cls;
        i = end + 1;
        continue;
      }
    }
    if (c === '\\' && i + 1 < body.length) {
      out += reEscape(body[++i]);
      continue;
    }
    if (c === '-' && out !== '' && i + 1 < body.length) {
      out += '-';
      continue;
    }
    out += reEscape(c);
  }
  return `[${neg ? '^' : ''}${out}]`;
}

/** The pattern as a regular expression source (anchoring left to the caller). */
export function patternSource(p: string): string {
  let out = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '\\') {
      if (i + 1 < p.length) out += reEscape(p[++i]);
      else out += '\\\\';
    } else if (c === '*') out += '[^]*';
    else if (c === '?') out += '[^]';
    else if (c === '[') {
      const end = bracketEnd(p, i);
      if (end < 0) out += '\\[';
      else {
        out += bracketRegex(p.slice(i + 1, end));
        i = end;
      }
    } else out += reEscape(c);
  }
  return out;
}

const cache = new Map<string, RegExp>();

/** Whole-string match, as `case` and `[[ == ]]` use it. */
export function matchPattern(pattern: string, s: string): boolean {
  let re = cache.get(pattern);
  if (!re) {
    re = new RegExp(`^${patternSource(pattern)}$`);
    if (cache.size > 500) cache.clear();
    cache.set(pattern, re);
  }
  return re.test(s);
}

/** Remove quoting backslashes: the literal text of a pattern. */
export function unescapePattern(p: string): string {
  return p.replace(/\\([^])/g, '$1');
}

/** ${x#p} ${x##p} ${x%p} ${x%%p}: strip the shortest/longest matching prefix or suffix. */
export function stripPattern(value: string, pattern: string, suffix: boolean, longest: boolean): string {
  const n = value.length;
  if (!suffix) {
    for (let k = longest ? n : 0; longest ? k >= 0 : k <= n; k += longest ? -1 : 1) {
      if (matchPattern(pattern, value.slice(0, k))) return value.slice(k);
    }
  } else {
    for (let k = longest ? 0 : n; longest ? k <= n : k >= 0; k += longest ? 1 : -1) {
      if (matchPattern(pattern, value.slice(k))) return value.slice(0, k);
    }
  }
  return value;
}

/**
 * Pathname expansion: the matching paths sorted in byte order (C locale),
 * or undefined when nothing matches (the word then stays as written).
 * Names starting with "." match only a pattern component starting with ".".
 */
export function globPaths(pattern: string, fs: FileSystem): string[] | undefined {
  if (!hasGlob(pattern)) return undefined;
  const absolute = pattern.startsWith('/');
  const comps = pattern.split('/').filter((c, i) => c !== '' || i === 0);
  let paths: string[] = [absolute ? '/' : ''];
  for (let ci = absolute ? 1 : 0; ci < comps.length; ci++) {
    const comp = comps[ci];
    const last = ci === comps.length - 1;
    const next: string[] = [];
    for (const base of paths) {
      const join = (name: string) => (base === '' ? name : base.endsWith('/') ? base + name : `${base}/${name}`);
      if (!hasGlob(comp)) {
        next.push(join(unescapePattern(comp)));
        continue;
      }
      const names = fs.readdir(base === '' ? '.' : base);
      if (names instanceof FsError) continue;
      const dotOk = comp.startsWith('.') || comp.startsWith('\\.');
      for (const name of names) {
        if (name.startsWith('.') && !dotOk) continue;
        if (!matchPattern(comp, name)) continue;
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
