// printf as C's stdio does it for awk: flags, width, precision (also `*`),
// %c %d %i %o %x %X %u %e %E %f %F %g %G %s %%, with glibc's rounding
// (exact ties go to even) and inf/nan spelled as glibc spells them.
import type { Val } from './awk-value';

export interface FormatArgs {
  /** The next argument, or undefined when the list is exhausted. */
  next(): Val | undefined;
  num(v: Val): number;
  str(v: Val): string;
  /** mawk's clamps: int for %d/%c, unsigned for %o/%x/%u. */
  int(d: number): number;
  uint(d: number): number;
}

export type FormatResult =
  { ok: true; text: string } | { ok: false; error: 'args' } | { ok: false; error: 'conversion'; arg: string };

/** Round-half-even correction for JS's toFixed/toExponential (which round exact ties up). */
function evenTie(x: number, digits: string, scaled: number): string {
  // scaled = |x| * 10^p exactly a half: glibc keeps the even neighbour
  if (!Number.isFinite(scaled) || Math.abs(scaled) >= 2 ** 52) return digits;
  const frac = scaled - Math.floor(scaled);
  if (frac !== 0.5) return digits;
  const down = Math.floor(scaled);
  return down % 2 === 0 ? 'down' : digits;
}

function fixed(x: number, p: number): string {
  const ax = Math.abs(x);
  if (ax >= 1e21) {
    const int = BigInt(Math.round(ax)).toString();
    return p > 0 ? `${int}.${'0'.repeat(p)}` : int;
  }
  const s = ax.toFixed(p);
  if (p <= 20 && evenTie(ax, s, ax * 10 ** p) === 'down')
    return (Math.floor(ax * 10 ** p) / 10 ** p).toFixed(p);
  return s;
}

function expo(x: number, p: number, upper: boolean): string {
  const ax = Math.abs(x);
  let s = ax.toExponential(p);
  const e = Number(s.slice(s.indexOf('e') + 1));
  const scaled = ax / 10 ** (e - p);
  if (evenTie(ax, s, scaled) === 'down') s = (Math.floor(scaled) * 10 ** (e - p)).toExponential(p);
  s = s.replace(/e([+-])(\d)$/, 'e$10$2');
  return upper ? s.toUpperCase() : s;
}

function general(x: number, p: number, alt: boolean, upper: boolean): string {
  const P = p === 0 ? 1 : p;
  const ax = Math.abs(x);
  const e = ax === 0 ? 0 : Number(expo(ax, P - 1, false).split('e')[1]);
  let s = e < -4 || e >= P ? expo(ax, P - 1, upper) : fixed(ax, P - 1 - e);
  if (!alt) {
    s = s.replace(/^([^eE]*\.\d*?)0+([eE].*)?$/, '$1$2').replace(/\.([eE]|$)/, '$1');
  } else if (!s.includes('.')) s = s.replace(/^(\d+)/, '$1.');
  return s;
}

function special(x: number, upper: boolean): string | undefined {
  if (Number.isNaN(x)) return upper ? '-NAN' : '-nan';
  if (!Number.isFinite(x)) return upper ? 'INF' : 'inf';
  return undefined;
}

function floatConv(x: number, conv: string, flags: string, prec: number | undefined): string {
  const upper = conv === conv.toUpperCase();
  const p = prec ?? 6;
  const sp = special(x, upper);
  let body: string;
  if (sp !== undefined) body = sp.replace(/^-/, '');
  else if (conv === 'f' || conv === 'F') body = fixed(x, p);
  else if (conv === 'e' || conv === 'E') body = expo(x, p, upper);
  else body = general(x, p, flags.includes('#'), upper);
  if (
    flags.includes('#') &&
    (conv === 'f' || conv === 'F' || conv === 'e' || conv === 'E') &&
    p === 0 &&
    sp === undefined
  )
    body = body.replace(/^(\d+)/, '$1.');
  const neg = x < 0 || Object.is(x, -0) || (Number.isNaN(x) && sp?.startsWith('-'));
  const sign = neg ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
  return sign + body;
}

