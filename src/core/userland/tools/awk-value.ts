// awk's values: numbers, strings, and "strnums" (input that looks numeric:
// fields, getline, split, ARGV, ENVIRON, -v), with POSIX's comparison rules,
// glibc strtod's reading of a number prefix, and mawk's number output
// (integers as %d up to 2^31-1, everything else through CONVFMT/OFMT).
import { formatNumber } from './awk-format';

/** Text that came from input and looks like a number: compares as a number against numbers. */
export class StrNum {
  constructor(
    readonly s: string,
    readonly n: number,
  ) {}
}

export type Val = number | string | StrNum;

/** An unset variable: "" and 0 at once, a strnum for comparisons. */
export const UNINIT = new StrNum('', 0);

const MAX_INT = 2147483647;

/** glibc strtod: the longest numeric prefix (blanks, sign, decimal, hex, inf, nan) and its length. */
export function strtod(s: string): { n: number; len: number } {
  const m =
    /^[ \t\n\v\f\r]*([+-]?)(?:(0[xX](?:[0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)(?:[pP][+-]?\d+)?)|((?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)|(inf(?:inity)?|nan(?:\([0-9A-Za-z_]*\))?))/i.exec(
      s,
    );
  if (!m) return { n: 0, len: 0 };
  const sign = m[1] === '-' ? -1 : 1;
  let n: number;
  if (m[2]) n = hexFloat(m[2]);
  else if (m[3]) n = Number(m[3]);
  else n = /^i/i.test(m[4]) ? Infinity : NaN;
  return { n: sign * n, len: m[0].length };
}

function hexFloat(h: string): number {
  const m = /^0[xX]([0-9a-fA-F]*)\.?([0-9a-fA-F]*)(?:[pP]([+-]?\d+))?$/.exec(h);
  if (!m) return 0;
  const int = m[1] ? parseInt(m[1], 16) : 0;
  const frac = m[2] ? parseInt(m[2], 16) / 16 ** m[2].length : 0;
  return (int + frac) * 2 ** Number(m[3] ?? 0);
}

/**
 * Whether input text is a number to awk (mawk's test): blanks around an
 * optional sign and a decimal number, or inf/nan; hex is not.
 */
export function looksNumeric(s: string): boolean {
  return /^[ \t\n]*[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|inf(?:inity)?|nan)[ \t\n]*$/i.test(s);
}

/** Input text as awk holds it: a strnum when it looks numeric. */
export function inputVal(s: string): Val {
  return looksNumeric(s) ? new StrNum(s, strtod(s).n) : s;
}

export function toNum(v: Val): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return strtod(v).n;
  return v.n;
}

/** A number as text: integers plainly, the rest through the format (CONVFMT, or OFMT for print). */
export function numToStr(n: number, fmt: string): string {
  if (Number.isInteger(n) && n >= -MAX_INT && n <= MAX_INT) return String(n === 0 ? 0 : n);
  return formatNumber(fmt, n);
}

export function toStr(v: Val, convfmt: string): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return numToStr(v, convfmt);
  return v.s;
}

export function toBool(v: Val): boolean {
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string') return v !== '';
  return v === UNINIT ? false : v.n !== 0;
}

const isNumeric = (v: Val): boolean => typeof v === 'number' || v instanceof StrNum;

/** POSIX comparison: numerically when both are numbers or strnums, else as strings (C locale, byte order). */
export function compare(a: Val, b: Val, convfmt: string): number {
  if (isNumeric(a) && isNumeric(b)) {
    const x = toNum(a);
    const y = toNum(b);
    return x < y ? -1 : x > y ? 1 : x === y ? 0 : Number.isNaN(x) ? (Number.isNaN(y) ? 0 : 1) : -1;
  }
  const x = toStr(a, convfmt);
  const y = toStr(b, convfmt);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** mawk's d_to_I: doubles clamp to ±(2^31-1) where an int is needed (printf %d, %c). */
export function dToI(d: number): number {
  if (Number.isNaN(d)) return 0;
  if (d >= MAX_INT) return MAX_INT;
  if (d > -MAX_INT) return Math.trunc(d);
  return -MAX_INT;
}

/** mawk's d_to_U: 0 .. 2^32-1 for %o %x %X %u. */
export function dToU(d: number): number {
  if (Number.isNaN(d) || d <= 0) return 0;
  if (d >= 4294967295) return 4294967295;
  return Math.trunc(d);
}
