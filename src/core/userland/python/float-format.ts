// Numbers as CPython writes them: repr(float) (shortest round-trip digits,
// scientific notation outside 1e-4..1e16), the 'e'/'f'/'g'/'%' presentation
// types of format(), and int's 4300-digit str() limit.
import { pyErr, ValueError } from './types';

/** Shortest round-trip digits and decimal exponent of a finite, non-zero |x|. */
function shortest(x: number): { digits: string; exp: number } {
  const [m, e] = Math.abs(x).toExponential().split('e');
  return { digits: m.replace('.', ''), exp: Number(e) };
}

export function floatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const sign = x < 0 ? '-' : '';
  const { digits, exp } = shortest(x);
  if (exp < -4 || exp >= 16) {
    const mant = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${mant}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  if (digits.length <= exp + 1) return `${sign}${digits}${'0'.repeat(exp + 1 - digits.length)}.0`;
  return `${sign}${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
}

const INT_MAX_STR_DIGITS = 4300;

export function intStr(n: bigint): string {
  const s = n.toString();
  if (s.length - (n < 0n ? 1 : 0) > INT_MAX_STR_DIGITS) {
    throw pyErr(
      ValueError,
      `Exceeds the limit (${INT_MAX_STR_DIGITS} digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit`,
    );
  }
  return s;
}

/** 'e' format with `prec` digits after the point (exponent at least two digits). */
export function formatExp(x: number, prec: number, upper = false, alt = false): string {
  if (!Number.isFinite(x)) return nonFinite(x, upper);
  let s = Math.abs(x).toExponential(Math.min(prec, 100));
  const [m0, e] = s.split('e');
  let m = m0;
  if (alt && !m.includes('.')) m += '.';
  const en = Number(e);
  s = `${m}e${en < 0 ? '-' : '+'}${String(Math.abs(en)).padStart(2, '0')}`;
  return (x < 0 || Object.is(x, -0) ? '-' : '') + (upper ? s.toUpperCase() : s);
}

export function formatFixed(x: number, prec: number, upper = false, alt = false): string {
  if (!Number.isFinite(x)) return nonFinite(x, upper);
  let s = toFixedBig(Math.abs(x), prec);
  if (alt && !s.includes('.')) s += '.';
  return (x < 0 || Object.is(x, -0) ? '-' : '') + s;
}

/** toFixed that also works beyond 1e21 (where JS switches to exponent form). */
function toFixedBig(x: number, prec: number): string {
  if (x < 1e21) return x.toFixed(Math.min(prec, 100));
  const int = BigInt(x).toString();
  return prec > 0 ? `${int}.${'0'.repeat(prec)}` : int;
}

/** 'g' format: `prec` significant digits, trailing zeros removed unless `alt`. */
export function formatGeneral(x: number, prec: number, upper = false, alt = false): string {
  if (!Number.isFinite(x)) return nonFinite(x, upper);
  const p = prec === 0 ? 1 : prec;
  if (x === 0) return (Object.is(x, -0) ? '-' : '') + (alt ? `0.${'0'.repeat(p - 1)}` : '0');
  const exp = Number(
    Math.abs(x)
      .toExponential(p - 1)
      .split('e')[1],
  );
  let s: string;
  if (exp >= -4 && exp < p) {
    s = formatFixed(x, p - 1 - exp, upper, alt);
    if (!alt && s.includes('.')) s = s.replace(/\.?0+$/, '');
  } else {
    s = formatExp(x, p - 1, upper, alt);
    if (!alt) s = s.replace(/\.?0+e/, 'e').replace(/\.?0+E/, 'E');
  }
  return s;
}

/** Python's float.__format__ with no type: like 'g' but repr's digits when no precision is given. */
export function formatNoType(x: number, prec: number | undefined): string {
  if (prec === undefined) return floatRepr(x);
  const s = formatGeneral(x, prec);
  return /[.e]|nan|inf/.test(s) ? s : `${s}.0`;
}

function nonFinite(x: number, upper: boolean): string {
  const s = Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf';
  return upper ? s.toUpperCase() : s;
}
