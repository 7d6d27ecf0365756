// Pieces of awk's builtins that need no interpreter: sub/gsub's substitution,
// mawk's byte length, arithmetic as C does it, and glibc's random() behind rand().
import { matchAt, type AwkRegex } from './awk-regex';

export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c < 0xdc00 ? (i++, 4) : 3;
  }
  return n;
}

export function arith(op: string, a: number, b: number): number {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return a / b;
    case '%':
      return a % b;
    default:
      return a ** b;
  }
}

/** glibc's random(): the TYPE_3 additive feedback generator srandom() seeds. */
export class GlibcRandom {
  private readonly r: number[] = [];

  constructor(seed: number) {
    const r = this.r;
    r[0] = seed === 0 ? 1 : seed | 0;
    for (let i = 1; i < 31; i++) {
      const hi = Math.trunc(r[i - 1] / 127773);
      const lo = r[i - 1] % 127773;
      let word = 16807 * lo - 2836 * hi;
      if (word < 0) word += 2147483647;
      r[i] = word;
    }
    for (let i = 31; i < 34; i++) r[i] = r[i - 31];
    for (let i = 34; i < 344; i++) r[i] = (r[i - 31] + r[i - 3]) | 0;
  }

  next(): number {
    const r = this.r;
    const v = (r[r.length - 31] + r[r.length - 3]) | 0;
    r.push(v);
    if (r.length > 1024) r.splice(0, r.length - 34);
    return (v >>> 0) >>> 1;
  }
}

/** sub/gsub: & is the match, \& a literal &, \\ a backslash; empty matches between characters. */
export function substitute(
  r: AwkRegex,
  repl: string,
  target: string,
  global: boolean,
): { text: string; count: number } {
  const expand = (m: string) => {
    let out = '';
    for (let i = 0; i < repl.length; i++) {
      const c = repl[i];
      if (c === '\\' && (repl[i + 1] === '&' || repl[i + 1] === '\\')) out += repl[++i];
      else if (c === '&') out += m;
      else out += c;
    }
    return out;
  };
  let out = '';
  let count = 0;
  let pos = 0;
  let lastEnd = -1;
  while (pos <= target.length) {
    const m = matchAt(r, target, pos);
    if (!m) break;
    if (m.length === 0) {
      if (m.index === lastEnd) {
        // an empty match right after a match does not count
        if (m.index >= target.length) break;
        out += target.slice(pos, m.index + 1);
        pos = m.index + 1;
        continue;
      }
      out += target.slice(pos, m.index) + expand('');
      count++;
      if (m.index >= target.length) {
        pos = target.length + 1;
        break;
      }
      out += target[m.index];
      pos = m.index + 1;
    } else {
      out += target.slice(pos, m.index) + expand(target.slice(m.index, m.index + m.length));
      count++;
      pos = lastEnd = m.index + m.length;
    }
    if (!global) break;
  }
  if (pos <= target.length) out += target.slice(pos);
  return { text: out, count };
}
