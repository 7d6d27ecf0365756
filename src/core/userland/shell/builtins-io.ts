// echo, printf and read as the shells build them in: dash's echo always
// interprets backslash escapes, bash's and busybox's only with -e; printf
// reuses its format until the arguments run out; read splits a line on IFS.
import { ifsOf } from './expand';
import { inputOf } from './io';
import type { Shell } from './shell';

/** Backslash escapes of echo -e / printf %b / dash's echo. `stop` is set by \c. */
export function escapes(s: string): { text: string; stop: boolean } {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c !== '\\' || i + 1 >= s.length) {
      out += c;
      continue;
    }
    const n = s[++i];
    const simple: Record<string, string> = { a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };
    if (n in simple) out += simple[n];
    else if (n === 'c') return { text: out, stop: true };
    else if (n === '0') {
      let digits = '';
      while (digits.length < 3 && /[0-7]/.test(s[i + 1] ?? '')) digits += s[++i];
      out += String.fromCharCode(parseInt(digits || '0', 8) & 0xff);
    } else if (n === 'x' && /[0-9a-fA-F]/.test(s[i + 1] ?? '')) {
      let hex = '';
      while (hex.length < 2 && /[0-9a-fA-F]/.test(s[i + 1] ?? '')) hex += s[++i];
      out += String.fromCharCode(parseInt(hex, 16));
    } else out += `\\${n}`;
  }
  return { text: out, stop: false };
}

export async function echo(sh: Shell, argv: string[]): Promise<number> {
  let args = argv.slice(1);
  let newline = true;
  let interpret = sh.flavour.echoEscapes;
  if (sh.flavour.echoOptions) {
    while (args.length > 0 && /^-[neE]+$/.test(args[0])) {
      for (const c of args[0].slice(1)) {
        if (c === 'n') newline = false;
        else if (c === 'e') interpret = true;
        else interpret = false;
      }
      args = args.slice(1);
    }
  } else if (args[0] === '-n') {
    newline = false;
    args = args.slice(1);
  }
  let text = args.join(' ');
  if (interpret) {
    const r = escapes(text);
    text = r.text;
    if (r.stop) newline = false;
  }
  sh.out(newline ? `${text}\n` : text);
  return 0;
}

function numericArg(sh: Shell, s: string | undefined, errors: string[]): number {
  if (s === undefined || s === '') return 0;
  if (s[0] === "'" || s[0] === '"') return s.length > 1 ? s.codePointAt(1)! : 0;
  const m = /^\s*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)(.*)$/.exec(s);
  const magnitude = m ? (/^0[xX]/.test(m[2]) ? parseInt(m[2], 16) : m[2].startsWith('0') ? parseInt(m[2], 8) || 0 : Number(m[2])) : 0;
  const v = m?.[1] === '-' ? -magnitude : magnitude;
  if (m && m[3].trim() === '') return v;
  const f = sh.flavour.name;
  errors.push(f === 'bash' ? `${s}: invalid number` : f === 'ash' ? `invalid number '${s}'` : `${s}: expected numeric value`);
  return v;
}

function pad(s: string, width: number, left: boolean, zero: boolean): string {
  if (s.length >= width) return s;
  if (left) return s.padEnd(width);
  if (zero) {
    const sign = /^[+\- ]/.test(s) ? s[0] : '';
    const prefix = /^[+\- ]?0[xX]/.test(s) ? s.slice(0, sign.length + 2) : sign;
    return prefix + s.slice(prefix.length).padStart(width - prefix.length, '0');
  }
  return s.padStart(width);
}

function formatFloat(v: number, conv: string, prec: number | undefined, alt: boolean): string {
  const p = prec ?? 6;
  if (!Number.isFinite(v)) return conv === conv.toUpperCase() ? String(v).toUpperCase().replace('INFINITY', 'INF') : String(v).toLowerCase().replace('infinity', 'inf');
  if (conv === 'f' || conv === 'F') return v.toFixed(p);
  if (conv === 'e' || conv === 'E') {
    const s = v.toExponential(p).replace(/e([+-])(\d)$/, 'e$10$2');
    return conv === 'E' ? s.toUpperCase() : s;
  }
  // %g: shortest of %e/%f with `p` significant digits, trailing zeros dropped
  const P = p === 0 ? 1 : p;
  const exp = v === 0 ? 0 : Math.floor(Math.log10(Math.abs(v)));
  let s = exp < -4 || exp >= P ? v.toExponential(P - 1).replace(/e([+-])(\d)$/, 'e$10$2') : v.toFixed(Math.max(0, P - 1 - exp));
  if (!alt) s = s.replace(/\.?0+(e|$)/, '$1');
  return conv === 'G' ? s.toUpperCase() : s;
}

