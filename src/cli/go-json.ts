// encoding/json as the daemon and the docker CLI use it: Go's string escaping
// (optionally without HTML escaping) and json.Indent's layout for `docker inspect`.

const HEX = '0123456789abcdef';

/** Nothing to escape in it: what nearly every name, path and ID is. */
function plain(s: string, escapeHTML: boolean): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || c === 0x2028 || c === 0x2029) return false;
    if (c >= 0xd800 && c <= 0xdfff) return false;
    if (escapeHTML && (c === 0x3c || c === 0x3e || c === 0x26)) return false;
  }
  return true;
}

/** A JSON string literal exactly as Go's encoder writes it. */
export function goJsonString(s: string, escapeHTML: boolean): string {
  if (plain(s, escapeHTML)) return '"' + s + '"';
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (c < 0x20) {
      if (ch === '\n') out += '\\n';
      else if (ch === '\r') out += '\\r';
      else if (ch === '\t') out += '\\t';
      else if (ch === '\b') out += '\\b';
      else if (ch === '\f') out += '\\f';
      else out += '\\u00' + HEX[c >> 4] + HEX[c & 0xf];
    } else if (escapeHTML && (ch === '<' || ch === '>' || ch === '&')) {
      out += '\\u00' + HEX[c >> 4] + HEX[c & 0xf];
    } else if (c === 0x2028 || c === 0x2029) {
      out += '\\u202' + HEX[c & 0xf];
    } else if (c >= 0xd800 && c <= 0xdfff) {
      out += '\ufffd'; // a lone surrogate is invalid UTF-8 to Go
    } else out += ch;
  }
  return out + '"';
}

/** json.Marshal of a JS value with object keys in insertion order (the daemon's struct order). */
export function goMarshal(v: unknown, escapeHTML = false): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return goJsonString(v, escapeHTML);
  if (typeof v === 'number') return Number.isFinite(v) ? JSON.stringify(v) : 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Array.isArray(v)) return '[' + v.map((e) => goMarshal(e, escapeHTML)).join(',') + ']';
  if (typeof v === 'object') {
    const parts: string[] = [];
    for (const [k, e] of Object.entries(v as Record<string, unknown>)) {
      if (e === undefined) continue;
      parts.push(goJsonString(k, escapeHTML) + ':' + goMarshal(e, escapeHTML));
    }
    return '{' + parts.join(',') + '}';
  }
  return 'null';
}

/**
 * json.MarshalIndent: what goIndent(goMarshal(v), indent) gives, written in one pass
 * (`docker inspect` of a container is some two thousand pieces: no text to re-read).
 */
export function goMarshalIndent(v: unknown, indent: string, escapeHTML = false): string {
  const out: string[] = [];
  const breaks: string[] = ['\n'];
  const newline = (d: number) => breaks[d] ?? (breaks[d] = '\n' + indent.repeat(d));
  const write = (x: unknown, depth: number): void => {
    if (Array.isArray(x)) {
      if (x.length === 0) {
        out.push('[]');
        return;
      }
      out.push('[');
      for (let i = 0; i < x.length; i++) {
        out.push(i === 0 ? newline(depth + 1) : ',' + newline(depth + 1));
        write(x[i], depth + 1);
      }
      out.push(newline(depth), ']');
      return;
    }
    if (x === null || typeof x !== 'object') {
      out.push(goMarshal(x, escapeHTML));
      return;
    }
    let first = true;
    for (const [k, e] of Object.entries(x as Record<string, unknown>)) {
      if (e === undefined) continue;
      out.push(first ? '{' + newline(depth + 1) : ',' + newline(depth + 1), goJsonString(k, escapeHTML), ': ');
      first = false;
      write(e, depth + 1);
    }
    if (first) out.push('{}');
    else out.push(newline(depth), '}');
  };
  write(v, 0);
  return out.join('');
}

/** json.Indent(dst, src, prefix="", indent): empty arrays and objects stay `[]` / `{}`. */
export function goIndent(src: string, indent: string): string {
  let out = '';
  let depth = 0;
  let needIndent = false; // just opened a container: newline+indent goes before the next value
  const breaks: string[] = ['\n'];
  const newline = (d: number) => breaks[d] ?? (breaks[d] = '\n' + indent.repeat(d));
  for (let i = 0; i < src.length; i++) {
    const c = src.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) continue;
    const closing = c === 0x5d || c === 0x7d; // ] }
    if (needIndent && !closing) {
      needIndent = false;
      depth++;
      out += newline(depth);
    }
    if (c === 0x22) {
      // a string: copied as it is, up to its closing quote (escapes skipped over)
      let j = i + 1;
      for (; j < src.length; j++) {
        const d = src.charCodeAt(j);
        if (d === 0x5c) j++;
        else if (d === 0x22) break;
      }
      out += src.slice(i, j + 1);
      i = j;
    } else if (c === 0x7b || c === 0x5b) {
      out += src[i];
      needIndent = true;
    } else if (c === 0x2c) {
      out += ',' + newline(depth);
    } else if (c === 0x3a) {
      out += ': ';
    } else if (closing) {
      if (needIndent) {
        needIndent = false; // empty container
      } else {
        depth--;
        out += newline(depth);
      }
      out += src[i];
    } else {
      // a number, true, false or null: up to the next structural character
      let j = i + 1;
      for (; j < src.length; j++) {
        const d = src.charCodeAt(j);
        if (
          d === 0x2c ||
          d === 0x5b ||
          d === 0x5d ||
          d === 0x7b ||
          d === 0x7d ||
          d === 0x3a ||
          d === 0x22 ||
          d <= 0x20
        )
          break;
      }
      out += src.slice(i, j);
      i = j - 1;
    }
  }
  return out;
}
