// File content helpers: generated blobs (bytes exist only when read), UTF-8
// conversion without TextEncoder/TextDecoder (the core has no DOM or Node lib),
// and the edits a write makes (append, truncate) on any kind of Content.
import type { Content, GeneratedContent } from './types';
import { contentSize } from './types';

/** A deterministic blob of `size` bytes; nothing is produced until someone reads it. */
export function gen(size: number, seed: string): GeneratedContent {
  if (!Number.isInteger(size) || size < 0) throw new RangeError(`gen: bad size ${size}`);
  return { kind: 'generated', size, seed };
}

export function isGenerated(c: Content): c is GeneratedContent {
  return typeof c === 'object' && !(c instanceof Uint8Array);
}

// Printable ASCII so one character is one byte: a generated blob read as text
// has exactly `size` characters and `size` UTF-8 bytes.
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function seedHash(seed: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0 || 1;
}

/** The bytes of a generated blob as a string, produced in 64 KiB chunks. */
function generatedText(g: GeneratedContent): string {
  let x = seedHash(`${g.seed}:${g.size}`);
  const chunks: string[] = [];
  const codes = new Array<number>(Math.min(g.size, 65536));
  let left = g.size;
  while (left > 0) {
    const n = Math.min(left, 65536);
    if (codes.length !== n) codes.length = n;
    for (let i = 0; i < n; i += 4) {
      // xorshift32: fast, deterministic, plenty for filler bytes
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      codes[i] = ALPHABET.charCodeAt(x & 63);
      if (i + 1 < n) codes[i + 1] = ALPHABET.charCodeAt((x >>> 6) & 63);
      if (i + 2 < n) codes[i + 2] = ALPHABET.charCodeAt((x >>> 12) & 63);
      if (i + 3 < n) codes[i + 3] = ALPHABET.charCodeAt((x >>> 18) & 63);
    }
    let s = '';
    for (let i = 0; i < n; i += 8192) s += String.fromCharCode(...codes.slice(i, Math.min(n, i + 8192)));
    chunks.push(s);
    left -= n;
  }
  return chunks.join('');
}

export function utf8Encode(s: string): Uint8Array {
  const out = new Uint8Array(contentSize(s));
  let j = 0;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      }
    }
    if (c < 0x80) out[j++] = c;
    else if (c < 0x800) {
      out[j++] = 0xc0 | (c >> 6);
      out[j++] = 0x80 | (c & 63);
    } else if (c < 0x10000) {
      out[j++] = 0xe0 | (c >> 12);
      out[j++] = 0x80 | ((c >> 6) & 63);
      out[j++] = 0x80 | (c & 63);
    } else {
      out[j++] = 0xf0 | (c >> 18);
      out[j++] = 0x80 | ((c >> 12) & 63);
      out[j++] = 0x80 | ((c >> 6) & 63);
      out[j++] = 0x80 | (c & 63);
    }
  }
  return j === out.length ? out : out.subarray(0, j);
}

/** UTF-8 decode; invalid sequences become U+FFFD exactly as TextDecoder does (WHATWG "maximal subpart"). */
export function utf8Decode(b: Uint8Array): string {
  const parts: string[] = [];
  let s = '';
  const emit = (cp: number) => {
    s += String.fromCodePoint(cp);
    if (s.length > 8192) {
      parts.push(s);
      s = '';
    }
  };
  let i = 0;
  while (i < b.length) {
    const c = b[i++];
    if (c < 0x80) {
      emit(c);
      continue;
    }
    let need: number;
    let lower = 0x80;
    let upper = 0xbf;
    let cp: number;
    if (c >= 0xc2 && c <= 0xdf) {
      need = 1;
      cp = c & 0x1f;
    } else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      cp = c & 0xf;
      if (c === 0xe0) lower = 0xa0;
      if (c === 0xed) upper = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      cp = c & 0x7;
      if (c === 0xf0) lower = 0x90;
      if (c === 0xf4) upper = 0x8f;
    } else {
      emit(0xfffd);
      continue;
    }
    let ok = true;
    while (need > 0) {
      if (i >= b.length || b[i] < lower || b[i] > upper) {
        ok = false;
        break;
      }
      cp = (cp << 6) | (b[i++] & 0x3f);
      lower = 0x80;
      upper = 0xbf;
      need--;
    }
    emit(ok ? cp : 0xfffd);
  }
  parts.push(s);
  return parts.join('');
}

/** Content as text (what `cat` prints). Generated blobs are produced here, and only here. */
export function contentText(c: Content): string {
  if (typeof c === 'string') return c;
  if (c instanceof Uint8Array) return utf8Decode(c);
  return generatedText(c);
}

/** Content as bytes. */
export function contentBytes(c: Content): Uint8Array {
  if (typeof c === 'string') return utf8Encode(c);
  if (c instanceof Uint8Array) return c;
  return utf8Encode(generatedText(c));
}

/** Whether two contents hold the same bytes (without producing generated blobs when avoidable). */
export function sameContent(a: Content, b: Content): boolean {
  if (a === b) return true;
  if (contentSize(a) !== contentSize(b)) return false;
  if (typeof a === 'string' && typeof b === 'string') return a === b;
  if (isGenerated(a) && isGenerated(b) && a.seed === b.seed) return true;
  const x = contentBytes(a);
  const y = contentBytes(b);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

/** `>>`: text stays text; anything else becomes bytes. */
export function appendContent(a: Content, b: string | Uint8Array): Content {
  if (typeof a === 'string' && typeof b === 'string') return a + b;
  const x = contentBytes(a);
  const y = typeof b === 'string' ? utf8Encode(b) : b;
  const out = new Uint8Array(x.length + y.length);
  out.set(x, 0);
  out.set(y, x.length);
  return out;
}

/** truncate(2): cut to `length` bytes or extend with NUL bytes. */
export function truncateContent(c: Content, length: number): Content {
  const size = contentSize(c);
  if (length === size) return c;
  if (typeof c === 'string' && size === c.length) {
    // ASCII text: bytes are characters
    return length < size ? c.slice(0, length) : c + '\0'.repeat(length - size);
  }
  const bytes = contentBytes(c);
  if (length < size) return bytes.slice(0, length);
  const out = new Uint8Array(length);
  out.set(bytes, 0);
  return out;
}