function pad(s: string, width: number | undefined, flags: string, zeroOk: boolean): string {
  if (width === undefined) return s;
  let w = width;
  let left = flags.includes('-');
  if (w < 0) {
    left = true;
    w = -w;
  }
  if (s.length >= w) return s;
  if (left) return s.padEnd(w);
  if (flags.includes('0') && zeroOk) {
    const m = /^([+\- ]?(?:0[xX])?)(.*)$/.exec(s)!;
    return m[1] + m[2].padStart(w - m[1].length, '0');
  }
  return s.padStart(w);
}

/** One printf-style format applied to its arguments. */
export function format(fmt: string, a: FormatArgs): FormatResult {
  let out = '';
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt[i];
    if (c !== '%') {
      out += c;
      continue;
    }
    const m = /^%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d*))?([hlLqjzt]*)([\s\S]?)/.exec(fmt.slice(i))!;
    i += m[0].length - 1;
    const flags = m[1];
    const conv = m[5];
    if (conv === '%') {
      out += '%';
      continue;
    }
    const star = (): number | 'none' => {
      const v = a.next();
      return v === undefined ? 'none' : a.int(a.num(v));
    };
    let width: number | undefined;
    if (m[2] === '*') {
      const w = star();
      if (w === 'none') return { ok: false, error: 'args' };
      width = w;
    } else if (m[2] !== undefined) width = Number(m[2]);
    let prec: number | undefined;
    if (m[3] === '*') {
      const p = star();
      if (p === 'none') return { ok: false, error: 'args' };
      prec = p < 0 ? undefined : p;
    } else if (m[3] !== undefined) prec = Number(m[3] || '0');
    if (conv === '') {
      // a lone % at the end is printed as it is
      out += m[0];
      continue;
    }
    if (!'cdiouxXeEfFgGs'.includes(conv)) {
      const v = a.next();
      if (v === undefined) return { ok: false, error: 'args' };
      return {
        ok: false,
        error: 'conversion',
        arg: typeof v === 'number' ? `number ${a.str(v)}` : `string ${a.str(v)}`,
      };
    }
    const v = a.next();
    if (v === undefined) return { ok: false, error: 'args' };
    let s: string;
    switch (conv) {
      case 's': {
        s = a.str(v);
        if (prec !== undefined) s = s.slice(0, prec);
        out += pad(s, width, flags, false);
        continue;
      }
      case 'c': {
        if (typeof v === 'number') s = String.fromCharCode(a.int(v) & 0xff);
        else s = a.str(v).slice(0, 1) || '\0';
        out += pad(s, width, flags, false);
        continue;
      }
      case 'd':
      case 'i': {
        const n = a.int(a.num(v));
        let digits = String(Math.abs(n));
        if (prec !== undefined) digits = prec === 0 && n === 0 ? '' : digits.padStart(prec, '0');
        s = (n < 0 ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '') + digits;
        out += pad(s, width, flags, prec === undefined);
        continue;
      }
      case 'o':
      case 'u':
      case 'x':
      case 'X': {
        const n = a.uint(a.num(v));
        let digits = n.toString(conv === 'o' ? 8 : conv === 'u' ? 10 : 16);
        if (conv === 'X') digits = digits.toUpperCase();
        if (prec !== undefined) digits = prec === 0 && n === 0 ? '' : digits.padStart(prec, '0');
        if (flags.includes('#') && n !== 0)
          digits =
            conv === 'o'
              ? digits.startsWith('0')
                ? digits
                : `0${digits}`
              : conv === 'x'
                ? `0x${digits}`
                : conv === 'X'
                  ? `0X${digits}`
                  : digits;
        out += pad(digits, width, flags, prec === undefined);
        continue;
      }
      default:
        out += pad(floatConv(a.num(v), conv, flags, prec), width, flags, Number.isFinite(a.num(v)));
    }
  }
  return { ok: true, text: out };
}

/** CONVFMT/OFMT applied to one number (a format without a usable conversion prints as %.6g). */
export function formatNumber(fmt: string, n: number): string {
  let used = false;
  const r = format(fmt, {
    next: () => (used ? undefined : ((used = true), n)),
    num: (v) => (typeof v === 'number' ? v : 0),
    str: (v) => String(v),
    int: (d) => (Number.isNaN(d) ? 0 : Math.max(-2147483647, Math.min(2147483647, Math.trunc(d)))),
    uint: (d) => (Number.isNaN(d) || d <= 0 ? 0 : Math.min(4294967295, Math.trunc(d))),
  });
  return r.ok ? r.text : floatConv(n, 'g', '', 6);
}