export async function printf(sh: Shell, argv: string[]): Promise<number> {
  let args = argv.slice(1);
  if (args[0] === '--') args = args.slice(1);
  if (args.length === 0) {
    sh.error(sh.flavour.name === 'bash' ? 'usage: printf [-v var] format [arguments]' : 'usage: printf format [arg ...]', 'printf');
    return 2;
  }
  const format = args[0];
  const rest = args.slice(1);
  const errors: string[] = [];
  let out = '';
  for (;;) {
    let used = false;
    let stop = false;
    for (let i = 0; i < format.length && !stop; i++) {
      const c = format[i];
      if (c === '\\') {
        let j = i + 1;
        if (/[0-7]/.test(format[j] ?? '')) {
          let d = '';
          while (d.length < 3 && /[0-7]/.test(format[j] ?? '')) d += format[j++];
          out += String.fromCharCode(parseInt(d, 8) & 0xff);
          i = j - 1;
          continue;
        }
        const r = escapes(format.slice(i, i + 2));
        out += format[i + 1] === '"' ? '"' : format[i + 1] === "'" ? "'" : r.text;
        i++;
        continue;
      }
      if (c !== '%') {
        out += c;
        continue;
      }
      const m = /^%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d*))?([diouxXcsbfFeEgG%])/.exec(format.slice(i));
      if (!m) {
        out += c;
        continue;
      }
      i += m[0].length - 1;
      const [, flags, w, pr, conv] = m;
      if (conv === '%') {
        out += '%';
        continue;
      }
      const next = () => {
        used = true;
        return rest.shift();
      };
      const width = w === '*' ? numericArg(sh, next(), errors) : w ? Number(w) : 0;
      const prec = pr === undefined ? undefined : pr === '*' ? numericArg(sh, next(), errors) : Number(pr || '0');
      const left = flags.includes('-') || width < 0;
      const zero = flags.includes('0') && !left;
      const arg = next();
      let s: string;
      switch (conv) {
        case 's':
          s = arg ?? '';
          if (prec !== undefined) s = s.slice(0, prec);
          break;
        case 'b': {
          const r = escapes(arg ?? '');
          s = r.text;
          stop = r.stop;
          break;
        }
        case 'c':
          s = (arg ?? '').slice(0, 1);
          break;
        case 'd':
        case 'i': {
          const v = Math.trunc(numericArg(sh, arg, errors));
          s = String(Math.abs(v));
          if (prec !== undefined) s = s.padStart(prec, '0');
          s = (v < 0 ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '') + s;
          break;
        }
        case 'o':
        case 'u':
        case 'x':
        case 'X': {
          let v = BigInt(Math.trunc(numericArg(sh, arg, errors)));
          if (v < 0n) v = BigInt.asUintN(64, v);
          s = v.toString(conv === 'o' ? 8 : conv === 'u' ? 10 : 16);
          if (conv === 'X') s = s.toUpperCase();
          if (prec !== undefined) s = s.padStart(prec, '0');
          if (flags.includes('#') && v !== 0n) s = conv === 'o' ? `0${s}` : conv === 'x' ? `0x${s}` : conv === 'X' ? `0X${s}` : s;
          break;
        }
        default: {
          const v = arg === undefined || arg === '' ? 0 : Number(arg);
          if (Number.isNaN(v)) errors.push(sh.flavour.name === 'bash' ? `${arg}: invalid number` : `${arg}: expected numeric value`);
          s = formatFloat(Number.isNaN(v) ? 0 : v, conv, prec, flags.includes('#'));
          if (v >= 0 && flags.includes('+')) s = `+${s}`;
        }
      }
      out += pad(s, Math.abs(width), left, zero && conv !== 's' && conv !== 'c' && conv !== 'b');
    }
    if (stop || !used || rest.length === 0) break;
  }
  sh.out(out);
  for (const e of errors) sh.error(e, 'printf');
  return errors.length > 0 ? 1 : 0;
}

