// A SyntaxError found while tokenizing or parsing, with the fields CPython's
// SyntaxError carries (1-based offsets) and its display as traceback.py's
// _format_syntax_error writes it.
import { colors } from './colors';

export type SyntaxKind = 'SyntaxError' | 'IndentationError' | 'TabError';

export class PySyntaxError {
  constructor(
    readonly kind: SyntaxKind,
    readonly msg: string,
    readonly filename: string,
    readonly lineno: number,
    /** 1-based column of the first caret. */
    readonly offset: number,
    /** The source line, or '' when the error has none to show. */
    readonly text: string,
    readonly endOffset: number = offset,
    readonly endLineno: number = lineno,
    /** Compiler-stage errors of `-c` code show no source line. */
    readonly showText = true,
  ) {}
}

/** The lines CPython prints for an uncaught SyntaxError (no "Traceback" header). */
export function formatSyntaxError(e: PySyntaxError, colorize: boolean): string {
  const c = colors(colorize);
  let out = `  File ${c.magenta}"${e.filename}"${c.reset}, line ${c.magenta}${e.lineno}${c.reset}\n`;
  if (!colorize) out = `  File "${e.filename}", line ${e.lineno}\n`;
  if (e.text !== '' && e.showText) {
    const rtext = e.text.replace(/\n+$/, '');
    const ltext = rtext.replace(/^[ \n\f]+/, '');
    const spaces = rtext.length - ltext.length;
    let offset = e.offset;
    let end = e.lineno === e.endLineno ? e.endOffset || offset : rtext.length + 1;
    if (offset > e.text.length) offset = rtext.length + 1;
    if (end > e.text.length) end = rtext.length + 1;
    if (offset >= end || end < 0) end = offset + 1;
    const colno = offset - 1 - spaces;
    const endColno = end - 1 - spaces;
    if (colno >= 0) {
      const pad = [...ltext.slice(0, colno)].map((ch) => (/\s/.test(ch) ? ch : ' ')).join('');
      const shown = colorize
        ? ltext.slice(0, colno) + c.boldRed + ltext.slice(colno, endColno) + c.reset + ltext.slice(endColno)
        : ltext;
      out += `    ${shown}\n    ${pad}${c.boldRed}${'^'.repeat(Math.max(0, endColno - colno))}${c.reset}\n`;
    } else out += `    ${ltext}\n`;
  }
  out += colorize
    ? `${c.boldMagenta}${e.kind}${c.reset}: ${c.magenta}${e.msg}${c.reset}\n`
    : `${e.kind}: ${e.msg}\n`;
  return out;
}
