// encoding/json as the daemon and the docker CLI use it: Go's string escaping
// (optionally without HTML escaping) and json.Indent's layout for `docker inspect`.

const HEX = '0123456789abcdef';

/** A JSON string literal exactly as Go's encoder writes it. */
export function goJsonString(s: string, escapeHTML: boolean): string {
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

/** json.Indent(dst, src, prefix="", indent): empty arrays and objects stay `[]` / `{}`. */
export function goIndent(src: string, indent: string): string {
  let out = '';
  let depth = 0;
  let inString = false;
  let needIndent = false; // just opened a container: newline+indent goes before the next value
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (inString) {
      out += c;
      if (c === '\\') {
        out += src[++i];
      } else if (c === '"') inString = false;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') continue;
    if (needIndent && c !== ']' && c !== '}') {
      needIndent = false;
      depth++;
      out += '\n' + indent.repeat(depth);
    }
    switch (c) {
      case '"':
        inString = true;
        out += c;
        break;
      case '{':
      case '[':
        out += c;
        needIndent = true;
        break;
      case ',':
        out += ',\n' + indent.repeat(depth);
        break;
      case ':':
        out += ': ';
        break;
      case '}':
      case ']':
        if (needIndent) {
          needIndent = false; // empty container
        } else {
          depth--;
          out += '\n' + indent.repeat(depth);
        }
        out += c;
        break;
      default:
        out += c;
    }
  }
  return out;
}
