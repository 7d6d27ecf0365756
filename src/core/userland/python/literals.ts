// String and number literals: escape sequences as CPython decodes them, and
// the numeric forms (underscores, 0x/0o/0b, floats). Invalid escapes are kept
// as written and reported, as CPython 3.12+ warns about them.
import type { ConstValue } from './ast';

export interface Decoded {
  text: string;
  /** Invalid escapes met (CPython prints a SyntaxWarning for each). */
  badEscapes: string[];
}

const SIMPLE: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  v: '\v',
  '\n': '',
};

/** Decode the body of a string literal (between the quotes). */
export function decodeEscapes(body: string, raw: boolean, bytes: boolean): Decoded {
  if (raw) return { text: body, badEscapes: [] };
  let out = '';
  const bad: string[] = [];
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== '\\' || i + 1 >= body.length) {
      out += c;
      continue;
    }
    const d = body[++i];
    if (d in SIMPLE) out += SIMPLE[d];
    else if (/[0-7]/.test(d)) {
      let j = i;
      while (j < body.length && j < i + 3 && /[0-7]/.test(body[j])) j++;
      out += String.fromCharCode(parseInt(body.slice(i, j), 8) & (bytes ? 0xff : 0x1ff));
      i = j - 1;
    } else if (d === 'x' && /^[0-9a-fA-F]{2}/.test(body.slice(i + 1))) {
      out += String.fromCharCode(parseInt(body.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (!bytes && d === 'u' && /^[0-9a-fA-F]{4}/.test(body.slice(i + 1))) {
      out += String.fromCharCode(parseInt(body.slice(i + 1, i + 5), 16));
      i += 4;
    } else if (!bytes && d === 'U' && /^[0-9a-fA-F]{8}/.test(body.slice(i + 1))) {
      out += String.fromCodePoint(parseInt(body.slice(i + 1, i + 9), 16));
      i += 8;
    } else {
      bad.push(`\\${d}`);
      out += `\\${d}`;
    }
  }
  return { text: out, badEscapes: bad };
}

/** The value of a NUMBER token. */
export function numberValue(text: string): ConstValue {
  const t = text.replace(/_/g, '');
  if (/[jJ]$/.test(t)) return { k: 'complex' };
  if (/^0[xX]/.test(t)) return { k: 'int', v: BigInt(t) };
  if (/^0[oO]/.test(t)) return { k: 'int', v: BigInt('0o' + t.slice(2)) };
  if (/^0[bB]/.test(t)) return { k: 'int', v: BigInt('0b' + t.slice(2)) };
  if (/[.eE]/.test(t)) return { k: 'float', v: Number(t) };
  return { k: 'int', v: BigInt(t) };
}

/** A decoded bytes literal (every char is below 256). */
export function latin1Bytes(s: string): Uint8Array {
  const b = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i) & 0xff;
  return b;
}