export async function read(sh: Shell, argv: string[]): Promise<number> {
  let raw = false;
  let prompt: string | undefined;
  let nchars: number | undefined;
  let timeout: number | undefined;
  let delim = '\n';
  let i = 1;
  for (; i < argv.length && argv[i].startsWith('-') && argv[i] !== '-'; i++) {
    const a = argv[i];
    if (a === '--') {
      i++;
      break;
    }
    for (let k = 1; k < a.length; k++) {
      const o = a[k];
      const value = () => (k + 1 < a.length ? a.slice(k + 1) : argv[++i]);
      if (o === 'r') raw = true;
      else if (o === 's') continue;
      else if (o === 'p') {
        prompt = value() ?? '';
        break;
      } else if (o === 'n' && sh.flavour.name !== 'dash') {
        nchars = Number(value());
        break;
      } else if (o === 't' && sh.flavour.name !== 'dash') {
        timeout = Number(value());
        break;
      } else if (o === 'd' && sh.flavour.name === 'bash') {
        delim = (value() ?? '')[0] ?? '\0';
        break;
      } else {
        sh.error(sh.flavour.name === 'bash' ? `-${o}: invalid option` : `Illegal option -${o}`, 'read');
        return 2;
      }
    }
  }
  const names = argv.slice(i);
  // BusyBox's shell_builtin_read checks every name before it reads anything (bb_error_msg: no line number)
  if (sh.flavour.name === 'ash') {
    const bad = names.find((n) => !/^[A-Za-z_][A-Za-z0-9_]*$/.test(n));
    if (bad !== undefined) {
      sh.error(`read: '${bad}': bad variable name`);
      return 1;
    }
  }
  if (names.length === 0) {
    if (sh.flavour.name === 'dash') {
      sh.error('arg count', 'read');
      return 2;
    }
    names.push('REPLY');
  }
  if (prompt !== undefined && (sh.flavour.name !== 'bash' || sh.ctx.tty)) sh.errOut(prompt);
  const input = inputOf(sh.fds.reader(0));
  let line = '';
  let eof = false;
  const wake = sh.wakeSignal();
  const token = { cancelled: false };
  type Interrupted = { wokenBy: number } | { timeout: true };
  const waits: Array<Promise<Interrupted>> = [wake.promise];
  // read -t: bash gives up with a status above 128
  if (timeout !== undefined) waits.push(sh.ctx.sleep(timeout * 1000).then(() => ({ timeout: true as const })));
  try {
    for (;;) {
      const next = nchars !== undefined ? input.readChars(nchars, token).then((c) => (c === null ? null : { line: c, nl: true })) : input.readLine(delim, token);
      const got = await sh.ctx.wait(Promise.race<{ line: string; nl: boolean } | null | Interrupted>([next, ...waits]));
      if (got !== null && 'wokenBy' in got) return 128 + got.wokenBy;
      if (got !== null && 'timeout' in got) return 142;
      if (got === null) {
        eof = true;
        break;
      }
      const part = got.line;
      const nl = got.nl;
      if (!raw && part.endsWith('\\') && !part.endsWith('\\\\') && nl) {
        line += part.slice(0, -1);
        continue;
      }
      line += part;
      if (!nl) eof = true;
      break;
    }
  } finally {
    token.cancelled = true;
    wake.cancel();
  }
  assignFields(sh, names, line, raw);
  return eof ? 1 : 0;
}

/** IFS splitting for read: the last name takes the rest of the line. */
function assignFields(sh: Shell, names: string[], line: string, raw: boolean): void {
  const ifs = ifsOf(sh);
  const ws = [...ifs].filter((c) => c === ' ' || c === '\t' || c === '\n').join('');
  const isIfs = (c: string) => ifs.includes(c);
  const isWs = (c: string) => ws.includes(c);
  // characters escaped by a backslash (without -r) are never separators
  const chars: Array<{ c: string; lit: boolean }> = [];
  for (let i = 0; i < line.length; i++) {
    if (!raw && line[i] === '\\' && i + 1 < line.length) chars.push({ c: line[++i], lit: true });
    else if (!raw && line[i] === '\\') continue;
    else chars.push({ c: line[i], lit: false });
  }
  let i = 0;
  while (i < chars.length && !chars[i].lit && isWs(chars[i].c)) i++;
  for (let n = 0; n < names.length; n++) {
    let value = '';
    if (n === names.length - 1) {
      let end = chars.length;
      while (end > i && !chars[end - 1].lit && isWs(chars[end - 1].c)) end--;
      value = chars.slice(i, end).map((x) => x.c).join('');
      i = chars.length;
    } else {
      while (i < chars.length && (chars[i].lit || !isIfs(chars[i].c))) value += chars[i++].c;
      while (i < chars.length && !chars[i].lit && isWs(chars[i].c)) i++;
      if (i < chars.length && !chars[i].lit && isIfs(chars[i].c)) i++;
      while (i < chars.length && !chars[i].lit && isWs(chars[i].c)) i++;
    }
    if (!sh.vars.set(names[n], value, sh.opts.a)) sh.error(sh.readonlyMessage(names[n]), 'read');
  }
}
