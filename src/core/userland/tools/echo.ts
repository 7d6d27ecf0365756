// echo and printf as the binaries (/bin/echo, /usr/bin/printf): backslash
// escapes, printf's conversions reused over the arguments until they run out.
import type { Tool } from './tool';

/** Backslash escapes of echo -e and printf %b; `stop` is set by \c. */
export function unescape(s: string, octalNeedsZero: boolean): { text: string; stop: boolean } {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c !== '\\' || i + 1 >= s.length) {
      out += c;
      continue;
    }
    const n = s[++i];
    switch (n) {
      case 'a': out += '\x07'; break;
      case 'b': out += '\b'; break;
      case 'c': return { text: out, stop: true };
      case 'e': out += '\x1b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'v': out += '\v'; break;
      case '\\': out += '\\'; break;
      case 'x': {
        const m = /^[0-9a-fA-F]{1,2}/.exec(s.slice(i + 1));
        if (!m) {
          out += '\\x';
          break;
        }
        out += String.fromCharCode(parseInt(m[0], 16));
        i += m[0].length;
        break;
      }
      default: {
        const oct = octalNeedsZero ? (n === '0' ? /^[0-7]{0,3}/.exec(s.slice(i + 1)) : null) : /^[0-7]{1,3}/.exec(s.slice(i));
        if (oct) {
          out += String.fromCharCode(parseInt(oct[0] || '0', 8) & 0xff);
          i += octalNeedsZero ? oct[0].length : oct[0].length - 1;
          break;
        }
        out += `\\${n}`;
      }
    }
  }
  return { text: out, stop: false };
}

export function echo(t: Tool, args: string[]): number {
  let newline = true;
  let escapes = false;
  let i = 0;
  // options only when every letter is one of n, e, E (echo has no getopt)
  for (; i < args.length; i++) {
    const a = args[i];
    if (!/^-[neE]+$/.test(a)) break;
    for (const c of a.slice(1)) {
      if (c === 'n') newline = false;
      else if (c === 'e') escapes = true;
      else escapes = false;
    }
  }
  let text = args.slice(i).join(' ');
  if (escapes) {
    const u = unescape(text, true);
    text = u.text;
    if (u.stop) newline = false;
  }
  t.out(newline ? `${text}\n` : text);
  return 0;
}

