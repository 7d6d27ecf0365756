// Go's strconv.Quote: double quotes, Go's escapes for `"`, `\` and what is not
// printable. `docker ps` quotes commands with it; errors quote values with %q.

/** Printable ASCII but `"` and `\`: quoted as it is (nearly every command line). */
const PRINTABLE_ASCII_UNQUOTED = /^[ !#-[\]-~]*$/;

/** strconv.Quote: double quotes, Go escapes for `"`, `\` and characters that are not printable. */
export function goQuote(s: string): string {
  if (PRINTABLE_ASCII_UNQUOTED.test(s)) return '"' + s + '"';
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (c === 7) out += '\\a';
    else if (c === 8) out += '\\b';
    else if (c === 12) out += '\\f';
    else if (c === 10) out += '\\n';
    else if (c === 13) out += '\\r';
    else if (c === 9) out += '\\t';
    else if (c === 11) out += '\\v';
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else if (!isPrint(c))
      out += c > 0xffff ? '\\U' + c.toString(16).padStart(8, '0') : '\\u' + c.toString(16).padStart(4, '0');
    else out += ch;
  }
  return out + '"';
}

/** unicode.IsPrint for the characters a command line can hold: controls, separators and format characters are not. */
function isPrint(c: number): boolean {
  if (c >= 0x80 && c < 0xa0) return false;
  if (c === 0xad || c === 0x2028 || c === 0x2029) return false;
  if ((c >= 0x200b && c <= 0x200f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2060 && c <= 0x2064))
    return false;
  if (c === 0xfeff || (c >= 0xd800 && c <= 0xdfff) || c === 0xfffe || c === 0xffff) return false;
  // spaces other than U+0020 are not "graphic" in Go's sense
  if (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  )
    return false;
  return true;
}
