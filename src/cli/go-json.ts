// encoding/json as the daemon and the docker CLI use it: Go's string escaping
// (optionally without HTML escaping) and json.MarshalIndent's layout for `docker inspect`.

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
 * json.MarshalIndent: what json.Indent makes of goMarshal's text, written in one pass
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