/** printf(1): the format is reused until every argument is consumed. */
export function printf(t: Tool, args: string[]): number {
  if (args[0] === '--') args = args.slice(1);
  if (args.length === 0) {
    t.warn('missing operand');
    if (t.gnu) t.err(`Try '${t.name} --help' for more information.\n`);
    return 1;
  }
  const fmt = args[0];
  const rest = args.slice(1);
  let status = 0;
  let k = 0;
  const next = (): string | undefined => (k < rest.length ? rest[k++] : undefined);
  const num = (s: string | undefined, int: boolean): number => {
    if (s === undefined || s === '') return 0;
    let v: number;
    if (/^['"]/.test(s)) v = s.length > 1 ? s.charCodeAt(1) : 0;
    else if (int && /^[+-]?0x[0-9a-f]+$/i.test(s)) v = parseInt(s, 16);
    else if (int && /^[+-]?0[0-7]+$/.test(s)) v = parseInt(s, 8);
    else v = Number(s.trim());
    if (!Number.isFinite(v) || (int && !/^\s*[+-]?(\d+|0x[0-9a-f]+|['"].*)$/i.test(s))) {
      const lead = /^\s*[+-]?\d+/.exec(s);
      t.warn(t.gnu ? `'${s}': ${lead ? 'value not completely converted' : 'expected a numeric value'}` : `invalid number '${s}'`);
      status = 1;
      return lead ? Number(lead[0]) : 0;
    }
    return int ? Math.trunc(v) : v;
  };
  let out = '';
  for (;;) {
    const startK = k;
    for (let i = 0; i < fmt.length; i++) {
      const c = fmt[i];
      if (c === '\\') {
        const m = /^\\(x[0-9a-fA-F]{1,2}|[0-7]{1,3}|.)/.exec(fmt.slice(i));
        const esc = m ? m[0] : '\\';
        const u = unescape(esc, false);
        if (u.stop) return flushOut(t, out, status);
        out += u.text;
        i += esc.length - 1;
        continue;
      }
      if (c !== '%') {
        out += c;
        continue;
      }
      const m = /^%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d*))?([hlLqjzt]*)([diouxXfFeEgGcsb%])/.exec(fmt.slice(i));
      if (!m) {
        t.warn(`%${fmt[i + 1] ?? ''}: invalid conversion specification`);
        return flushOut(t, out, 1);
      }
      i += m[0].length - 1;
      const flags = m[1];
      const width = m[2] === '*' ? num(next(), true) : m[2] !== undefined ? Number(m[2]) : undefined;
      const prec = m[3] === '*' ? num(next(), true) : m[3] !== undefined ? Number(m[3] || '0') : undefined;
      const conv = m[5];
      if (conv === '%') {
        out += '%';
        continue;
      }
      let s: string;
      switch (conv) {
        case 's': s = next() ?? ''; if (prec !== undefined) s = s.slice(0, prec); break;
        case 'b': {
          const u = unescape(next() ?? '', true);
          s = u.text;
          if (u.stop) return flushOut(t, out + s, status);
          break;
        }
        case 'c': s = (next() ?? '').slice(0, 1); break;
        case 'd': case 'i': s = intStr(num(next(), true), flags, prec); break;
        case 'u': s = intStr(Math.abs(num(next(), true)), flags, prec); break;
        case 'o': s = radix(num(next(), true), 8, flags.includes('#') ? '0' : '', prec); break;
        case 'x': s = radix(num(next(), true), 16, flags.includes('#') ? '0x' : '', prec); break;
        case 'X': s = radix(num(next(), true), 16, flags.includes('#') ? '0X' : '', prec).toUpperCase(); break;
        default: s = floatStr(num(next(), false), conv, flags, prec);
      }
      out += padField(s, width, flags, /[diouxXfFeEgG]/.test(conv));
    }
    if (k === startK || k >= rest.length) break;
  }
  return flushOut(t, out, status);
}

function flushOut(t: Tool, out: string, status: number): number {
  t.out(out);
  return status;
}

function intStr(v: number, flags: string, prec: number | undefined): string {
  let digits = String(Math.abs(v));
  if (prec !== undefined) digits = digits.padStart(prec, '0');
  const sign = v < 0 ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
  return sign + digits;
}

function radix(v: number, base: number, prefix: string, prec: number | undefined): string {
  const n = v < 0 ? BigInt.asUintN(64, BigInt(v)) : BigInt(v);
  let digits = n.toString(base);
  if (prec !== undefined) digits = digits.padStart(prec, '0');
  return (v !== 0 ? prefix : '') + digits;
}

function floatStr(v: number, conv: string, flags: string, prec: number | undefined): string {
  const p = prec ?? 6;
  let s: string;
  const lower = conv.toLowerCase();
  if (lower === 'f') s = Math.abs(v).toFixed(p);
  else if (lower === 'e') s = cExp(Math.abs(v).toExponential(p));
  else {
    // %g: shortest of %e/%f with P significant digits, trailing zeros dropped
    const P = p === 0 ? 1 : p;
    const exp = v === 0 ? 0 : Math.floor(Math.log10(Math.abs(v)));
    if (exp < -4 || exp >= P) s = cExp(Math.abs(v).toExponential(P - 1));
    else s = Math.abs(v).toFixed(Math.max(0, P - 1 - exp));
    if (!flags.includes('#')) s = s.replace(/(\.\d*?)0+(e|$)/, '$1$2').replace(/\.(e|$)/, '$1');
  }
  if (conv === 'E' || conv === 'G') s = s.toUpperCase();
  const sign = v < 0 || Object.is(v, -0) ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
  return sign + s;
}

/** JS writes 1e+5; C writes 1e+05. */
function cExp(s: string): string {
  return s.replace(/e([+-])(\d)$/, 'e$10$2');
}

function padField(s: string, width: number | undefined, flags: string, numeric: boolean): string {
  if (width === undefined || s.length >= Math.abs(width)) return s;
  if (flags.includes('-') || width < 0) return s.padEnd(Math.abs(width));
  if (flags.includes('0') && numeric) {
    const sign = /^[+\- ]/.test(s) ? s[0] : '';
    const pre = /^[+\- ]?0[xX]/.test(s) ? s.slice(sign.length, sign.length + 2) : '';
    const body = s.slice(sign.length + pre.length);
    return sign + pre + body.padStart(width - sign.length - pre.length, '0');
  }
  return s.padStart(width);
}
