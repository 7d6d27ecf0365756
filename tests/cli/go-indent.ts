// encoding/json's json.Indent over JSON text: the reference goMarshalIndent is held to
// (the CLI writes indented JSON in one pass; this re-reads compact text as Go does).

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
